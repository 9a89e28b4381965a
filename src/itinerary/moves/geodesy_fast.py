"""Whole-table forms of the two per-move computations in ``moves``: distances and arcs.

At 100,000 stops a Python call per move (geographiclib's geodesic, a dozen small numpy calls per
arc) costs a minute; here each is a handful of numpy operations over all moves at once. Both
give the same numbers as the per-move code: an arc is the same vertices, computed by the same
formulas element-wise, and every move the fast path is not sure about (near a pole, the
antimeridian, a meridian or antipodes; a distance within a millimetre of a rounding step, or one
where Vincenty's iteration does not converge) is handed to the per-move function instead.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..gcpause import paused_gc

# WGS-84, as geopy's geodesic uses
_A = 6378137.0
_F = 1 / 298.257223563
_B = (1 - _F) * _A

Parts = list[list[list[float]]]


def geodesic_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray,
                exact: Callable[[float, float, float, float], float]) -> np.ndarray:
    """Distances in km rounded to 0.1, equal to ``round(exact(...), 1)`` for every pair.

    Vincenty's inverse formula (accurate to well under a millimetre on the ellipsoid) over all
    pairs; ``exact`` (geopy) decides the pairs where Vincenty fails (nearly antipodal points)
    or where a millimetre could change the rounded value.
    """
    km = _vincenty_m(lat1, lon1, lat2, lon2) / 1000.0
    tenths = km * 10.0
    unsure = ~np.isfinite(km) | (np.abs(tenths - np.floor(tenths) - 0.5) < 1e-5)
    unsure |= (np.abs(lat1) > 90) | (np.abs(lat2) > 90)
    out = np.round(km, 1)
    for i in np.flatnonzero(unsure):
        out[i] = round(exact(float(lat1[i]), float(lon1[i]), float(lat2[i]), float(lon2[i])), 1)
    return out


def _vincenty_m(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
                ) -> np.ndarray:
    """Vincenty (1975) inverse distance in metres; NaN where the iteration does not converge."""
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
         radius_km: float, max_segment_km: float, decimals: int,
         exact: Callable[[tuple[float, float], tuple[float, float]], Parts],
         chunk: int = 10_000) -> list[Parts]:
    """``exact(a, b)`` for every pair, computed at once for the arcs that cross no seam.

    The simple arcs (all vertices well inside (-180, 180) and away from the poles, no meridian
    circle, no antipodes) need none of ``great_circle``'s cutting, so their parts are just the
    slerp vertices rounded and de-duplicated; the others go to ``exact`` one by one. Pairs are
    taken ``chunk`` at a time, so the vertex arrays stay small at 100,000 moves.
    """
    out: list[Parts] = []
    for i in range(0, len(lat1), chunk):
        out.extend(_arcs(lat1[i:i + chunk], lon1[i:i + chunk], lat2[i:i + chunk],
                         lon2[i:i + chunk], radius_km=radius_km,
                         max_segment_km=max_segment_km, decimals=decimals, exact=exact))
    return out


def _arcs(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray, *,
          radius_km: float, max_segment_km: float, decimals: int,
          exact: Callable[[tuple[float, float], tuple[float, float]], Parts]) -> list[Parts]:
    m = len(lat1)
    if m == 0:
        return []
    u = _units(lat1, lon1)
    v = _units(lat2, lon2)
    cross = np.cross(u, v)
    dot = (u[:, 0] * v[:, 0] + u[:, 1] * v[:, 1]) + u[:, 2] * v[:, 2]
    omega = np.arctan2(np.sqrt((cross * cross).sum(axis=1)), dot)
    sin_omega = np.sin(omega)
    steps = np.maximum(1, np.ceil(radius_km * omega / max_segment_km)).astype(np.int64)
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
    normal = np.cross(_units(lat[starts], lon[starts]), _units(lat[mid], lon[mid]))
    norm = np.sqrt((normal * normal).sum(axis=1))
    simple &= (norm > 0) & (np.abs(normal[:, 2]) > 1e-6 * norm)
    bad_vertex = (np.abs(lat) > 89.9) | (np.abs(lon) > 179.9) | ~np.isfinite(lat + lon)
    jump = np.zeros(len(lon), dtype=bool)
    jump[1:] = np.abs(np.diff(lon)) > 90.0
    jump[starts] = False
    simple &= ~np.logical_or.reduceat(bad_vertex | jump, starts)
    rlat = np.round(lat, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    rlon = np.round(lon, decimals) + 0.0
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
                out.append(exact(a, b))
                continue
            part = coords[k0:k1]
            out.append([part if len(part) >= 2 else [part[0], list(part[0])]])
    return out


def _units(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])
