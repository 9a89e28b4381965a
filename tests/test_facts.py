"""The page's "In numbers" panel agrees with `itinerary stats` on the same trip."""

from __future__ import annotations

import pytest

from itinerary.outputs.page import page_data
from itinerary.outputs.stats import summary
from itinerary.pipeline import build_trip


def test_the_page_panel_and_the_stats_command_tell_the_same_story() -> None:
    trip = build_trip(quiet=True)
    facts = page_data(trip.stops, trip.moves, trip.periods, title=trip.title)["facts"]
    told = summary(trip)
    assert facts["stops"] == told["stops"] == 58
    assert facts["countries"] == told["countries"]
    assert facts["km"] == pytest.approx(told["distance_km"], abs=1)
    longest = told["longest_move"]
    assert facts["longest"]["km"] == pytest.approx(longest["km"], abs=1)
    assert facts["longest"]["to"] == "Tampico"  # deported from Norway to Mexico, 1936-37
