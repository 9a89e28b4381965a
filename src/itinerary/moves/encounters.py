"""Encounters: where two lives were at the same place at overlapping dates.

A lesson comparing Lenin and Trotsky asks where their paths crossed. Two stops of different
persons make an encounter when their places are at most ``ENCOUNTER_KM`` apart (the geodesic
distance of the moves, ``geodesy.distances_km``) and some reading of both stops' dates shares a
day. Its status says how sure that is:

* ``met``: the overlap is certain, whatever the imprecise dates mean: the latest possible start
  of both (``start_max``) is on or before the earliest possible end of both (``end_min``), no
  date of either stop is approximate or uncertain (``~``, ``?``), and neither place is a region
  (two people "in Siberia" at once may have been 2,000 km apart);
* ``may have met``: the stays overlap only for some readings of their dates (a stop dated
  "1907" next to a congress of May 1907), or a date is approximate, or a place is a region.

Days are inclusive: a stay that ends on 1 October and one that starts there share that day.
The span given is the certain overlap for ``met``, the possible one otherwise.

Finding them is a sweep over the stays sorted by earliest start: a stay is compared only with
the stays still open when it begins (a heap drops the ended ones), and only with those in the
nearby cells of a grid of unit vectors, so ten lives of a thousand stops each take
milliseconds, not the 50 million comparisons of every pair (``benchmarks/bench_encounters.py``).
"""

from __future__ import annotations

import heapq
import math
from typing import Any, Final

import numpy as np
import pandas as pd

from ..model import ENCOUNTER_COLUMNS, PERSON
from ..stages.cells import flag, text
from . import geodesy
from .geodesy import EARTH_RADIUS_KM

#: Two stops this close (km, geodesic, rounded to 0.1 km as the moves are) are one place for an
#: encounter: the same city whatever the gazetteer's point, or a suburb (Zimmerwald by Bern),
#: not the next town (Kuokkala, 34 km from Saint Petersburg, Lenin's refuge of 1906-1907).
ENCOUNTER_KM: Final = 25.0
MET: Final = "met"
MAY_HAVE_MET: Final = "may have met"

_EPOCH_ORDINAL: Final = 719163  # date(1970, 1, 1).toordinal(): numpy's day 0
_CELLS: Final = 1 << 20  # cell numbers per axis in a key: more than the sphere has down to 10 m


