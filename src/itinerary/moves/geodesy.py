"""Geodesy in one place: the distance between two points, the great-circle arc between them
(cut at the antimeridian and at the poles), and the unit vectors that make "same place" one dot
product.

Each rule is written once, per point pair (``distance_km``, ``great_circle``). The whole-table
forms (``distances_km``, ``arcs``) are the same rules vectorised with numpy for 100,000 moves:
they hand every pair they are not sure of to the per-pair function, and the tests compare both.
The page's JavaScript draws its arcs by the same construction (tests/test_page_arcs.py).
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from ..gcpause import paused_gc

if TYPE_CHECKING:  # numpy loads where arcs are made: the resolver's distances need none of it
    import numpy as np

EARTH_RADIUS_KM: Final = 6371.0088  # mean radius (IUGG): arcs and the same-place angle
#: WGS-84 with the major axis in km, as geopy's ``geodesic`` builds its geographiclib ellipsoid.
WGS84_KM: Final = (6378.137, 1 / 298.257223563)
_A = WGS84_KM[0] * 1000.0
_F = WGS84_KM[1]
_B = (1 - _F) * _A
DECIMALS: Final = 5  # ~1 m: plenty for a map, keeps files small and diffs stable
POLAR: Final = 90.0 - 1e-9  # at or beyond this latitude a vertex is a pole

LatLon = tuple[float, float]
Vec = tuple[float, float, float]
Parts = list[list[list[float]]]


def distance_km(a: LatLon, b: LatLon) -> float:
    """Geodesic distance on WGS-84 in km (Karney's method, the one geopy uses, through
    geographiclib, which imports in milliseconds where geopy takes half a second)."""
    from geographiclib.geodesic import Geodesic

    return float(_wgs84().Inverse(a[0], a[1], b[0], b[1], Geodesic.DISTANCE)["s12"])


def arc_km(a: LatLon, b: LatLon) -> float:
    """Length of the great-circle arc on the mean sphere, in km: the measure the arcs are cut
    by, and the one the resolver ranks with (within 0.5 % of ``distance_km``, fifty times
    cheaper, which matters when thousands of candidates are compared with their neighbours)."""
    return EARTH_RADIUS_KM * _central_angle(_unit(a), _unit(b))


@cache
def _wgs84() -> Any:
    from geographiclib.geodesic import Geodesic

    return Geodesic(*WGS84_KM)


def units(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Unit vectors of many points, shape (n, 3): nearness is then one dot product."""
    import numpy as np

    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def great_circle(a: LatLon, b: LatLon, max_segment_km: float = 50) -> list[list[list[float]]]:
    """The great-circle arc from ``a`` to ``b`` (both ``(lat, lon)``) as map-ready parts.

    Vertices are interpolated along the sphere (slerp) at most ``max_segment_km`` apart, so the
    line curves like a flight route instead of following a straight line on the Mercator plane.
    Longitudes are unwrapped and the line is cut where it meets the antimeridian, into parts
    (each a list of ``[lat, lon]`` at 5 decimals, in travel order) that a web map draws without
    a jump across the whole map; an arc straight over a pole is likewise cut at the pole.
    """
    import numpy as np

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
    import numpy as np

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
    import numpy as np

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
    import numpy as np

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
    import numpy as np

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
    import numpy as np

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
    import numpy as np

    lat = np.round(y, DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
    lon = np.round(x, DECIMALS) + 0.0
    keep = np.ones(len(lat), dtype=bool)
    keep[1:] = (np.diff(lat) != 0) | (np.diff(lon) != 0)
    return np.column_stack([lat[keep], lon[keep]]).tolist()


def distances_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
                 ) -> np.ndarray:
    """Distances in km rounded to 0.1, equal to ``round(distance_km(a, b), 1)`` for every pair.

    Vincenty's inverse formula (accurate to well under a millimetre on the ellipsoid) over all
    pairs; ``distance_km`` decides the pairs where Vincenty fails (nearly antipodal points)
    or where a millimetre could change the rounded value.
    """
    import numpy as np

    km = _vincenty_m(lat1, lon1, lat2, lon2) / 1000.0
    tenths = km * 10.0
    unsure = ~np.isfinite(km) | (np.abs(tenths - np.floor(tenths) - 0.5) < 1e-5)
    unsure |= (np.abs(lat1) > 90) | (np.abs(lat2) > 90)
    out = np.round(km, 1)
    for i in np.flatnonzero(unsure):
        out[i] = round(distance_km((float(lat1[i]), float(lon1[i])),
                                (float(lat2[i]), float(lon2[i]))), 1)
    return out


