"""Hostile and unlucky inputs meet bounds, not minutes or gigabytes (issue "Hardening").

* a workbook that claims or holds cells far out (column XFD, row 999,999,999, a row of two
  million cells) is refused in one line naming the file, by limits on columns and cells
  (``MAX_COLUMNS``, ``MAX_CELLS``), before openpyxl holds it;
* a text cell a spreadsheet would run as a formula is written quoted in every CSV the tool
  writes, and reads back as the same table;
* a stray Windows byte in a UTF-8 file is named by row and column, never read as mojibake;
* ``extract`` reads only a regular file of bounded size, and a text without full stops in
  pieces of bounded length, so its work grows linearly.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from itinerary import extract as ex
from itinerary.errors import InputError
from itinerary.outputs import spreadsheet
from itinerary.stages import load
from itinerary.stages.load import read_table

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "itinerary", *args], cwd=cwd,
                          capture_output=True, text=True, env=os.environ.copy(), timeout=600)


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("warning:")]


# --- workbooks -----------------------------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG = "http://schemas.openxmlformats.org/package/2006"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def table_rows(n: int) -> list[str]:
    rows = [f'<row r="1">{cell("A1", "place")}{cell("B1", "start")}</row>']
    rows += [f'<row r="{i}">{cell(f"A{i}", "Vienna")}{cell(f"B{i}", "1907")}</row>'
             for i in range(2, n + 2)]
    return rows


def workbook(path: Path, rows: list[str], dimension: str = "A1:B3") -> Path:
    """An .xlsx written by hand: the XML of one sheet inside a zip, as an attacker would."""
    parts = {
        "[Content_Types].xml":
            f'<Types xmlns="{PKG}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{SHEET_TYPE}.worksheet+xml"/></Types>',
        "_rels/.rels":
            f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
            f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
            f'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
            f'Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml":
            f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, xml in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + xml)
    return path


def refused(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_table(path)
    problems = caught.value.problems
    assert len(problems) == 1, problems
    return str(problems[0])


def test_an_honest_hand_made_workbook_reads(tmp_path: Path) -> None:
    stops = read_table(workbook(tmp_path / "ok.xlsx", table_rows(3)))
    assert list(stops["place"]) == ["Vienna"] * 3
    assert list(stops["row"]) == [2, 3, 4]


def test_a_value_in_column_xfd_is_refused_at_once(tmp_path: Path) -> None:
    """The attack: 8,000 rows and one value at XFD1 under a dimension claiming the whole
    sheet. pandas padded every row to 16,384 cells (151 s and 3.3 GB for 67 KB here)."""
    rows = table_rows(8000)
    rows[0] = rows[0].replace("</row>", cell("XFD1", "x") + "</row>")
    path = workbook(tmp_path / "bomb.xlsx", rows, "A1:XFD8001")
    assert path.stat().st_size < 100_000
    assert refused(path) == (
        f"{path}, row 1: a value in column XFD, beyond the {load.MAX_COLUMNS} columns this "
        f"tool reads (expected at most {load.MAX_COLUMNS} columns: move or delete that cell "
        "(XFD1))")


def test_column_201_is_refused_and_200_is_read(tmp_path: Path) -> None:
    from openpyxl.utils import get_column_letter

    last = get_column_letter(load.MAX_COLUMNS)
    rows = table_rows(2)
    rows[0] = rows[0].replace("</row>", cell(f"{last}1", "mine") + "</row>")
    stops = read_table(workbook(tmp_path / "wide.xlsx", rows))
    assert list(stops["mine"]) == ["", ""]
    beyond = get_column_letter(load.MAX_COLUMNS + 1)
    rows[0] = rows[0].replace(f'r="{last}1"', f'r="{beyond}1"')
    assert f"a value in column {beyond}, beyond" in refused(
        workbook(tmp_path / "wider.xlsx", rows))


def test_empty_formatted_cells_far_out_are_not_values(tmp_path: Path) -> None:
    rows = table_rows(2)
    rows = [r.replace("</row>", f'<c r="XFD{i + 1}" s="0"/></row>') for i, r in enumerate(rows)]
    stops = read_table(workbook(tmp_path / "styled.xlsx", rows, "A1:XFD3"))
    assert list(stops.columns[:3]) == ["row", "id", "place"] or "place" in stops.columns
    assert len(stops) == 2


def test_many_rows_padded_to_xfd_are_bounded_by_the_cell_limit(tmp_path: Path) -> None:
    """Empty formatted cells at XFD in every row: each row is 16,384 cells wide, so the cell
    limit stops the reading after about MAX_CELLS / 16,384 rows, whatever the row count."""
    n = load.MAX_CELLS // load.EXCEL_COLUMNS + 10
    rows = table_rows(n)
    rows = [r.replace("</row>", f'<c r="XFD{i + 1}" s="0"/></row>') for i, r in enumerate(rows)]
    path = workbook(tmp_path / "padded.xlsx", rows, f"A1:XFD{n + 1}")
    assert path.stat().st_size < 100_000
    assert refused(path) == (
        f"{path}: too many cells: more than {load.MAX_CELLS:,} in the sheet (expected at most "
        f"{load.MAX_CELLS:,} cells (rows times columns); delete unused rows and columns, or "
        "save the sheet as CSV (UTF-8))")


def test_a_row_of_two_million_cells_is_refused_before_parsing(tmp_path: Path) -> None:
    """openpyxl builds a whole row before handing it over (1.3 GB for this 44 KB file):
    the sheet's XML is measured first."""
    rows = [*table_rows(2), '<row r="4">' + '<c r="A4"/>' * 2_000_000 + "</row>"]
    path = workbook(tmp_path / "row.xlsx", rows)
    assert path.stat().st_size < 100_000
    assert refused(path) == (f"{path}: a row with more than {load.EXCEL_COLUMNS:,} cells "
                             "(expected a workbook saved by Excel or LibreOffice)")


