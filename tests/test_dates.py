"""Dates as a historian writes them: EDTF text in either calendar, Gregorian day spans, labels."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from calendar import monthrange
from typing import Any

import pandas as pd
import pytest
from convertdate import julian
from hypothesis import given, settings
from hypothesis import strategies as st

from itinerary.errors import InputError
from itinerary.model import DATE_COLUMNS, ROW
from itinerary.stages.dates import (
    MONTHS,
    DateError,
    DateSpan,
    format_date,
    format_range,
    normalise,
    parse_date,
)
from itinerary.stages.order import order_stops

# --- known facts -------------------------------------------------------------------------


def test_bloody_sunday_old_style_is_22_january_new_style() -> None:
    span = parse_date("1905-01-09", "julian")
    assert span.earliest == span.latest == dt.date(1905, 1, 22)
    assert format_date(span) == "9 (22) January 1905"


def test_trotsky_was_born_26_october_old_style_7_november_new_style() -> None:
    span = parse_date("1879-10-26", "julian")
    assert span.earliest == dt.date(1879, 11, 7)
    assert format_date(span) == "26 October (7 November) 1879"


def test_a_julian_day_near_new_year_names_both_years() -> None:
    assert format_date(parse_date("1905-12-25", "julian")) == "25 December 1905 (7 January 1906)"


def test_julian_february_1900_has_29_days_gregorian_has_28() -> None:
    assert parse_date("1900-02-29", "julian").earliest == dt.date(1900, 3, 13)
    assert parse_date("1900-02", "julian").latest == dt.date(1900, 3, 13)
    assert parse_date("1900-02").latest == dt.date(1900, 2, 28)
    with pytest.raises(DateError, match="not a day in the gregorian calendar"):
        parse_date("1900-02-29")


# --- precision and spans -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest", "label"),
    [
        ("1879-11-07", "day", "1879-11-07", "1879-11-07", "7 November 1879"),
        ("1902-07", "month", "1902-07-01", "1902-07-31", "July 1902"),
        ("1902", "year", "1902-01-01", "1902-12-31", "1902"),
        ("1899-22", "season", "1899-06-01", "1899-08-31", "summer 1899"),
        ("1904-24", "season", "1904-12-01", "1905-02-28", "winter 1904–05"),
        ("1902~", "year", "1902-01-01", "1902-12-31", "c. 1902"),
        ("1902?", "year", "1902-01-01", "1902-12-31", "1902?"),
        ("1902-07%", "month", "1902-07-01", "1902-07-31", "c. July 1902?"),
        ("0837-03-05", "day", "0837-03-05", "0837-03-05", "5 March 837"),
    ],
)
def test_each_precision_spans_the_days_it_names(text: str, precision: str, earliest: str,
                                                latest: str, label: str) -> None:
    span = parse_date(text)
    assert span.precision == precision
    assert (span.earliest.isoformat(), span.latest.isoformat()) == (earliest, latest)
    assert format_date(span) == label


def test_approximate_and_uncertain_are_flags_not_wider_bounds() -> None:
    about, maybe = parse_date("1902~"), parse_date("1902?")
    assert (about.approximate, about.uncertain) == (True, False)
    assert (maybe.approximate, maybe.uncertain) == (False, True)
    assert about.earliest == maybe.earliest == parse_date("1902").earliest


def test_a_julian_month_is_marked_old_style() -> None:
    assert format_date(parse_date("1905-10", "julian")) == "October 1905 (O.S.)"


def test_calendar_name_is_case_insensitive() -> None:
    assert parse_date("1905-01-09", "Julian").calendar == "julian"


# --- refusals say what was expected ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "calendar", "message"),
    [
        ("1905-13-45", "gregorian", "there is no month 13"),
        ("1905-02-31", "gregorian", "February has no day 31"),
        ("next spring", "gregorian", "not a date this tool understands"),
        ("22.01.1905", "gregorian", "ambiguous"),
        ("1902/1905", "gregorian", "a range does not fit in one cell"),
        ("190X", "gregorian", "too vague"),
        ("0000", "gregorian", "year 0 is outside 1..9999"),
        ("0001-01-01", "julian", "outside 1..9999 once converted"),
        ("1918-02-01", "julian", "after 31 January 1918, the last Old Style day in Russia"),
        ("1902", "mayan", "unknown calendar"),
        ("", "gregorian", "no date given"),
    ],
)
def test_bad_dates_are_refused_with_a_reason(text: str, calendar: str, message: str) -> None:
    with pytest.raises(DateError, match=re.escape(message)) as info:
        parse_date(text, calendar)
    assert info.value.expected  # every refusal also says what would have been accepted


def test_the_last_old_style_day_is_still_julian() -> None:
    assert parse_date("1918-01-31", "julian").earliest == dt.date(1918, 2, 13)


# --- ranges ------------------------------------------------------------------------------


def test_range_labels() -> None:
    p = parse_date
    assert format_range(p("1902"), p("1903")) == "1902 – 1903"
    assert format_range(p("1902"), None) == "1902"
    assert format_range(p("1902"), p("1902")) == "1902"
    assert format_range(p("1905-01-07"), p("1905-01-09")) == "7 – 9 January 1905"
    assert (format_range(p("1905-01-07", "julian"), p("1905-01-09", "julian"))
            == "7 (20) – 9 (22) January 1905")
    # the New Style month differs, so nothing can be shared
    assert (format_range(p("1905-01-07", "julian"), p("1905-01-25", "julian"))
            == "7 (20) January 1905 – 25 January (7 February) 1905")


# --- properties --------------------------------------------------------------------------

#: Uncached EDTF parsing takes milliseconds; speed is measured in benchmarks/, not here.
untimed = settings(deadline=None)
_DAY_LABEL = re.compile(r"(\d+) (\w+) (\d+)")
any_day = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@untimed
@given(any_day)
def test_day_label_reads_back_as_the_same_day(day: dt.date) -> None:
    span = parse_date(day.isoformat())
    assert span.earliest == span.latest == day
    found = _DAY_LABEL.fullmatch(format_date(span))
    assert found is not None
    d, month, y = found.groups()
    assert dt.date(int(y), MONTHS.index(month) + 1, int(d)) == day


@untimed
@given(any_day)
def test_month_label_reads_back_as_the_same_month(day: dt.date) -> None:
    span = parse_date(f"{day.year:04d}-{day.month:02d}")
    month, year = format_date(span).split(" ")
    assert (int(year), MONTHS.index(month) + 1) == (day.year, day.month)
    assert span.earliest == day.replace(day=1)
    last_day = monthrange(day.year, day.month)[1]
    assert span.latest == day.replace(day=last_day)


@untimed
@given(st.integers(min_value=1, max_value=9999))
def test_year_label_reads_back_as_the_same_year(year: int) -> None:
    span = parse_date(f"{year:04d}")
    assert int(format_date(span)) == year
    assert (span.earliest, span.latest) == (dt.date(year, 1, 1), dt.date(year, 12, 31))


@st.composite
def julian_days(draw: st.DrawFn) -> tuple[int, int, int]:
    """Any Old Style day from AD 100 to the switch in Russia (31 January 1918)."""
    year = draw(st.integers(min_value=100, max_value=1917))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=julian.month_length(year, month)))
    return year, month, day


@untimed
@given(julian_days())
def test_julian_conversion_agrees_with_convertdate(ymd: tuple[int, int, int]) -> None:
    y, m, d = ymd
    span = parse_date(f"{y:04d}-{m:02d}-{d:02d}", "julian")
    assert span.earliest == dt.date(*julian.to_gregorian(y, m, d))
    assert format_date(span).startswith(f"{d} ")


@untimed
@given(st.lists(st.tuples(any_day, st.sampled_from(["day", "month", "year"]),
                          st.sampled_from(["gregorian", "julian"])), min_size=1, max_size=15),
       st.randoms(use_true_random=False))
def test_order_stops_is_chronological_and_ties_keep_the_file_order(
        stops: list[tuple[dt.date, str, str]], shuffler: Any) -> None:
    """Through ``order.order_stops`` itself: every date written twice (so every start has a
    tie), the rows handed over shuffled, not in file order. The result runs by day, and within
    a day by spreadsheet row; the same test with the tie-break reversed fails (tests/test_rules
    has a worked example)."""
    rows = []
    for day, precision, calendar in stops:
        if calendar == "julian" and not dt.date(2, 1, 1) <= day <= dt.date(1917, 12, 31):
            calendar = "gregorian"  # outside the Julian range the loader accepts
        if calendar == "julian" and (day.month, day.day) == (2, 29):
            day = day.replace(day=28)
        text = {"day": f"{day.year:04d}-{day.month:02d}-{day.day:02d}",
                "month": f"{day.year:04d}-{day.month:02d}", "year": f"{day.year:04d}"}[precision]
        rows.append({"start": text, "end": "", "calendar": calendar})
    rows = [{ROW: n, **row} for n, row in enumerate(rows + rows, start=2)]
    shuffler.shuffle(rows)
    ordered = order_stops(normalise(pd.DataFrame(rows)))
    starts = [dt.date.fromisoformat(s) for s in ordered["start_min"]]
    assert starts == sorted(starts)  # ISO text order is calendar order, even before 1000
    keyed = list(zip(ordered["start_min"], ordered[ROW], strict=True))
    for (a, i), (b, j) in itertools.pairwise(keyed):
        if a == b:
            assert i < j  # ties keep file order
    assert list(ordered["seq"]) == list(range(len(rows)))


# --- normalise ---------------------------------------------------------------------------


def test_normalise_adds_the_date_columns() -> None:
    table = pd.DataFrame({
        ROW: [2, 3],
        "start": ["1905-01-09", "1902~"],
        "end": ["1905-01-11", ""],
        "calendar": ["julian", ""],
    })
    out = normalise(table)
    assert set(DATE_COLUMNS) <= set(out.columns)
    first, second = out.iloc[0], out.iloc[1]
    assert (first["start_min"], first["end_max"]) == ("1905-01-22", "1905-01-24")
    assert first["date_label"] == "9 (22) – 11 (24) January 1905"
    assert not first["uncertain"]
    # no end: the stop ends when its start does
    assert (second["end_min"], second["end_max"]) == ("1902-01-01", "1902-12-31")
    assert second["date_label"] == "c. 1902" and second["uncertain"]
    assert list(table.columns) == [ROW, "start", "end", "calendar"]  # input left alone


def test_normalise_reports_every_bad_date_with_row_and_column() -> None:
    table = pd.DataFrame({
        ROW: [2, 3, 4, 5, 6, 7],
        "start": ["1905-13-45", "1905-02-31", "1902", "1918-03-01", "1902", ""],
        "end": ["", "", "1901", "", "", ""],
        "calendar": ["", "", "", "julian", "aztec", ""],
    })
    with pytest.raises(InputError) as info:
        normalise(table, file="stops.csv")
    where = [(p.row, p.column) for p in info.value.problems]
    assert where == [(2, "start"), (3, "start"), (4, "end"), (5, "start"), (6, "calendar"),
                     (7, "start")]
    lines = str(info.value).splitlines()
    assert lines[0].startswith("stops.csv, row 2, column 'start': there is no month 13")
    assert "end is before start" in lines[2]
    assert "31 January 1918" in lines[3]


def test_normalise_counts_rows_from_the_header_when_there_is_no_row_column() -> None:
    with pytest.raises(InputError) as info:
        normalise(pd.DataFrame({"start": ["1902", "soon"]}))
    assert info.value.problems[0].row == 3


def test_a_date_span_is_a_value() -> None:
    a = parse_date("1902-07")
    assert a == DateSpan("1902-07", "gregorian", dt.date(1902, 7, 1), dt.date(1902, 7, 31),
                         "month", False, False)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(100, 1, 1), max_value=dt.date(1917, 12, 31)),
       st.sampled_from(["day", "month", "year"]), st.sampled_from(["gregorian", "julian"]))
def test_the_plain_iso_shortcut_agrees_with_the_edtf_grammar(
    day: dt.date, precision: str, calendar: str
) -> None:
    """Plain dates skip the EDTF grammar for speed; the answer must be the grammar's own."""
    from itinerary.stages import dates

    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[
        precision]
    quick = parse_date(text, calendar)
    obj = dates._parse_edtf(text)
    kind, first, last = dates._written_bounds(obj, text, calendar)
    assert (quick.precision, quick.earliest, quick.latest) == (
        kind, dates._to_gregorian(calendar, first), dates._to_gregorian(calendar, last))



