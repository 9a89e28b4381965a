"""EDTF dates in either calendar, reduced to inclusive Gregorian day spans and historians' labels.

The dates tables are made of (plain or qualified ISO days, months and years, and seasons) are read
by a small parser here; anything else goes to the maintained ``edtf`` package's grammar, imported
only then (with pandas and convertdate it would cost ``itinerary check`` a third of a second).
Julian (Old Style) days are converted by day counts, the same numbers as ``convertdate``.
Everything works on ``datetime.date`` (years 1..9999), never on epoch timestamps, so dates
before 1970 behave like any other.

Bounds are *strict*: "1902~" spans 1902-01-01..1902-12-31 and carries ``approximate=True``
rather than being widened by an arbitrary margin, so ordering follows what the source wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

import pandas as pd

from ..errors import InputError, Problem
from ..gcpause import paused_gc
from ..i18n import message
from ..i18n.cldr import DateStyle, date_style
from ..model import CALENDARS, DATE_COLUMNS, ROW
from . import cells

EXPECTED: Final = "an EDTF date like 1902, 1902-07, 1902-07-15, 1902~ (about), 1902? (uncertain)"
#: The last Old Style day in Russia: 31 January 1918 (Julian) was followed by 14 February 1918.
JULIAN_LAST: Final = (1918, 1, 31)
MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December")
#: EDTF season codes 21..24 -> (name, first month); a season lasts three months.
SEASONS: Final = {21: ("spring", 3), 22: ("summer", 6), 23: ("autumn", 9), 24: ("winter", 12)}
DASH: Final = " – "
_LOOKS_NUMERIC = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?[~?%]?$")
#: What most tables hold: EDTF level 0 (YYYY, YYYY-MM, YYYY-MM-DD), optionally with a level 1
#: qualifier (~ approximate, ? uncertain, % both), and level 1 seasons (YYYY-21..24). These are
#: read here; the EDTF grammar (1-3 ms a cell, and 100 ms to import) gets only the rest, and the
#: texts this parser cannot use (so that the grammar's path explains what is wrong).
_ISO_QUALIFIED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)$")
_DAYS_BEFORE_MONTH: Final = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class DateError(ValueError):
    """A date that cannot be used; the message says what was expected instead."""

    def __init__(self, message: str, expected: str = EXPECTED) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A written date and the inclusive range of Gregorian days it may mean."""

    text: str                 # as written
    calendar: str             # "gregorian" | "julian"
    earliest: dt.date         # Gregorian, inclusive
    latest: dt.date           # Gregorian, inclusive
    precision: str            # "year" | "season" | "month" | "day"
    approximate: bool
    uncertain: bool


# --- parsing ----------------------------------------------------------------------------

def _grammar() -> list[Callable[[str], Any]]:
    """Level 0, then level 1, then the whole grammar: the full parser tries every level with
    longest-match alternation and is ~5x slower for the plain dates that fill most tables."""
    from edtf import parse_edtf

    try:
        from edtf.parser import grammar

        quick = [grammar.level0Expression, grammar.level1Expression]
        steps = [lambda s, p=p: p.parse_string(s, parse_all=True)[0] for p in quick]
    except (ImportError, AttributeError):  # the internals moved: the public parser still works
        steps = []
    return [*steps, parse_edtf]


_PARSERS: list[Callable[[str], Any]] = []


def _parse_edtf(text: str) -> Any:
    if not _PARSERS:
        _PARSERS.extend(_grammar())
    *quick, full = _PARSERS
    for step in quick:
        try:
            return step(text)
        except Exception:  # noqa: BLE001 - pyparsing's ParseException and friends
            continue
    return full(text)


def _leap(calendar: str, year: int) -> bool:
    if calendar == "julian":
        return year % 4 == 0
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _month_length(calendar: str, year: int, month: int) -> int:
    return 29 if month == 2 and _leap(calendar, year) else _MONTH_DAYS[month - 1]