def test_a_row_number_beyond_excel_is_refused(tmp_path: Path) -> None:
    rows = [*table_rows(2), f'<row r="999999999">{cell("A999999999", "x")}</row>']
    assert "a row numbered beyond Excel's last row (1,048,576)" in refused(
        workbook(tmp_path / "far.xlsx", rows))


def test_a_workbook_that_unpacks_too_big_is_refused(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_XLSX_BYTES", 4096)
    path = workbook(tmp_path / "big.xlsx", table_rows(100))
    assert "the workbook unpacks to" in refused(path)


def test_the_workbook_bomb_is_one_line_on_the_command_line(tmp_path: Path) -> None:
    rows = table_rows(2)
    rows[0] = rows[0].replace("</row>", cell("XFD1", "x") + "</row>")
    path = workbook(tmp_path / "bomb.xlsx", rows, "A1:XFD1048576")
    done = run("check", str(path))
    assert done.returncode == 2
    lines = errors(done.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}, row 1: a value in column XFD")
    assert "Traceback" not in done.stderr


# --- formulas ------------------------------------------------------------------------------------

RISKY = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "-Minus", "+1+2", "\t=1", "'=already quoted",
         "''-two quotes", "'plain quote", "-", "=", "a=b"]


@pytest.mark.parametrize("text", RISKY + ["plain", "", "-33.9", "+7", "1e-3", "it's"])
def test_neutralise_and_restore_are_inverse(text: str) -> None:
    written = spreadsheet.neutralise(text)
    assert spreadsheet.restore(written) == text
    assert not written.startswith(spreadsheet.FORMULA_START) or written in ("-33.9", "+7")


