"""The loader: any teacher's table in, one validated row per stop out (or every problem at once)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from itinerary.errors import InputError
from itinerary.model import INPUT_COLUMNS, ROW, TEXT_COLUMNS
from itinerary.stages.load import read_periods, read_table, slug

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str, name: str = "stops.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(InputError) as info:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    return str(info.value).splitlines()


# --- the shape of what comes out ---------------------------------------------------------


def test_one_row_per_stop_with_every_input_column(tmp_path: Path) -> None:
    path = write(tmp_path, "place,start,lat,lon,Teacher notes\n"
                           "Odessa,1888,46.48,30.73,ask about the school\n"
                           "Kherson,1898,,,\n")
    stops = read_table(path)
    expected = [ROW, *("lat_override" if c == "lat" else "lon_override" if c == "lon" else c
                       for c in INPUT_COLUMNS), "Teacher notes"]
    assert list(stops.columns) == expected
    assert stops[ROW].tolist() == [2, 3]  # the header is row 1, as in a spreadsheet
    assert stops["lat_override"].iloc[0] == pytest.approx(46.48)
    assert math.isnan(stops["lon_override"].iloc[1])
    assert stops["Teacher notes"].tolist() == ["ask about the school", ""]
    for column in TEXT_COLUMNS:  # empty text is "", never NaN
        assert stops[column].map(lambda v: isinstance(v, str)).all()


def test_the_bundled_trotsky_table_loads_with_its_periods() -> None:
    periods = read_periods(ROOT / "data" / "periods.csv")
    stops = read_table(ROOT / "data" / "places.csv", periods=periods)
    assert len(stops) > 40
    assert stops["id"].is_unique
    assert set(stops["period"]) <= set(periods["id"])


def test_loading_is_the_same_in_two_processes(
        tmp_path: Path, in_two_processes: Callable[[str], tuple[bytes, bytes]]) -> None:
    """Generated ids, user columns and country hints read in two interpreters with different
    hash seeds: the same table, value for value and column for column (reading twice in one
    process would agree even if a set's order leaked into the ids or the columns)."""
    path = write(tmp_path, "place,start,Zeit,country,Notiz,quelle\n"
                           "Odessa,1888,a,ua,x,1\nOdessa,1888,b,UA,y,2\nOdessa,1888~,c,,z,3\n"
                           "Wien,1907,d,at,w,4\nOdessa,1888,e,UA,v,5\n")
    first, second = in_two_processes(
        "import sys\n"
        "from itinerary.stages.load import read_table\n"
        f"table = read_table({str(path)!r})\n"
        "sys.stdout.write(repr(list(table.columns)) + '\\n' + table.to_csv(index=False))\n")
    assert b"odessa-1888-2" in first
    assert first == second


def test_text_is_kept_as_data_not_interpreted(tmp_path: Path) -> None:
    path = write(tmp_path, 'place,start,note\n"<b>Vienna</b>",1907,"=1+1 <script>x</script>"\n')
    stops = read_table(path)
    assert stops["place"].iloc[0] == "<b>Vienna</b>"
    assert stops["note"].iloc[0] == "=1+1 <script>x</script>"


def test_case_and_spelling_of_codes_is_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, "place,start,country,kind,calendar\n"
                           "Yanovka,1879-10-26,ua,Birth,Julian\n")
    row = read_table(path).iloc[0]
    assert (row["country"], row["kind"], row["calendar"]) == ("UA", "birth", "julian")


# --- ids -----------------------------------------------------------------------------------


def test_missing_ids_are_place_and_year_made_unique(tmp_path: Path) -> None:
    path = write(tmp_path, "id,place,start\n,Zürich,1914-11\n,Zürich,1916\n,Zürich,1914~\n"
                           "zurich-1914-2,Bern,1902\n,Москва,1917\n")
    ids = read_table(path)["id"].tolist()
    # a given id is never taken by a generated one
    assert ids == ["zurich-1914", "zurich-1916", "zurich-1914-3", "zurich-1914-2", "stop-1917"]


def test_slug_folds_accents() -> None:
    assert slug("Besançon") == "besancon"
    assert slug("Alma-Ata (Almaty)") == "alma-ata-almaty"


# --- headers -------------------------------------------------------------------------------


def test_headers_match_case_spaces_and_aliases(tmp_path: Path) -> None:
    path = write(tmp_path, " City ,DATE,Until,Latitude,Lng,Description\n"
                           "Odessa,1888,1895,46.48,30.73,school\n")
    row = read_table(path).iloc[0]
    assert (row["place"], row["start"], row["end"], row["note"]) == ("Odessa", "1888", "1895",
                                                                     "school")
    assert (row["lat_override"], row["lon_override"]) == (46.48, 30.73)


def test_an_exact_name_wins_over_an_alias(tmp_path: Path) -> None:
    path = write(tmp_path, "city,place,start\nOdesa,Odessa,1888\n")
    stops = read_table(path)
    assert stops["place"].iloc[0] == "Odessa"
    assert stops["city"].iloc[0] == "Odesa"  # kept as the user's own column


