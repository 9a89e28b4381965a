"""Any spreadsheet in, a validated stops table out, or every problem in it at once.

Teachers' tables come as CSV (comma, semicolon or tab; UTF-8 or a Windows code page) or as
.xlsx. Column names are matched loosely (case, spaces, common aliases). Nothing here lets a
traceback reach the user: each problem becomes one errors.Problem naming file, row and column.

:func:`read_table` gives the stops table the rest of the pipeline shapes (``model``);
:func:`read_periods` the periods table.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import errno
import io
import itertools
import math
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pandas as pd

from ..errors import InputError, Problem
from ..gcpause import paused_gc
from ..model import (
    ALIASES,
    DATE_COLUMNS,
    INPUT_COLUMNS,
    KINDS,
    MOVE_KINDS,
    PERIOD_COLUMNS,
    RESOLVED_COLUMNS,
    ROW,
    TRANSLATED_COLUMNS,
)
from ..outputs.spreadsheet import FORMULA_START, restore_all
from . import dates

#: Longest text accepted per column; a 10,000-character "place" is a pasting accident.
MAX_CHARS: Final = {"place": 200, "note": 2000, "evidence": 2000, "source": 2000}
DEFAULT_MAX_CHARS: Final = 200
DELIMITERS: Final = (",", ";", "\t")
SNIFF_BYTES: Final = 1 << 20
CHUNK_ROWS: Final = 4096
EXCEL_SUFFIXES: Final = (".xlsx", ".xlsm")
OVERRIDES: Final = {"lat": "lat_override", "lon": "lon_override"}
#: Column names later stages add; a user column of the same name is kept under "extra_<name>".
RESERVED: Final = frozenset({ROW, "seq", *OVERRIDES.values(), *DATE_COLUMNS, *RESOLVED_COLUMNS})
PALETTE: Final = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
                  "#666666", "#1f78b4", "#b15928")
TABLE_EXPECTED: Final = "a CSV or .xlsx table with a header row such as place,start,end"
#: Bounds on a workbook, so that a small file cannot make reading it take minutes or gigabytes
#: (a 42 KB .xlsx with one cell in column XFD took 37 s and 2.1 GB through pandas).
MAX_COLUMNS: Final = 200
MAX_CELLS: Final = 4_000_000        # cell elements in the sheets, and cells of the rows read
MAX_XLSX_BYTES: Final = 256 << 20   # the whole archive, unpacked
EXCEL_ROWS: Final = 1_048_576       # Excel's own limits
EXCEL_COLUMNS: Final = 16_384
#: The most bytes of one input read (the whole input is read once, into memory, so that a pipe,
#: standard input or a FIFO is read like a file): a CSV of 200,000 rows of 2.5 KB, or a
#: workbook archive that can unpack to no more than ``MAX_XLSX_BYTES`` anyway.
MAX_INPUT_BYTES: Final = 512 << 20
#: How long a named FIFO may stay without a writer before it is refused.
FIFO_WAIT_SECONDS: Final = 30
#: The name ``-`` is standard input.
STDIN: Final = "-"
STDIN_LABEL: Final = "standard input"
#: An encrypted (password-protected) .xlsx is an OLE container holding this stream.
_ENCRYPTED: Final = "EncryptedPackage".encode("utf-16-le")


# --- reading cells ----------------------------------------------------------------------

class _Source:
    """A table's header and rows as text, with where they came from (for messages)."""

    def __init__(self, file: str, header: list[str], rows: list[tuple[int, list[str]]],
                 encoding: str = "utf-8") -> None:
        self.file, self.header, self.rows, self.encoding = file, header, rows, encoding
        self.columns: dict[str, int] = {}  # our column name -> its position in the header


def _fail(file: str, message: str, expected: str | None = None, row: int | None = None
          ) -> InputError:
    return InputError([Problem(file, message, row=row, expected=expected)])


def _too_many(file: str, max_rows: int) -> InputError:
    return _fail(file, f"too many rows: more than {max_rows:,} stops",
                 f"at most {max_rows:,} rows; split the table into smaller files")


class _Input:
    """The bytes of one input, for each pass of the reader (encoding, delimiter, rows): a
    regular file is opened again for each (so a huge one is never held in memory); a pipe,
    ``/dev/stdin``, a ``<(process substitution)``, a FIFO or ``-`` (standard input) can be read
    only once, so they are read once, into memory, at most ``MAX_INPUT_BYTES``."""

    def __init__(self, path: Path, head: bytes, data: bytes | None) -> None:
        self.path, self.head, self.data = path, head, data

    def binary(self) -> Any:  # a binary file object, to be closed by the caller
        return self.path.open("rb") if self.data is None else io.BytesIO(self.data)

    def text(self, encoding: str, errors: str) -> io.TextIOWrapper:
        """As ``open(..., newline="")`` gives it."""
        return io.TextIOWrapper(self.binary(), encoding=encoding, errors=errors, newline="")

    def named(self) -> Any:  # what zipfile and openpyxl open: the path, or the bytes
        return self.path if self.data is None else io.BytesIO(self.data)