def test_what_neutralise_writes() -> None:
    assert spreadsheet.neutralise('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert spreadsheet.neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet.neutralise("-Minus") == "'-Minus"
    assert spreadsheet.neutralise("\r=1") == "'\r=1"
    assert spreadsheet.neutralise("'=x") == "''=x"
    assert spreadsheet.neutralise("-33.9") == "-33.9"  # a number, never a formula
    assert spreadsheet.neutralise("-1+1") == "'-1+1"  # a formula that happens to start with -
    assert spreadsheet.neutralise("O'Brien") == "O'Brien"


FORMULA_TABLE = (
    "place,start,note,lat,lon,mine\n"
    'Vienna,1907,"=HYPERLINK(""http://x"",""y"")",48.2,16.37,-5\n'
    "Cape Town,1910,@SUM(A1),-33.9,18.42,+cmd\n"
    "-Minus,1911,'=kept as typed,-33.9,-70.5,\n"
)


def cells_starting_with_formula(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row
            if c.startswith(spreadsheet.FORMULA_START)
            and not spreadsheet._NUMBER.fullmatch(c)]


def test_an_exported_csv_has_no_formula_and_reads_back_the_same(tmp_path: Path) -> None:
    table = tmp_path / "formulas.csv"
    table.write_text(FORMULA_TABLE, encoding="utf-8")
    original = read_table(table)
    out = tmp_path / "export.csv"
    done = run("export", str(table), "--format", "csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert cells_starting_with_formula(text) == []
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text and "'-Minus" in text
    assert ",-33.9," in text  # coordinates stay numbers
    again = read_table(out)
    for column in ("place", "note", "mine"):
        assert list(again[column]) == list(original[column]), column
    assert list(again["note"]) == ['=HYPERLINK("http://x","y")', "@SUM(A1)", "=kept as typed"]
    assert list(again["place"]) == ["Vienna", "Cape Town", "-Minus"]
    exported = pd.read_csv(out)
    assert exported["lat_override"].tolist() == [48.2, -33.9, -33.9]
    assert exported["lon_override"].tolist() == [16.37, 18.42, -70.5]
    check = run("check", str(out))
    assert check.returncode == 0, check.stderr


def test_the_resolved_table_has_no_formula(tmp_path: Path) -> None:
    table = tmp_path / "formulas.csv"
    table.write_text(FORMULA_TABLE, encoding="utf-8")
    out = tmp_path / "resolved.csv"
    done = run("resolve", str(table), "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert cells_starting_with_formula(text) == []
    again = read_table(out)
    assert list(again["note"]) == ['=HYPERLINK("http://x","y")', "@SUM(A1)", "=kept as typed"]
    assert list(again["place"]) == ["Vienna", "Cape Town", "-Minus"]


def test_the_draft_table_has_no_formula() -> None:
    rows = [{"place": "=cmd|' /C calc'!A0", "note": "@SUM(A1)", "lat": -33.9, "lon": 18.42,
             "evidence": "-2+3", "confidence": 0.5}]
    text = ex.to_csv(rows)
    assert cells_starting_with_formula(text) == []
    record = next(csv.DictReader(io.StringIO(text)))
    assert record["place"] == "'=cmd|' /C calc'!A0"
    assert record["lat"] == "-33.9" and record["evidence"] == "'-2+3"
    assert spreadsheet.restore(record["note"]) == "@SUM(A1)"


def test_a_workbook_cell_quoted_by_the_tool_reads_back(tmp_path: Path) -> None:
    rows = table_rows(1)
    rows[0] = rows[0].replace("</row>", cell("C1", "note") + "</row>")
    rows[1] = rows[1].replace("</row>", cell("C2", "'=1+1") + "</row>")
    stops = read_table(workbook(tmp_path / "quoted.xlsx", rows))
    assert list(stops["note"]) == ["=1+1"]


# --- encodings -----------------------------------------------------------------------------------

def test_one_stray_windows_byte_in_utf8_is_named_by_row_and_column(tmp_path: Path) -> None:
    """Before: the whole file was read as cp1252 ("ZÃ¼rich"), exit 0, 0 of 20,000 placed."""
    lines = ["place,start,note"] + ["Zürich,1914,ok"] * 20_000
    data = ("\n".join(lines) + "\n").encode("utf-8")
    data = data.replace(b"1914,ok\n", b"1914,caf\xe9\n", 1)
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    done = run("check", str(path))
    assert done.returncode == 2
    assert errors(done.stderr) == [
        f"error: {path}, row 2, column 'note': byte 0xE9 is not UTF-8 (the rest of the file is) "
        "(got 'caf\ufffd'; expected UTF-8 text: type that character again, or save the file "
        "as CSV UTF-8)"]


def test_every_stray_byte_is_named_up_to_a_limit(tmp_path: Path) -> None:
    lines = ["place,start,n\xf6te"] + [f"Zürich,{1900 + i},x\udce9" for i in range(30)]
    path = tmp_path / "many.csv"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape"))
    with pytest.raises(InputError) as caught:
        read_table(path)
    problems = caught.value.problems
    assert [(p.row, p.column) for p in problems[:load.MAX_STRAY_REPORTED]] == [
        (row, "nöte") for row in range(2, 2 + load.MAX_STRAY_REPORTED)]
    assert str(problems[-1]) == (f"{path}: and 10 more cells with bytes that are not UTF-8 "
                                 "(expected the file saved as CSV UTF-8)")


def test_a_consistently_windows_file_is_still_read_with_the_note(tmp_path: Path) -> None:
    path = tmp_path / "cp.csv"
    path.write_bytes("place,start,note\nZürich,1914,café\nGenève,1915,\n".encode("cp1252"))
    stops = read_table(path)
    assert list(stops["place"]) == ["Zürich", "Genève"]
    assert stops.attrs["encoding"] == "cp1252"


def test_a_stray_byte_in_a_biography_is_named_by_line_and_character(tmp_path: Path) -> None:
    bio = tmp_path / "bio.txt"
    bio.write_bytes("Trotsky lived in Zürich in 1914.\nIn 1915 he left Caf\xe9 Odeon.\n"
                    .encode("utf-8", "surrogateescape").replace(b"Caf\xc3\xa9", b"Caf\xe9"))
    with pytest.raises(InputError) as caught:
        ex.read_text(bio)
    assert [str(p) for p in caught.value.problems] == [
        f"{bio}: line 2, character 20: byte 0xE9 is not UTF-8 (the rest of the text is) "
        "(expected UTF-8 text: type that character again, or save the file as UTF-8)"]


# --- extract's bounds ----------------------------------------------------------------------------

@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "folder"])
def test_extract_refuses_what_is_not_a_regular_file(tmp_path: Path, source: str) -> None:
    if source == "fifo":
        path = str(tmp_path / "fifo")
        os.mkfifo(path)
    elif source == "folder":
        path = str(tmp_path)
    else:
        path = source
    done = run("extract", path, "-o", str(tmp_path / "draft.csv"))
    assert done.returncode == 2
    lines = errors(done.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: is ")
    assert "at most 5 MB" in lines[0]
    assert not (tmp_path / "draft.csv").exists()


def test_extract_refuses_a_text_beyond_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(ex.MAX_TEXT_BYTES + 1)  # sparse: no need to write 5 MB
    with pytest.raises(InputError) as caught:
        ex.read_text(big)
    assert str(caught.value) == (f"{big}: too long: more than 5 MB (expected a plain-text "
                                 "file (UTF-8) of at most 5 MB; split the text into parts)")


def test_a_sentence_without_full_stops_is_read_in_bounded_pieces() -> None:
    words = ["he", "went", "to", "Vienna", "and", "then", "Paris", "with", "Lev", "Kamenev",
             "in", "May", "1905", "near", "London"]
    text = " ".join(words * 2000)  # 30,000 words, not one full stop
    pieces = list(ex.sentences(text))
    assert len(pieces) == -(-len(words) * 2000 // ex.MAX_SENTENCE_WORDS)
    assert max(len(p.split()) for _, p in pieces) == ex.MAX_SENTENCE_WORDS
    assert " ".join(p for _, p in pieces) == text  # nothing lost, in order
    assert all(text[offset:offset + len(p)] == p for offset, p in pieces)


def test_a_run_without_spaces_is_cut_too() -> None:
    text = "x" * 100_000
    pieces = list(ex.sentences(text))
    assert max(len(p) for _, p in pieces) <= ex.MAX_SENTENCE_WORDS * ex.MAX_WORD_CHARS
    assert "".join(p for _, p in pieces) == text


def test_abbreviations_are_looked_for_in_a_bounded_window() -> None:
    """"St. St. St. ..." never ends a sentence; each look-back must stay short."""
    text = "St. " * 20_000 + "Vienna."
    pieces = list(ex.sentences(text))
    assert "".join(p for _, p in pieces).replace(" ", "") == text.replace(" ", "")
    assert max(len(p.split()) for _, p in pieces) <= ex.MAX_SENTENCE_WORDS


def test_the_work_per_sentence_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work counted, not timed: the mentions judged per sentence never see a sentence longer
    than the bound, so doubling the text doubles the sentences, not their length."""
    seen: list[int] = []
    real = ex.find_mentions

    def counting(sentence: str, found: object) -> list[ex.Mention]:
        seen.append(len(sentence.split()))
        return real(sentence, found)  # type: ignore[arg-type]

    monkeypatch.setattr(ex, "find_mentions", counting)
    lookup = ex.static_lookup({"Vienna": ex.Hit("Vienna", "AT", 48.2, 16.37, "gazetteer")})
    words = ["he", "went", "to", "Vienna", "in", "1905", "and"]
    for n in (1000, 2000):
        seen.clear()
        ex.extract(" ".join(words * n), source="t", lookup=lookup, resolver=None)
        assert max(seen) <= ex.MAX_SENTENCE_WORDS
        assert len(seen) == -(-len(words) * n // ex.MAX_SENTENCE_WORDS)
