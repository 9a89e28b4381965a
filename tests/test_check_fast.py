"""``itinerary check`` runs the pipeline on plain rows, so that it answers at once: its process
must not import pandas, numpy, edtf, shapely or geopy, and every stage on rows must give what
the DataFrame stage of the build gives, row for row and column for column."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from itinerary.commands.check import resolved_records
from itinerary.model import ROW
from itinerary.moves.derive import derive_moves
from itinerary.moves.kinds import geodesic_km, journeys
from itinerary.resolve import resolve_table
from itinerary.stages.dates import normalise
from itinerary.stages.load import read_period_rows, read_periods, read_rows, read_table
from itinerary.stages.order import order_records, order_stops
from itinerary.stages.review import review

ROOT = Path(__file__).resolve().parent.parent
PLACES, PERIODS = ROOT / "data" / "places.csv", ROOT / "data" / "periods.csv"
HEAVY = {"pandas", "numpy", "pydantic", "edtf", "shapely", "geopy", "tqdm", "folium",
         "convertdate"}
#: Standard-library modules that cost ``check`` 5-20 ms each and that it does not need:
#: dataclasses (which imports inspect), typing (type hints are only read by mypy), hashlib, and
#: shutil (argparse imports it to measure the terminal).
SLOW_STDLIB = {"dataclasses", "inspect", "typing", "hashlib", "shutil"}

#: Something for every check to say: overrides near and far, an unknown place, a region, Old
#: Style and vague dates, seasons, a stay split over two rows, a journey too fast, a long gap.
MIXED = """\
place,start,end,calendar,kind,source,lat,lon,country,move
Paris,1900-01-01,1900-01-01,,,s,,,,
Moscow,1900-01-02,,,prison,s,,,,
Paris,1901~,1902?,,,,40.0,-3.7,,
Xyzzyville,1902-21,,,,s,,,,
Siberia,1902-07%,1903-22,julian,exile,s,,,,
Zürich,1903-05,,,escape,s,47.37,8.54,ch,
Zürich,1903-05-02,,,,s,,,,return
London,1903-05-01,1903-12-31,,,s,,,gb,
Versailles,1903-06,1903-07,,,,,,,
New York City,1925,,,,s,,,,
"""


def check(*args: str, flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *flags, "-m", "itinerary", "check", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False,
                          env=dict(os.environ))


@pytest.mark.parametrize("args", [[], ["data/places.csv"],
                                  ["data/places.csv", "--periods", "data/periods.csv"]])
def test_checking_a_csv_imports_no_heavy_library(args: list[str]) -> None:
    """What keeps ``check`` under 150 ms: pandas alone takes half a second to import."""
    assert check(*args).returncode == 0  # the first run fills the user cache
    done = check(*args, flags=("-X", "importtime"))
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[1].strip().split(".")[0]
                for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert {"itinerary", "csv", "sqlite3"} <= imported  # the report was read right
    assert imported.isdisjoint(HEAVY), sorted(imported & HEAVY)
    assert imported.isdisjoint(SLOW_STDLIB), sorted(imported & SLOW_STDLIB)


# --- the rows path and the DataFrame path agree ----------------------------------------------

@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # benchmarks/ is not installed with the package
    from benchmarks.generate import write

    folder = tmp_path_factory.mktemp("tables")
    mixed = folder / "mixed.csv"
    mixed.write_text(MIXED, encoding="utf-8")
    synthetic, _ = write(300, folder, seed=7)
    return {"bundled": PLACES, "mixed": mixed, "synthetic": synthetic}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


@pytest.mark.parametrize("name", ["bundled", "mixed", "synthetic"])
def test_read_rows_is_read_table_without_pandas(tables: dict[str, Path], name: str) -> None:
    rows, frame = read_rows(tables[name]), read_table(tables[name])
    assert list(rows.columns) == list(frame.columns)
    for column, values in rows.columns.items():
        assert all(_same(a, b) for a, b in zip(values, frame[column].tolist(), strict=True))
    assert frame[ROW].dtype == "int64" and frame["lat_override"].dtype == "float64"
    assert frame.attrs == {"file": str(tables[name]), "encoding": "utf-8"}
    assert rows.records()[0] == {c: v[0] for c, v in rows.columns.items()}


def test_read_period_rows_is_read_periods_without_pandas() -> None:
    rows, frame = read_period_rows(PERIODS), read_periods(PERIODS)
    assert rows.columns == {c: frame[c].tolist() for c in frame.columns}
    assert len(rows) == len(frame) > 10


@pytest.mark.parametrize("name", ["bundled", "mixed", "synthetic"])
def test_the_rows_path_gives_the_pipelines_stops_moves_and_warnings(
    tables: dict[str, Path], name: str
) -> None:
    path = tables[name]
    frame = order_stops(resolve_table(normalise(read_table(path), file=str(path))))
    moves = derive_moves(frame)
    records = resolved_records(read_rows(path), str(path))
    legs = journeys(records)

    assert set(records[0]) == set(frame.columns)
    for column in frame.columns:
        ours = [r[column] for r in records]
        theirs = frame[column].tolist()
        if column == "alternatives":
            theirs = [json.loads(text) for text in theirs]
        assert all(_same(a, b) for a, b in zip(ours, theirs, strict=True)), column
    for column in ("from_seq", "to_seq", "from_id", "to_id", "depart", "arrive", "distance_km"):
        assert [leg[column] for leg in legs] == moves[column].tolist(), column
    warned = [str(w) for w in review(records, legs)]
    assert warned == [str(w) for w in review(frame, moves)]
    if name == "mixed":  # every kind of warning, so the comparison above compares something
        assert {w.kind for w in review(records, legs)} == {"speed", "overlap", "source", "gap",
                                                           "override"}


def test_records_are_ordered_like_the_stops_table_ties_in_file_order() -> None:
    stops = [{ROW: row, "start_min": start} for row, start in
             [(2, "1905-01-22"), (3, "1902-01-01"), (4, "1905-01-22"), (5, "1902-01-01")]]
    ordered = order_records(stops)
    assert [(r["seq"], r[ROW]) for r in ordered] == [(0, 3), (1, 5), (2, 2), (3, 4)]
    frame = order_stops(pd.DataFrame(stops))
    assert frame[ROW].tolist() == [r[ROW] for r in ordered]
    assert stops[0] == {ROW: 2, "start_min": "1905-01-22"}  # the input is left alone


@pytest.mark.parametrize(("a", "b"), [
    ((48.85341, 2.3488), (55.75222, 37.61556)),   # Paris - Moscow
    ((0.0, 0.0), (0.5, 179.7)),                   # nearly antipodal: Vincenty fails here
    ((89.9, 10.0), (-89.9, -170.0)),
    ((47.37, 8.54), (47.37, 8.54)),
])
def test_distances_are_geopys_to_the_last_bit(a: tuple[float, float],
                                              b: tuple[float, float]) -> None:
    from geopy.distance import geodesic

    assert geodesic_km(*a, *b) == geodesic(a, b).km


# --- what check says ------------------------------------------------------------------------

def test_check_says_what_the_review_found_and_strict_makes_it_fail(tmp_path: Path) -> None:
    table = tmp_path / "mixed.csv"
    table.write_text(MIXED, encoding="utf-8")
    done = check(str(table))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [f"ok: {table}", "  stops:       10"]
    assert "  coordinates: 2 stops give lat/lon overrides" in done.stdout
    warnings = done.stderr.splitlines()
    assert f"warning: {table}, row 5, column 'place': 'Xyzzyville' could not be placed" \
        in warnings
    assert any(w.startswith(f"warning: {table}, row 3, column 'start': Paris to Moscow is "
                            "2,494 km in at most 1 day") for w in warnings)
    strict = check(str(table), "--strict")
    assert strict.returncode == 1
    assert strict.stderr == done.stderr.replace("warning: ", "error: ")


def test_a_lone_coordinate_is_reported_only_once_the_row_is_otherwise_clean(
    tmp_path: Path
) -> None:
    table = tmp_path / "lone.csv"
    table.write_text("place,start,lat,lon,kind\nParis,1900,48.8,,\nLyon,1901,45.7,,bogus\n",
                     encoding="utf-8")
    done = check(str(table))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {table}, row 2, column 'lon': lat without lon (expected both lat and lon, "
        "or neither)",
        f"error: {table}, row 3, column 'kind': unknown kind (got 'bogus'; expected one of "
        "birth, residence, school, prison, exile, escape, internment, hospital, travel, "
        "conference, death, work, visit, front)",
    ]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_the_row_limit_counts_stops_not_lines(tmp_path: Path, ending: str) -> None:
    """A note may span lines inside quotes, and old Macs end lines with CR alone: the limit
    is on stops, however the file breaks its lines."""
    note = '"a note' + ending * 3 + 'over lines"'
    rows = ["place,start,note"] + [f"Paris,190{i},{note}" for i in range(3)]
    table = tmp_path / "limit.csv"
    table.write_bytes((ending.join(rows) + ending).encode())
    assert len(read_rows(table, max_rows=3)) == 3
    with pytest.raises(Exception, match="too many rows: more than 2 stops"):
        read_rows(table, max_rows=2)


@pytest.mark.parametrize(("a", "b"), [
    ((48.85341, 2.3488), (55.75222, 37.61556)),
    ((0.0, 0.0), (0.5, 179.7)),                   # Vincenty does not converge: exact instead
    ((-33.9, 151.2), (40.7, -74.0)),              # across the antimeridian
    ((10.0, 10.0), (10.0, 10.0)),
    ((0.0, 0.0), (0.0, 0.9000000000000001)),
])
def test_rounded_distances_are_the_moves_tables(a: tuple[float, float],
                                                b: tuple[float, float]) -> None:
    """The quick formula decides only where it cannot change the rounded distance."""
    from geopy.distance import geodesic

    from itinerary.moves.kinds import rounded_km

    assert rounded_km(*a, *b) == round(geodesic(a, b).km, 1)