def read_input(path: Path, file: str) -> _Input:
    """The input (``-``: standard input), its first ``SNIFF_BYTES`` read; every problem opening
    it (not found, a folder, a link loop, no permission) as one line naming it."""
    if str(path) == STDIN:
        data = _read_stream(sys.stdin.buffer, file)
        return _Input(path, data[:SNIFF_BYTES], data)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _fail(file, "file not found", TABLE_EXPECTED) from None
    except OSError as exc:
        raise _unopenable(file, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise _fail(file, "is a folder, not a table", TABLE_EXPECTED)
    try:
        if stat.S_ISFIFO(info.st_mode) and hasattr(os, "O_NONBLOCK"):
            data = _read_fifo(path, file)
            return _Input(path, data[:SNIFF_BYTES], data)
        with path.open("rb") as fh:
            if stat.S_ISREG(info.st_mode):
                return _Input(path, fh.read(SNIFF_BYTES), None)
            data = _read_stream(fh, file)  # a pipe, a FIFO, a device: once
            return _Input(path, data[:SNIFF_BYTES], data)
    except InputError:
        raise
    except OSError as exc:
        raise _unopenable(file, exc) from None


def _read_fifo(path: Path, file: str) -> bytes:
    """A named FIFO, read once; refused when nothing writes into it for ``FIFO_WAIT_SECONDS``
    (opening it would otherwise wait for a writer for ever)."""
    import select

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opens at once, writer or not
    try:
        ready, _, _ = select.select([fd], [], [], FIFO_WAIT_SECONDS)
        if not ready:
            raise _fail(file, f"is a FIFO that nothing wrote into for {FIFO_WAIT_SECONDS} s",
                        "a program writing the table into it (cat table.csv > FIFO), or the "
                        "table's own file")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as fh:
            fd = -1  # closed with fh
            return _read_stream(fh, file)
    finally:
        if fd >= 0:
            os.close(fd)


def _read_stream(fh: Any, file: str) -> bytes:
    chunks, size = [], 0
    while chunk := fh.read(min(SNIFF_BYTES, MAX_INPUT_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_INPUT_BYTES:
            raise _fail(file, f"too big: more than {MAX_INPUT_BYTES >> 20} MB",
                        "a smaller table; split it into several files")
    return b"".join(chunks)


def _unopenable(file: str, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return _fail(file, "is a symbolic link that leads back to itself (a link loop)",
                     "the path of the table itself, or a link to it")
    return _fail(file, f"cannot be read ({exc.strerror or exc})",
                 "a file you may read (check its permissions)")


def _read_source(path: Path, file: str, max_rows: int) -> _Source:
    data = read_input(path, file)
    head = data.head
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0") and (_ENCRYPTED in head
                                                   or suffix in EXCEL_SUFFIXES):
        raise _fail(file, "is a password-protected (encrypted) workbook",
                    "the workbook saved without a password (in Excel: File > Info > Protect "
                    "Workbook > Encrypt with Password, empty), or the sheet saved as CSV (UTF-8)")
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix in (".xls", ".ods"):
        raise _fail(file, "old .xls and .ods workbooks cannot be read",
                    "the sheet saved as .xlsx or as CSV (UTF-8)")
    if suffix in EXCEL_SUFFIXES or head.startswith(b"PK\x03\x04"):
        return _read_excel(data, file, max_rows)
    return _read_text(data, file, head, max_rows)


def _excel_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_excel(data: _Input, file: str, max_rows: int) -> _Source:
    """The first sheet's rows, streamed by openpyxl in read-only mode, in bounded memory and
    time whatever the workbook claims: its stored size is ignored (a 42 KB file can claim
    A1:XFD1048576), and before openpyxl parses anything the archive and the sheets' XML are
    measured against ``MAX_XLSX_BYTES``, ``MAX_CELLS`` and Excel's own 16,384 cells a row. A
    value beyond column ``MAX_COLUMNS`` is refused, never silently dropped."""
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(data.named()) as archive:
            _measure_workbook(archive, file)
        book = load_workbook(data.named(), read_only=True, data_only=True, keep_links=False)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - zip, xml and openpyxl errors all mean the same
        raise _unreadable_workbook(file) from None
    rows: list[tuple[int, list[str]]] = []
    padded = 0
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # read the cells that are there, not the size it claims
        for number, values in enumerate(sheet.iter_rows(min_row=1, min_col=1,
                                                        values_only=True), 1):
            if number > EXCEL_ROWS:
                raise _fail(file, f"a row numbered beyond Excel's last row ({EXCEL_ROWS:,})",
                            "a workbook saved by Excel or LibreOffice")
            padded += len(values)
            if padded > MAX_CELLS:
                raise _too_many_cells(file)
            if len(values) > MAX_COLUMNS:
                _check_width(file, number, values)
                values = values[:MAX_COLUMNS]
            cells = [_excel_cell(v) for v in values]
            if "".join(cells).strip():  # blank rows are skipped, as in a CSV
                rows.append((number, cells))
                if len(rows) > max_rows + 1:
                    raise _too_many(file, max_rows)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - a broken sheet found while streaming it
        raise _unreadable_workbook(file) from None
    finally:
        book.close()
    return _split_header(file, restore_all(rows), max_rows, "xlsx")


def _unreadable_workbook(file: str) -> InputError:
    return _fail(file, "not a readable Excel workbook",
                 "an .xlsx file saved by Excel or LibreOffice, or a CSV file")


def _too_many_cells(file: str) -> InputError:
    return _fail(file, f"too many cells: more than {MAX_CELLS:,} in the sheet",
                 f"at most {MAX_CELLS:,} cells (rows times columns); delete unused rows and "
                 "columns, or save the sheet as CSV (UTF-8)")


def _check_width(file: str, number: int, values: tuple[Any, ...]) -> None:
    """Refuse a row with a value beyond ``MAX_COLUMNS`` (empty formatted cells are fine)."""
    from openpyxl.utils import get_column_letter

    beyond = next((i for i, v in enumerate(values[MAX_COLUMNS:], MAX_COLUMNS)
                   if v is not None and _excel_cell(v).strip()), None)
    if beyond is not None:
        raise _fail(file, f"a value in column {get_column_letter(beyond + 1)}, beyond the "
                    f"{MAX_COLUMNS} columns this tool reads",
                    f"at most {MAX_COLUMNS} columns: move or delete that cell "
                    f"({get_column_letter(beyond + 1)}{number})", row=number)


_XML_ROW: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>]")
_XML_CELLS: Final = (b"<c ", b"<c>", b":c ", b":c>")  # <c ...> and a prefixed <x:c ...>


def _measure_workbook(archive: Any, file: str) -> None:
    """Refuse a workbook too big to read before openpyxl holds any of it: more than
    ``MAX_XLSX_BYTES`` unpacked (the sizes the archive declares bound what it can inflate to),
    more than ``MAX_CELLS`` cell elements in its sheets, or a row of more cells than Excel
    allows (openpyxl builds a whole row in memory before handing it over). The sheets are
    streamed and counted in C (bytes.count), so this costs little on an honest workbook."""
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_XLSX_BYTES:
        raise _fail(file, f"the workbook unpacks to {unpacked / 2**20:,.0f} MB, more than the "
                    f"{MAX_XLSX_BYTES // 2**20} MB this tool reads",
                    "a smaller workbook, or the sheet saved as CSV (UTF-8)")
    total = 0
    for info in infos:
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        width = 0
        with archive.open(info) as stream:
            while chunk := stream.read(SNIFF_BYTES):
                pieces = _XML_ROW.split(chunk)  # the first piece goes on with the last row
                for k, piece in enumerate(pieces):
                    cells = sum(piece.count(tag) for tag in _XML_CELLS)
                    width = width + cells if k == 0 else cells
                    total += cells
                    if width > EXCEL_COLUMNS:
                        raise _fail(file, f"a row with more than {EXCEL_COLUMNS:,} cells",
                                    "a workbook saved by Excel or LibreOffice")
                if total > MAX_CELLS:
                    raise _too_many_cells(file)


def _split_header(file: str, rows: list[tuple[int, list[str]]], max_rows: int,
                  encoding: str) -> _Source:
    """The first row is the header; ``rows`` are the rows that are not blank."""
    if not rows:
        raise _fail(file, "the file is empty", TABLE_EXPECTED)
    (_, header), body = rows[0], rows[1:]
    if len(body) > max_rows:
        raise _too_many(file, max_rows)
    return _Source(file, header, body, encoding)


def _guess_encoding(sample: bytes) -> list[str]:
    """Encodings to try, best first, once strict UTF-8 has failed.

    charset-normalizer reads short Western text as cp1250 and turns "Genève" into "Genčve";
    when its best guess is Latin script anyway, Windows-1252 (a superset of Latin-1's
    printable characters and what Excel writes in Western Europe) is the safer reading.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    guesses = []
    if best is not None and best.encoding not in ("ascii", "utf_8"):
        letters = [c for c in str(best) if c.isalpha() and ord(c) > 127]
        latin = all(unicodedata.name(c, "").startswith("LATIN") for c in letters)
        if not latin:
            guesses.append(best.encoding)
    return [*guesses, "cp1252", "latin_1"]


def _line_ends(data: _Input) -> int:
    """How many line breaks (\\n, \\r or \\r\\n) the file has: a table has at most one
    more record than that, so a file with few enough is read in a single pass."""
    count, after_cr = 0, False
    with data.binary() as fh:
        while chunk := fh.read(SNIFF_BYTES):
            count += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
            count -= after_cr and chunk.startswith(b"\n")
            after_cr = chunk.endswith(b"\r")
    return count


def _read_csv(data: _Input, file: str, encoding: str, delimiter: str, max_rows: int,
              keep: bool = True, errors: str = "strict") -> list[tuple[int, list[str]]]:
    """The rows that are not blank, with their spreadsheet row numbers (a quoted line break
    stays in one row); reading stops as soon as there are more than ``max_rows`` stops.
    With ``keep=False`` the rows are only counted (a first pass over a file that may be huge,
    so that it is refused without being held in memory).

    Records are taken in chunks, so that the csv module's C loop does most of the work."""
    rows: list[tuple[int, list[str]]] = []
    seen = filled = 0
    with data.text(encoding, errors) as fh:
        reader = csv.reader(fh, delimiter=delimiter, strict=True)
        try:
            while chunk := list(itertools.islice(reader, CHUNK_ROWS)):
                found = [(n, cells) for n, cells in enumerate(chunk, seen + 1)
                         if (cells and cells[0] and not cells[0].isspace())
                         or "".join(cells).strip()]
                seen, filled = seen + len(chunk), filled + len(found)
                if keep:
                    rows += found
                if filled > max_rows + 1:
                    raise _too_many(file, max_rows)
        except csv.Error:
            pass  # read again record by record, to say in which row
        else:
            return rows
    return _read_csv_slowly(data, file, encoding, delimiter, max_rows, keep, errors)


def _read_csv_slowly(data: _Input, file: str, encoding: str, delimiter: str, max_rows: int,
                     keep: bool, errors: str = "strict") -> list[tuple[int, list[str]]]:
    """:func:`_read_csv` one record at a time, for a file that has a CSV error somewhere."""
    rows: list[tuple[int, list[str]]] = []
    row = filled = 0
    with data.text(encoding, errors) as fh:
        reader = csv.reader(fh, delimiter=delimiter, strict=True)
        try:
            for row, cells in enumerate(reader, 1):
                if "".join(cells).strip():
                    filled += 1
                    if keep:
                        rows.append((row, cells))
                    if filled > max_rows + 1:
                        raise _too_many(file, max_rows)
        except csv.Error as exc:
            text = str(exc)
            if "unexpected end of data" in text or "EOF" in text:
                message, expected = ("a quote (\") opened in this row is never closed",
                                     'a closing quote; write "" for a quote inside a quoted cell')
            elif "field larger" in text:
                message, expected = "a cell is too long", f"at most {csv.field_size_limit():,} " \
                                                          "characters per cell"
            else:
                message, expected = (f"malformed CSV ({text})",
                                     'cells that contain the delimiter or a quote wrapped in "..."')
            raise _fail(file, message, expected, row=row + 1) from None
    return rows


def _delimiter(head: str) -> str:
    """The delimiter that splits the header row into the most cells (ties: comma)."""
    best, cells = ",", 1
    for candidate in DELIMITERS:
        try:
            first = next((r for r in csv.reader(head.splitlines()[:50], delimiter=candidate)
                          if any(c.strip() for c in r)), [])
        except csv.Error:
            continue
        if len(first) > cells:
            best, cells = candidate, len(first)
    return best


def _read_text(data: _Input, file: str, head: bytes, max_rows: int) -> _Source:
    if not head.strip():
        raise _fail(file, "the file is empty", TABLE_EXPECTED)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in head[:8192]:
        raise _fail(file, "is a binary file, not a text table", TABLE_EXPECTED)
    else:
        candidates = ["utf-8-sig"]
    tried: list[str] = []
    while candidates:
        encoding = candidates.pop(0)
        tried.append(encoding)
        delimiter = _delimiter(head[:65536].decode(encoding, errors="ignore"))
        try:
            if _line_ends(data) > max_rows:  # perhaps too long: count before holding rows
                _read_csv(data, file, encoding, delimiter, max_rows, keep=False)
            rows = _read_csv(data, file, encoding, delimiter, max_rows)
        except UnicodeError:
            if encoding == "utf-8-sig":
                _refuse_stray_bytes(data, file, delimiter, max_rows)
                candidates = _guess_encoding(head)
            continue
        if encoding not in ("utf-8-sig", "cp1252", "latin_1") or _may_hold_quoted(data):
            restore_all(rows)  # cells the tool wrote quoted, so no spreadsheet runs them
        return _split_header(file, rows, max_rows, "utf-8" if encoding == "utf-8-sig"
                             else encoding)
    raise _fail(file, f"cannot decode the text (tried {', '.join(tried)})",
                "a CSV file saved as UTF-8")


#: The two characters every cell that ``spreadsheet.neutralise`` quoted holds: a quote, then
#: a formula character or another quote (the same bytes in UTF-8 and the Windows code pages).
_QUOTED_PAIRS: Final = tuple(b"'" + c.encode() for c in ("'", *FORMULA_START))
#: ... at the start of a cell (after a delimiter, a CSV quote or a line break): "Sant'" at the
#: end of a line of a CRLF file is not one. The scan starts at each quote, in C.
_QUOTED_BYTES: Final = re.compile(rb"'[='+\-@\t\r]")  # a literal first: searched quickly
_CELL_STARTS: Final = frozenset(b",;\t\"\r\n")
MAX_STRAY_REPORTED: Final = 20


def _may_hold_quoted(data: _Input) -> bool:
    """Whether any cell of the file can have a quote to take away (almost never: then the
    loader need not look at every cell). A pair split across two chunks is found too."""
    with data.binary() as fh:
        tail = b""
        while chunk := fh.read(SNIFF_BYTES):
            part = tail + chunk
            if any(_starts_cell(part, m.start()) for m in _QUOTED_BYTES.finditer(part)):
                return True
            tail = part[-3:]
    return False


def _starts_cell(data: bytes, at: int) -> bool:
    """Whether the run of quotes around ``at`` begins a cell (or the chunk: then perhaps)."""
    while at and data[at - 1] == 0x27:  # '
        at -= 1
    return at == 0 or data[at - 1] in _CELL_STARTS


def _refuse_stray_bytes(data: _Input, file: str, delimiter: str, max_rows: int) -> None:
    """A file that is UTF-8 but for a few bytes (one character typed in a Windows program)
    is refused, naming the row and column of each such byte: reading the whole file in
    another encoding would silently garble every other accented letter ("Zürich" as
    "ZÃ¼rich"). A file with no UTF-8 letter at all is left to the encoding guess."""
    rows = _read_csv(data, file, "utf-8-sig", delimiter, max_rows, errors="surrogateescape")
    utf8 = bad = False
    for _, cells in rows:
        for cell in cells:
            if not cell.isascii():
                stray = any("\udc80" <= c <= "\udcff" for c in cell)
                bad = bad or stray
                utf8 = utf8 or any(c > "\x7f" and not "\udc80" <= c <= "\udcff"
                                   for c in cell)
        if utf8 and bad:
            break
    if not utf8:
        return
    header = rows[0][1] if rows else []
    problems: list[Problem] = []
    for row, cells in rows:
        for i, cell in enumerate(cells):
            if cell.isascii() or not any("\udc80" <= c <= "\udcff" for c in cell):
                continue
            byte = next(ord(c) - 0xDC00 for c in cell if "\udc80" <= c <= "\udcff")
            column = (None if row == rows[0][0] else
                      header[i].strip() if i < len(header) and header[i].strip()
                      else f"column {i + 1}")
            problems.append(Problem(
                file, f"byte 0x{byte:02X} is not UTF-8 (the rest of the file is)", row, column,
                cell.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
                "UTF-8 text: type that character again, or save the file as CSV UTF-8"))
    if len(problems) > MAX_STRAY_REPORTED:
        more = len(problems) - MAX_STRAY_REPORTED
        problems = problems[:MAX_STRAY_REPORTED] + [Problem(
            file, f"and {more:,} more cells with bytes that are not UTF-8",
            expected="the file saved as CSV UTF-8")]
    raise InputError(problems)


# --- header ---------------------------------------------------------------------------

def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.replace("\ufeff", "").strip().casefold())


_ALIAS: Final = {alias: ours for ours, aliases in ALIASES.items() for alias in aliases}


def _map_header(source: _Source, columns: dict[str, str] | None
                ) -> tuple[list[str | None], list[Problem]]:
    """Our column name for each header cell (None: a user column kept as it is)."""
    file, header = source.file, source.header
    keys = [_key(h) for h in header]
    target: list[str | None] = [None] * len(header)
    problems: list[Problem] = []
    for ours, theirs in (columns or {}).items():
        ours_key = _key(ours)
        if ours_key not in INPUT_COLUMNS:
            problems.append(Problem(file, f"cannot map a column to {ours!r}",
                                    expected="one of " + ", ".join(INPUT_COLUMNS)))
        elif _key(theirs) not in keys:
            problems.append(Problem(file, f"column {theirs!r} (given for {ours_key}) is not in "
                                    "the header", expected="one of " + ", ".join(header)))
        elif target[keys.index(_key(theirs))] is not None:
            problems.append(Problem(
                file, f"--columns gives the column {theirs!r} for both "
                f"{target[keys.index(_key(theirs))]} and {ours_key}",
                expected="each of your columns for one field only; a second field needs a "
                         "column of its own"))
        else:
            target[keys.index(_key(theirs))] = ours_key
    explicit = {t for t in target if t is not None}
    for lookup in ({c: c for c in INPUT_COLUMNS}, _ALIAS):
        for i, key in enumerate(keys):
            found = lookup.get(key)
            if target[i] is not None or found is None:
                continue
            ours = found
            if ours in target:
                if lookup is not _ALIAS and ours not in explicit:
                    problems.append(Problem(file, f"two columns are named {ours!r}", column=ours,
                                            expected="each column name once"))
                continue
            target[i] = ours
    for ours in ("place", "start"):
        if ours not in target:
            also = ", ".join(a for a in ALIASES.get(ours, ()) if a != ours)
            problems.append(Problem(
                file, f"missing required column '{ours}'", column=ours,
                expected=f"a column named {ours} (or {also}); found: {', '.join(header)}; "
                         f"or map yours with --columns {ours}=YOURS"))
    return target, problems


# --- validation -----------------------------------------------------------------------

class _Invalid(ValueError):
    """One cell's problem: the message, what was expected, and the column when it is another."""

    def __init__(self, message: str, expected: str, column: str | None = None) -> None:
        super().__init__(message)
        self.message, self.expected, self.column = message, expected, column


_DECIMAL: Final = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _number(value: str, name: str) -> float | None:
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"-?[0-9]+,[0-9]+", text):  # a decimal comma, from a semicolon CSV
        text = text.replace(",", ".")
    # float() also reads "1_0" as 10 and full-width or Arabic-Indic digits: not what a cell
    # of coordinates means, so only the digits 0-9, a point and an exponent are numbers here.
    number = float(text) if _DECIMAL.fullmatch(text) else math.nan
    limit = 90 if name == "lat" else 180
    if not math.isfinite(number):
        raise _Invalid(f"{name} is not a number", "decimal degrees in the digits 0-9, e.g. 47.37")
    if not -limit <= number <= limit:
        raise _Invalid(f"{name} is out of range", f"a number from -{limit} to {limit}")
    return number


