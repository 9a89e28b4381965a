"""Any spreadsheet in, a validated stops table out, or every problem in it at once.

Teachers' tables come as CSV (comma, semicolon or tab; UTF-8 or a Windows code page) or as
.xlsx. Column names are matched loosely (case, spaces, common aliases). Nothing here lets a
pandas or pydantic traceback reach the user: each problem becomes one errors.Problem naming
file, row and column.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pandas as pd
from pydantic import (
    BaseModel,
    ConfigDict,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import dates
from .errors import InputError, Problem
from .model import (
    ALIASES,
    DATE_COLUMNS,
    INPUT_COLUMNS,
    KINDS,
    MOVE_KINDS,
    PERIOD_COLUMNS,
    RESOLVED_COLUMNS,
    ROW,
    TEXT_COLUMNS,
)

#: Longest text accepted per column; a 10,000-character "place" is a pasting accident.
MAX_CHARS: Final = {"place": 200, "note": 2000, "evidence": 2000, "source": 2000}
DEFAULT_MAX_CHARS: Final = 200
DELIMITERS: Final = (",", ";", "\t")
SNIFF_BYTES: Final = 1 << 20
EXCEL_SUFFIXES: Final = (".xlsx", ".xlsm")
OVERRIDES: Final = {"lat": "lat_override", "lon": "lon_override"}
#: Column names later stages add; a user column of the same name is kept under "extra_<name>".
RESERVED: Final = frozenset({ROW, "seq", *OVERRIDES.values(), *DATE_COLUMNS, *RESOLVED_COLUMNS})
PALETTE: Final = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
                  "#666666", "#1f78b4", "#b15928")
TABLE_EXPECTED: Final = "a CSV or .xlsx table with a header row such as place,start,end"


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


def _read_source(path: Path, file: str, max_rows: int) -> _Source:
    if not path.exists():
        raise _fail(file, "file not found", TABLE_EXPECTED)
    if path.is_dir():
        raise _fail(file, "is a folder, not a table", TABLE_EXPECTED)
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise _fail(file, f"cannot be read ({exc.strerror or exc})") from None
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix in (".xls", ".ods"):
        raise _fail(file, "old .xls and .ods workbooks cannot be read",
                    "the sheet saved as .xlsx or as CSV (UTF-8)")
    if suffix in EXCEL_SUFFIXES or head.startswith(b"PK\x03\x04"):
        return _read_excel(path, file, max_rows)
    return _read_text(path, file, head, max_rows)


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


def _read_excel(path: Path, file: str, max_rows: int) -> _Source:
    try:
        sheet = pd.read_excel(path, sheet_name=0, header=None, dtype=object, engine="openpyxl",
                              nrows=max_rows + 2)
    except Exception:  # noqa: BLE001 - zip, xml and openpyxl errors all mean the same
        raise _fail(file, "not a readable Excel workbook",
                    "an .xlsx file saved by Excel or LibreOffice, or a CSV file") from None
    rows = [(i + 1, [_excel_cell(v) for v in values])
            for i, values in enumerate(sheet.itertuples(index=False, name=None))]
    return _split_header(file, rows, max_rows, "xlsx")


def _split_header(file: str, rows: list[tuple[int, list[str]]], max_rows: int,
                  encoding: str) -> _Source:
    filled = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        raise _fail(file, "the file is empty", TABLE_EXPECTED)
    (_, header), body = filled[0], filled[1:]
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


def _iter_csv(path: Path, file: str, encoding: str, delimiter: str
              ) -> Iterator[tuple[int, list[str]]]:
    """Records with their spreadsheet row numbers (a quoted line break stays in one row)."""
    row = 0
    with path.open(encoding=encoding, errors="strict", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter, strict=True)
        try:
            for cells in reader:
                row += 1
                yield row, cells
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


def _read_text(path: Path, file: str, head: bytes, max_rows: int) -> _Source:
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
            count = 0
            for _, cells in _iter_csv(path, file, encoding, delimiter):
                count += any(c.strip() for c in cells)
                if count > max_rows + 1:
                    raise _too_many(file, max_rows)
            rows = list(_iter_csv(path, file, encoding, delimiter))
        except UnicodeError:
            if encoding == "utf-8-sig":
                candidates = _guess_encoding(head)
            continue
        return _split_header(file, rows, max_rows, "utf-8" if encoding == "utf-8-sig"
                             else encoding)
    raise _fail(file, f"cannot decode the text (tried {', '.join(tried)})",
                "a CSV file saved as UTF-8")


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

def _error(message: str, expected: str, column: str | None = None) -> PydanticCustomError:
    return PydanticCustomError("stop", message, {"expected": expected, "column": column})


def _number(value: str, name: str) -> float | None:
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"-?\d+,\d+", text):  # a decimal comma, from a semicolon CSV
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    limit = 90 if name == "lat" else 180
    if not math.isfinite(number):
        raise _error(f"{name} is not a number", "decimal degrees, e.g. 47.37")
    if not -limit <= number <= limit:
        raise _error(f"{name} is out of range", f"a number from -{limit} to {limit}")
    return number


class StopRow(BaseModel):
    """One stop as typed; validators normalise case and report with our own messages."""

    model_config = ConfigDict(extra="ignore")

    id: str = ""
    place: str = ""
    country: str = ""
    calendar: str = ""
    period: str = ""
    kind: str = ""
    note: str = ""
    source: str = ""
    evidence: str = ""
    move: str = ""
    lat: float | None = None
    lon: float | None = None

    @field_validator("id", "place", "country", "period", "kind", "note", "source", "evidence")
    @classmethod
    def _length(cls, value: str, info: ValidationInfo) -> str:
        limit = MAX_CHARS.get(str(info.field_name), DEFAULT_MAX_CHARS)
        if len(value) > limit:
            raise _error(f"too long: {len(value):,} characters", f"at most {limit:,} characters")
        return value

    @field_validator("place")
    @classmethod
    def _place(cls, value: str) -> str:
        if not value:
            raise _error("place is empty", "the name of a place, e.g. Zürich")
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if value and not re.fullmatch(r"[A-Za-z]{2}", value):
            raise _error("country is not a two-letter code", "an ISO 3166 code like CH or RU")
        return value.upper()

    @field_validator("kind", "calendar", "move")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()

    @field_validator("move")
    @classmethod
    def _move(cls, value: str) -> str:
        if value and value not in MOVE_KINDS:
            raise _error("unknown move", "one of " + ", ".join(MOVE_KINDS)
                         + " (how this stop was reached), or empty")
        return value

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value and value not in KINDS:
            raise _error("unknown kind", "one of " + ", ".join(KINDS))
        return value

    @field_validator("period")
    @classmethod
    def _period(cls, value: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get("periods")
        if value and known is not None and value not in known:
            listed = ", ".join(sorted(known)[:30]) or "none"
            raise _error("unknown period", f"one of {listed} (from the periods file)")
        return value

    @field_validator("lat", "lon", mode="before")
    @classmethod
    def _degrees(cls, value: str, info: ValidationInfo) -> float | None:
        return _number(value, str(info.field_name))

    @model_validator(mode="after")
    def _pair(self) -> StopRow:
        if (self.lat is None) != (self.lon is None):
            missing = "lon" if self.lon is None else "lat"
            raise _error(f"{'lat' if missing == 'lon' else 'lon'} without {missing}",
                         "both lat and lon, or neither", column=missing)
        return self


_STOPS: Final = TypeAdapter(list[StopRow])


def _pydantic_problems(exc: ValidationError, file: str, rows: list[int],
                       records: list[dict[str, str]]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = err.get("loc", ())
        index = loc[0] if loc and isinstance(loc[0], int) else None
        ctx = err.get("ctx") or {}
        column = str(loc[1]) if len(loc) > 1 else ctx.get("column")
        value = records[index].get(column or "") if index is not None else None
        problems.append(Problem(file, str(err.get("msg", "invalid")),
                                rows[index] if index is not None else None, column,
                                value if value else None, ctx.get("expected")))
    return problems


# --- ids ------------------------------------------------------------------------------

def slug(text: str) -> str:
    """ASCII, lower case, hyphens: "Zürich" -> "zurich"; "" when nothing Latin is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _fill_ids(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Keep given ids (reporting duplicates); give the others place-year, then -2, -3."""
    problems: list[Problem] = []
    first_row: dict[str, int] = {}
    for row, given in zip(frame[ROW], frame["id"], strict=True):
        if not given:
            continue
        if given in first_row:
            problems.append(Problem(file, f"duplicate id, first used in row {first_row[given]}",
                                    int(row), "id", given, "a different id on every row"))
        else:
            first_row[given] = int(row)
    taken = set(first_row)
    ids = []
    for given, place, start in zip(frame["id"], frame["place"], frame["start"], strict=True):
        if given:
            ids.append(given)
            continue
        year = re.match(r"\d+", start.strip())
        base = f"{slug(place)[:60] or 'stop'}-{year.group(0) if year else 'undated'}"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    frame["id"] = ids
    return problems


# --- the frame ------------------------------------------------------------------------

def _frame(source: _Source, target: list[str | None]) -> tuple[pd.DataFrame, list[Problem]]:
    """Text cells into named columns; a row wider than the header is a problem (an unquoted
    comma in a note, usually) unless the extra cells are empty."""
    header, width = source.header, len(source.header)
    problems: list[Problem] = []
    extras: dict[int, str] = {}
    used = set(INPUT_COLUMNS)
    for i, name in enumerate(header):
        if target[i] is not None:
            continue
        if not name.strip() and not any(i < len(c) and c[i].strip() for _, c in source.rows):
            continue
        label = name.strip() or f"column {i + 1}"
        if label in RESERVED:
            label = f"extra_{label}"
        base, n = label, 1
        while label in used:
            n += 1
            label = f"{base} ({n})"
        used.add(label)
        extras[i] = label
    data: dict[str, list[str]] = {c: [] for c in [*INPUT_COLUMNS, *extras.values()]}
    for row, cells in source.rows:
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            problems.append(Problem(source.file, f"{len(cells)} cells but the header has "
                                    f"{width} columns", row, expected="cells that contain "
                                    "the delimiter wrapped in quotes"))
        cells = [c.strip() for c in cells[:width]] + [""] * (width - len(cells))
        named = {ours: cells[i] for i, ours in enumerate(target) if ours is not None}
        for column in INPUT_COLUMNS:
            data[column].append(named.get(column, ""))
        for i, label in extras.items():
            data[label].append(cells[i])
    frame = pd.DataFrame(data)
    frame.insert(0, ROW, pd.Series([r for r, _ in source.rows], dtype="int64"))
    return frame, problems


def _records(frame: pd.DataFrame, names: tuple[str, ...]) -> list[dict[str, str]]:
    columns = [frame[n].tolist() for n in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


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


def read_table(path: str | Path, *, columns: dict[str, str] | None = None,
               periods: pd.DataFrame | None = None, max_rows: int = 200_000) -> pd.DataFrame:
    """One validated row per stop: model.ROW, every model.INPUT_COLUMNS column (lat/lon as
    ``lat_override``/``lon_override`` floats), then the user's own columns.

    Raises InputError listing every problem; dates are checked here but their columns are
    added by dates.normalise.
    """
    file = str(path)
    source = _read_source(Path(path), file, max_rows)
    target, problems = _map_header(source, columns)
    source.columns = {ours: i for i, ours in enumerate(target) if ours is not None}
    _raise(problems, source)
    if not source.rows:
        _raise([Problem(file, "no stops: the file has a header but no rows below it",
                        expected="one row per stop under the header")])
    frame, problems = _frame(source, target)
    records = _records(frame, INPUT_COLUMNS)
    known = None if periods is None else {str(p) for p in periods["id"]}
    rows = frame[ROW].tolist()
    try:
        stops = _STOPS.validate_python(records, context={"periods": known})
    except ValidationError as exc:
        problems += _pydantic_problems(exc, file, rows, records)
        stops = None
    problems += dates.derive(frame, file)[1]
    if stops is not None:
        for name in ("country", "kind", "calendar", "move"):
            frame[name] = [getattr(s, name) for s in stops]
        frame["lat_override"] = pd.array([s.lat for s in stops], dtype="float64")
        frame["lon_override"] = pd.array([s.lon for s in stops], dtype="float64")
    problems += _fill_ids(frame, file)
    _raise(problems, source)
    frame = frame.drop(columns=list(OVERRIDES))
    names = [ROW, *(OVERRIDES.get(c, c) for c in INPUT_COLUMNS)]
    frame = frame[names + [c for c in frame.columns if c not in names]]
    frame.attrs.update(file=file, encoding=source.encoding)
    for column in TEXT_COLUMNS:
        frame[column] = frame[column].astype(str)
    return frame


# --- periods --------------------------------------------------------------------------

class PeriodRow(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = ""
    title: str = ""
    color: str = ""

    @field_validator("id", "title")
    @classmethod
    def _present(cls, value: str, info: ValidationInfo) -> str:
        if not value:
            raise _error(f"{info.field_name} is empty", "a short text")
        if len(value) > DEFAULT_MAX_CHARS:
            raise _error(f"too long: {len(value):,} characters",
                         f"at most {DEFAULT_MAX_CHARS} characters")
        return value

    @field_validator("color")
    @classmethod
    def _color(cls, value: str) -> str:
        if value and not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise _error("color is not #rrggbb", "a colour like #1b9e77")
        return value.lower()


_PERIODS: Final = TypeAdapter(list[PeriodRow])


def read_periods(path: str | Path) -> pd.DataFrame:
    """The periods table (id,title,start,end,color) with ROW; a missing colour is taken from a
    fixed palette in file order, so the same file always gets the same colours."""
    file = str(path)
    source = _read_source(Path(path), file, 10_000)
    keys = [_key(h) for h in source.header]
    source.columns = {key: i for i, key in reversed(list(enumerate(keys)))}
    problems = [Problem(file, f"missing required column '{c}'", column=c,
                        expected=f"the columns {','.join(PERIOD_COLUMNS)}")
                for c in ("id", "title", "start") if c not in keys]
    _raise(problems, source)
    data: dict[str, list[str]] = {c: [] for c in PERIOD_COLUMNS}
    for _, cells in source.rows:
        for c in PERIOD_COLUMNS:
            i = keys.index(c) if c in keys else None
            data[c].append(cells[i].strip() if i is not None and i < len(cells) else "")
    frame = pd.DataFrame(data)
    frame.insert(0, ROW, pd.Series([r for r, _ in source.rows], dtype="int64"))
    records = _records(frame, PERIOD_COLUMNS)
    rows = frame[ROW].tolist()
    try:
        _PERIODS.validate_python(records)
    except ValidationError as exc:
        problems += _pydantic_problems(exc, file, rows, records)
    problems += dates.derive(frame, file)[1]
    seen: dict[str, int] = {}
    for row, pid in zip(rows, frame["id"], strict=True):
        if pid and pid in seen:
            problems.append(Problem(file, f"duplicate id, first used in row {seen[pid]}",
                                    int(row), "id", pid, "a different id on every row"))
        seen.setdefault(pid, int(row))
    _raise(problems, source)
    frame["color"] = [c.lower() or PALETTE[i % len(PALETTE)]
                      for i, c in enumerate(frame["color"])]
    frame.attrs.update(file=file, encoding=source.encoding)
    return frame
