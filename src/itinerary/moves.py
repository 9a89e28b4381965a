"""Moves: the journeys between consecutive placed stops, drawn as great-circle arcs.

A map of a life reads as a story only if the lines between places say *how* the person moved:
a deportation is not a holiday. ``derive_moves`` classifies each journey; ``great_circle``
gives it a shape that looks right on a web map (curved like a flight path, and never smeared
across the whole map when it crosses the antimeridian).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pandas as pd
import shapely
from geopy.distance import geodesic
from shapely.geometry import LineString, box

from .model import FORCED_KINDS, MOVE_COLUMNS

SAME_PLACE_KM = 1.0      # closer than this, two stops are the same place on a lesson map
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG); only used to space the arc's vertices
DECIMALS = 5             # ~1 m: plenty for a map, keeps files small and diffs stable

LatLon = tuple[float, float]
Vec = tuple[float, float, float]


# --- classification ------------------------------------------------------------------------

def move_kind(origin_kind: str, dest_kind: str, returning: bool) -> str:
    """Classify one journey; the first rule that applies wins.

    1. ``forced``: the destination is a prison, exile or internment (``model.FORCED_KINDS``),
       which includes a prisoner sent on from prison to another prison or into exile.
    2. ``escape``: the destination is marked ``escape``, or the traveller leaves a prison or
       exile for somewhere that is not another forced stay (nobody was sent there).
    3. ``return``: the destination was already visited earlier in the itinerary
       (same place within ``SAME_PLACE_KM``).
    4. ``travel``: anything else.
    """
    if dest_kind in FORCED_KINDS or (origin_kind == "prison" and dest_kind in ("prison", "exile")):
        return "forced"
    if dest_kind == "escape" or origin_kind in ("exile", "prison"):
        return "escape"
    if returning:
        return "return"
    return "travel"


def derive_moves(stops: pd.DataFrame) -> pd.DataFrame:
    """Join consecutive placed stops (in ``seq`` order) into moves with ``model.MOVE_COLUMNS``.

    Unplaced stops are skipped, so a journey runs from the last known place to the next one.
    Two consecutive stops at the same place (within ``SAME_PLACE_KM``) are one stay, not a move.
    ``depart`` is the origin's latest end (``end_max``, else ``start_max``); ``arrive`` is the
    destination's earliest start (``start_min``).
    """
    ordered = stops.sort_values("seq", kind="stable") if "seq" in stops.columns else stops
    placed = [row for _, row in ordered.iterrows() if _is_placed(row)]
    records: list[dict[str, Any]] = []
    for i in range(1, len(placed)):
        origin, dest = placed[i - 1], placed[i]
        a, b = _latlon(origin), _latlon(dest)
        if _km(a, b) < SAME_PLACE_KM:
            continue
        returning = any(_km(_latlon(seen), b) < SAME_PLACE_KM for seen in placed[: i - 1])
        records.append({
            "from_seq": _seq(origin, i - 1),
            "to_seq": _seq(dest, i),
            "from_id": _text(origin.get("id")),
            "to_id": _text(dest.get("id")),
            "depart": _text(origin.get("end_max")) or _text(origin.get("start_max")),
            "arrive": _text(dest.get("start_min")),
            "kind": move_kind(_text(origin.get("kind")), _text(dest.get("kind")), returning),
            "distance_km": round(geodesic(a, b).km, 1),
            "path": great_circle(a, b),
        })
    moves = pd.DataFrame.from_records(records, columns=list(MOVE_COLUMNS))
    return moves.astype({"from_seq": "int64", "to_seq": "int64", "distance_km": "float64"})


def _is_placed(row: pd.Series) -> bool:
    placed = row.get("placed", True)
    if placed is None or (isinstance(placed, float) and math.isnan(placed)) or not bool(placed):
        return False
    return not (pd.isna(row.get("lat")) or pd.isna(row.get("lon")))


def _latlon(row: pd.Series) -> LatLon:
    return float(row["lat"]), float(row["lon"])


def _seq(row: pd.Series, fallback: int) -> int:
    value = row.get("seq")
    return fallback if value is None or pd.isna(value) else int(value)


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _km(a: LatLon, b: LatLon) -> float:
    """Spherical distance: cheap, and good enough for 'is this the same place?'."""
    return EARTH_RADIUS_KM * _central_angle(_unit(a), _unit(b))


# --- geometry ------------------------------------------------------------------------------

def great_circle(a: LatLon, b: LatLon, max_segment_km: float = 50) -> list[list[list[float]]]:
    """The great-circle arc from ``a`` to ``b`` (both ``(lat, lon)``) as map-ready parts.

    Vertices are interpolated along the sphere (slerp) at most ``max_segment_km`` apart, so the
    line curves like a flight route instead of following a straight line on the Mercator plane.
    Where the arc crosses the antimeridian it is cut with shapely into parts (each a list of
    ``[lat, lon]`` at 5 decimals, in travel order); otherwise the line would jump across the
    whole map between longitudes +179 and -179. An arc over a pole is likewise cut there.
    """
    if not max_segment_km > 0:
        raise ValueError(f"max_segment_km must be positive, got {max_segment_km!r}")
    points = list(_slerp(a, b, max_segment_km))
    normal = _cross(_unit(points[0]), _unit(points[len(points) // 2]))
    parts = []
    for run in _split_at_poles(points):
        line = LineString(_with_seam_vertices(_unwrap(run), normal))
        parts += [_round_part(coords) for coords in _cut_at_antimeridian(line)]
    parts = [part for part in parts if len(part) >= 2]
    if not parts:  # a and b (nearly) coincide: keep a valid two-vertex line
        ends = _round_part([(a[1], a[0])]) + _round_part([(b[1], b[0])])
        parts = [ends]
    return parts


def _unit(p: LatLon) -> Vec:
    lat, lon = math.radians(p[0]), math.radians(p[1])
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _cross(u: tuple[float, float, float], v: tuple[float, float, float]) -> Vec:
    return (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])


def _central_angle(u: Vec, v: Vec) -> float:
    """Angle between unit vectors, stable for tiny and near-antipodal angles alike."""
    cross = _cross(u, v)
    return math.atan2(math.hypot(*cross), sum(x * y for x, y in zip(u, v, strict=True)))


def _slerp(a: LatLon, b: LatLon, max_segment_km: float) -> Iterator[LatLon]:
    u, v = _unit(a), _unit(b)
    omega = _central_angle(u, v)
    steps = max(1, math.ceil(EARTH_RADIUS_KM * omega / max_segment_km))
    if math.pi - omega < 1e-9:  # antipodes: any great circle joins them; go via the east
        mid = _latlon_of((-u[1], u[0], 0.0) if abs(u[2]) < 1 - 1e-9 else (1.0, 0.0, 0.0))
        yield from _slerp(a, mid, max_segment_km)
        tail = _slerp(mid, b, max_segment_km)
        next(tail)
        yield from tail
        return
    yield a
    sin_omega = math.sin(omega)
    for k in range(1, steps):
        t = k / steps
        if sin_omega < 1e-12:
            yield a
            continue
        wa, wb = math.sin((1 - t) * omega) / sin_omega, math.sin(t * omega) / sin_omega
        yield _latlon_of(tuple(wa * x + wb * y for x, y in zip(u, v, strict=True)))
    yield b


def _latlon_of(vec: tuple[float, ...]) -> LatLon:
    x, y, z = vec
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _split_at_poles(points: list[LatLon]) -> list[list[LatLon]]:
    """Break an arc that runs over a pole: on a web map it climbs to the top edge on one
    meridian and comes down on the opposite one, rather than sweeping along the edge."""
    last = len(points) - 1
    points = [p for i, p in enumerate(points) if i in (0, last) or abs(p[0]) < 90.0 - 1e-9]
    runs = [[points[0]]]
    for prev, cur in zip(points, points[1:], strict=False):
        turn = abs((cur[1] - prev[1] + 180.0) % 360.0 - 180.0)
        if turn > 180.0 - 1e-6 and max(abs(prev[0]), abs(cur[0])) < 90.0 - 1e-9:
            pole = math.copysign(90.0, prev[0] + cur[0])
            runs[-1].append((pole, prev[1]))
            runs.append([(pole, cur[1])])
        runs[-1].append(cur)
    return runs


def _unwrap(points: list[LatLon]) -> list[tuple[float, float]]:
    """(lon, lat) with longitudes made continuous (may leave [-180, 180]) for cutting."""
    out: list[tuple[float, float]] = []
    for lat, lon in points:
        if not out:
            lon = (lon + 180.0) % 360.0 - 180.0 if not -180.0 <= lon <= 180.0 else lon
        elif abs(lat) > 90.0 - 1e-9:
            lon = out[-1][0]  # at a pole every longitude is right; keep the line continuous
        else:
            lon += 360.0 * round((out[-1][0] - lon) / 360.0)
        out.append((lon, lat))
    return out


def _with_seam_vertices(coords: list[tuple[float, float]], normal: Vec
                        ) -> list[tuple[float, float]]:
    """Add the exact point where the arc meets the antimeridian, so that both parts end on the
    great circle (a plain cut would interpolate linearly between two vertices)."""
    out = coords[:1]
    for (x0, _y0), (x1, y1) in zip(coords, coords[1:], strict=False):
        w0, w1 = math.floor((x0 + 180.0) / 360.0), math.floor((x1 + 180.0) / 360.0)
        if w0 != w1 and abs(normal[2]) > 1e-12:
            seam = 360.0 * max(w0, w1) - 180.0
            if min(x0, x1) < seam < max(x0, x1):
                # On the great circle n.p = 0 at longitude 180: -n_x cos(lat) + n_z sin(lat) = 0
                out.append((seam, math.degrees(math.atan(normal[0] / normal[2]))))
        out.append((x1, y1))
    return out


def _cut_at_antimeridian(line: LineString) -> list[list[tuple[float, float]]]:
    """Intersect the unwrapped line with the three 360-degree-wide worlds and shift each piece
    back into [-180, 180]; pieces are returned in the order the line runs through them."""
    pieces: list[tuple[float, list[tuple[float, float]]]] = []
    for shift in (-360.0, 0.0, 360.0):
        world = box(-180.0 + shift, -90.0, 180.0 + shift, 90.0)
        clipped = line.intersection(world)
        for piece in shapely.get_parts(clipped):
            if not isinstance(piece, LineString) or piece.length == 0:
                continue
            coords = list(piece.coords)
            if shift and all(abs(x - shift) == 180.0 for x, _ in coords):
                continue  # runs along the seam itself: already kept from the middle world
            start, end = line.project(shapely.Point(coords[0])), line.project(
                shapely.Point(coords[-1]))
            if end < start:
                coords.reverse()
                start = end
            pieces.append((start, [(x - shift, y) for x, y in coords]))
    pieces.sort(key=lambda item: item[0])
    return [coords for _, coords in pieces]


def _round_part(coords: Any) -> list[list[float]]:
    """``[lat, lon]`` pairs at 5 decimals, without repeated vertices created by rounding."""
    part: list[list[float]] = []
    for lon, lat in coords:
        point = [_clean(round(lat, DECIMALS)), _clean(round(lon, DECIMALS))]
        if not part or part[-1] != point:
            part.append(point)
    return part


def _clean(value: float) -> float:
    return 0.0 if value == 0 else value  # no "-0.0" in the output