def _length(name: str) -> Callable[[str], str]:
    limit = MAX_CHARS.get(name, DEFAULT_MAX_CHARS)

    def check(value: str) -> str:
        if len(value) > limit:
            raise _Invalid(f"too long: {len(value):,} characters", f"at most {limit:,} characters")
        return value
    return check


def _place(value: str) -> str:
    if not value:
        raise _Invalid("place is empty", "the name of a place, e.g. Zürich")
    return value


def _country(value: str) -> str:
    if value and not re.fullmatch(r"[A-Za-z]{2}", value):
        raise _Invalid("country is not a two-letter code", "an ISO 3166 code like CH or RU")
    return value.upper()


def _move(value: str) -> str:
    if value and value not in MOVE_KINDS:
        raise _Invalid("unknown move", "one of " + ", ".join(MOVE_KINDS)
                       + " (how this stop was reached), or empty")
    return value


def _kind(value: str) -> str:
    if value and value not in KINDS:
        raise _Invalid("unknown kind", "one of " + ", ".join(KINDS))
    return value


def _period(known: set[str] | None) -> Callable[[str], str]:
    listed = ", ".join(sorted(known or ())[:30]) or "none"

    def check(value: str) -> str:
        if value and known is not None and value not in known:
            raise _Invalid("unknown period", f"one of {listed} (from the periods file)")
        return value
    return check


