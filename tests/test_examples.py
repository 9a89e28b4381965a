"""The example itineraries (Karl Marx) build into map pages through the command line, in our
column names, in a teacher's own headings, as an Excel workbook, and with German headings."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def build(table: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "itinerary", "build", str(table), "-o",
                           str(out), *extra], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)


def ids_of(table: Path, columns: dict[str, str] | None = None) -> list[str]:
    from itinerary.stages.load import read_table

    return list(read_table(table, columns=columns)["id"])


def assert_page_has_every_stop(done: subprocess.CompletedProcess[str], page: Path,
                               ids: list[str]) -> None:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    html = page.read_text(encoding="utf-8")
    missing = [i for i in ids if f'"{i}"' not in html]
    assert not missing


def test_marx_in_our_columns(tmp_path: Path) -> None:
    table = EXAMPLES / "marx.csv"
    with table.open(encoding="utf-8") as fh:
        ids = [row["id"] for row in csv.DictReader(fh)]
    assert len(ids) >= 15 and ids[0] == "trier-1818" and ids[-1] == "london-1883"
    page = tmp_path / "marx.html"
    assert_page_has_every_stop(build(table, page), page, ids)


def test_marx_in_a_teachers_own_headings(tmp_path: Path) -> None:
    table = EXAMPLES / "marx_custom_columns.csv"
    header = table.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"City", "From", "Until", "Latitude", "Lng"} <= set(header)
    from itinerary.stages.load import read_table

    stops = read_table(table)
    assert list(stops["place"][:2]) == ["Trier", "Bonn"]
    assert stops["end"].iloc[0] == "1835-10"
    assert stops["lat_override"].notna().sum() == 3
    assert stops["lon_override"].notna().sum() == 3
    page = tmp_path / "custom.html"
    assert_page_has_every_stop(build(table, page), page, list(stops["id"]))


def test_marx_as_an_excel_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    with (EXAMPLES / "marx_custom_columns.csv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh):
            sheet.append(row)
    workbook = tmp_path / "marx.xlsx"
    book.save(workbook)
    page = tmp_path / "xlsx.html"
    ids = ids_of(workbook)
    assert ids == ids_of(EXAMPLES / "marx_custom_columns.csv")
    assert_page_has_every_stop(build(workbook, page), page, ids)


def test_marx_with_german_headings_mapped_on_the_command_line(tmp_path: Path) -> None:
    table = tmp_path / "lebenslauf.csv"
    table.write_text("Ort,Datum,Bemerkung\n"
                     "Trier,1818-05-05,Geburt\n"
                     "Bonn,1835-10,Studium\n"
                     "Berlin,1836-10,Studium\n"
                     "London,1849-08,Exil\n", encoding="utf-8")
    columns = {"place": "Ort", "start": "Datum"}
    page = tmp_path / "lebenslauf.html"
    done = build(table, page, "--columns", "place=Ort,start=Datum")
    ids = ids_of(table, columns)
    assert ids == ["trier-1818", "bonn-1835", "berlin-1836", "london-1849"]
    assert_page_has_every_stop(done, page, ids)


def test_the_marx_example_passes_the_plausibility_review() -> None:
    from itinerary.pipeline import build_trip
    from itinerary.stages.review import review

    for name in ("marx.csv", "marx_custom_columns.csv"):
        trip = build_trip(EXAMPLES / name, quiet=True)
        assert bool(trip.stops["placed"].all())
        assert [str(w) for w in review(trip.stops, trip.moves)] == [], name
