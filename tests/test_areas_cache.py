"""A region's outline is computed once with shapely, then read from the user cache.

Each outline is one small file that names the key it was made for (spec, format, simplification,
Natural Earth release): a file made for anything else is never read as this region's outline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from itinerary.resolve import areas

SQUARE = "POLYGON ((10 50, 12 50, 12 52, 10 52, 10 50))"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("ITINERARY_CACHE_DIR", str(tmp_path))
    areas.area_of.cache_clear()
    yield tmp_path
    areas.area_of.cache_clear()


def _no_shapely(spec: str) -> None:
    raise AssertionError(f"outline of {spec!r} recomputed instead of read from the cache")


def test_the_first_use_writes_the_outline_and_later_ones_read_it(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = areas.area_of(SQUARE)
    files = list(cache.glob("area-*.json"))
    assert len(files) == 1
    assert json.loads(files[0].read_text())["key"].endswith(SQUARE)

    areas.area_of.cache_clear()  # as in a new process
    monkeypatch.setattr(areas, "area_geometry", _no_shapely)
    again = areas.area_of(SQUARE)
    assert (again.geojson, again.point) == (first.geojson, first.point)


def test_a_file_made_for_another_key_is_not_read(cache: Path) -> None:
    right = areas.area_of(SQUARE)
    [path] = cache.glob("area-*.json")
    stale = json.loads(path.read_text())
    stale["key"] = stale["key"].replace("((10 50", "((0 0")  # another region, the same file name
    stale["point"] = [0.0, 0.0]
    path.write_text(json.dumps(stale))

    areas.area_of.cache_clear()
    answer = areas.area_of(SQUARE)
    assert answer.point == right.point != (0.0, 0.0)
    assert json.loads(path.read_text())["key"] == areas._area_cache_key(SQUARE)  # rewritten


def test_a_damaged_file_is_recomputed(cache: Path) -> None:
    right = areas.area_of(SQUARE)
    [path] = cache.glob("area-*.json")
    path.write_text('{"key": "')  # a half-written file from another tool
    areas.area_of.cache_clear()
    assert areas.area_of(SQUARE).point == right.point


def test_countries_and_drawn_regions_get_different_keys(cache: Path) -> None:
    country = areas._area_cache_key("ne:NO")
    drawn = areas._area_cache_key(SQUARE)
    assert country != drawn
    assert areas._natural_earth_version() in country  # a new Natural Earth release: a new key
    assert areas._area_cache_file(country) != areas._area_cache_file(drawn)