def _lower(value: str) -> str:
    return value.lower()


_KINDS_SET: Final = frozenset(KINDS)
_MOVES_SET: Final = frozenset(MOVE_KINDS)


def _suspects(name: str, values: list[str], known: set[str] | None) -> list[int]:
    """Rows whose ``name`` cell may fail a check: a cheap screen over the column's distinct
    values, so that the exact checks (and their messages) run only where something is wrong."""
    limit = MAX_CHARS.get(name, DEFAULT_MAX_CHARS)
    if name in ("id", "note", "source", "evidence"):  # checked for length only
        if not values or max(map(len, values)) <= limit:
            return []
    elif name == "place" and all(values) and max(map(len, values)) <= limit:
        return []
    distinct = set(values)
    if name == "place":
        bad = {v for v in distinct if not v or len(v) > limit}
    elif name == "country":
        bad = {v for v in distinct if v and not (len(v) == 2 and v.isascii() and v.isalpha())}
    elif name == "kind":
        bad = {v for v in distinct if v and v.lower() not in _KINDS_SET}
    elif name == "move":
        bad = {v for v in distinct if v and v.lower() not in _MOVES_SET}
    elif name == "period":
        bad = {v for v in distinct
               if v and (len(v) > limit or (known is not None and v not in known))}
    elif name in ("lat", "lon"):
        bad = distinct - {""}
    elif name == "calendar":
        bad = set()
    else:
        bad = {v for v in distinct if len(v) > limit}
    return [i for i, v in enumerate(values) if v in bad] if bad else []


