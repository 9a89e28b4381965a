"""The vectorised geodesy (``distances_km``, ``arcs``) is the per-pair rule, computed at once.

``derive_moves`` computes distances, arcs and "returning" for all moves at once; these tests hold
it to the plain definitions: geopy's geodesic per move, ``great_circle`` per move, and "some
earlier stop within 1 km" checked against every earlier stop.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest
from geopy.distance import geodesic

from itinerary.moves import geodesy, great_circle, move_kind
from itinerary.moves.derive import SAME_PLACE_KM, derive_moves
from itinerary.moves.geodesy import EARTH_RADIUS_KM


def _random_points(n: int, seed: int) -> list[tuple[float, float]]:
    """Random places, with revisits, near neighbours, seam and pole crossings mixed in."""
    rng = random.Random(seed)
    special = [(0.0, 180.0), (10.0, -179.99), (89.95, 20.0), (-89.99, -100.0), (0.0, 0.0),
               (0.0, 179.9999), (35.68, 139.65), (37.77, -122.42), (51.5, -0.13), (-33.9, 151.2)]
    points: list[tuple[float, float]] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.15 and points:
            points.append(rng.choice(points))  # a return
        elif r < 0.25 and points:
            lat, lon = rng.choice(points)  # a return to within about a kilometre
            points.append((max(-90.0, min(90.0, lat + rng.uniform(-0.009, 0.009))),
                           lon + rng.uniform(-0.009, 0.009)))
        elif r < 0.35 and points:
            lat, lon = points[-1]  # a short hop, around the 1 km threshold
            d = rng.uniform(0.002, 0.02)
            points.append((max(-90.0, min(90.0, lat + d)), lon))
        elif r < 0.45:
            points.append(rng.choice(special))
        else:
            points.append((math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180)))
    return points


def _table(points: list[tuple[float, float]], seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    kinds = ["residence", "prison", "exile", "visit", "escape", "travel"]
    return pd.DataFrame([
        {"seq": i, "id": f"s{i}", "lat": lat, "lon": lon, "placed": True,
         "kind": rng.choice(kinds), "start_min": "1900-01-01", "start_max": "1900-01-01",
         "end_max": "1900-01-02", "move": ""}
        for i, (lat, lon) in enumerate(points)])


def _reference(points: list[tuple[float, float]], kinds: list[str]) -> list[dict[str, object]]:
    """The definitions, one move at a time and every earlier stop compared."""
    same = math.cos(SAME_PLACE_KM / EARTH_RADIUS_KM)
    units = [_unit(p) for p in points]
    out = []
    for i in range(1, len(points)):
        if _dot(units[i - 1], units[i]) > same:
            continue
        returning = any(_dot(units[j], units[i]) > same for j in range(i - 1))
        out.append({"to_seq": i, "kind": move_kind(kinds[i - 1], kinds[i], returning),
                    "distance_km": round(geodesic(points[i - 1], points[i]).km, 1),
                    "path": great_circle(points[i - 1], points[i])})
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_derive_moves_matches_the_per_move_definitions(seed: int) -> None:
    points = _random_points(400, seed)
    stops = _table(points, seed)
    moves = derive_moves(stops)
    expected = _reference(points, list(stops["kind"]))
    assert list(moves["to_seq"]) == [e["to_seq"] for e in expected]
    assert list(moves["kind"]) == [e["kind"] for e in expected]
    assert list(moves["distance_km"]) == [e["distance_km"] for e in expected]
    assert list(moves["path"]) == [e["path"] for e in expected]


def test_nearly_antipodal_distances_fall_back_to_geopy() -> None:
    lat1, lon1 = np.array([0.0, 10.0]), np.array([0.0, 20.0])
    lat2, lon2 = np.array([0.5, -10.0]), np.array([179.7, -160.0])
    km = geodesy.distances_km(lat1, lon1, lat2, lon2)
    assert list(km) == [round(geodesic((0, 0), (0.5, 179.7)).km, 1),
                        round(geodesic((10, 20), (-10, -160)).km, 1)]


def _unit(p: tuple[float, float]) -> tuple[float, float, float]:
    lat, lon = math.radians(p[0]), math.radians(p[1])
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _dot(u: tuple[float, ...], v: tuple[float, ...]) -> float:
    return float(np.dot(u, v))


def test_arcs_taken_in_chunks_are_the_same_arcs() -> None:
    points = np.array(_random_points(60, 7))
    a, b = points[:-1], points[1:]
    whole = geodesy.arcs(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    pieces = geodesy.arcs(a[:, 0], a[:, 1], b[:, 0], b[:, 1], chunk=7)
    assert pieces == whole == [great_circle(tuple(p), tuple(q)) for p, q in zip(a, b, strict=True)]


def test_the_one_distance_is_geopys_geodesic() -> None:
    """``distance_km`` is the WGS-84 geodesic that geopy gives, to the last bit."""
    for a, b in [((51.5, -0.13), (40.71, -74.0)), ((0.0, 0.0), (0.5, 179.7)),
                 ((-33.9, 151.2), (35.68, 139.65))]:
        assert geodesy.distance_km(a, b) == geodesic(a, b).km


def test_the_arc_length_is_the_great_circle_on_the_mean_sphere() -> None:
    """``arc_km`` (what the resolver ranks with) is the sphere's great circle, within 0.5 % of
    the ellipsoid's geodesic."""
    from geographiclib.geodesic import Geodesic

    sphere = Geodesic(EARTH_RADIUS_KM * 1000.0, 0.0)
    for a, b in [((51.5, -0.13), (40.71, -74.0)), ((0.0, 0.0), (0.0, 0.2)),
                 ((-33.9, 151.2), (35.68, 139.65)), ((59.93, 30.31), (55.75, 37.62))]:
        reference = sphere.Inverse(*a, *b)["s12"] / 1000.0
        assert geodesy.arc_km(a, b) == pytest.approx(reference, rel=1e-9)
        assert geodesy.arc_km(a, b) == pytest.approx(geodesy.distance_km(a, b), rel=5e-3)
