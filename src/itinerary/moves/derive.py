"""Moves: the journeys between consecutive placed stops, drawn as great-circle arcs.

A map of a life reads as a story only if the lines between places say *how* the person moved:
a deportation is not a holiday. ``derive_moves`` classifies each journey (the rules, free of
numpy and pandas for ``itinerary check``, are in ``movekind``); ``great_circle``
gives it a shape that looks right on a web map (curved like a flight path, and never smeared
across the whole map when it crosses the antimeridian).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ..model import MOVE_COLUMNS
from . import geodesy_fast as moves_fast
from .kinds import EARTH_RADIUS_KM, SAME_PLACE_KM, geodesic_km, move_kind

__all__ = ["EARTH_RADIUS_KM", "SAME_PLACE_KM", "derive_moves", "great_circle", "move_kind"]

DECIMALS = 5             # ~1 m: plenty for a map, keeps files small and diffs stable

LatLon = tuple[float, float]
Vec = tuple[float, float, float]
POLAR = 90.0 - 1e-9      # at or beyond this latitude a vertex is a pole


def derive_moves(stops: pd.DataFrame, *, paths: bool = True) -> pd.DataFrame:
    """Join consecutive placed stops (in ``seq`` order) into moves with ``model.MOVE_COLUMNS``.

    Unplaced stops are skipped, so a journey runs from the last known place to the next one.
    Two consecutive stops at the same place (within ``SAME_PLACE_KM``) are one stay, not a move.
    ``depart`` is the origin's latest end (``end_max``, else ``start_max``); ``arrive`` is the
    destination's earliest start (``start_min``).

    Distances and arcs are computed for all moves at once (``moves_fast``), and "returning" is
    a lookup in a grid of earlier places, so 100,000 stops take seconds, not minutes. With
    ``paths=False`` the ``path`` column is left out: the map page draws its own arcs from the
    two ends (static/itinerary.js), and the arcs are the costliest column at that size.
    """
    ordered = stops.sort_values("seq", kind="stable") if "seq" in stops.columns else stops
    n = len(ordered)

    def column(name: str) -> list[Any]:
        return ordered[name].tolist() if name in ordered.columns else [None] * n

    lat_all = _floats(ordered, "lat", n)
    lon_all = _floats(ordered, "lon", n)
    ok = np.isfinite(lat_all) & np.isfinite(lon_all)
    if "placed" in ordered.columns:
        ok &= np.array([_flag(f) for f in ordered["placed"].tolist()], dtype=bool).reshape(-1)
    placed = np.flatnonzero(ok)
    lats, lons = lat_all[placed], lon_all[placed]
    units = _units(lats, lons)
    same = math.cos(SAME_PLACE_KM / EARTH_RADIUS_KM)  # cosine of the angle for 1 km
    near = (np.einsum("ij,ij->i", units[:-1], units[1:]) > same if len(units)
            else np.zeros(0, dtype=bool))
    earlier = _Seen(units, same)
    legs: list[tuple[int, int, bool]] = []  # (origin, destination) in placed order, returning
    for i in np.flatnonzero(~near).tolist():
        for j in range(earlier.added, i):  # every place up to two before the destination
            earlier.add(j)
        legs.append((i, i + 1, earlier.has_near(i + 1)))
    origin = np.array([a for a, _, _ in legs], dtype=np.int64)
    dest = origin + 1
    o, d = placed[origin].tolist(), placed[dest].tolist()
    seqs = _seqs(ordered, n)
    ids, kinds, moved = _texts(column("id")), _texts(column("kind")), _texts(column("move"))
    end_max, start_max = _texts(column("end_max")), _texts(column("start_max"))
    start_min = _texts(column("start_min"))
    a_lat, a_lon, b_lat, b_lon = lats[origin], lons[origin], lats[dest], lons[dest]
    table = {
        "from_seq": [seqs[p] for p in o],
        "to_seq": [seqs[p] for p in d],
        "from_id": [ids[p] for p in o],
        "to_id": [ids[p] for p in d],
        "depart": [end_max[p] or start_max[p] for p in o],
        "arrive": [start_min[p] for p in d],
        "kind": [moved[q] or move_kind(kinds[p], kinds[q], back)
                 for p, q, (_, _, back) in zip(o, d, legs, strict=True)],
        "distance_km": moves_fast.geodesic_km(a_lat, a_lon, b_lat, b_lon, exact=geodesic_km),
    }
    if paths:
        table["path"] = moves_fast.arcs(a_lat, a_lon, b_lat, b_lon, radius_km=EARTH_RADIUS_KM,
                                        max_segment_km=50, decimals=DECIMALS,
                                        exact=great_circle)
    moves = pd.DataFrame(table, columns=[c for c in MOVE_COLUMNS if c in table])
    return moves.astype({"from_seq": "int64", "to_seq": "int64", "distance_km": "float64"})


def _floats(frame: pd.DataFrame, name: str, n: int) -> np.ndarray:
    if name not in frame.columns:
        return np.full(n, np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _units(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Unit vectors of many points (the same formula as ``_unit``), shape (n, 3)."""
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _flag(value: Any) -> bool:
    """A ``placed`` cell: missing or false-like is not placed."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return False
    return bool(value)


def _texts(values: list[Any]) -> list[str]:
    return [v if type(v) is str else _text(v) for v in values]


class _Seen:
    """Earlier places in a grid of cells twice as wide as ``SAME_PLACE_KM``: a place within
    that distance of a point lies in the point's cell or in the neighbour it is nearer to on
    each axis, so at most 8 cells are looked at instead of every earlier stop."""

    def __init__(self, units: np.ndarray, same: float):
        self.vecs, self.same = units.tolist(), same
        size = 2.5 * SAME_PLACE_KM / EARTH_RADIUS_KM  # > twice the chord of 1 km
        scaled = units / size
        cells = np.floor(scaled)
        self.cells = [tuple(c) for c in cells.astype(np.int64).tolist()]
        self.sides = np.where(scaled - cells < 0.5, -1, 1).tolist()
        self.grid: dict[tuple[int, ...], list[int]] = {}
        self.added = 0  # places 0 .. added-1 are in the grid

    def add(self, i: int) -> None:
        self.grid.setdefault(self.cells[i], []).append(i)
        self.added = i + 1

    def has_near(self, i: int) -> bool:
        (x, y, z), (sx, sy, sz) = self.cells[i], self.sides[i]
        ux, uy, uz = self.vecs[i]
        for cell in ((x, y, z), (x + sx, y, z), (x, y + sy, z), (x, y, z + sz),
                     (x + sx, y + sy, z), (x + sx, y, z + sz), (x, y + sy, z + sz),
                     (x + sx, y + sy, z + sz)):
            for j in self.grid.get(cell, ()):
                vx, vy, vz = self.vecs[j]
                if ux * vx + uy * vy + uz * vz > self.same:
                    return True
        return False


def _seqs(frame: pd.DataFrame, n: int) -> list[int]:
    """Each stop's ``seq``; its position where the column is missing or empty."""
    if "seq" not in frame.columns:
        return list(range(n))
    if pd.api.types.is_integer_dtype(frame["seq"].dtype):
        return [int(v) for v in frame["seq"].tolist()]
    return [_seq(v, pos) for pos, v in enumerate(frame["seq"].tolist())]