def _stop_checks(known: set[str] | None) -> dict[str, list[Callable[[str], Any]]]:
    """Each field's checks, applied in order; the first that fails is the field's problem.
    Fields are listed in the order their problems are reported within a row."""
    return {
        "id": [_length("id")],
        "place": [_length("place"), _place],
        "country": [_length("country"), _country],
        "calendar": [_lower],
        "period": [_length("period"), _period(known)],
        "kind": [_length("kind"), _lower, _kind],
        "note": [_length("note")],
        "source": [_length("source")],
        "evidence": [_length("evidence")],
        "move": [_lower, _move],
        "lat": [lambda v: _number(v, "lat")],
        "lon": [lambda v: _number(v, "lon")],
    }


def _apply(checks: list[Callable[[str], Any]], value: str) -> Any:
    for check in checks:
        value = check(value)
    return value


def _validate_stops(data: dict[str, list[str]], rows: list[int], file: str,
                    known: set[str] | None) -> tuple[dict[str, list[Any]], list[Problem]]:
    """The normalised codes and coordinates of every row, and every problem, row by row and
    within a row field by field; a lone lat or lon is reported only for an otherwise clean
    row (a row with other problems is fixed first)."""
    checks = _stop_checks(known)
    found: dict[int, list[Problem]] = {}
    for name, field_checks in checks.items():
        values = data[name]
        for i in _suspects(name, values, known):
            try:
                _apply(field_checks, values[i])
            except _Invalid as exc:
                found.setdefault(i, []).append(Problem(
                    file, exc.message, rows[i], exc.column or name, values[i] or None,
                    exc.expected))
    n = len(rows)
    lat: list[float | None] = [None] * n
    lon: list[float | None] = [None] * n
    for i in {*_suspects("lat", data["lat"], known), *_suspects("lon", data["lon"], known)}:
        if i in found:
            continue
        lat[i], lon[i] = _number(data["lat"][i], "lat"), _number(data["lon"][i], "lon")
        if (lat[i] is None) != (lon[i] is None):
            missing = "lon" if lon[i] is None else "lat"
            found[i] = [Problem(file, f"{'lat' if missing == 'lon' else 'lon'} without {missing}",
                                rows[i], missing, data[missing][i] or None,
                                "both lat and lon, or neither")]
    clean: dict[str, list[Any]] = {
        "country": list(map(str.upper, data["country"])),
        "kind": list(map(str.lower, data["kind"])),
        "calendar": list(map(str.lower, data["calendar"])),
        "move": list(map(str.lower, data["move"])),
        "lat_override": [math.nan if v is None else v for v in lat],
        "lon_override": [math.nan if v is None else v for v in lon],
    }
    return clean, [p for i in sorted(found) for p in found[i]]


