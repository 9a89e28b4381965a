"""``itinerary resolve`` as a teacher runs it: one name, or a whole table."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HAS_DATA = (ROOT / "data" / "places.csv").exists() and (ROOT / "data" / "gazetteer.csv").exists()


def itinerary(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itinerary", "resolve", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "ITINERARY_NOMINATIM_URL": "http://127.0.0.1:9"})


@pytest.fixture(scope="module", autouse=True)
def _index_built() -> None:
    """Build the world index once, in-process, before the subprocesses use it."""
    from itinerary.resolve.geonames import GeonamesIndex

    GeonamesIndex().close()


def test_one_name_as_json() -> None:
    proc = itinerary("--name", "London", "--country", "CA", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"query", "name", "country", "lat", "lon", "source", "confidence",
            "alternatives"} <= set(data)
    assert data["country"] == "CA" and abs(data["lat"] - 42.98) < 0.05
    assert data["source"] == "geonames" and 0 < data["confidence"] <= 1


@pytest.mark.skipif(not HAS_DATA, reason="project data not written yet")
def test_a_historical_name_with_its_date() -> None:
    proc = itinerary("--name", "Petrograd", "--date", "1917-03", "--json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["name"] == "Saint Petersburg"
    assert data["source"] == "gazetteer" and data["match"] == "alternate"


def test_an_ambiguous_name_exits_1_with_suggestions() -> None:
    proc = itinerary("--name", "Viena", "--json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert "ambiguous" in data["error"]
    assert any(s.startswith("Vienna") for s in data["suggestions"])


def test_one_name_in_plain_text() -> None:
    ok = itinerary("--name", "Kherson", "--country", "UA")
    assert ok.returncode == 0 and ok.stdout.startswith("Kherson -> Kherson (UA)")
    missing = itinerary("--name", "Xyzzyqq")
    assert missing.returncode == 1 and "Xyzzyqq" in missing.stderr
    assert "Traceback" not in missing.stderr


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_a_minimal_table_is_reported_and_written_row_by_row(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "trip.csv", [
        ["place", "country", "start"],
        ["Kherson", "UA", "1898"], ["Xyzzyqq", "", "1899"], ["Kherson", "UA", "1900"],
        ["Halifax", "CA", "1917-04"],
    ])
    out = tmp_path / "resolved.csv"
    proc = itinerary(str(table), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Kherson" in proc.stdout and "unresolved: 'Xyzzyqq'" in proc.stdout
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["place"] for r in rows] == ["Kherson", "Xyzzyqq", "Kherson", "Halifax"]
    assert {"resolved_name", "country", "lat", "lon", "source", "confidence"} <= set(rows[0])
    assert rows[0]["country"] == "UA" and rows[0]["source"] in ("gazetteer", "geonames")
    assert rows[1]["lat"] == "" and rows[1]["resolved_name"] == ""
    assert rows[3]["country"] == "CA"


def test_strict_fails_when_a_place_is_unresolved(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "trip.csv", [["place", "start"], ["Xyzzyqq", "1899"]])
    assert itinerary(str(table), "--strict").returncode == 1
    assert itinerary(str(table)).returncode == 0


def test_a_citation_source_column_is_kept_and_provenance_renamed(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "trip.csv", [
        ["place", "start", "source"], ["Kherson", "1898", "memoir p. 12"]])
    out = tmp_path / "resolved.csv"
    assert itinerary(str(table), "-o", str(out)).returncode == 0
    with open(out, encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert row["source"] == "memoir p. 12"
    assert row["resolved_source"] in ("gazetteer", "geonames")


def test_bad_input_is_one_line_per_problem_and_exit_2(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "trip.csv", [["town", "when"], ["Kherson", "1898"]])
    proc = itinerary(str(table))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.strip()


@pytest.mark.skipif(not HAS_DATA, reason="project data not written yet")
def test_the_bundled_dataset_resolves_completely() -> None:
    proc = itinerary("--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ", 0 unresolved" in proc.stdout


def test_the_command_module_imports_no_heavy_library() -> None:
    code = ("import sys, itinerary.commands.resolve; "
            "print(sorted(m for m in ('pandas', 'shapely', 'geopy', 'rapidfuzz') "
            "if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.stdout.strip() == "[]"


def test_the_output_keeps_the_users_column_order_and_headings(tmp_path: Path) -> None:
    table = tmp_path / "reise.csv"
    table.write_text("Datum;Ort;Land;Notiz\n1898;Kherson;UA;Gefängnis\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    proc = itinerary(str(table), "--columns", "place=Ort,country=Land,start=Datum",
                     "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:3] == ["start", "place", "Notiz"]
    assert header[-6:] == ["resolved_name", "country", "lat", "lon", "source", "confidence"]
