"""Encounters between lives: where two persons were near each other at overlapping dates.

Tiny constructed pairs of lives pin the rules at their edges (touching dates, an uncertain
date, the same city at other dates, nearby towns 20 km and 40 km apart); Trotsky's table with
the example Lenin table shows the known meetings (London 1902, Petrograd 1917) and none where
the dates do not overlap."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from itinerary.model import ENCOUNTER_COLUMNS
from itinerary.moves.encounters import ENCOUNTER_KM, MAY_HAVE_MET, MET, find_encounters
from itinerary.moves.geodesy import distance_km
from itinerary.stages import dates

ROOT = Path(__file__).resolve().parent.parent
LONDON = (51.50853, -0.12574)


def north_of(point: tuple[float, float], km: float) -> tuple[float, float]:
    """A point ``km`` (geodesic, to a metre) due north of ``point``."""
    lat = point[0] + km / 111.2
    for _ in range(20):  # Newton steps on the geodesic itself
        lat += (km - distance_km(point, (lat, point[1]))) / 111.2
    return (lat, point[1])


def lives(*rows: tuple[str, str, str, str, tuple[float, float]], area: str = ""
          ) -> pd.DataFrame:
    """Ordered stops of (person, place, start, end, (lat, lon)) rows, dated as the pipeline
    dates them."""
    table = pd.DataFrame({
        "row": range(2, len(rows) + 2),
        "person": [r[0] for r in rows],
        "id": [f"{r[0]}-{i}" for i, r in enumerate(rows)],
        "place": [r[1] for r in rows],
        "start": [r[2] for r in rows], "end": [r[3] for r in rows],
        "calendar": [""] * len(rows),
        "lat": [r[4][0] for r in rows], "lon": [r[4][1] for r in rows],
        "placed": [True] * len(rows), "area": [area] * len(rows),
    })
    stops = dates.normalise(table)
    stops = stops.sort_values("start_min", kind="mergesort").reset_index(drop=True)
    stops.insert(0, "seq", range(len(stops)))
    return stops


def test_overlapping_exact_dates_at_one_place_is_met() -> None:
    found = find_encounters(lives(("lenin", "London", "1902-04", "1903-04", LONDON),
                                  ("trotsky", "London", "1902-10-20", "1902-11-30", LONDON)))
    assert list(found.columns) == list(ENCOUNTER_COLUMNS)
    assert len(found) == 1
    meeting = found.iloc[0]
    assert meeting["status"] == MET
    assert (meeting["person_a"], meeting["person_b"]) == ("lenin", "trotsky")
    assert (meeting["start"], meeting["end"]) == ("1902-10-20", "1902-11-30")
    assert meeting["id"] == "lenin-trotsky-london-1902"
    assert (meeting["lat"], meeting["lon"]) == pytest.approx(LONDON)


def test_the_id_does_not_depend_on_the_order_of_the_lives() -> None:
    a = find_encounters(lives(("trotsky", "London", "1902-10", "1902-11", LONDON),
                              ("lenin", "London", "1902-04", "1903-04", LONDON)))
    b = find_encounters(lives(("lenin", "London", "1902-04", "1903-04", LONDON),
                              ("trotsky", "London", "1902-10", "1902-11", LONDON)))
    assert list(a["id"]) == list(b["id"]) == ["lenin-trotsky-london-1902"]


def test_touching_days_share_that_day() -> None:
    found = find_encounters(lives(("a", "X", "1900-01-01", "1900-10-01", LONDON),
                                  ("b", "X", "1900-10-01", "1900-12-31", LONDON)))
    assert list(found["status"]) == [MET]
    assert (found.iloc[0]["start"], found.iloc[0]["end"]) == ("1900-10-01", "1900-10-01")


def test_one_day_apart_is_no_encounter() -> None:
    assert find_encounters(lives(("a", "X", "1900-01-01", "1900-09-30", LONDON),
                                 ("b", "X", "1900-10-01", "1900-12-31", LONDON))).empty


def test_an_uncertain_date_makes_it_may_have_met() -> None:
    found = find_encounters(lives(("a", "X", "1900-01-01", "1900-12-31", LONDON),
                                  ("b", "X", "1900-06~", "1900-07", LONDON)))
    assert list(found["status"]) == [MAY_HAVE_MET]


def test_an_overlap_only_for_some_readings_is_may_have_met() -> None:
    # "1907" (some day of the year) against a congress of May 1907: they may have coincided.
    found = find_encounters(lives(("a", "London", "1907", "", LONDON),
                                  ("b", "London", "1907-05-13", "1907-06-01", LONDON)))
    assert list(found["status"]) == [MAY_HAVE_MET]
    assert (found.iloc[0]["start"], found.iloc[0]["end"]) == ("1907-05-13", "1907-06-01")
    # a month's end against a day inside it: only some readings overlap
    found = find_encounters(lives(("a", "X", "1902-01", "1902-10", LONDON),
                                  ("b", "X", "1902-10-15", "1902-12", LONDON)))
    assert list(found["status"]) == [MAY_HAVE_MET]
    assert (found.iloc[0]["start"], found.iloc[0]["end"]) == ("1902-10-15", "1902-10-31")


def test_the_same_city_at_other_dates_is_no_encounter() -> None:
    assert find_encounters(lives(("a", "Vienna", "1907-10", "1914-08-03", LONDON),
                                 ("b", "Vienna", "1914-08-20", "1914-09-04", LONDON))).empty


def test_one_persons_own_stays_never_meet() -> None:
    assert find_encounters(lives(("a", "X", "1900", "1901", LONDON),
                                 ("a", "X", "1900", "1901", LONDON))).empty


@pytest.mark.parametrize(("km", "meets"), [(20.0, True), (40.0, False),
                                           (ENCOUNTER_KM - 0.2, True), (ENCOUNTER_KM + 0.2, False)])
def test_nearby_towns_meet_within_the_distance(km: float, meets: bool) -> None:
    other = north_of(LONDON, km)
    found = find_encounters(lives(("a", "Here", "1900", "1901", LONDON),
                                  ("b", "There", "1900", "1901", other)))
    assert len(found) == int(meets)
    if meets:
        assert found.iloc[0]["distance_km"] == pytest.approx(km, abs=0.06)
        assert found.iloc[0]["lat"] == pytest.approx((LONDON[0] + other[0]) / 2, abs=1e-3)


def test_a_region_gives_at_most_may_have_met() -> None:
    area = '{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}'
    found = find_encounters(lives(("a", "Siberia", "1900-01-01", "1900-12-31", LONDON),
                                  ("b", "Siberia", "1900-01-01", "1900-12-31", LONDON),
                                  area=area))
    assert list(found["status"]) == [MAY_HAVE_MET]


def test_no_person_column_no_encounters() -> None:
    stops = lives(("a", "X", "1900", "1901", LONDON), ("b", "X", "1900", "1901", LONDON))
    found = find_encounters(stops.drop(columns=["person"]))
    assert found.empty and list(found.columns) == list(ENCOUNTER_COLUMNS)


def test_ids_stay_unique() -> None:
    found = find_encounters(lives(("a", "X", "1900-01", "1900-02", LONDON),
                                  ("b", "X", "1900-01", "1900-03", LONDON),
                                  ("a", "X", "1900-03", "1900-04", LONDON)))
    assert list(found["id"]) == ["a-b-x-1900", "a-b-x-1900-2"]


def test_a_sweep_finds_what_comparing_every_pair_finds() -> None:
    import random

    rng = random.Random(7)
    cities = [(48.0 + rng.random() * 6, 2.0 + rng.random() * 20) for _ in range(15)]
    rows = []
    for person in "abcd":
        year = 1850
        for _ in range(60):
            start = year + rng.randint(0, 2)
            end = start + rng.randint(0, 3)
            rows.append((person, f"c{rng.randrange(15)}", str(start), str(end),
                         cities[rng.randrange(15)]))
            year = start
    stops = lives(*rows)
    found = find_encounters(stops)
    expected = set()
    records = stops.to_dict("records")
    for a in records:
        for b in records:
            if a["person"] >= b["person"]:
                continue
            if max(a["start_min"], b["start_min"]) > min(a["end_max"], b["end_max"]):
                continue
            if round(distance_km((a["lat"], a["lon"]), (b["lat"], b["lon"])), 1) <= ENCOUNTER_KM:
                expected.add((a["id"], b["id"]))
    assert expected and set(zip(found["stop_a"], found["stop_b"], strict=True)) == expected


# --- Trotsky and Lenin -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def trotsky_and_lenin():  # -> pipeline.Trip
    from itinerary.pipeline import build_trip

    return build_trip([ROOT / "data" / "places.csv", ROOT / "examples" / "lenin.csv"],
                      quiet=True, with_paths=False)


def test_london_1902_and_petrograd_1917_are_found(trotsky_and_lenin) -> None:
    found = trotsky_and_lenin.encounters.set_index("id")
    london = found.loc["lenin-trotsky-london-1902"]
    assert london["status"] == MET
    assert (london["stop_a"], london["stop_b"]) == ("lenin-london-1902", "trotsky-london-1902")
    assert london["start"] <= "1902-11-30" and london["end"] >= "1902-12-31"
    petrograd = found.loc["lenin-trotsky-petrograd-1917"]
    assert petrograd["status"] == MET
    assert (petrograd["start"], petrograd["end"]) == ("1917-05-17", "1917-07-19")
    assert (found.loc[found["place"] == "Petrograd", "status"] == MET).sum() >= 2


def test_no_meeting_where_the_dates_do_not_overlap(trotsky_and_lenin) -> None:
    trip = trotsky_and_lenin
    by_id = trip.stops.set_index("id")
    for _, e in trip.encounters.iterrows():
        a, b = by_id.loc[e["stop_a"]], by_id.loc[e["stop_b"]]
        assert max(a["start_min"], b["start_min"]) <= min(a["end_max"], b["end_max"])
        assert e["start"] <= e["end"]
        assert a["person"] == e["person_a"] and b["person"] == e["person_b"]
    pairs = set(zip(trip.encounters["stop_a"], trip.encounters["stop_b"], strict=True))
    # Vienna: Trotsky left on 3 August 1914, Lenin passed through from 20 August
    assert not any("vienna" in a and "vienna" in b for a, b in pairs)
    # Geneva 1903-1905 (Lenin) and London 1902 (Lenin) against Trotsky's London 1903: no
    assert ("lenin-london-1902", "trotsky-london-1903") not in pairs
    # Kuokkala is 34 km from Saint Petersburg, where Trotsky sat in prison in 1906
    assert not any(a.startswith("kuokkala") for a, _ in pairs)
    assert len(set(trip.encounters["id"])) == len(trip.encounters)
