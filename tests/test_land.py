"""The offline land outline: continents without a tile server, and without modern borders."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point, shape

from itinerary import paths
from itinerary.outputs import land


@pytest.fixture(scope="module")
def outline() -> dict:
    return land.land_outline()


def test_outline_is_a_valid_multipolygon(outline: dict) -> None:
    geometry = shape(outline)
    assert outline["type"] == "MultiPolygon"
    assert geometry.is_valid
    assert len(outline["coordinates"]) > 20  # continents and the larger islands


@pytest.mark.parametrize("name, lon, lat", [
    ("Paris", 2.35, 48.86), ("Moscow", 37.62, 55.76), ("Mexico City", -99.13, 19.43),
    ("London", -0.13, 51.51), ("Alma-Ata", 76.95, 43.24), ("Ust-Kut", 105.76, 56.79),
])
def test_places_of_the_story_are_on_land(outline: dict, name: str, lon: float, lat: float) -> None:
    assert shape(outline).contains(Point(lon, lat)), name


@pytest.mark.parametrize("name, lon, lat", [
    ("mid Atlantic", -30.0, 40.0), ("Pacific", -150.0, 0.0), ("Indian Ocean", 80.0, -20.0),
    ("Black Sea", 34.0, 43.5), ("Caspian Sea", 51.0, 42.0),
])
def test_seas_are_not_land(outline: dict, name: str, lon: float, lat: float) -> None:
    assert not shape(outline).contains(Point(lon, lat)), name


def test_countries_are_dissolved_so_no_modern_border_is_drawn(outline: dict) -> None:
    # Europe and Asia are one polygon: there is no ring along the Franco-German border, say.
    geometry = shape(outline)
    paris, moscow, irkutsk = Point(2.35, 48.86), Point(37.62, 55.76), Point(104.3, 52.3)
    container = next(p for p in geometry.geoms if p.contains(paris))
    assert container.contains(moscow) and container.contains(irkutsk)


def test_coordinates_are_rounded_and_the_outline_is_small(outline: dict) -> None:
    text = json.dumps(outline, separators=(",", ":"))
    assert 80_000 < len(text) < 300_000
    for polygon in outline["coordinates"]:
        for ring in polygon:
            for x, y in ring:
                assert round(x, 2) == x and round(y, 2) == y


def test_the_result_is_cached_and_reused(outline: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    cached = list(paths.cache_dir().glob(f"{land.VERSION}-*.json"))
    assert cached, "the outline was not cached"

    def no_rebuild(_: float) -> dict:
        raise AssertionError("rebuilt despite the cache")

    monkeypatch.setattr(land, "_build", no_rebuild)
    assert land.land_outline() == outline


def test_a_damaged_cache_is_rebuilt(outline: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = paths.cache_dir() / f"{land.VERSION}-0.05.json"
    cache.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(land, "_build", lambda _: outline)
    assert land.land_outline() == outline
    assert json.loads(cache.read_text(encoding="utf-8")) == outline