# --- ids ------------------------------------------------------------------------------

def slug(text: str) -> str:
    """ASCII, lower case, hyphens: "Zürich" -> "zurich"; "" when nothing Latin is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _fill_ids(data: dict[str, list[Any]], file: str) -> list[Problem]:
    """Keep given ids (reporting duplicates); give the others place-year, then -2, -3."""
    problems: list[Problem] = []
    if all(data["id"]) and len(set(data["id"])) == len(data["id"]):
        return problems  # the usual case, settled at C speed: every row has its own id
    first_row: dict[str, int] = {}
    for row, given in zip(data[ROW], data["id"], strict=True):
        if not given:
            continue
        if given in first_row:
            problems.append(Problem(file, f"duplicate id, first used in row {first_row[given]}",
                                    int(row), "id", given, "a different id on every row"))
        else:
            first_row[given] = int(row)
    taken = set(first_row)
    ids = []
    for given, place, start in zip(data["id"], data["place"], data["start"], strict=True):
        if given:
            ids.append(given)
            continue
        year = re.match(r"\d+", start.strip())
        base = f"{slug(place)[:60] or 'stop'}-{year.group(0) if year else 'undated'}"
        ids.append(_first_free(base, taken, "{base}-{n}"))
    data["id"] = ids
    return problems


# --- the table ------------------------------------------------------------------------

def _extra_columns(source: _Source, target: list[str | None]) -> dict[int, str]:
    """The user's own columns by position, named so that no two names and no later stage's
    column clash (a user "seq" becomes "extra_seq")."""
    extras: dict[int, str] = {}
    used = set(INPUT_COLUMNS)
    for i, name in enumerate(source.header):
        if target[i] is not None:
            continue
        if not name.strip() and not any(i < len(c) and c[i].strip() for _, c in source.rows):
            continue
        label = name.strip() or f"column {i + 1}"
        if label in RESERVED:
            label = f"extra_{label}"
        extras[i] = _first_free(label, used, "{base} ({n})")
    return extras


def _first_free(base: str, taken: set[str], form: str) -> str:
    """``base``, or the first of ``form`` numbered 2, 3, ... that is not taken; now taken."""
    name, n = base, 1
    while name in taken:
        n += 1
        name = form.format(base=base, n=n)
    taken.add(name)
    return name


def _cells(source: _Source, target: list[str | None]
           ) -> tuple[dict[str, list[str]], dict[int, str], list[Problem]]:
    """Text cells into named columns (each cell stripped, short rows padded); a row wider than
    the header is a problem (an unquoted comma in a note, usually) unless the extra cells are
    empty."""
    width, body = len(source.header), [cells for _, cells in source.rows]
    problems: list[Problem] = []
    if set(map(len, body)) != {width}:
        problems = [Problem(source.file, f"{len(cells)} cells but the header has {width} "
                            "columns", row, expected="cells that contain the delimiter wrapped "
                            "in quotes")
                    for row, cells in source.rows
                    if len(cells) > width and any(c.strip() for c in cells[width:])]
        body = [cells[:width] + [""] * (width - len(cells)) for cells in body]
    by_position = [list(map(str.strip, cells)) for cells in zip(*body, strict=True)]
    where = {ours: i for i, ours in enumerate(target) if ours is not None}  # the last wins
    data = {name: by_position[where[name]] if name in where else [""] * len(body)
            for name in INPUT_COLUMNS}
    extras = _extra_columns(source, target)
    data.update({label: by_position[i] for i, label in extras.items()})
    return data, extras, problems


def _ordered(problems: list[Problem], columns: dict[str, int]) -> list[Problem]:
    """Top to bottom, then left to right as the user's sheet has its columns."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.row or 0, columns.get(p.column or "", len(columns))))