def find_encounters(stops: pd.DataFrame, *, max_km: float = ENCOUNTER_KM) -> pd.DataFrame:
    """Every encounter between two persons' stops (``model.ENCOUNTER_COLUMNS``), in order of
    their start, then persons and stops; empty when the stops have no ``person`` column.

    ``stops`` are the ordered stops of a trip (``seq``, ``id``, ``place``, ``person``, ``lat``,
    ``lon``, ``placed``, ``area``, ``start_min`` ... ``end_max``, ``uncertain``).
    """
    empty = pd.DataFrame({c: [] for c in ENCOUNTER_COLUMNS})
    if PERSON not in stops.columns or stops[PERSON].nunique() < 2:
        return empty
    n = len(stops)
    lat = pd.to_numeric(stops["lat"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lon = pd.to_numeric(stops["lon"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(lat) & np.isfinite(lon)
    if "placed" in stops.columns:
        ok &= _flags(stops["placed"])
    lo, s_max = _days(stops, "start_min", n), _days(stops, "start_max", n)
    e_min, hi = _days(stops, "end_min", n), _days(stops, "end_max", n)
    s_max, e_min, hi = _fill(s_max, lo), _fill(e_min, s_max), _fill(hi, e_min)
    ok &= lo >= 0
    hi = np.maximum(hi, lo)
    people = _texts(stops[PERSON])
    ok &= np.array([bool(p) for p in people], dtype=bool).reshape(-1)
    keep = np.flatnonzero(ok)
    pairs = _overlapping_near(keep, lo, hi, lat, lon, people, max_km)
    if not pairs:
        return empty
    a_idx = np.array([i for i, _ in pairs], dtype=np.int64)
    b_idx = np.array([j for _, j in pairs], dtype=np.int64)
    km = geodesy.distances_km(lat[a_idx], lon[a_idx], lat[b_idx], lon[b_idx])
    close = km <= max_km
    found: list[dict[str, Any]] = []
    a_idx, b_idx, km = a_idx[close], b_idx[close], km[close]
    involved = sorted(set(a_idx.tolist()) | set(b_idx.tolist()))
    sub = stops.iloc[involved]  # the few stops that meet someone: read their cells one by one
    uncertain = dict(zip(involved, _column(sub, "uncertain", flag), strict=True))
    region = dict(zip(involved, _column(sub, "area", lambda v: bool(text(v))), strict=True))
    ids = dict(zip(involved, _column(sub, "id", text), strict=True))
    places = dict(zip(involved, _column(sub, "place", text), strict=True))
    seqs = dict(zip(involved, _column(sub, "seq", int) if "seq" in sub.columns else involved,
                    strict=True))
    mid_lats, mid_lons = _midpoints(lat[a_idx], lon[a_idx], lat[b_idx], lon[b_idx])
    for i, j, d, mid_lat, mid_lon in zip(a_idx.tolist(), b_idx.tolist(), km.tolist(), mid_lats,
                                         mid_lons, strict=True):
        if people[i] > people[j]:
            i, j = j, i
        start, end = max(lo[i], lo[j]), min(hi[i], hi[j])
        sure_start, sure_end = max(s_max[i], s_max[j]), min(e_min[i], e_min[j])
        met = (sure_start <= sure_end and not (uncertain[i] or uncertain[j])
               and not (region[i] or region[j]))
        if met:
            start, end = sure_start, sure_end
        found.append({
            "person_a": people[i], "person_b": people[j], "stop_a": ids[i], "stop_b": ids[j],
            "seq_a": seqs[i], "seq_b": seqs[j], "place": places[i],
            "lat": mid_lat, "lon": mid_lon, "distance_km": float(d),
            "start": _iso(int(start)), "end": _iso(int(end)),
            "status": MET if met else MAY_HAVE_MET,
        })
    found.sort(key=lambda e: (e["start"], e["person_a"], e["person_b"], e["seq_a"], e["seq_b"]))
    taken: set[str] = set()
    for e in found:
        e["id"] = _first_free(encounter_slug(e["person_a"], e["person_b"], e["place"],
                                             e["start"]), taken)
    return pd.DataFrame(found, columns=list(ENCOUNTER_COLUMNS))


def encounter_slug(person_a: str, person_b: str, place: str, start: str) -> str:
    """``lenin-trotsky-london-1902``: the two persons in alphabetical order, the place, the
    year the overlap begins; the same in every build whatever order the tables were given."""
    from ..stages.load import slug

    a, b = sorted((person_a, person_b))
    return "-".join(p for p in (a, b, slug(place)[:60] or "place", start[:4]) if p)


def _overlapping_near(order: np.ndarray, lo: np.ndarray, hi: np.ndarray, lat: np.ndarray,
                      lon: np.ndarray, people: list[str], max_km: float
                      ) -> list[tuple[int, int]]:
    """Pairs of stops of different persons whose day spans [lo, hi] share a day and whose
    points are within about ``max_km`` (a margin over it: the caller decides by the geodesic).

    The sweep: stays by earliest start; a heap of the open ones by latest end; the open ones
    also in a grid of cells 2.5 times the search radius wide (in unit-vector space), so a
    point's neighbours lie in its own cell or the one it is nearer to on each axis (8 cells).
    """
    if not len(order):
        return []
    angle = max_km * 1.01 / EARTH_RADIUS_KM + 1e-9  # the sphere is within 0.5 % of WGS-84
    chord = 2 * math.sin(angle / 2)
    near = math.cos(angle)
    size = 2.5 * chord
    vecs = geodesy.units(lat[order], lon[order])
    scaled = vecs / size
    floor = np.floor(scaled)
    base = floor.astype(np.int64) + _CELLS // 2  # cell numbers, all positive
    sides = np.where(scaled - floor < 0.5, -1, 1)
    # each point's own cell and the seven neighbours towards its nearer sides, as one integer
    corners = np.array([(a, b, c) for a in (0, 1) for b in (0, 1) for c in (0, 1)])
    xyz = base[:, None, :] + corners[None, :, :] * sides[:, None, :]
    keys = ((xyz[..., 0] * _CELLS + xyz[..., 1]) * _CELLS + xyz[..., 2]).tolist()
    vec_list = vecs.tolist()
    starts, ends = lo[order].tolist(), hi[order].tolist()
    sweep = sorted(range(len(order)), key=starts.__getitem__)
    grid: dict[int, set[int]] = {}
    open_ends: list[tuple[int, int]] = []
    pairs: list[tuple[int, int]] = []
    positions = order.tolist()
    owner = [people[p] for p in positions]
    for k in sweep:
        begin = starts[k]
        while open_ends and open_ends[0][0] < begin:
            _, gone = heapq.heappop(open_ends)
            grid[keys[gone][0]].discard(gone)
        ux, uy, uz = vec_list[k]
        who = owner[k]
        for key in keys[k]:
            for m in grid.get(key, ()):
                if owner[m] == who:
                    continue
                vx, vy, vz = vec_list[m]
                if ux * vx + uy * vy + uz * vz >= near:
                    pairs.append((positions[m], positions[k]))
        grid.setdefault(keys[k][0], set()).add(k)
        heapq.heappush(open_ends, (ends[k], k))
    return pairs


def _days(frame: pd.DataFrame, name: str, n: int) -> np.ndarray:
    """Proleptic Gregorian day numbers of an ISO date column; -1 where absent or unreadable."""
    if name not in frame.columns:
        return np.full(n, -1, dtype=np.int64)
    values = _texts(frame[name])
    plain = [v[:10] if len(v) >= 10 else "NaT" for v in values]
    try:
        days = np.array(plain, dtype="datetime64[D]")
    except ValueError:
        days = np.array([_day_or_nat(v) for v in plain], dtype="datetime64[D]")
    out = days.astype(np.int64) + _EPOCH_ORDINAL
    out[np.isnat(days)] = -1
    return out


def _day_or_nat(value: str) -> str:
    try:
        np.datetime64(value, "D")
    except ValueError:
        return "NaT"
    return value


def _fill(values: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    return np.where(values >= 0, values, fallback)


def _column(frame: pd.DataFrame, name: str, convert: Any) -> list[Any]:
    if name not in frame.columns:
        return [convert(None)] * len(frame)
    return [convert(v) for v in frame[name].tolist()]


def _texts(column: pd.Series) -> list[str]:
    return [text(v) for v in column.tolist()]


def _flags(column: pd.Series) -> np.ndarray:
    if pd.api.types.is_bool_dtype(column.dtype):
        return column.to_numpy(dtype=bool)
    return np.array([flag(v) for v in column.tolist()], dtype=bool).reshape(-1)


def _midpoints(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
               ) -> tuple[list[float], list[float]]:
    """The points halfway along the great circles (the same point when both ends are equal),
    at 5 decimals; never across the antimeridian the long way."""
    u = geodesy.units(lat1, lon1) + geodesy.units(lat2, lon2)
    lat = np.degrees(np.arctan2(u[:, 2], np.hypot(u[:, 0], u[:, 1])))
    lon = np.degrees(np.arctan2(u[:, 1], u[:, 0]))
    same = (lat1 == lat2) & (lon1 == lon2)
    lat, lon = np.where(same, lat1, lat), np.where(same, lon1, lon)
    return (np.round(lat, 5) + 0.0).tolist(), (np.round(lon, 5) + 0.0).tolist()


def _iso(day: int) -> str:
    from datetime import date

    return date.fromordinal(day).isoformat()


def _first_free(base: str, taken: set[str]) -> str:
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name)
    return name