# --- the quick parser is the EDTF grammar's equal ------------------------------------------

qualified_texts = st.builds(
    lambda y, m, d, q, shape: {"year": f"{y:04d}{q}", "month": f"{y:04d}-{m:02d}{q}",
                               "day": f"{y:04d}-{m:02d}-{d:02d}{q}",
                               "season": f"{y:04d}-{20 + (m % 4) + 1}{q}"}[shape],
    st.integers(min_value=0, max_value=9999), st.integers(min_value=0, max_value=13),
    st.integers(min_value=0, max_value=32), st.sampled_from(["", "~", "?", "%"]),
    st.sampled_from(["year", "month", "day", "season"]))


@settings(max_examples=600, deadline=None)
@given(qualified_texts, st.sampled_from(["gregorian", "julian"]))
def test_the_quick_parser_agrees_with_the_edtf_grammar(text: str, calendar: str) -> None:
    """Plain, qualified (~ ? %) and season dates skip the EDTF grammar (and its import); when
    the quick parser answers, its span is the grammar's, flags and all. When it does not (a
    wrong or unusual date), the grammar's path is the one that explains the problem."""
    from itinerary.stages import dates

    quick = dates._quick_span(text, calendar)
    try:
        slow: DateSpan | None = dates._edtf_span(text, calendar)
    except DateError:
        slow = None
    if quick is not None:
        assert quick == slow
    if slow is not None and not (re.search(r"-2[1-4][~?%]$", text)):
        assert quick is not None, "a form the quick parser should read"


