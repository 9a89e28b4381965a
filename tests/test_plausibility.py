"""Plausibility review: each warning fires on a table made to trigger it, stays quiet on its
near miss, and none fires on the curated Trotsky itinerary."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from itinerary.moves.derive import derive_moves
from itinerary.stages.review import PlausibilityWarning, review, speed_limit

PARIS = (48.85341, 2.3488)
VERSAILLES = (48.80146, 2.13042)   # 17 km from Paris
LONDON = (51.50853, -0.12574)      # 344 km from Paris
MOSCOW = (55.75222, 37.61556)      # 2,494 km from Paris


def stop(row: int, place: str, at: tuple[float, float], start: str, end: str | None = None,
         *, start_max: str | None = None, end_min: str | None = None, **extra: Any
         ) -> dict[str, Any]:
    """A resolved stop; ``start``/``end`` are the earliest start and latest end (ISO days)."""
    return {
        "row": row, "id": f"{place.lower()}-{row}", "place": place, "kind": "residence",
        "source": "bio.txt:1", "lat": at[0], "lon": at[1], "placed": True,
        "match": "exact", "geo_source": "gazetteer", "alternatives": "[]",
        "lat_override": float("nan"), "lon_override": float("nan"),
        "start_min": start, "start_max": start_max or start,
        "end_min": end_min or end or start, "end_max": end or start,
        **extra,
    }


def itinerary(*stops: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    table = pd.DataFrame(stops).sort_values(["start_min", "row"], kind="stable")
    table.insert(0, "seq", range(len(table)))
    table = table.reset_index(drop=True)
    return table, derive_moves(table)


def warnings(*stops: dict[str, Any]) -> list[PlausibilityWarning]:
    return review(*itinerary(*stops))


def kinds(found: list[PlausibilityWarning]) -> list[tuple[str, int | None, str | None]]:
    return [(w.kind, w.row, w.column) for w in found]


# --- too fast ------------------------------------------------------------------------------

def test_a_journey_faster_than_trains_before_1919_is_flagged_on_the_arrival() -> None:
    found = warnings(stop(2, "Paris", PARIS, "1910-01-01"),
                     stop(3, "Moscow", MOSCOW, "1910-01-02"))
    assert kinds(found) == [("speed", 3, "start")]
    assert "2,494 km in at most 1 day" in found[0].message and "1910" in found[0].message


def test_the_same_journey_is_fine_by_air_or_with_time_enough() -> None:
    assert warnings(stop(2, "Paris", PARIS, "1950-01-01"),
                    stop(3, "Moscow", MOSCOW, "1950-01-02")) == []
    assert warnings(stop(2, "Paris", PARIS, "1910-01-01"),
                    stop(3, "Moscow", MOSCOW, "1910-01-05")) == []


def test_uncertain_dates_get_the_benefit_of_the_doubt() -> None:
    # arrival "January 1910": he may have arrived on the 31st, which leaves 30 days
    assert warnings(stop(2, "Paris", PARIS, "1910-01-01"),
                    stop(3, "Moscow", MOSCOW, "1910-01-01", start_max="1910-01-31",
                         end="1910-01-31")) == []


def test_a_move_to_a_region_is_not_timed() -> None:
    spain = stop(3, "Spain", (40.0, -3.7), "1916-03-31",
                 area='{"type":"Point","coordinates":[-3.7,40.0]}')
    assert warnings(stop(2, "Paris", PARIS, "1914-11-19", "1916-03-31"), spain) == []


def test_speed_limits_follow_the_era() -> None:
    assert speed_limit(1918) == 1_000
    assert speed_limit(1919) == 15_000


# --- two places at once --------------------------------------------------------------------

def test_certainly_overlapping_stays_far_apart_are_flagged() -> None:
    found = warnings(stop(2, "Paris", PARIS, "1910-01-01", "1910-12-31"),
                     stop(3, "London", LONDON, "1910-06-01", "1910-06-30"))
    assert ("overlap", 3, "start") in kinds(found)
    message = next(w.message for w in found if w.kind == "overlap")
    assert "Paris" in message and "344 km" in message and "30 days" in message


def test_overlaps_that_are_only_possible_short_or_nearby_are_not_flagged() -> None:
    paris_1910 = stop(2, "Paris", PARIS, "1910-01-01", "1910-12-31")
    a_year_in_london = stop(3, "London", LONDON, "1910-01-01", start_max="1910-12-31",
                            end="1910-12-31", end_min="1910-01-01")
    two_days = stop(3, "London", LONDON, "1910-12-30", "1911-03-01")
    versailles = stop(3, "Versailles", VERSAILLES, "1910-06-01", "1910-06-30")
    for other in (a_year_in_london, two_days, versailles):
        assert "overlap" not in [w.kind for w in warnings(paris_1910, other)], other["place"]


# --- sources, gaps, doubtful places --------------------------------------------------------

def test_a_stop_without_a_source_is_flagged_once_or_the_table_once() -> None:
    found = warnings(stop(2, "Paris", PARIS, "1910-01-01"),
                     stop(3, "London", LONDON, "1911-01-01", source=""))
    assert kinds(found) == [("source", 3, "source")]
    none = warnings(stop(2, "Paris", PARIS, "1910-01-01", source=""),
                    stop(3, "London", LONDON, "1911-01-01", source=""))
    assert kinds(none) == [("source", None, None)]


def test_many_years_without_a_stop_are_flagged_on_the_stop_after_the_gap() -> None:
    found = warnings(stop(2, "Paris", PARIS, "1900-01-01", "1901-12-31"),
                     stop(3, "London", LONDON, "1908-03-01"))
    assert kinds(found) == [("gap", 3, "start")]
    assert "6.2 years" in found[0].message


def test_a_long_stay_fills_the_gap() -> None:
    assert warnings(stop(2, "Paris", PARIS, "1900-01-01", "1907-12-31"),
                    stop(3, "Versailles", VERSAILLES, "1901-01-01"),
                    stop(4, "London", LONDON, "1908-03-01")) == []


def test_a_fuzzy_match_is_flagged_on_the_place() -> None:
    found = warnings(stop(2, "Pariss", PARIS, "1900-01-01", match="fuzzy",
                          resolved_name="Paris"))
    assert kinds(found) == [("fuzzy", 2, "place")]
    assert "'Pariss'" in found[0].message and "Paris" in found[0].message


def test_own_coordinates_far_from_the_gazetteer_are_flagged() -> None:
    near = stop(2, "Paris", PARIS, "1900-01-01", lat_override=48.86, lon_override=2.35)
    far = stop(2, "Paris", PARIS, "1900-01-01", lat_override=LONDON[0], lon_override=LONDON[1])
    assert warnings(near) == []
    assert kinds(warnings(far)) == [("override", 2, "lat")]


def test_an_override_used_because_the_gazetteer_was_unsure_is_compared_with_its_guess() -> None:
    guess = [{"name": "Paris", "country": "FR", "lat": PARIS[0], "lon": PARIS[1],
              "source": "geonames", "score": 0.4}]
    far = stop(2, "Parys", LONDON, "1900-01-01", geo_source="override", match="override",
               alternatives=json.dumps(guess))
    assert kinds(warnings(far)) == [("override", 2, "lat")]


def test_warnings_read_like_loading_errors_and_come_in_row_order() -> None:
    found = warnings(stop(2, "Paris", PARIS, "1900-01-01", "1901-12-31"),
                     stop(3, "London", LONDON, "1908-03-01", source=""),
                     stop(4, "Moscow", MOSCOW, "1908-03-02"))
    assert [w.row for w in found] == sorted(w.row or 0 for w in found)
    assert str(found[0]).startswith("row 3, column ")


# --- the curated itinerary -----------------------------------------------------------------

def test_the_curated_trotsky_itinerary_raises_no_warning() -> None:
    from itinerary.pipeline import build_trip

    trip = build_trip(quiet=True)
    assert len(trip.stops) >= 45
    assert [str(w) for w in review(trip.stops, trip.moves)] == []