def _raise(problems: list[Problem], source: _Source | None = None) -> None:
    if not problems:
        return
    problems = _ordered(problems, source.columns if source else {})
    if source is not None and source.encoding not in ("utf-8", "xlsx"):
        problems.append(Problem(source.file, f"note: read as {source.encoding} because the "
                                "file is not UTF-8; if letters look wrong, save it as UTF-8"))
    raise InputError(problems)


@paused_gc()
def read_table(path: str | Path, *, columns: dict[str, str] | None = None,
               periods: pd.DataFrame | None = None, max_rows: int = 200_000) -> pd.DataFrame:
    """One validated row per stop: model.ROW, every model.INPUT_COLUMNS column (lat/lon as
    ``lat_override``/``lon_override`` floats, NaN when not given), then the user's own columns;
    ``attrs`` hold the file and its encoding. ``periods`` is the periods table, when a periods
    file is given: a stop's period must be one of its ids.

    Raises InputError listing every problem; dates are checked here but their columns are
    added by dates.normalise. Collection is paused: reading makes many small lists that all
    live on.
    """
    file = STDIN_LABEL if str(path) == STDIN else str(path)
    source = _read_source(Path(path), file, max_rows)
    target, problems = _map_header(source, columns)
    source.columns = {ours: i for i, ours in enumerate(target) if ours is not None}
    _raise(problems, source)
    if not source.rows:
        _raise([Problem(file, "no stops: the file has a header but no rows below it",
                        expected="one row per stop under the header")])
    data, extras, problems = _cells(source, target)
    rows = [r for r, _ in source.rows]
    known = None if periods is None else {str(p) for p in periods["id"]}
    clean, invalid = _validate_stops(data, rows, file, known)
    problems += invalid
    problems += dates.date_columns(rows, data["start"], data["end"], data["calendar"], file,
                                   fill=False)[1]
    table: dict[str, list[Any]] = {ROW: rows, **data}
    problems += _fill_ids(table, file)
    _raise(problems, source)
    table.update(clean)
    order = [ROW, *(OVERRIDES.get(c, c) for c in INPUT_COLUMNS), *extras.values()]
    return _frame({name: table[name] for name in order}, file, source.encoding)