@pytest.mark.parametrize(("text", "calendar", "label"), [
    ("1888~", "gregorian", "c. 1888"),
    ("1900?", "julian", "1900?"),
    ("1917-04~", "gregorian", "c. April 1917"),
    ("1905-01-09%", "julian", "c. 9 (22) January 1905?"),
    ("1907-22", "gregorian", "summer 1907"),
    ("1899-24", "julian", "winter 1899–00"),
])
def test_the_bundled_date_forms_are_read_without_the_edtf_grammar(
    text: str, calendar: str, label: str
) -> None:
    from itinerary.stages import dates

    span = dates._quick_span(text, calendar)
    assert span is not None and format_date(span) == label


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=12),
       st.integers(min_value=1, max_value=31))
def test_julian_days_convert_like_convertdate_in_every_year(year: int, month: int,
                                                           day: int) -> None:
    """Our own day arithmetic (convertdate costs ``itinerary check`` 80 ms to import), both
    ways, including the two days of AD 1 that fall in 1 BC."""
    from itinerary.stages import dates

    day = min(day, julian.month_length(year, month))
    expected = julian.to_gregorian(year, month, day)
    if not 1 <= expected[0] <= 9999:
        with pytest.raises(DateError, match=f"year {expected[0]} "):
            dates._to_gregorian("julian", (year, month, day))
        return
    converted = dates._to_gregorian("julian", (year, month, day))
    assert (converted.year, converted.month, converted.day) == expected
    assert dates._from_gregorian("julian", converted) == (year, month, day)
    assert dates._month_length("julian", year, month) == julian.month_length(year, month)