def _julian_ordinal(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian ordinal (``date.toordinal``) of a Julian day: Julian 1 January
    AD 1 is Gregorian 30 December 1 BC, two days before ordinal 1."""
    leap_day = 1 if month > 2 and year % 4 == 0 else 0
    return (365 * (year - 1) + (year - 1) // 4 + _DAYS_BEFORE_MONTH[month - 1] + leap_day
            + day - 2)


def _gregorian_year(ordinal: int) -> int:
    """The (astronomical) Gregorian year of any ordinal, also outside ``datetime``'s 1..9999."""
    jdn = ordinal + 1721425 + 32044  # Richards' algorithm, from the Julian day number
    b = (4 * jdn + 3) // 146097
    c = jdn - 146097 * b // 4
    d = (4 * c + 3) // 1461
    m = (5 * (c - 1461 * d // 4) + 2) // 153
    return 100 * b + d - 4800 + m // 10


def _to_gregorian(calendar: str, ymd: tuple[int, int, int]) -> dt.date:
    year, month, day = ymd
    if calendar == "julian":
        ordinal = _julian_ordinal(year, month, day)
        if not dt.date.min.toordinal() <= ordinal <= dt.date.max.toordinal():
            year = _gregorian_year(ordinal)
        else:
            return dt.date.fromordinal(ordinal)
    if not 1 <= year <= 9999:
        raise DateError(f"year {year} is outside 1..9999 once converted to the Gregorian calendar",
                        "a year from 1 to 9999")
    return dt.date(year, month, day)


def _from_gregorian(calendar: str, day: dt.date) -> tuple[int, int, int]:
    if calendar != "julian":
        return day.year, day.month, day.day
    days = day.toordinal() + 1  # days since Julian 1 January AD 1
    cycle, rest = divmod(days, 1461)
    in_cycle = min(rest // 365, 3)
    year, day_of_year = 4 * cycle + in_cycle + 1, rest - 365 * in_cycle
    leap = 1 if in_cycle == 3 else 0
    month = 12
    while month > 1 and day_of_year < _DAYS_BEFORE_MONTH[month - 1] + (leap if month > 2 else 0):
        month -= 1
    return year, month, day_of_year - _DAYS_BEFORE_MONTH[month - 1] - (leap if month > 2
                                                                        else 0) + 1


def _written_bounds(obj: Any, text: str, calendar: str) -> tuple[str, tuple[int, int, int],
                                                                 tuple[int, int, int]]:
    """Precision and first/last day *in the written calendar* (edtf assumes Gregorian months)."""
    lo, hi = obj.lower_strict(), obj.upper_strict()
    y, m, d = lo.tm_year, lo.tm_mon, lo.tm_mday
    if not 1 <= y <= 9999:
        raise DateError(f"year {y} is outside 1..9999", "a year from 1 to 9999")
    season = getattr(obj, "season", None)
    if season is not None:
        code = int(season)
        if code not in SEASONS:
            raise DateError(f"season code {code} is not one of 21-24", "21 spring, 22 summer, "
                            "23 autumn, 24 winter, e.g. 1899-22")
        first = SEASONS[code][1]
        end_y, end_m = (y, first + 2) if first + 2 <= 12 else (y + 1, first + 2 - 12)
        return "season", (y, first, 1), (end_y, end_m, _month_length(calendar, end_y, end_m))
    same_year = hi.tm_year == y
    if same_year and (m, d, hi.tm_mon, hi.tm_mday) == (1, 1, 12, 31):
        return "year", (y, 1, 1), (y, 12, 31)
    if same_year and hi.tm_mon == m and d == 1 and hi.tm_mday >= 28:
        return "month", (y, m, 1), (y, m, _month_length(calendar, y, m))
    if (hi.tm_year, hi.tm_mon, hi.tm_mday) == (y, m, d):
        if not 1 <= d <= _month_length(calendar, y, m):
            raise DateError(f"{y:04d}-{m:02d}-{d:02d} is not a day in the {calendar} calendar",
                            f"a real day, e.g. {y:04d}-{m:02d}-{min(d, 28):02d}")
        return "day", (y, m, d), (y, m, d)
    if "/" in text or ".." in text:
        raise DateError("a range does not fit in one cell", "one date here, the range's other "
                        "end in the 'end' column")
    raise DateError("too vague: not a single year, season, month or day")


def _explain_failure(text: str) -> DateError:
    """Say *why* a date-shaped text failed: an impossible month or day reads better than
    "not EDTF"."""
    shape = _LOOKS_NUMERIC.match(text)
    if shape:
        year, month, day = (int(g) if g else None for g in shape.groups())
        assert year is not None and month is not None
        if not 1 <= month <= 12 and not 21 <= month <= 24:
            return DateError(f"there is no month {month}", "a month 01-12 (or season 21-24)")
        if day is not None and month <= 12 and not 1 <= day <= _month_length("julian", year,
                                                                              month):
            return DateError(f"{MONTHS[month - 1]} has no day {day}", "a real day, e.g. "
                             f"{year:04d}-{month:02d}-{min(day, 28):02d}")
        if day is not None and month <= 12:
            return DateError(f"{year:04d}-{month:02d}-{day:02d} is not a day in this calendar",
                             "a real day")
    if "/" in text:
        return DateError("a range does not fit in one cell",
                         "one date here, the range's other end in the 'end' column")
    if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}", text):
        return DateError("day-first or month-first dates are ambiguous",
                         "year first, e.g. 1905-01-22")
    return DateError("not a date this tool understands")


@lru_cache(maxsize=65536)  # a table repeats its dates; the pipeline reads each twice
def parse_date(text: str, calendar: str = "gregorian") -> DateSpan:
    """Parse one EDTF date written in ``calendar``; raise DateError saying what was expected."""
    cleaned = text.strip()
    calendar = (calendar or "gregorian").strip().lower()
    if calendar not in CALENDARS:
        raise DateError(f"unknown calendar {calendar!r}", "gregorian or julian")
    if not cleaned:
        raise DateError("no date given")
    quick = _quick_span(cleaned, calendar)
    if quick is not None:
        return quick
    return _edtf_span(cleaned, calendar)


def _edtf_span(cleaned: str, calendar: str) -> DateSpan:
    """The span by way of the EDTF grammar: every form it knows, and the words for what is
    wrong (the quick path's answers are proven equal to these in the tests)."""
    try:
        obj = _parse_edtf(cleaned)
    except Exception:  # noqa: BLE001 - EDTFParseException, pyparsing errors
        raise _explain_failure(cleaned) from None
    if obj is None:
        raise _explain_failure(cleaned)
    precision, first, last = _written_bounds(obj, cleaned, calendar)
    if calendar == "julian" and last > JULIAN_LAST:
        raise DateError("a julian date after 31 January 1918, the last Old Style day in Russia",
                        "calendar 'gregorian' for dates from 14 February 1918 on")
    both = bool(getattr(obj, "is_uncertain_and_approximate", False))
    try:
        earliest, latest = _to_gregorian(calendar, first), _to_gregorian(calendar, last)
    except ValueError as exc:
        if isinstance(exc, DateError):
            raise
        raise DateError(str(exc), "a real day") from None
    return DateSpan(
        text=cleaned, calendar=calendar, earliest=earliest, latest=latest, precision=precision,
        approximate=bool(getattr(obj, "is_approximate", False)) or both,
        uncertain=bool(getattr(obj, "is_uncertain", False)) or both,
    )


def _quick_span(text: str, calendar: str) -> DateSpan | None:
    """The span of a (qualified) ISO day, month or year or of a season, read without the EDTF
    grammar; None for any other text, and for one that is wrong, so that the grammar's path
    explains what is wrong with it in its own words."""
    match = _ISO_QUALIFIED.match(text)
    if match is None:
        return None
    digits, month_text, day_text, qualifier = match.groups()
    year = int(digits)
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    if year < 1:
        return None
    if month is None:
        precision, first, last = "year", (year, 1, 1), (year, 12, 31)
    elif month in SEASONS and day is None and not qualifier:
        first_month = SEASONS[month][1]
        end_y, end_m = ((year, first_month + 2) if first_month + 2 <= 12
                        else (year + 1, first_month + 2 - 12))
        precision = "season"
        first, last = (year, first_month, 1), (end_y, end_m, _month_length(calendar, end_y,
                                                                           end_m))
    elif not 1 <= month <= 12:
        return None
    elif day is None:
        precision = "month"
        first, last = (year, month, 1), (year, month, _month_length(calendar, year, month))
    elif 1 <= day <= _month_length(calendar, year, month):
        precision, first, last = "day", (year, month, day), (year, month, day)
    else:
        return None
    if calendar == "julian" and last > JULIAN_LAST:
        return None
    try:
        earliest, latest = _to_gregorian(calendar, first), _to_gregorian(calendar, last)
    except ValueError:
        return None
    return DateSpan(text=text, calendar=calendar, earliest=earliest, latest=latest,
                    precision=precision, approximate=qualifier in ("~", "%"),
                    uncertain=qualifier in ("?", "%"))


# --- display ----------------------------------------------------------------------------

def _decorate(span: DateSpan, label: str, lang: str) -> str:
    if span.approximate:
        label = message(lang, "date.approx", date=label)
    return message(lang, "date.uncertain", date=label) if span.uncertain else label


def _old_style(style: DateStyle, template: str, written: tuple[int, int, int], new: dt.date,
               lang: str) -> str:
    """The Old Style ``written`` day with its New Style day in brackets, as ``template`` (the
    part of the long date that differs) says, inside the long date: "9 (22) January 1905"."""
    both = message(lang, "date.old_style", os=style.fill(template, *written),
                   ns=style.fill(template, new.year, new.month, new.day))
    return style.fill(style.day.replace(template, "\0"), *written).replace("\0", both)


def _bare(span: DateSpan, lang: str = "en") -> str:
    """The label without c./? marks, in the language's CLDR forms (``i18n.cldr``)."""
    y, m, d = _from_gregorian(span.calendar, span.earliest)
    if span.precision == "year":
        return str(y)
    if span.precision == "season":
        name = SEASONS[{3: 21, 6: 22, 9: 23, 12: 24}[m]][0]
        return message(lang, f"date.{name}", year=y, next=y + 1, next2=f"{(y + 1) % 100:02d}")
    style = date_style(lang)
    if span.precision == "month":
        text = style.fill(style.month, y, m)
        return message(lang, "date.old_style_month", date=text) if span.calendar == "julian" \
            else text
    g = span.earliest
    if span.calendar != "julian":
        return style.fill(style.day, y, m, d)
    if (g.year, g.month) == (y, m):
        return _old_style(style, style.day_unit, (y, m, d), g, lang)
    if g.year == y:
        return _old_style(style, style.day_month_unit, (y, m, d), g, lang)
    return message(lang, "date.old_style", os=style.fill(style.day, y, m, d),
                   ns=style.fill(style.day, g.year, g.month, g.day))


def format_date(span: DateSpan, lang: str = "en") -> str:
    """As historians write it: "7 November 1879", "c. 1902", "9 (22) January 1905" (Old Style
    day with the New Style day in brackets); in German "9. (22.) Januar 1905", "um 1902"."""
    return _decorate(span, _bare(span, lang), lang)


def _day_part(span: DateSpan, lang: str) -> str:
    """A plain day's number as its language writes it before a shared month: the "7 (20)" of
    "7 (20) – 9 (22) January 1905", the "7." of "7. – 9. Januar 1905"."""
    style = date_style(lang)
    y, m, d = _from_gregorian(span.calendar, span.earliest)
    g = span.earliest
    if span.calendar != "julian":
        return style.fill(style.day_unit, y, m, d)
    return message(lang, "date.old_style", os=style.fill(style.day_unit, y, m, d),
                   ns=style.fill(style.day_unit, g.year, g.month, g.day))


def _shared_month(start: DateSpan, end: DateSpan) -> bool:
    """Both are plain days of one month, in both calendars, so the month can be written once."""
    key = _month_key(start)
    return key is not None and key == _month_key(end)


def _join(start: DateSpan, end: DateSpan | None, first: str, last: str | None,
          shared: bool, lang: str) -> str:
    """A range from its two labels: "1902 – 1903"; a shared month is written once:
    "7 (20) – 9 (22) January 1905"; one label when both ends read the same."""
    if end is None or last is None or last == first:
        return first
    if shared:
        return f"{_day_part(start, lang)}{DASH}{last}"
    return f"{first}{DASH}{last}"


def format_range(start: DateSpan, end: DateSpan | None, lang: str = "en") -> str:
    """"1902 – 1903", "7 (20) – 9 (22) January 1905", in ``lang``."""
    last = format_date(end, lang) if end is not None else None
    return _join(start, end, format_date(start, lang), last,
                 end is not None and _shared_month(start, end), lang)


#: Precisions from the finest to the coarsest.
PRECISIONS: Final = ("day", "month", "season", "year")


def coarsest(*spans: DateSpan | None) -> str:
    """The coarsest precision of ``spans`` (None ones ignored; "day" when there are none)."""
    known = [PRECISIONS.index(s.precision) for s in spans if s is not None]
    return PRECISIONS[max(known, default=0)]


def _cell_span(text: Any, calendar: Any) -> DateSpan | None:
    written = cells.text(text)
    if not written:
        return None
    try:
        return parse_date(written, cells.text(calendar) or "gregorian")
    except DateError:
        return None


def precision_of(start: Any, end: Any, calendar: Any) -> str:
    """The coarsest precision of a stop's start and end cells ("" when neither can be read):
    how finely the page's clock may count time next to the stop."""
    spans = [_cell_span(start, calendar), _cell_span(end, calendar)]
    return coarsest(*spans) if any(spans) else ""


def extent_label(stops: pd.DataFrame) -> str:
    """From the first stop's start to the latest end, each at the precision written: "7 November
    1879 – 21 August 1940", "1867 – 1934", "c. 1888 – summer 1902" ("" for no dated stop).

    The first stop is the earliest (ties: the first in file order); the last is the one that
    may end latest (ties: the last in order), read from its ``end`` or, for a visit, its start.
    """
    if len(stops) == 0 or "start_min" not in stops.columns:
        return ""
    order = stops.assign(_at=range(len(stops)))
    order = order[order["start_min"].map(cells.text) != ""]
    if order.empty:
        return ""
    by = ["start_min", "seq"] if "seq" in order.columns else ["start_min"]
    first = order.sort_values([*by, "_at"], kind="stable").iloc[0]
    last = order.sort_values(["end_max", *by[1:], "_at"], kind="stable").iloc[-1]
    start = _cell_span(first.get("start"), first.get("calendar"))
    end = (_cell_span(last.get("end"), last.get("calendar"))
           or _cell_span(last.get("start"), last.get("calendar")))
    if start is None or end is None:  # a table without its written dates: the days
        start = start or parse_date(cells.text(first["start_min"]))
        end = end or parse_date(cells.text(last["end_max"]))
    return format_range(start, end)


# --- tables -----------------------------------------------------------------------------

class _Reading:
    """A date cell as the table columns need it, computed once per distinct text."""

    __slots__ = ("span", "first", "last", "label", "vague", "month")

    def __init__(self, span: DateSpan, first: str, last: str, label: str, vague: bool,
                 month: tuple[str, int, int] | None) -> None:
        self.span = span
        self.first = first      # earliest day, ISO
        self.last = last        # latest day, ISO
        self.label = label      # format_date(span)
        self.vague = vague      # approximate or uncertain
        self.month = month      # see _month_key


@lru_cache(maxsize=65536)  # a long table repeats its dates, and is read twice (load, normalise)
def _reading(text: str, calendar: str) -> _Reading | DateError:
    try:
        span = parse_date(text, calendar)
    except DateError as exc:
        return exc
    return _Reading(span, span.earliest.isoformat(), span.latest.isoformat(),
                    format_date(span), span.approximate or span.uncertain, _month_key(span))


def _month_key(span: DateSpan) -> tuple[str, int, int] | None:
    """(calendar, year, month) of a plain day whose month is the same in both calendars, else
    None: two days with the same key share their month in a range label (see _shared_month)."""
    if span.precision != "day" or span.approximate or span.uncertain:
        return None
    written, day = _from_gregorian(span.calendar, span.earliest), span.earliest
    return (span.calendar, day.year, day.month) if written[:2] == (day.year, day.month) else None


def _range_label(start: _Reading, end: _Reading | None, lang: str = "en") -> str:
    """format_range, from the readings (their English labels made once)."""
    if lang == "en":
        first, last = start.label, end.label if end is not None else None
    else:
        first = _localised(start.span, lang)
        last = _localised(end.span, lang) if end is not None else None
    shared = end is not None and start.month is not None and start.month == end.month
    return _join(start.span, end.span if end is not None else None, first, last, shared, lang)


@lru_cache(maxsize=65536)
def _localised(span: DateSpan, lang: str) -> str:
    return format_date(span, lang)


def labels(starts: Sequence[Any], ends: Sequence[Any], calendars: Sequence[Any],
           lang: str) -> list[str]:
    """The date label of each row in ``lang`` ("" where its dates cannot be read): the page's
    labels, by the rule the date stage writes English ``date_label`` with."""
    out = []
    for start_text, end_text, cal in zip(_texts(starts), _texts(ends),
                                         map(str.lower, _texts(calendars)), strict=True):
        calendar = cal or "gregorian"
        first = _reading(start_text, calendar) if start_text else None
        then = _reading(end_text, calendar) if end_text else None
        if not isinstance(first, _Reading) or isinstance(then, DateError):
            out.append("")
            continue
        out.append(_range_label(first, then, lang))
    return out


def _texts(values: Sequence[Any]) -> list[str]:
    return [cells.text(v) for v in values]


#: The last table's dates: the pipeline reads each table's dates twice (the loader checks
#: them, then normalise adds them), and the second time is then a comparison of the cells.
_LAST: list[tuple[tuple[Any, ...], dict[str, list[Any]], list[Problem]]] = []


def date_columns(rows: Sequence[int], starts: Sequence[Any], ends: Sequence[Any],
                 calendars: Sequence[Any], file: str = "<table>", *, fill: bool = True
                 ) -> tuple[dict[str, list[Any]], list[Problem]]:
    """model.DATE_COLUMNS as plain lists, one value per row, plus every date problem found
    (rows with problems get empty dates): the pandas-free core of :func:`derive`. With
    ``fill=False`` only the problems are wanted (the loader's check): the lists come empty."""
    key = (tuple(rows), tuple(starts), tuple(ends), tuple(calendars))
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] == key and (not last[2] or last[2][0].file == file):
        out, problems = last[1], last[2]
    else:
        out, problems = _date_columns(rows, starts, ends, calendars, file)
        _LAST[:] = [(key, out, problems)]
    return ({c: list(v) if fill else [] for c, v in out.items()}, list(problems))


def _date_columns(rows: Sequence[int], starts: Sequence[Any], ends: Sequence[Any],
                  calendars: Sequence[Any], file: str
                  ) -> tuple[dict[str, list[Any]], list[Problem]]:
    out: dict[str, list[Any]] = {c: [] for c in DATE_COLUMNS}
    start_min, start_max, end_min, end_max, label, vague = (out[c] for c in DATE_COLUMNS)
    problems: list[Problem] = []
    texts = zip(rows, _texts(starts), _texts(ends), map(str.lower, _texts(calendars)),
                strict=True)
    with paused_gc():
        for row, start_text, end_text, cal in texts:
            calendar = cal or "gregorian"
            first = _reading(start_text, calendar) if start_text else None
            then = _reading(end_text, calendar) if end_text else None
            if (first is None or isinstance(first, DateError) or isinstance(then, DateError)
                    or calendar not in CALENDARS):  # the rare row with a problem
                start, end = _row_problems(int(row), start_text, end_text, cal, file,
                                           problems)
                if start is None:
                    for column, values in out.items():
                        values.append(False if column == "uncertain" else "")
                    continue
            else:
                start, end = first, then
            if end is not None and end.last < start.first:  # ISO text sorts like the days
                problems.append(Problem(file, "end is before start", int(row), "end", end_text,
                                        f"a date on or after the start {start_text}"))
            last = end or start
            start_min.append(start.first)
            start_max.append(start.last)
            end_min.append(last.first)
            end_max.append(last.last)
            label.append(_range_label(start, end))
            vague.append(start.vague or last.vague)
    return out, problems


def _row_problems(row: int, start_text: str, end_text: str, cal: str, file: str,
                  problems: list[Problem]) -> tuple[_Reading | None, _Reading | None]:
    """Report what is wrong with a row's dates, in column order; return the dates that can
    still be read (none when the calendar is unknown)."""
    read: dict[str, _Reading] = {}
    known = not cal or cal in CALENDARS
    if not known:
        problems.append(Problem(file, "unknown calendar", row, "calendar", cal,
                                " or ".join(CALENDARS)))
    for column, text in (("start", start_text), ("end", end_text)):
        if not text:
            if column == "start":
                problems.append(Problem(file, "start date is empty", row, "start", None,
                                        EXPECTED))
            continue
        # with an unknown calendar, still catch what is wrong in any calendar
        got = _reading(text, cal if known and cal else "gregorian")
        if isinstance(got, DateError):
            problems.append(Problem(file, got.message, row, column, text, got.expected))
        else:
            read[column] = got
    if not known:
        return None, None
    return read.get("start"), read.get("end")


def _column(df: pd.DataFrame, name: str) -> list[Any]:
    return df[name].tolist() if name in df.columns else [""] * len(df)


def derive(df: pd.DataFrame, file: str = "<table>"
           ) -> tuple[pd.DataFrame, list[Problem]]:
    """The DATE_COLUMNS for ``df`` plus every date problem found (rows with problems get
    empty dates). Shared by :func:`normalise` and the loader, which reports them with the rest."""
    rows = df[ROW].tolist() if ROW in df.columns else list(range(2, len(df) + 2))
    out, problems = date_columns(rows, _column(df, "start"), _column(df, "end"),
                                 _column(df, "calendar"), file)
    columns = pd.DataFrame(out, index=df.index)
    columns["uncertain"] = columns["uncertain"].astype(bool)
    return columns, problems


def normalise(df: pd.DataFrame, file: str = "<table>") -> pd.DataFrame:
    """Add model.DATE_COLUMNS; raise InputError listing every bad date at once."""
    columns, problems = derive(df, file)
    if problems:
        raise InputError(problems)
    result = df.copy()
    for name in columns.columns:
        result[name] = columns[name]
    return result