def _vincenty_m(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
                ) -> np.ndarray:
    """Vincenty (1975) inverse distance in metres; NaN where the iteration does not converge."""
    import numpy as np

    with np.errstate(invalid="ignore", divide="ignore"):
        big_l = np.radians(lon2 - lon1)
        u1 = np.arctan((1 - _F) * np.tan(np.radians(lat1)))
        u2 = np.arctan((1 - _F) * np.tan(np.radians(lat2)))
        su1, cu1, su2, cu2 = np.sin(u1), np.cos(u1), np.sin(u2), np.cos(u2)
        lam = big_l.copy()
        done = np.zeros(len(lam), dtype=bool)
        for _ in range(200):
            sl, cl = np.sin(lam), np.cos(lam)
            sin_s = np.hypot(cu2 * sl, cu1 * su2 - su1 * cu2 * cl)
            cos_s = su1 * su2 + cu1 * cu2 * cl
            sigma = np.arctan2(sin_s, cos_s)
            sin_a = np.where(sin_s > 0, cu1 * cu2 * sl / sin_s, 0.0)
            cos2_a = 1 - sin_a * sin_a
            cos_2sm = np.where(cos2_a > 0, cos_s - 2 * su1 * su2 / cos2_a, 0.0)
            c = _F / 16 * cos2_a * (4 + _F * (4 - 3 * cos2_a))
            previous = lam
            lam = big_l + (1 - c) * _F * sin_a * (
                sigma + c * sin_s * (cos_2sm + c * cos_s * (-1 + 2 * cos_2sm * cos_2sm)))
            done = np.abs(lam - previous) < 1e-12
            if done.all():
                break
        u_sq = cos2_a * (_A * _A - _B * _B) / (_B * _B)
        a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
        b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
        d_sigma = b * sin_s * (cos_2sm + b / 4 * (
            cos_s * (-1 + 2 * cos_2sm * cos_2sm)
            - b / 6 * cos_2sm * (-3 + 4 * sin_s * sin_s) * (-3 + 4 * cos_2sm * cos_2sm)))
        metres = _B * a * (sigma - d_sigma)
    return np.where(done & (np.abs(lam) <= np.pi), metres, np.nan)


def arcs(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray, *,
         max_segment_km: float = 50, chunk: int = 10_000) -> list[Parts]:
    """``great_circle(a, b)`` for every pair, computed at once for the arcs that cross no seam.

    The simple arcs (all vertices well inside (-180, 180) and away from the poles, no meridian
    circle, no antipodes) need none of ``great_circle``'s cutting, so their parts are just the
    slerp vertices rounded and de-duplicated; the others go to ``great_circle`` one by one.
    Pairs are taken ``chunk`` at a time, so the vertex arrays stay small at 100,000 moves.
    """
    out: list[Parts] = []
    for i in range(0, len(lat1), chunk):
        out.extend(_arcs(lat1[i:i + chunk], lon1[i:i + chunk], lat2[i:i + chunk],
                         lon2[i:i + chunk], max_segment_km))
    return out


def _arcs(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray,
          max_segment_km: float) -> list[Parts]:
    import numpy as np

    m = len(lat1)
    if m == 0:
        return []
    u = units(lat1, lon1)
    v = units(lat2, lon2)
    cross = np.cross(u, v)
    dot = (u[:, 0] * v[:, 0] + u[:, 1] * v[:, 1]) + u[:, 2] * v[:, 2]
    omega = np.arctan2(np.sqrt((cross * cross).sum(axis=1)), dot)
    sin_omega = np.sin(omega)
    steps = np.maximum(1, np.ceil(EARTH_RADIUS_KM * omega / max_segment_km)).astype(np.int64)
    simple = (np.pi - omega > 1e-6) & (sin_omega > 1e-9)
    steps = np.where(simple, steps, 1)
    counts = steps + 1
    ends = np.cumsum(counts)
    starts = ends - counts
    owner = np.repeat(np.arange(m), counts)
    t = (np.arange(ends[-1]) - starts[owner]) / steps[owner]
    om, so = omega[owner], np.where(simple, sin_omega, 1.0)[owner]
    with np.errstate(invalid="ignore", divide="ignore"):
        wa, wb = np.sin((1 - t) * om) / so, np.sin(t * om) / so
    vx = wa * u[owner, 0] + wb * v[owner, 0]
    vy = wa * u[owner, 1] + wb * v[owner, 1]
    vz = wa * u[owner, 2] + wb * v[owner, 2]
    lat = np.degrees(np.arctan2(vz, np.hypot(vx, vy)))
    lon = np.degrees(np.arctan2(vy, vx))
    last = ends - 1
    lat[starts], lon[starts], lat[last], lon[last] = lat1, lon1, lat2, lon2
    # the same meridian test as great_circle: first vertex x middle vertex
    mid = starts + counts // 2
    normal = np.cross(units(lat[starts], lon[starts]), units(lat[mid], lon[mid]))
    norm = np.sqrt((normal * normal).sum(axis=1))
    simple &= (norm > 0) & (np.abs(normal[:, 2]) > 1e-6 * norm)
    bad_vertex = (np.abs(lat) > 89.9) | (np.abs(lon) > 179.9) | ~np.isfinite(lat + lon)
    jump = np.zeros(len(lon), dtype=bool)
    jump[1:] = np.abs(np.diff(lon)) > 90.0
    jump[starts] = False
    simple &= ~np.logical_or.reduceat(bad_vertex | jump, starts)
    rlat = np.round(lat, DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
    rlon = np.round(lon, DECIMALS) + 0.0
    keep = np.ones(len(lat), dtype=bool)
    keep[1:] = (np.diff(rlat) != 0) | (np.diff(rlon) != 0)
    keep[starts] = True
    kept_ends = np.cumsum(keep)[last]
    kept_starts = kept_ends - np.add.reduceat(keep, starts)
    out: list[Parts] = []
    with paused_gc():
        coords = np.column_stack([rlat[keep], rlon[keep]]).tolist()
        for i, (ok, k0, k1) in enumerate(zip(simple.tolist(), kept_starts.tolist(),
                                             kept_ends.tolist(), strict=True)):
            if not ok:
                a, b = (float(lat1[i]), float(lon1[i])), (float(lat2[i]), float(lon2[i]))
                out.append(great_circle(a, b, max_segment_km))
                continue
            part = coords[k0:k1]
            out.append([part if len(part) >= 2 else [part[0], list(part[0])]])
    return out
