"""Moves: which journeys are drawn, how they are classified, and the shape of their arcs."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from geopy.distance import geodesic
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from itinerary.model import MOVE_COLUMNS, MOVE_KINDS
from itinerary.moves import great_circle, move_kind
from itinerary.moves.derive import derive_moves

LONDON = (51.5074, -0.1278)
NEW_YORK = (40.7128, -74.0060)
TOKYO = (35.6762, 139.6503)
SAN_FRANCISCO = (37.7749, -122.4194)
MOSCOW = (55.7558, 37.6173)
SAINT_PETERSBURG = (59.9343, 30.3351)
VIENNA = (48.2082, 16.3738)
KHERSON = (46.6354, 32.6169)
ODESSA = (46.4825, 30.7233)


def stop(seq: int, where: tuple[float, float] | None, kind: str = "residence",
         start: str = "1900-01-01", end: str = "", **extra: object) -> dict[str, object]:
    """One row of an ordered stops table, as the pipeline hands it to derive_moves."""
    lat, lon = where if where else (math.nan, math.nan)
    return {"seq": seq, "id": f"s{seq}", "place": f"place {seq}", "lat": lat, "lon": lon,
            "placed": where is not None, "kind": kind, "start_min": start, "start_max": start,
            "end_min": end or start, "end_max": end or start, **extra}


def table(*rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


# --- which stops are joined ----------------------------------------------------------------

def test_consecutive_placed_stops_are_joined_in_seq_order() -> None:
    moves = derive_moves(table(stop(0, MOSCOW), stop(1, VIENNA), stop(2, LONDON)))
    assert list(moves.columns) == list(MOVE_COLUMNS)
    assert list(zip(moves["from_id"], moves["to_id"], strict=True)) == [("s0", "s1"), ("s1", "s2")]
    assert list(moves["from_seq"]) == [0, 1] and list(moves["to_seq"]) == [1, 2]


def test_unplaced_stops_are_skipped_so_the_journey_runs_from_the_last_known_place() -> None:
    moves = derive_moves(table(stop(0, MOSCOW), stop(1, None), stop(2, VIENNA)))
    assert len(moves) == 1
    assert (moves.loc[0, "from_seq"], moves.loc[0, "to_seq"]) == (0, 2)


def test_a_second_stay_at_the_same_place_is_not_a_move_and_the_journey_leaves_from_it() -> None:
    moves = derive_moves(table(
        stop(0, MOSCOW, end="1900-02-01"),
        stop(1, (MOSCOW[0] + 0.001, MOSCOW[1]), kind="prison", start="1900-03-01",
             end="1900-05-31"),
        stop(2, VIENNA, start="1900-07-01"),
    ))
    assert len(moves) == 1
    assert moves.loc[0, "from_id"] == "s1"
    assert moves.loc[0, "depart"] == "1900-05-31"


def test_rows_are_taken_in_seq_order_not_in_table_order() -> None:
    rows = [stop(0, MOSCOW), stop(1, VIENNA), stop(2, LONDON), stop(3, NEW_YORK)]
    forward = derive_moves(table(*rows))
    shuffled = derive_moves(table(rows[2], rows[0], rows[3], rows[1]))
    pd.testing.assert_frame_equal(forward, shuffled)


def test_fewer_than_two_placed_stops_give_an_empty_table_with_every_column() -> None:
    for rows in ([], [stop(0, MOSCOW)], [stop(0, MOSCOW), stop(1, None)]):
        moves = derive_moves(table(*rows) if rows else pd.DataFrame(columns=["seq", "lat", "lon"]))
        assert moves.empty and list(moves.columns) == list(MOVE_COLUMNS)


# --- dates -----------------------------------------------------------------------------------

def test_depart_is_the_origins_latest_end_and_arrive_the_destinations_earliest_start() -> None:
    moves = derive_moves(table(
        stop(0, MOSCOW, start="1898-01-01", end="1899-12-31"),
        stop(1, VIENNA, start="1907-10-01", end="1914-08-31"),
    ))
    assert (moves.loc[0, "depart"], moves.loc[0, "arrive"]) == ("1899-12-31", "1907-10-01")


def test_without_an_end_the_journey_departs_on_the_latest_possible_start() -> None:
    origin = stop(0, MOSCOW) | {"start_min": "1902-06-01", "start_max": "1902-08-31",
                                "end_max": ""}
    moves = derive_moves(table(origin, stop(1, VIENNA, start="1902-10-01")))
    assert moves.loc[0, "depart"] == "1902-08-31"


# --- kinds -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("origin", "dest", "returning", "expected"), [
    ("residence", "prison", False, "forced"),       # arrest
    ("prison", "prison", False, "forced"),          # transfer between prisons
    ("prison", "exile", False, "forced"),           # sentenced to exile
    ("residence", "internment", True, "forced"),    # forced wins over return
    ("exile", "residence", False, "escape"),        # leaving exile of one's own accord
    ("prison", "residence", True, "escape"),        # escape wins over return
    ("work", "escape", False, "escape"),            # the stop itself is marked as an escape
    ("residence", "work", True, "return"),
    ("residence", "conference", False, "travel"),
    ("", "", False, "travel"),                      # kinds are optional in the input
])
def test_move_kind_rules(origin: str, dest: str, returning: bool, expected: str) -> None:
    assert move_kind(origin, dest, returning) == expected
    assert expected in MOVE_KINDS


def test_a_journey_back_to_a_place_seen_before_is_a_return_within_one_kilometre() -> None:
    near_odessa = (ODESSA[0] + 0.004, ODESSA[1])        # ~0.45 km away: the same place
    beside_odessa = (ODESSA[0] + 0.02, ODESSA[1])       # ~2.2 km away: another place
    moves = derive_moves(table(stop(0, ODESSA), stop(1, KHERSON), stop(2, near_odessa),
                               stop(3, KHERSON), stop(4, beside_odessa)))
    assert list(moves["kind"]) == ["travel", "return", "return", "travel"]


def test_the_trotsky_pattern_of_arrest_transfer_exile_and_escape() -> None:
    moves = derive_moves(table(
        stop(0, ODESSA, "school"), stop(1, KHERSON, "prison"), stop(2, MOSCOW, "prison"),
        stop(3, (56.78, 105.76), "exile"), stop(4, LONDON, "residence"),
        stop(5, MOSCOW, "conference"),
    ))
    assert list(moves["kind"]) == ["forced", "forced", "forced", "escape", "return"]


# --- distances and arcs ----------------------------------------------------------------------

def test_distance_is_geodesic_moscow_saint_petersburg_about_634_km() -> None:
    moves = derive_moves(table(stop(0, MOSCOW), stop(1, SAINT_PETERSBURG)))
    assert moves.loc[0, "distance_km"] == pytest.approx(634, rel=0.01)
    assert moves.loc[0, "distance_km"] == round(moves.loc[0, "distance_km"], 1)


def test_each_move_carries_the_arc_between_its_stops() -> None:
    moves = derive_moves(table(stop(0, LONDON), stop(1, NEW_YORK)))
    assert moves.loc[0, "path"] == great_circle(LONDON, NEW_YORK)


def test_london_new_york_arc_bulges_north_of_both_ends() -> None:
    (part,) = great_circle(LONDON, NEW_YORK)
    assert part[0] == list(LONDON) and part[-1] == list(NEW_YORK)
    assert max(lat for lat, _ in part) > max(LONDON[0], NEW_YORK[0]) + 1.0


def test_arc_vertices_are_at_most_max_segment_km_apart() -> None:
    (part,) = great_circle(LONDON, NEW_YORK, max_segment_km=50)
    gaps = [geodesic(a, b).km for a, b in zip(part, part[1:], strict=False)]
    assert max(gaps) <= 50 * 1.01  # sphere vs ellipsoid: under half a percent
    assert min(gaps) > 40           # evenly spaced, not needlessly dense


def test_tokyo_san_francisco_is_cut_at_the_antimeridian_into_two_clean_parts() -> None:
    west, east = great_circle(TOKYO, SAN_FRANCISCO)
    assert west[0] == list(TOKYO) and east[-1] == list(SAN_FRANCISCO)
    assert west[-1][1] == 180.0 and east[0][1] == -180.0
    assert west[-1][0] == east[0][0]                     # the two halves meet
    for part in (west, east):
        steps = [abs(b[1] - a[1]) for a, b in zip(part, part[1:], strict=False)]
        assert max(steps) < 2.0                          # no jump across the map


def test_the_way_back_is_cut_the_same_way_in_reverse() -> None:
    there = great_circle(TOKYO, SAN_FRANCISCO)
    back = great_circle(SAN_FRANCISCO, TOKYO)
    reversed_back = [part[::-1] for part in reversed(back)]
    assert [len(part) for part in reversed_back] == [len(part) for part in there]
    flat = [x for part in there for point in part for x in point]
    assert [x for part in reversed_back for point in part for x in point] == \
        pytest.approx(flat, abs=2e-5)


def test_an_arc_straight_over_the_pole_goes_up_one_meridian_and_down_the_other() -> None:
    up, down = great_circle((60.0, 26.0), (70.0, -154.0))
    assert up[0] == [60.0, 26.0] and up[-1] == [90.0, 26.0]
    assert down[0] == [90.0, -154.0] and down[-1] == [70.0, -154.0]
    assert {lon for _, lon in up} == {26.0} and {lon for _, lon in down} == {-154.0}


def test_identical_ends_still_give_a_drawable_two_vertex_line() -> None:
    assert great_circle(VIENNA, VIENNA) == [[list(VIENNA), list(VIENNA)]]


def test_a_hairs_breadth_across_the_antimeridian_is_not_a_line_across_the_map() -> None:
    for part in great_circle((0.0, 179.99999999), (0.0, -179.99999999)):
        assert {lon for _, lon in part} in ({180.0}, {-180.0})
    west, east = great_circle((10.0, 179.99), (10.0001, -179.99))
    assert west == [[10.0, 179.99], [10.00005, 180.0]]
    assert east == [[10.00005, -180.0], [10.0001, -179.99]]


def test_max_segment_km_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_segment_km"):
        great_circle(VIENNA, LONDON, max_segment_km=0)


latitudes = st.floats(-89.0, 89.0, allow_nan=False)
longitudes = st.floats(-180.0, 180.0, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(latitudes, longitudes, latitudes, longitudes, st.sampled_from([50.0, 400.0, 30_000.0]))
def test_any_arc_stays_on_its_great_circle_and_on_the_map(
        lat1: float, lon1: float, lat2: float, lon2: float, segment: float) -> None:
    a, b = (lat1, lon1), (lat2, lon2)
    assume(1.0 < geodesic(a, b).km < 19_000)  # antipodes have no single great circle
    parts = great_circle(a, b, max_segment_km=segment)
    assert _same_point(parts[0][0], a) and _same_point(parts[-1][-1], b)
    normal = _cross(_unit(a), _unit(b))
    norm = math.sqrt(sum(x * x for x in normal))
    for part in parts:
        assert len(part) >= 2
        for lat, lon in part:
            assert -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0
            off_plane = sum(n * u for n, u in zip(normal, _unit((lat, lon)), strict=True)) / norm
            assert abs(off_plane) < 1e-5                 # on the great circle through a and b
        for (la1, lo1), (la2, lo2) in zip(part, part[1:], strict=False):
            if max(abs(la1), abs(la2)) < 80 and segment == 50:
                assert abs(lo2 - lo1) < 20               # never a line across the map
            assert abs(lo2 - lo1) <= 180 or abs(la1) == abs(la2) == 90.0


def _same_point(p: list[float], q: tuple[float, float]) -> bool:
    """Equal at 5 decimals; longitudes 180 and -180 are the same meridian."""
    dlon = (p[1] - q[1] + 180.0) % 360.0 - 180.0
    return abs(p[0] - q[0]) <= 1e-5 and abs(dlon) <= 1e-5 + 1e-9


def _unit(p: tuple[float, float] | list[float]) -> tuple[float, float, float]:
    lat, lon = math.radians(p[0]), math.radians(p[1])
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _cross(u: tuple[float, float, float], v: tuple[float, float, float]) -> tuple[float, ...]:
    return (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])
