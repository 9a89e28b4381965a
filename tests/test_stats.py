"""Stats: counts, geodesic distances in total and per period, approximate years per country,
the longest journey; as a dict for the page, as text or JSON on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from itinerary.moves.derive import derive_moves
from itinerary.outputs.stats import format_text, summary

ROOT = Path(__file__).resolve().parent.parent


def stop(place: str, name: str, country: str, at: tuple[float, float], start: str, end: str,
         period: str) -> dict[str, object]:
    return {"place": place, "id": f"{place.lower()}-{start[:4]}", "resolved_name": name,
            "resolved_country": country, "lat": at[0], "lon": at[1], "placed": True,
            "start_min": start, "start_max": start, "end_min": end, "end_max": end,
            "period": period, "kind": "residence"}


@pytest.fixture
def trip() -> SimpleNamespace:
    stops = pd.DataFrame([
        stop("Paris", "Paris", "FR", (48.85341, 2.3488), "1900-01-01", "1901-12-31", "early"),
        stop("Versailles", "Versailles", "FR", (48.80146, 2.13042), "1901-06-01", "1902-12-31",
             "early"),
        stop("Petrograd", "Saint Petersburg", "RU", (59.93863, 30.31413), "1917-01-01",
             "1917-12-31", "late"),
        stop("Leningrad", "Saint Petersburg", "RU", (59.93863, 30.31413), "1925-01-01",
             "1925-12-31", "late"),
        stop("Moscow", "Moscow", "RU", (55.75222, 37.61556), "1926-01-01", "1926-01-01",
             "late"),
    ])
    stops.insert(0, "seq", range(len(stops)))
    periods = pd.DataFrame({"id": ["early", "late"], "title": ["Early years", "Late years"]})
    return SimpleNamespace(stops=stops, moves=derive_moves(stops), periods=periods)


def test_counts_places_by_their_resolved_name(trip: SimpleNamespace) -> None:
    data = summary(trip)
    assert (data["stops"], data["placed"], data["places"], data["countries"]) == (5, 5, 4, 2)
    assert (data["first"], data["last"]) == ("1900-01-01", "1926-01-01")


def test_distance_is_the_sum_of_geodesic_moves_split_by_arrival_period(
        trip: SimpleNamespace) -> None:
    data = summary(trip)
    km = list(trip.moves["distance_km"])
    assert data["moves"] == 3  # Petrograd to Leningrad is no move: the same place
    assert data["distance_km"] == pytest.approx(sum(km), abs=0.1)
    assert data["distance_by_period"] == [
        {"period": "early", "title": "Early years", "km": pytest.approx(km[0], abs=0.1)},
        {"period": "late", "title": "Late years", "km": pytest.approx(km[1] + km[2], abs=0.1)},
    ]


def test_years_per_country_count_overlapping_stays_once(trip: SimpleNamespace) -> None:
    data = summary(trip)
    # France: 1900-01-01 .. 1902-12-31 (Paris and Versailles overlap), three years;
    # Russia: 1917 and 1925 in full, and one day of 1926.
    assert data["years_by_country"] == [{"country": "FR", "years": 3.0},
                                        {"country": "RU", "years": 2.0}]
    assert data["years_approximate"] is True


def test_the_longest_journey_names_both_ends(trip: SimpleNamespace) -> None:
    longest = summary(trip)["longest_move"]
    assert (longest["from"], longest["to"]) == ("Versailles", "Petrograd")
    assert longest["km"] == pytest.approx(max(trip.moves["distance_km"]), abs=0.1)


def test_an_itinerary_with_one_stop_has_no_journey(trip: SimpleNamespace) -> None:
    one = trip.stops.head(1)
    data = summary(SimpleNamespace(stops=one, moves=derive_moves(one), periods=trip.periods))
    assert (data["moves"], data["distance_km"], data["longest_move"]) == (0, 0.0, None)
    assert "longest journey" not in format_text(data)


def test_the_text_table_lists_periods_and_countries(trip: SimpleNamespace) -> None:
    text = format_text(summary(trip))
    assert "Early years" in text and "Late years" in text
    assert "approximate" in text
    assert "  FR    3.0" in text


# --- the command ---------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "itinerary", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)


def test_stats_json_on_the_bundled_itinerary_matches_the_library() -> None:
    from itinerary.pipeline import build_trip

    done = run_cli("stats", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data == json.loads(json.dumps(summary(build_trip(quiet=True))))
    assert data["stops"] >= 45 and data["countries"] >= 10
    assert 0 < data["longest_move"]["km"] <= data["distance_km"]


def test_stats_text_and_selection() -> None:
    done = run_cli("stats", "--period", "mexico")
    assert done.returncode == 0, done.stderr
    assert "MX" in done.stdout and "distance by period" in done.stdout
    assert "RU" not in done.stdout.split("years by country")[1]
