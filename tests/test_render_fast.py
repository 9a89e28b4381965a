"""The page data rounds path vertices in bulk exactly as Python's ``round(x, 4)`` would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from itinerary.render import _round4_parts

# Vertices as the moves table holds them (5 decimals, so many sit exactly on a half at 4),
# and arbitrary floats.
five_decimals = st.integers(-18_000_000, 18_000_000).map(lambda k: k / 100_000)
coordinate = st.one_of(five_decimals, st.floats(-180, 180, allow_nan=False))
parts = st.lists(st.lists(st.tuples(coordinate, coordinate).map(list), max_size=6), max_size=5)


@settings(max_examples=300, deadline=None)
@given(parts)
def test_bulk_rounding_equals_pythons_round_vertex_by_vertex(path: list[list[list[float]]]) -> None:
    expected = [[[round(lat, 4), round(lon, 4)] for lat, lon in part] for part in path]
    assert repr(_round4_parts(path)) == repr(expected)  # repr: -0.0 and 0.0 differ in JSON


def test_halves_round_like_python_not_like_multiply_and_rint() -> None:
    # Stored values just below or above a half: Python decides from the exact binary value.
    values = [1.00005, 2.00005, 0.00015, -0.00005, 12.34565, -45.67895]
    rounded = _round4_parts([[[v, v] for v in values]])
    assert repr(rounded) == repr([[[round(v, 4), round(v, 4)] for v in values]])
