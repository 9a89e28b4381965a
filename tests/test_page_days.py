"""Day numbers in the page data: converted in bulk, the same as one date at a time."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from itinerary.outputs.records import day as _day
from itinerary.outputs.records import days as _days

iso_days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(
    lambda d: d.isoformat())
odd_text = st.sampled_from(["", "1905-02-30", "1905-01", "1905", "-0500-01-01", "1905-1-1",
                            "NaT", "1879-11-07T00:00", " 1879-11-07", "abc"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(iso_days, odd_text), max_size=30))
def test_bulk_day_numbers_equal_one_by_one(values: list[str]) -> None:
    assert _days(values) == [_day(v) for v in values]


def test_a_day_number_is_the_proleptic_gregorian_ordinal() -> None:
    assert _days(["0001-01-01", "1879-11-07"]) == [1, dt.date(1879, 11, 7).toordinal()]
