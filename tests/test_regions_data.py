"""data/regions.csv: Natural Earth's named regions and first-order divisions as areas.

The committed file is read through the resolver's own reader and checked shape by shape; the
names a teacher types resolve to the region (with its area), not to a namesake town; the
derivation (scripts/derive_regions.py) gives the same bytes twice and equals the committed
file. Only that last test needs Natural Earth beside the clone (../shared/naturalearth).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from shapely import wkt
from shapely.geometry import Point

from itinerary.paths import regions_path
from itinerary.resolve import Resolver
from itinerary.resolve.geonames import GeonamesIndex
from itinerary.resolve.historical import COLUMNS, HistoricalGazetteer
from itinerary.resolve.normalise import index_key

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "data" / "regions.csv"
GAZETTEER = ROOT / "data" / "gazetteer.csv"
SCRIPT = ROOT / "scripts" / "derive_regions.py"
NATURAL_EARTH = ROOT.parent / "shared" / "naturalearth"
NATURAL_EARTH_MISSING = (
    "Natural Earth is not beside this clone (../shared/naturalearth): the derivation of "
    "data/regions.csv cannot be rerun; the committed file is checked by the other tests")
MAX_VERTICES = 400  # the script's largest budget (a region drawn as several countries)

# Places (lat, lon) well inside and well outside each region.
PARIS, STUTTGART, MOSCOW = (48.86, 2.35), (48.78, 9.18), (55.75, 37.62)
HELSINKI, BUENOS_AIRES = (60.17, 24.94), (-34.60, -58.38)
INSIDE_OUTSIDE = [
    ("Normandy", (49.44, 1.10), PARIS),            # Rouen
    ("Normandie", (49.18, -0.37), PARIS),          # Caen
    ("Brittany", (48.11, -1.68), PARIS),           # Rennes
    ("Bretagne", (48.39, -4.49), PARIS),           # Brest
    ("Bavaria", (48.14, 11.58), STUTTGART),        # Munich
    ("Bayern", (49.45, 11.08), STUTTGART),         # Nuremberg
    ("Siberia", (56.01, 92.87), MOSCOW),           # Krasnoyarsk
    ("Patagonia", (-48.75, -70.25), BUENOS_AIRES),  # Gobernador Gregores
    ("Scandinavia", (59.91, 10.75), HELSINKI),     # Oslo
    ("Scandinavia", (56.14, 8.97), HELSINKI),      # Herning, Jutland
    ("Lapland", (67.29, 28.16), HELSINKI),         # Savukoski
    ("Arabian Peninsula", (24.71, 46.68), (33.31, 44.37)),  # Riyadh; Baghdad
    ("Balkan Peninsula", (42.70, 23.32), (47.50, 19.04)),   # Sofia; Budapest
    ("Japan", (35.68, 139.69), (37.57, 126.98)),   # Tokyo; Seoul
    ("Gobi", (43.50, 105.00), (39.90, 116.40)),    # Beijing outside
    ("Ontario", (43.65, -79.38), (45.50, -73.57)),  # Toronto; Montreal
    ("Northwest Territories", (62.45, -114.37), (53.55, -113.49)),  # Yellowknife; Edmonton
]
# One place under its English and its local (or other) name.
SAME_PLACE = [("Normandy", "Normandie"), ("Brittany", "Bretagne"), ("Bavaria", "Bayern"),
              ("Northwest Territories", "Territoires du Nord-Ouest"), ("Gobi", "Gobi Desert"),
              ("Kjølen Mountains", "Kjolen Mountains")]
TOWNS = {"city", "town", "village", "district", "building", ""}


def _rows() -> list[dict[str, str]]:
    with open(REGIONS, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _places() -> list[dict[str, str]]:
    """The first row of each key: the one with coordinates and area."""
    first: dict[str, dict[str, str]] = {}
    for row in _rows():
        first.setdefault(row["key"], row)
    return list(first.values())


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    """The default chain: gazetteer.csv, then regions.csv, then GeoNames."""
    return Resolver(geonames=GeonamesIndex())


def test_the_file_is_the_one_the_package_reads_and_is_small() -> None:
    assert regions_path().resolve() == REGIONS.resolve()
    assert REGIONS.stat().st_size < 1_500_000


def test_every_row_parses_through_the_real_reader() -> None:
    with open(REGIONS, encoding="utf-8", newline="") as fh:
        assert tuple(next(csv.reader(fh))) == COLUMNS
    gazetteer = HistoricalGazetteer(REGIONS)  # raises InputError naming any bad row
    places = _places()
    assert set(gazetteer.places) == {p["key"] for p in places} and len(places) > 500
    for p in places:
        assert p["key"].startswith(("ne-", "country-")) and p["area"] and p["feature"], (
            p["key"])
        assert p["coord_source"].startswith("ne:") and "Natural Earth, public domain" in (
            p["coord_source"]), p["key"]
        assert len(p["country"]) in (0, 2), p["key"]


def test_every_area_is_a_valid_shape_holding_its_point() -> None:
    for p in _places():
        if p["area"].startswith("ne:"):  # a country's outline, drawn by the package
            assert len(p["area"]) == 5 and p["area"][3:] == p["country"], p["key"]
            continue
        shape = wkt.loads(p["area"])
        assert shape.geom_type in ("Polygon", "MultiPolygon") and shape.is_valid, p["key"]
        parts = getattr(shape, "geoms", [shape])
        assert sum(len(q.exterior.coords) - 1 for q in parts) <= MAX_VERTICES, p["key"]
        assert shape.covers(Point(float(p["lon"]), float(p["lat"]))), p["key"]


def test_no_key_or_name_repeats_the_curated_gazetteer() -> None:
    """The curated row wins: a name in both files would make the two places tie."""
    with open(GAZETTEER, encoding="utf-8-sig", newline="") as fh:
        curated = list(csv.DictReader(fh))
    keys = {r["key"] for r in curated}
    names = {index_key(r["name"]) for r in curated}
    for row in _rows():
        assert row["key"] not in keys and index_key(row["name"]) not in names, row["name"]


@pytest.mark.parametrize(("name", "inside", "outside"), INSIDE_OUTSIDE)
def test_a_region_name_finds_the_region_and_its_area(
        resolver: Resolver, name: str, inside: tuple[float, float],
        outside: tuple[float, float]) -> None:
    res = resolver.resolve(name)
    assert res.placed and res.source == "gazetteer" and res.feature not in TOWNS, res
    area = res.area
    assert area is not None, f"{name} has no area"
    assert area.covers(Point(inside[1], inside[0]))
    assert not area.covers(Point(outside[1], outside[0]))


# Curated outlines (data/gazetteer.csv) that once missed their region's heart (Natural Earth's
# label strips): the curated row wins over regions.csv, so they are held to it here.
CURATED_DEFECTS = [
    pytest.param("Anatolia", (39.93, 32.86), id="Anatolia-Ankara"),
    pytest.param("Anatolia", (38.42, 27.14), id="Anatolia-Izmir"),
    pytest.param("Lapland", (67.42, 26.59), id="Lapland-Sodankyla"),
    pytest.param("Lapland", (67.85, 20.23), id="Lapland-Kiruna"),
]


@pytest.mark.parametrize(("name", "inside"), CURATED_DEFECTS)
def test_a_curated_region_holds_its_heart(resolver: Resolver, name: str,
                                          inside: tuple[float, float]) -> None:
    res = resolver.resolve(name)
    assert res.area is not None and res.area.covers(Point(inside[1], inside[0]))


@pytest.mark.parametrize(("english", "other"), SAME_PLACE)
def test_english_and_local_names_find_one_place(resolver: Resolver, english: str,
                                                other: str) -> None:
    a, b = resolver.resolve(english), resolver.resolve(other)
    assert a.placed and (a.name, a.lat, a.lon) == (b.name, b.lat, b.lon)


def test_the_region_wins_over_a_small_namesake_town(resolver: Resolver) -> None:
    towns = [c for c in resolver.geonames.candidates("Patagonia") if c.name == "Patagonia"]
    assert towns, "GeoNames has the town Patagonia, Arizona"
    res = resolver.resolve("Patagonia")
    assert res.feature == "region" and res.country == "AR" and res.lat is not None
    assert res.lat < -38


def test_a_big_city_or_a_country_keeps_its_name(resolver: Resolver) -> None:
    """Boa Vista is Roraima's capital, not the Cape Verdean island; Georgia is not the US
    state (the country's name, not in GeoNames' cities: no answer rather than the wrong one)."""
    boa_vista = resolver.resolve("Boa Vista")
    assert boa_vista.country == "BR" and boa_vista.feature not in ("island", "region")
    georgia = resolver.resolve("Georgia")
    assert not (georgia.placed and georgia.country == "US" and georgia.feature == "region")


@pytest.mark.skipif(not NATURAL_EARTH.is_dir(), reason=NATURAL_EARTH_MISSING)
def test_the_derivation_is_deterministic_and_is_the_committed_file(
        in_two_processes: Callable[[str], tuple[bytes, bytes]]) -> None:
    code = (
        "import importlib.util, pathlib, sys\n"
        f"spec = importlib.util.spec_from_file_location('derive_regions', {str(SCRIPT)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        f"sys.stdout.buffer.write(module.derive(pathlib.Path({str(NATURAL_EARTH)!r}))"
        ".encode('utf-8'))\n")
    first, second = in_two_processes(code)
    assert first == second
    assert first == REGIONS.read_bytes(), (
        "data/regions.csv is not the script's current output (data/gazetteer.csv changed?): "
        "run .venv/bin/python scripts/derive_regions.py")


# --- today's countries ---------------------------------------------------------------------

def test_today_s_countries_are_areas_at_a_point_inside_them() -> None:
    from itinerary.resolve.areas import country_shape

    countries = [p for p in _places() if p["feature"] == "country"]
    assert len(countries) > 150
    for p in countries:
        assert p["key"] == f"country-{p['country'].lower()}" and p["area"] == f"ne:{p['country']}"
        assert int(p["population"] or 0) > 0 or p["country"] in ("AQ", "HM"), p["key"]  # no one
    for code in ("FR", "NO", "AM", "EG", "MX"):  # the label point sits inside the outline
        p = next(p for p in countries if p["country"] == code)
        assert country_shape(code).covers(Point(float(p["lon"]), float(p["lat"])))


@pytest.mark.parametrize(("name", "code"), [
    ("France", "FR"), ("Frankreich", "FR"), ("Norway", "NO"), ("Norge", "NO"), ("Egypt", "EG"),
    ("Armenia", "AM"), ("Lebanon", "LB"), ("Peru", "PE"), ("Deutschland", "DE"),
])
def test_a_country_s_name_is_the_country_not_a_namesake_town(name: str, code: str) -> None:
    """Armenia is not the Colombian city, Lebanon not the towns of Tennessee and Ohio, Peru not
    Peru, Indiana; the country is drawn as its outline."""
    res = Resolver().resolve(name, date="1930")
    assert res.placed and (res.country, res.feature) == (code, "country"), res.error
    assert res.area_geojson


def test_an_island_or_a_curated_row_keeps_a_country_s_name() -> None:
    """Ireland stays the island, India the peninsula drawn as the country: no second row."""
    names = {p["name"] for p in _places() if p["feature"] == "country"}
    assert not names & {"Ireland", "India", "Japan", "Jordan", "Singapore"}
