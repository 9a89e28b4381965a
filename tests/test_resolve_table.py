"""resolve_table: every stop of a table placed, with context from its neighbours."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from itinerary.model import RESOLVED_COLUMNS
from itinerary.moves.geodesy import arc_km as distance_km
from itinerary.resolve import Resolver, resolve_table
from itinerary.resolve.geonames import GeonamesIndex
from itinerary.resolve.table import _resolve_rows

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "data" / "places.csv"
GAZETTEER = ROOT / "data" / "gazetteer.csv"
HEADER = "key,name,from,to,country,lat,lon,feature,area,coord_source\n"
NAN = float("nan")


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    path = tmp_path_factory.mktemp("gaz") / "empty.csv"
    path.write_text(HEADER, encoding="utf-8")
    return Resolver(path, geonames=GeonamesIndex())


@pytest.fixture(scope="module")
def regions(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    path = tmp_path_factory.mktemp("gaz") / "regions.csv"
    path.write_text(HEADER + "finland,Finland,,,FI,62.0,25.5,region,ne:FI,manual\n",
                    encoding="utf-8")
    return Resolver(path, geonames=GeonamesIndex())


def stops(rows: list[tuple], columns: tuple = ("place", "country", "start")) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


def test_amherst_right_after_halifax_is_amherst_nova_scotia(bare: Resolver) -> None:
    df = stops([("New York", "US", "1917-01-13"), ("Halifax", "CA", "1917-04-03"),
                ("Amherst", "", "1917-04-04"), ("Petrograd", "RU", "1917-05-17")])
    out = resolve_table(df, resolver=bare)
    amherst = out.iloc[2]
    assert amherst["resolved_country"] == "CA"
    assert distance_km((amherst["lat"], amherst["lon"]), (45.83, -64.20)) < 5
    # on its own, the same name is ambiguous (Amherst NY and MA are larger)
    assert bare.resolve("Amherst").ambiguous


def test_context_never_forces_an_answer(bare: Resolver) -> None:
    # no hints: Halifax, Massachusetts is as plausible a stop after New York as Halifax, Nova
    # Scotia, so both stay unplaced rather than guessed
    df = stops([("New York", "", "1917-01"), ("Halifax", "", "1917-04"),
                ("Amherst", "", "1917-04")])
    out = resolve_table(df, resolver=bare)
    assert list(out["placed"]) == [True, False, False]
    assert json.loads(out.loc[1, "alternatives"])[0]["country"] == "CA"


def test_neighbours_in_date_order_count_even_when_the_file_is_not_sorted(
        bare: Resolver) -> None:
    df = stops([("Amherst", "", "1917-04-04"), ("Tokyo", "JP", "1950"),
                ("Halifax", "CA", "1917-04-03")])
    out = resolve_table(df, resolver=bare)
    assert out.iloc[0]["resolved_country"] == "CA"


def test_the_stage_adds_the_model_columns_and_keeps_the_input(bare: Resolver) -> None:
    df = stops([("Vienna", "AT", "1907"), ("Xyzzyqq", "", "1908")])
    df["note"] = ["<b>not markup</b>", ""]
    out = resolve_table(df, resolver=bare)
    assert set(RESOLVED_COLUMNS) <= set(out.columns)
    assert list(out["place"]) == ["Vienna", "Xyzzyqq"]
    assert out.loc[0, "note"] == "<b>not markup</b>"
    assert list(out["placed"]) == [True, False]
    assert out["placed"].dtype == bool
    assert math.isnan(out.loc[1, "lat"]) and out.loc[1, "resolved_name"] == ""
    assert out.loc[1, "match"] == "none" and out.loc[1, "confidence"] == 0.0
    assert isinstance(json.loads(out.loc[0, "alternatives"]), list)
    assert out.loc[0, "area"] == "" and out.loc[0, "geo_source"] == "geonames"
    assert "lat" not in df.columns  # the input frame is not modified


def test_a_region_row_carries_its_area_as_geojson(regions: Resolver) -> None:
    out = resolve_table(stops([("Finland", "FI", "1906")]), resolver=regions)
    area = json.loads(out.loc[0, "area"])
    assert area["type"] in ("Polygon", "MultiPolygon") and area["coordinates"]


def test_same_table_same_result(bare: Resolver) -> None:
    df = stops([("London", "", "1902"), ("Amherst", "", "1917"), ("Halifax", "CA", "1917")])
    first, second = resolve_table(df, resolver=bare), resolve_table(df, resolver=bare)
    assert first.to_csv() == second.to_csv()


# --- the row's own coordinates --------------------------------------------------------------

def with_override(rows: list[tuple]) -> pd.DataFrame:
    return stops(rows, ("place", "country", "start", "lat_override", "lon_override"))


def test_the_override_places_what_no_gazetteer_knows(bare: Resolver) -> None:
    out = resolve_table(with_override([("Zyx Farmstead", "", "1900", 51.5, 31.3)]),
                        resolver=bare)
    row = out.iloc[0]
    assert row["geo_source"] == "override" and row["match"] == "override"
    assert (row["lat"], row["lon"]) == (51.5, 31.3) and row["placed"]


def test_a_confident_gazetteer_answer_wins_and_keeps_the_override_as_alternative(
        bare: Resolver) -> None:
    out = resolve_table(with_override([("Vienna", "AT", "1910", 48.0, 16.0)]), resolver=bare)
    row = out.iloc[0]
    assert row["geo_source"] == "geonames"
    assert distance_km((row["lat"], row["lon"]), (48.21, 16.37)) < 5
    alternatives = json.loads(row["alternatives"])
    assert {"source": "override", "lat": 48.0, "lon": 16.0}.items() <= alternatives[0].items()


def test_an_override_settles_an_ambiguous_name_near_it(bare: Resolver) -> None:
    # the coordinates say which Amherst: the gazetteer's namesake there is taken (the row's
    # coordinates are context, and the place is then found confidently)
    out = resolve_table(with_override([("Amherst", "", "1900", 42.37, -72.52)]),
                        resolver=bare)
    assert out.iloc[0]["geo_source"] == "geonames"
    assert out.iloc[0]["resolved_country"] == "US"


def test_a_table_without_override_columns_or_dates_still_resolves(bare: Resolver) -> None:
    out = resolve_table(pd.DataFrame({"place": ["Kherson"]}), resolver=bare)
    assert out.loc[0, "resolved_country"] == "UA"


def test_progress_bar_only_when_forced_for_a_short_table(bare: Resolver,
                                                         capsys: pytest.CaptureFixture) -> None:
    df = stops([("Kherson", "UA", "1898")])
    resolve_table(df, resolver=bare)
    assert "resolving places" not in capsys.readouterr().err
    resolve_table(df, resolver=bare, progress=True)
    assert "resolving places" in capsys.readouterr().err


# --- the project's own data ------------------------------------------------------------------

def gazetteer_points() -> dict[str, tuple[float, float]]:
    """Each gazetteer name -> its key's canonical coordinates."""
    points: dict[str, tuple[float, float]] = {}
    canon: dict[str, tuple[float, float]] = {}
    with open(GAZETTEER, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["key"] not in canon:
                canon[row["key"]] = (float(row["lat"]), float(row["lon"]))
            points.setdefault(row["name"], canon[row["key"]])
    return points


@pytest.mark.skipif(not (PLACES.exists() and GAZETTEER.exists()),
                    reason="data/places.csv or data/gazetteer.csv not written yet")
def test_every_stop_of_the_dataset_lands_within_25_km_of_its_gazetteer_point() -> None:
    df = pd.read_csv(PLACES, dtype=str, keep_default_na=False)
    out = resolve_table(df, resolver=Resolver(GAZETTEER, geonames=GeonamesIndex()))
    points = gazetteer_points()
    far = []
    for row in out.itertuples():
        expected = points.get(row.place)
        if not row.placed or expected is None or \
                distance_km((row.lat, row.lon), expected) > 25:
            far.append((row.place, row.resolved_name, row.lat, row.lon, expected))
    assert not far, far
    assert set(out["geo_source"]) == {"gazetteer"}


DATED = (HEADER
         + "saint-petersburg,Saint Petersburg,,,RU,59.93863,30.31413,city,,manual\n"
         + "saint-petersburg,Petrograd,1914,1924,,,,,,\n")


def test_a_name_with_years_of_use_is_judged_at_each_stops_date(tmp_path: Path) -> None:
    # a table asks for the same name at many dates; an answer is reused across dates only
    # when no gazetteer name of it has years of use
    path = tmp_path / "dated.csv"
    path.write_text(DATED, encoding="utf-8")
    resolver = Resolver(path, geonames=GeonamesIndex())
    out = resolve_table(stops([("Petrograd", "", "1810-06-01"), ("Petrograd", "", "1920-06-01"),
                               ("Petrograd", "", "1990-06-01")]), resolver=resolver,
                        progress=False)
    placed = out.set_index("start")["placed"]
    # in use 1914-1924: only the stop of 1920 is Petrograd; the others are out of its years
    assert placed.to_dict() == {"1810-06-01": False, "1920-06-01": True, "1990-06-01": False}
    assert out.set_index("start").loc["1920-06-01", "resolved_name"] == "Saint Petersburg"


# --- what build and the page are told (issue: never a silent wrong place) ------------------

def test_build_reports_unplaced_with_a_suggestion_and_approximate_matches(tmp_path) -> None:
    import pandas as pd

    from itinerary.pipeline import approximate_lines, unplaced_lines
    from itinerary.resolve.table import resolve_table

    stops = pd.DataFrame({"place": ["Stockholm", "Uppsalla", "Oslo", "Brittanny"],
                          "start": ["1900", "1901", "1902", "1960"], "row": [2, 3, 4, 5]})
    out = resolve_table(stops, progress=False)
    assert approximate_lines("t.csv", out) == [
        "t.csv, row 3, column 'place': 'Uppsalla' matched approximately to Uppsala (SE); "
        "check the spelling"]
    (line,) = unplaced_lines("t.csv", out[~out["placed"].astype(bool)])
    assert "'Brittanny'" in line and "did you mean Brittany (region, FR)" in line
    assert line.endswith("fix the spelling, add a country, or give lat/lon")


def test_the_record_says_renamed_and_matched_only_when_so() -> None:
    import pandas as pd

    from itinerary.outputs.records import stop_columns
    from itinerary.resolve.table import resolve_table

    stops = pd.DataFrame({"place": ["Petrograd", "New York", "Uppsala", "Uppsalla"],
                          "start": ["1917", "1918", "1919", "1920"]})
    cols = stop_columns(resolve_table(stops, progress=False),
                        ("name", "today", "renamed", "matched"))
    assert cols["renamed"] == [True, False, False, False]
    assert cols["matched"] == ["", "", "", "Uppsala"]


# --- a village far from the stops around it (issue 15: never a silent wrong place) ----------

def _table(rows: list[tuple[str, str, str]]) -> list:
    return _resolve_rows([p for p, _, _ in rows], [h for _, h, _ in rows],
                         [d for _, _, d in rows], [None] * len(rows), progress=False)


def test_a_far_village_that_is_a_name_s_only_answer_is_asked_about_not_drawn() -> None:
    """Amundsen's Borge (Norway) is not in the offline data; the only Borge is a Spanish
    village of under 1,000 people, 2,500 km from Christiania, the next stop."""
    borge, oslo = _table([("Borge", "", "1872"), ("Christiania", "", "1873")])
    assert oslo.placed and not borge.placed
    assert "Borge (town, ES" in borge.suggestions[0] and "km from the stops around it" in (
        borge.error)


def test_the_row_s_country_or_a_near_neighbour_keeps_the_village() -> None:
    spain = _table([("Borge", "ES", "1872"), ("Christiania", "", "1873")])[0]
    assert spain.placed and spain.country == "ES"
    near = _table([("Borge", "", "1872"), ("Málaga", "", "1873")])[0]
    assert near.placed and near.country == "ES"


def test_a_capital_is_no_far_village() -> None:
    """Grytviken, South Georgia's capital, of a few dozen people, 1,400 km from the Falklands."""
    grytviken = _table([("Stanley", "FK", "1916"), ("Grytviken", "", "1922")])[1]
    assert grytviken.placed and grytviken.country == "GS"