def test_any_other_names_are_mapped_explicitly(tmp_path: Path) -> None:
    path = write(tmp_path, "Ort;Beginn;Ende\nZürich;1914-11;1917-01\n")
    stops = read_table(path, columns={"place": "Ort", "start": "beginn", "end": "Ende"})
    assert stops[["place", "start", "end"]].iloc[0].tolist() == ["Zürich", "1914-11", "1917-01"]


def test_a_mapping_to_a_missing_column_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "place,start\nOdessa,1888\n")
    lines = problems_of(path, columns={"note": "Bemerkung"})
    assert lines == [f"{path}: column 'Bemerkung' (given for note) is not in the header "
                     "(expected one of place, start)"]


def test_a_user_column_named_like_a_later_stage_is_kept_aside(tmp_path: Path) -> None:
    path = write(tmp_path, "place,start,row,confidence\nOdessa,1888,7,high\n")
    stops = read_table(path)
    assert stops[ROW].tolist() == [2]
    assert stops[["extra_row", "extra_confidence"]].iloc[0].tolist() == ["7", "high"]


# --- every problem at once ------------------------------------------------------------------


def test_every_problem_is_reported_in_one_pass_in_sheet_order(tmp_path: Path) -> None:
    path = write(tmp_path, "id,place,start,end,lat,lon,kind,country\n"
                           "a,Odessa,1888,,,,,UA\n"
                           "a,,1905-02-31,,91,200,tourism,Ukraine\n"
                           "b,Kherson,1902,1901,,,,\n")
    lines = problems_of(path)
    assert [line.split(": ")[0] for line in lines] == [
        f"{path}, row 3, column 'id'",
        f"{path}, row 3, column 'place'",
        f"{path}, row 3, column 'start'",
        f"{path}, row 3, column 'lat'",
        f"{path}, row 3, column 'lon'",
        f"{path}, row 3, column 'kind'",
        f"{path}, row 3, column 'country'",
        f"{path}, row 4, column 'end'",
    ]


def test_problems_carry_their_location_for_programs_too(tmp_path: Path) -> None:
    path = write(tmp_path, "place,start,kind\nOdessa,1888,holiday\n")
    with pytest.raises(InputError) as info:
        read_table(path)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == (str(path), 2, "kind",
                                                                          "holiday")
    assert problem.expected is not None and "residence" in problem.expected


def test_periods_are_checked_only_when_a_periods_table_is_given(tmp_path: Path) -> None:
    path = write(tmp_path, "place,start,period\nOdessa,1888,school-years\n")
    assert read_table(path)["period"].iloc[0] == "school-years"
    periods = pd.DataFrame({"id": ["childhood"]})
    assert "unknown period" in problems_of(path, periods=periods)[0]


def test_the_row_limit_is_stated(tmp_path: Path) -> None:
    path = write(tmp_path, "place,start\n" + "Odessa,1888\n" * 4)
    assert read_table(path, max_rows=4)[ROW].tolist() == [2, 3, 4, 5]
    assert problems_of(path, max_rows=3) == [
        f"{path}: too many rows: more than 3 stops (expected at most 3 rows; split the table "
        "into smaller files)"]


def test_a_guessed_encoding_is_named_when_something_else_fails(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("place,start\nZürich,1914-13\n".encode("latin-1"))
    lines = problems_of(path)
    assert "there is no month 13" in lines[0]
    assert lines[-1] == (f"{path}: note: read as cp1252 because the file is not UTF-8; if "
                         "letters look wrong, save it as UTF-8")


# --- Excel ---------------------------------------------------------------------------------


def test_excel_dates_and_numbers_become_the_text_a_teacher_typed(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Place", "Start", "End", "Lat", "Lon"])
    sheet.append(["Zürich", dt.datetime(1914, 11, 19), 1917, 47.3769, 8.5417])
    sheet.append(["Yanovka", "1879-11-07", None, None, None])
    path = tmp_path / "stops.xlsx"
    book.save(path)
    stops = read_table(path)
    assert stops[["place", "start", "end"]].values.tolist() == [
        ["Zürich", "1914-11-19", "1917"], ["Yanovka", "1879-11-07", ""]]
    assert stops["lat_override"].iloc[0] == pytest.approx(47.3769)


# --- periods -------------------------------------------------------------------------------


def test_periods_are_validated_together(tmp_path: Path) -> None:
    path = write(tmp_path, "id,title,start,end,color\n"
                           "youth,Youth,1879,1895,#2E7D32\n"
                           "youth,,1896,1895,red\n", "periods.csv")
    with pytest.raises(InputError) as info:
        read_periods(path)
    where = [(p.row, p.column) for p in info.value.problems]
    assert where == [(3, "id"), (3, "title"), (3, "end"), (3, "color")]


def test_periods_without_colours_get_a_fixed_palette(tmp_path: Path) -> None:
    path = write(tmp_path, "id,title,start,end,color\na,A,1900,1901,\nb,B,1902,1903,#ABCDEF\n",
                 "periods.csv")
    periods = read_periods(path)
    assert periods["color"].tolist() == ["#1b9e77", "#abcdef"]
    assert periods[ROW].tolist() == [2, 3]