def test_date_columns_are_the_normalised_columns_without_pandas() -> None:
    from itinerary.stages.dates import date_columns

    table = pd.DataFrame({ROW: [2, 3, 4], "start": ["1905-01-09", "1902~", "1899-22"],
                          "end": ["1905-01-11", "", "1900?"],
                          "calendar": ["julian", "", "JULIAN"]})
    columns, problems = date_columns(table[ROW].tolist(), table["start"].tolist(),
                                     table["end"].tolist(), table["calendar"].tolist())
    assert problems == []
    out = normalise(table)
    for name in DATE_COLUMNS:
        assert columns[name] == out[name].tolist(), name


def test_the_dates_of_the_last_table_are_reused_only_for_the_same_cells() -> None:
    """The loader and normalise read the same cells one after the other; the second reading
    is a lookup, but any changed cell (or another file's name in a message) means a new one."""
    from itinerary.stages.dates import date_columns

    rows, starts, ends, cals = [2, 3], ["1905-01-09", "1902~"], ["1905-01-11", ""], ["julian", ""]
    first, _ = date_columns(rows, starts, ends, cals, fill=False)
    assert first == {name: [] for name in DATE_COLUMNS}
    again, _ = date_columns(rows, starts, ends, cals)
    assert again["date_label"] == ["9 (22) – 11 (24) January 1905", "c. 1902"]
    again["date_label"].clear()  # the caller's lists are its own
    starts[1] = "1903~"
    changed, _ = date_columns(rows, starts, ends, cals)
    assert changed["date_label"] == ["9 (22) – 11 (24) January 1905", "c. 1903"]
    _, problems = date_columns(rows, ["soon", "1903~"], ends, cals, "a.csv")
    _, elsewhere = date_columns(rows, ["soon", "1903~"], ends, cals, "b.csv")
    assert [p.file for p in problems + elsewhere] == ["a.csv", "b.csv"]