def _seq(value: Any, fallback: int) -> int:
    return fallback if value is None or pd.isna(value) else int(value)


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


# --- geometry ------------------------------------------------------------------------------

def great_circle(a: LatLon, b: LatLon, max_segment_km: float = 50) -> list[list[list[float]]]:
    """The great-circle arc from ``a`` to ``b`` (both ``(lat, lon)``) as map-ready parts.

    Vertices are interpolated along the sphere (slerp) at most ``max_segment_km`` apart, so the
    line curves like a flight route instead of following a straight line on the Mercator plane.
    Longitudes are unwrapped and the line is cut where it meets the antimeridian, into parts
    (each a list of ``[lat, lon]`` at 5 decimals, in travel order) that a web map draws without
    a jump across the whole map; an arc straight over a pole is likewise cut at the pole.
    """
    if not max_segment_km > 0:
        raise ValueError(f"max_segment_km must be positive, got {max_segment_km!r}")
    lat, lon = _slerp(a, b, max_segment_km)
    normal = _cross(_unit((lat[0], lon[0])), _unit((lat[len(lat) // 2], lon[len(lon) // 2])))
    norm = math.hypot(*normal)
    if norm > 0 and abs(normal[2]) / norm < 1e-9:  # a meridian circle: no seam to cross
        runs = _split_at_pole(lat, lon)
    else:
        x = _unwrap(lon, lat)
        x, y = _with_seam_vertices(x, lat, normal)
        runs = _cut_at_antimeridian(x, y)
    parts = [part for part in (_round_part(x, y) for y, x in runs) if len(part) >= 2]
    if not parts:  # a and b coincide at 5 decimals: keep a valid (if invisible) line
        start = _round_part(np.array([a[1]]), np.array([a[0]]))
        parts = [start + start]
    return parts


def _unit(p: tuple[float, float]) -> Vec:
    lat, lon = math.radians(p[0]), math.radians(p[1])
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _cross(u: Vec, v: Vec) -> Vec:
    return (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])


def _central_angle(u: Vec, v: Vec) -> float:
    """Angle between unit vectors, stable for tiny and near-antipodal angles alike."""
    return math.atan2(math.hypot(*_cross(u, v)), sum(x * y for x, y in zip(u, v, strict=True)))


def _slerp(a: LatLon, b: LatLon, max_segment_km: float) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes of evenly spaced vertices on the great circle, ends exact."""
    u, v = _unit(a), _unit(b)
    omega = _central_angle(u, v)
    if math.pi - omega < 1e-9:  # antipodes: any great circle joins them; go via the east
        mid = _latlon_of(np.array([-u[1], u[0], 0.0] if abs(u[2]) < 1 - 1e-9 else [1, 0, 0.0]))
        lat1, lon1 = _slerp(a, mid, max_segment_km)
        lat2, lon2 = _slerp(mid, b, max_segment_km)
        return np.concatenate([lat1, lat2[1:]]), np.concatenate([lon1, lon2[1:]])
    steps = max(1, math.ceil(EARTH_RADIUS_KM * omega / max_segment_km))
    t = np.arange(steps + 1) / steps
    sin_omega = math.sin(omega)
    if sin_omega < 1e-12:
        wa, wb = 1.0 - t, t
    else:
        wa, wb = np.sin((1 - t) * omega) / sin_omega, np.sin(t * omega) / sin_omega
    vecs = np.outer(wa, u) + np.outer(wb, v)
    lat = np.degrees(np.arctan2(vecs[:, 2], np.hypot(vecs[:, 0], vecs[:, 1])))
    lon = np.degrees(np.arctan2(vecs[:, 1], vecs[:, 0]))
    lat[0], lon[0], lat[-1], lon[-1] = a[0], a[1], b[0], b[1]
    return lat, lon


def _latlon_of(vec: np.ndarray) -> LatLon:
    x, y, z = (float(c) for c in vec)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _split_at_pole(lat: np.ndarray, lon: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """An arc along a meridian circle: up to the pole on one meridian, down on the opposite
    one. Each half keeps its end's longitude exactly (near a pole float noise in the
    longitude is large, and would otherwise sweep the line along the map's edge)."""
    turn = np.abs((lon - lon[0] + 180.0) % 360.0 - 180.0)
    over = np.flatnonzero((turn > 90.0) & (np.abs(lat) < POLAR))
    if not len(over) or abs(lat[0]) >= POLAR:
        return [(lat, np.full_like(lon, lon[-1] if abs(lat[0]) >= POLAR else lon[0]))]
    i = int(over[0])  # the first vertex on the far side of the pole
    pole = math.copysign(90.0, lat[i - 1] + lat[i])
    up, down = np.append(lat[:i], pole), np.insert(lat[i:], 0, pole)
    return [(up, np.full(len(up), lon[0])), (down, np.full(len(down), lon[-1]))]


def _unwrap(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Longitudes made continuous (they may leave [-180, 180]) so the line can be cut."""
    lon = lon.copy()
    if not -180.0 <= lon[0] <= 180.0:
        lon[0] = (lon[0] + 180.0) % 360.0 - 180.0
    if len(lon) > 1 and abs(lat[-1]) >= POLAR:
        lon[-1] = lon[-2]  # at a pole every longitude is right; keep the line straight
    turns = np.round(-np.diff(lon) / 360.0)  # whole turns to add so no step exceeds 180
    x = lon + 360.0 * np.concatenate([[0.0], np.cumsum(turns)])
    seam = 360.0 * np.round((x - 180.0) / 360.0) + 180.0
    return np.where(np.abs(x - seam) < 1e-7, seam, x)  # float noise must not cross a seam


def _with_seam_vertices(x: np.ndarray, y: np.ndarray, normal: Vec
                        ) -> tuple[np.ndarray, np.ndarray]:
    """Add the exact point where the arc meets the antimeridian, so that both parts end on the
    great circle (a plain cut would interpolate linearly between two vertices)."""
    world = np.floor((x + 180.0) / 360.0)
    for i in reversed(np.flatnonzero(np.diff(world))):
        seam = 360.0 * max(world[i], world[i + 1]) - 180.0
        if min(x[i], x[i + 1]) < seam < max(x[i], x[i + 1]):
            if normal[2]:  # on the great circle n.p = 0; at 180: -n_x cos(lat) + n_z sin(lat) = 0
                lat = math.degrees(math.atan(normal[0] / normal[2]))
            else:  # ends (nearly) coincide: no circle to speak of
                lat = y[i] + (y[i + 1] - y[i]) * (seam - x[i]) / (x[i + 1] - x[i])
            x, y = np.insert(x, i + 1, seam), np.insert(y, i + 1, lat)
    return x, y


def _cut_at_antimeridian(x: np.ndarray, y: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Cut the unwrapped line at its seam vertices and shift each piece back into
    [-180, 180]. A segment belongs to the 360-degree-wide world its middle lies in."""
    if len(x) < 2:
        return [(y, x)]
    world = np.floor(((x[:-1] + x[1:]) / 2.0 + 180.0) / 360.0)
    cuts = np.flatnonzero(np.diff(world)) + 1  # segment indices where a new world begins
    pieces = []
    for first, last in zip(np.r_[0, cuts], np.r_[cuts, len(world)], strict=True):
        shift = 360.0 * world[first]
        pieces.append((y[first:last + 1], x[first:last + 1] - shift))
    return pieces


def _round_part(x: np.ndarray, y: np.ndarray) -> list[list[float]]:
    """``[lat, lon]`` pairs at 5 decimals, without repeated vertices created by rounding."""
    lat = np.round(y, DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
    lon = np.round(x, DECIMALS) + 0.0
    keep = np.ones(len(lat), dtype=bool)
    keep[1:] = (np.diff(lat) != 0) | (np.diff(lon) != 0)
    return np.column_stack([lat[keep], lon[keep]]).tolist()