def _frame(columns: dict[str, list[Any]], file: str, encoding: str) -> pd.DataFrame:
    """The columns as a DataFrame (``ROW`` int64, coordinates float64, text ``str``)."""
    frame = pd.DataFrame(columns)
    frame[ROW] = frame[ROW].astype("int64")
    for name in ("lat_override", "lon_override"):
        if name in frame.columns:
            frame[name] = frame[name].astype("float64")
    frame.attrs.update(file=file, encoding=encoding)
    return frame


# --- periods --------------------------------------------------------------------------

def _period_checks() -> dict[str, list[Callable[[str], Any]]]:
    def present(name: str) -> Callable[[str], str]:
        def check(value: str) -> str:
            if not value:
                raise _Invalid(f"{name} is empty", "a short text")
            if len(value) > DEFAULT_MAX_CHARS:
                raise _Invalid(f"too long: {len(value):,} characters",
                               f"at most {DEFAULT_MAX_CHARS} characters")
            return value
        return check

    def color(value: str) -> str:
        if value and not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise _Invalid("color is not #rrggbb", "a colour like #1b9e77")
        return value

    return {"id": [present("id")], "title": [present("title")], "color": [color]}


def read_periods(path: str | Path) -> pd.DataFrame:
    """The periods table (id,title,start,end,color) with ROW; a missing colour
    is taken from a fixed palette in file order, so the same file always gets the same colours."""
    file = STDIN_LABEL if str(path) == STDIN else str(path)
    source = _read_source(Path(path), file, 10_000)
    keys = [_key(h) for h in source.header]
    source.columns = {key: i for i, key in reversed(list(enumerate(keys)))}
    problems = [Problem(file, f"missing required column '{c}'", column=c,
                        expected=f"the columns {','.join(PERIOD_COLUMNS)}")
                for c in ("id", "title", "start") if c not in keys]
    _raise(problems, source)
    data: dict[str, list[Any]] = {ROW: [r for r, _ in source.rows]}
    translations = [k for k in keys if k.partition("_")[0] in TRANSLATED_COLUMNS
                    and re.fullmatch(r"[a-z]+_[a-z]{2,3}", k)]
    for c in (*PERIOD_COLUMNS, *translations):
        i = keys.index(c) if c in keys else None
        data[c] = [cells[i].strip() if i is not None and i < len(cells) else ""
                   for _, cells in source.rows]
    rows = data[ROW]
    for index in range(len(rows)):
        for name, checks in _period_checks().items():
            try:
                _apply(checks, data[name][index])
            except _Invalid as exc:
                problems.append(Problem(file, exc.message, rows[index], name,
                                        data[name][index] or None, exc.expected))
    problems += dates.date_columns(rows, data["start"], data["end"], [""] * len(rows),
                                   file)[1]
    seen: dict[str, int] = {}
    for row, pid in zip(rows, data["id"], strict=True):
        if pid and pid in seen:
            problems.append(Problem(file, f"duplicate id, first used in row {seen[pid]}",
                                    int(row), "id", pid, "a different id on every row"))
        seen.setdefault(pid, int(row))
    _raise(problems, source)
    data["color"] = [c.lower() or PALETTE[i % len(PALETTE)] for i, c in enumerate(data["color"])]
    return _frame(data, file, source.encoding)

