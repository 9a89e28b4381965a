"""What a teacher sees when a table is wrong: ``itinerary check FILE`` exits 2 with one line per
problem, each naming the file, and never a traceback. Good-but-unusual files load cleanly.

The corpora: tests/bad_inputs/expected.csv (file, a substring the error must contain) and
tests/good_inputs/expected.csv (file, stops, first place as decoded, encoding used). A bad
file ``X.csv`` with a companion ``X.periods.csv`` is checked with ``--periods``.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from itinerary.errors import InputError
from itinerary.stages.load import read_table

HERE = Path(__file__).resolve().parent
BAD, GOOD = HERE / "bad_inputs", HERE / "good_inputs"


def _rows(folder: Path) -> list[dict[str, str]]:
    with open(folder / "expected.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


BAD_CASES = _rows(BAD)
GOOD_CASES = _rows(GOOD)


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "itinerary", "check", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("case", BAD_CASES, ids=[c["file"] for c in BAD_CASES])
def test_bad_input_is_refused_with_a_clear_line(case: dict[str, str]) -> None:
    name = case["file"]
    companion = name.removesuffix(".csv") + ".periods.csv"
    args = [name, "--periods", companion] if (BAD / companion).exists() else [name]
    done = check(*args, cwd=BAD)
    assert done.returncode == 2, done.stdout + done.stderr
    assert case["message"] in done.stderr
    lines = done.stderr.splitlines()
    assert lines and all(any(f in line for f in args if f != "--periods") for line in lines)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout == ""


def test_every_file_in_the_bad_corpus_has_an_expectation() -> None:
    listed = {c["file"] for c in BAD_CASES}
    on_disk = {p.name for p in BAD.iterdir()} - {"expected.csv"}
    companions = {n for n in on_disk if n.endswith(".periods.csv")}
    assert on_disk - companions <= listed
    assert len(listed) >= 40


@pytest.mark.parametrize("case", GOOD_CASES, ids=[c["file"] for c in GOOD_CASES])
def test_good_input_loads(case: dict[str, str]) -> None:
    stops = read_table(GOOD / case["file"])
    assert len(stops) == int(case["stops"])
    assert stops["place"].iloc[0] == case["first_place"]
    assert stops.attrs["encoding"] == case["encoding"]


@pytest.mark.parametrize("name", ["semicolon.csv", "latin1.csv", "workbook.xlsx"])
def test_check_accepts_unusual_but_good_files(name: str) -> None:
    done = check(name, cwd=GOOD)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"ok: {name}\n")
    # A good file may still deserve a plausibility warning (no sources, say), never an error.
    assert all(line.startswith("warning: ") for line in done.stderr.splitlines()), done.stderr


def test_windows_1252_punctuation_is_decoded_too() -> None:
    note = read_table(GOOD / "windows1252.csv")["note"].iloc[0]
    assert note == "“Trotsky” – the pen name"


def test_semicolon_files_may_use_decimal_commas() -> None:
    stops = read_table(GOOD / "semicolon.csv")
    assert stops["lat_override"].iloc[0] == pytest.approx(47.3769)


def test_a_quoted_line_break_stays_in_its_row_and_row_numbers_follow_the_sheet() -> None:
    stops = read_table(GOOD / "quoted_newline.csv")
    assert stops["note"].iloc[0] == "two\nlines"
    assert stops["row"].tolist() == [2, 3]


# --- a million rows ------------------------------------------------------------------------

MILLION = 1_000_000


@pytest.fixture(scope="module")
def million_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 30 MB of CSV: never committed, written once per run."""
    path = tmp_path_factory.mktemp("huge") / "million.csv"
    line = "Odessa,1888,,school,a short note\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("place,start,end,kind,note\n")
        for _ in range(MILLION // 10_000):
            fh.write(line * 10_000)
    return path


def test_a_million_rows_are_refused_without_loading_them(million_rows: Path) -> None:
    size = million_rows.stat().st_size
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as info:
            read_table(million_rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "too many rows: more than 200,000 stops" in str(info.value)
    # holding even the rows read before the refusal would take far more than this
    assert peak < min(size // 4, 8 * 2**20), f"peak {peak:,} bytes for a {size:,}-byte file"


def test_a_million_rows_give_one_clear_line_on_the_command_line(million_rows: Path) -> None:
    done = check(str(million_rows), cwd=million_rows.parent)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"error: {million_rows}: too many rows: more than 200,000 "
                                   "stops (expected at most 200,000 rows; split the table into "
                                   "smaller files)")


# --- the command itself ---------------------------------------------------------------------


def test_check_without_a_file_checks_the_bundled_itinerary_with_its_periods() -> None:
    done = check(cwd=HERE)
    assert done.returncode == 0, done.stderr
    assert "data/places.csv" in done.stdout.splitlines()[0]
    assert "periods.csv" in done.stdout
    assert "7 November 1879" in done.stdout  # Trotsky's birth, New Style


def test_check_maps_a_teachers_own_column_names(tmp_path: Path) -> None:
    (tmp_path / "reise.csv").write_text("Ort;Datum\nZürich;1914-11\n", encoding="utf-8")
    assert check("reise.csv", cwd=tmp_path).returncode == 2
    done = check("reise.csv", "--columns", "place=Ort,start=Datum", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "stops:       1" in done.stdout


def test_debug_shows_the_traceback_for_developers() -> None:
    done = check("empty_place.csv", "--debug", cwd=BAD)
    assert done.returncode != 0
    assert "Traceback" in done.stderr and "InputError" in done.stderr
