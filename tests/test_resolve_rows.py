"""resolve_rows: the pandas-free core of resolve_table, and what resolving may import."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from itinerary.resolve import Resolution, Resolver, resolve_rows, resolve_table
from itinerary.resolve.geonames import GeonamesIndex
from itinerary.resolve.table import _with_columns
from itinerary.stages.dates import normalise
from itinerary.stages.load import read_table

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "data" / "places.csv"
GAZETTEER = ROOT / "data" / "gazetteer.csv"


def _number(value: object) -> float | None:
    out = float(value)  # type: ignore[arg-type]
    return None if math.isnan(out) else out


def _columns_of(df: object) -> tuple[list[str], list[str], list[str],
                                      list[tuple[float, float] | None]]:
    """The four lists resolve_rows takes, read from a loaded and dated stops table."""
    import pandas as pd

    assert isinstance(df, pd.DataFrame)
    overrides: list[tuple[float, float] | None] = []
    for la, lo in zip(df["lat_override"], df["lon_override"], strict=True):
        lat, lon = _number(la), _number(lo)
        overrides.append((lat, lon) if lat is not None and lon is not None else None)
    return (list(df["place"]), list(df["country"]), list(df["start_min"]), overrides)


def test_resolve_rows_and_resolve_table_agree_on_the_bundled_data() -> None:
    stops = normalise(read_table(PLACES))
    places, hints, dates, overrides = _columns_of(stops)
    rows = resolve_rows(places, hints, dates, overrides)
    table = resolve_table(stops)
    assert len(rows) == len(table) == len(stops)
    assert all(isinstance(r, Resolution) for r in rows)
    assert _with_columns(stops, rows).equals(table)
    assert [r.query for r in rows] == [p.strip() for p in places]
    assert sum(r.placed for r in rows) == len(rows)  # every bundled stop is placed


def test_resolve_rows_uses_the_neighbours_like_resolve_table(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"  # GeoNames alone: the curated gazetteer knows Amherst NS
    empty.write_text(GAZETTEER.read_text(encoding="utf-8").splitlines()[0] + "\n",
                     encoding="utf-8")
    resolver = Resolver(empty, geonames=GeonamesIndex())
    rows = resolve_rows(["New York", "Halifax", "Amherst"], ["US", "CA", ""],
                        ["1917-01-13", "1917-04-03", "1917-04-04"], [None, None, None],
                        resolver=resolver)
    assert rows[2].placed and rows[2].country == "CA"  # Amherst, Nova Scotia
    assert resolver.resolve("Amherst").ambiguous       # not on its own


def test_resolve_rows_keeps_row_order_and_lets_an_override_place_an_unknown_name() -> None:
    rows = resolve_rows(["Qwxzzy Farm", "Vienna"], ["", "AT"], ["", "1913"],
                        [(48.5, 16.25), None])
    assert (rows[0].source, rows[0].lat, rows[0].lon) == ("override", 48.5, 16.25)
    assert rows[1].name == "Vienna" and rows[1].country == "AT"


def test_resolve_rows_wants_one_entry_per_row_in_every_list() -> None:
    with pytest.raises(ValueError, match="one entry per row"):
        resolve_rows(["Vienna", "Paris"], [""], ["", ""], [None, None])


NO_HEAVY = """
import csv, json, sys
from itinerary.resolve import resolve_rows
with open(sys.argv[1], encoding="utf-8") as fh:
    rows = list(csv.DictReader(fh))
out = resolve_rows([r["place"] for r in rows], [r["country"] for r in rows],
                   [r["start"] for r in rows], [None] * len(rows))
heavy = sorted(m for m in ("numpy", "pandas", "shapely", "geopy") if m in sys.modules)
areas = [r.to_dict()["area"]["type"] for r in out if r.area is not None]
print(json.dumps({"placed": sum(r.placed for r in out), "rows": len(out), "heavy": heavy,
                  "areas": areas}))
"""


def test_resolving_the_bundled_places_imports_no_numpy_pandas_shapely_or_geopy() -> None:
    """Once the user cache holds the region outlines (shapely draws them on the first run),
    a process that resolves names loads none of the heavy libraries."""
    stops = normalise(read_table(PLACES))
    resolve_rows(*_columns_of(stops))  # the first run, which fills the cache
    done = subprocess.run([sys.executable, "-c", NO_HEAVY, str(PLACES)], capture_output=True,
                          text=True, check=True, env=dict(os.environ), cwd=ROOT)
    report = json.loads(done.stdout)
    assert report["heavy"] == []
    assert report["placed"] == report["rows"] > 50
    # the regions (Siberia, ...) still come with their outline, as GeoJSON on demand
    assert report["areas"] and set(report["areas"]) <= {"Polygon", "MultiPolygon"}


def test_rows_sharing_one_override_each_list_it_once() -> None:
    # identical rows share one answer; the override must not be added to it once per row
    rows = resolve_rows(["Vienna", "Vienna"], ["AT", "AT"], ["1913-01-01", "1913-01-01"],
                        [(48.2, 16.37), (48.2, 16.37)])
    for res in rows:
        assert res.source != "override" and res.country == "AT"  # the gazetteer wins
        assert [a["source"] for a in res.alternatives].count("override") == 1


def test_resolve_many_answers_as_resolve_does_one_name_at_a_time() -> None:
    resolver = Resolver(GAZETTEER, geonames=GeonamesIndex())
    names = ["Petrograd", "Paris", "Paris", "Amherst", "Lodnon", "", "  Tiflis ", "Xyzzyqq",
             "Odessa", "Halifax", "Halifax"]
    hints = [None, "US", None, None, None, None, None, None, "UA", "GB", None]
    for date in (None, "1850", "1917-05-01"):
        many = resolver.resolve_many(names, hints, date=date)
        single = [resolver.resolve(n, country=c, date=date) for n, c in
                  zip(names, hints, strict=True)]
        assert many == single
    assert many[1].ambiguous and many[2].country == "FR"  # many a Paris in the US


def test_region_outlines_answer_point_in_area_like_shapely() -> None:
    import random

    from shapely.geometry import Point

    from itinerary.resolve.areas import area_of, geojson_geometry

    rng = random.Random(7)
    for spec in ("ne:NO", "POLYGON ((60 55, 180 55, 180 75, 60 75, 60 55))"):
        area = area_of(spec)
        shape = geojson_geometry(area.geojson)
        assert shape.covers(Point(area.point[1], area.point[0]))  # the point lies inside
        x0, y0, x1, y1 = shape.bounds
        for _ in range(2000):
            lon, lat = rng.uniform(x0 - 1, x1 + 1), rng.uniform(y0 - 1, y1 + 1)
            assert area.covers(lat, lon) == shape.covers(Point(lon, lat)), (spec, lat, lon)
