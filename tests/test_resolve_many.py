"""Many names at once (``Resolver.resolve_many``), shared answers, and what resolving imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from itinerary.resolve import Resolution, Resolver, resolve_table
from itinerary.resolve.geonames import GeonamesIndex

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "data" / "places.csv"
GAZETTEER = ROOT / "data" / "gazetteer.csv"


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


def test_repeated_names_share_the_answer_of_their_first_mention() -> None:
    resolver = Resolver(GAZETTEER, geonames=GeonamesIndex())
    out = resolver.resolve_many(["Springfield", "Vienna", "Springfield", "Vienna", "Vienna"],
                                [None, "AT", None, "AT", "US"])
    assert out[0] is out[2] and out[1] is out[3]
    assert isinstance(out[1], Resolution) and out[1].country == "AT"
    assert out[4] is not out[1] and out[4].country != "AT"  # another hint, another question


def test_rows_sharing_one_override_each_list_it_once() -> None:
    # identical rows share one answer; the override must not be added to it once per row
    df = pd.DataFrame({"place": ["Vienna", "Vienna"], "country": ["AT", "AT"],
                       "start": ["1913-01-01", "1913-01-01"], "lat": [48.2, 48.2],
                       "lon": [16.37, 16.37]})
    out = resolve_table(df, resolver=Resolver(GAZETTEER, geonames=GeonamesIndex()),
                        progress=False)
    for row in out.itertuples():
        assert row.geo_source != "override" and row.resolved_country == "AT"  # gazetteer wins
        assert [a["source"] for a in json.loads(row.alternatives)].count("override") == 1


LIGHT = """
import csv, json, sys
from itinerary.resolve import Resolver
with open(sys.argv[1], encoding="utf-8") as fh:
    rows = list(csv.DictReader(fh))
resolver = Resolver()
out = [resolver.resolve(r["place"], country=r["country"], date=r["start"]) for r in rows]
heavy = sorted(m for m in ("shapely", "geopy", "rapidfuzz") if m in sys.modules)
areas = [r.to_dict()["area"]["type"] for r in out if r.area is not None]
print(json.dumps({"placed": sum(r.placed for r in out), "rows": len(out), "heavy": heavy,
                  "areas": areas}))
"""


def test_resolving_the_bundled_places_imports_no_shapely_geopy_or_rapidfuzz() -> None:
    """Once the user cache holds the region outlines (shapely draws them on the first run),
    a process that resolves known names loads neither shapely nor the online or fuzzy
    libraries (numpy and pandas may come with the geodesic distance, from itinerary.moves)."""
    subprocess.run([sys.executable, "-c", LIGHT, str(PLACES)], capture_output=True,
                   check=True, env=dict(os.environ), cwd=ROOT)  # fills the cache
    done = subprocess.run([sys.executable, "-c", LIGHT, str(PLACES)], capture_output=True,
                          text=True, check=True, env=dict(os.environ), cwd=ROOT)
    report = json.loads(done.stdout)
    assert report["heavy"] == []
    assert report["placed"] == report["rows"] > 50
    # the regions (Siberia, ...) still come with their outline, as GeoJSON on demand
    assert report["areas"] and set(report["areas"]) <= {"Polygon", "MultiPolygon"}


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
