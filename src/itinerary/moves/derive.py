"""Moves: the journeys between consecutive placed stops, each with its kind, distance and arc.

A map of a life reads as a story only if the lines between places say *how* the person moved:
a deportation is not a holiday. ``derive_moves`` joins the stops into journeys; the kind of each
comes from ``kinds.move_kind``, its distance and great-circle arc from ``geodesy``.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Final

import numpy as np
import pandas as pd

from ..model import MOVE_COLUMNS
from ..stages.cells import flag, text
from . import geodesy
from .geodesy import EARTH_RADIUS_KM
from .kinds import move_kind

SAME_PLACE_KM: Final = 1.0  # closer than this, two stops are the same place on a lesson map


def derive_moves(stops: pd.DataFrame, *, paths: bool = True) -> pd.DataFrame:
    """Join consecutive placed stops (in ``seq`` order) into moves with ``model.MOVE_COLUMNS``.

    Unplaced stops are skipped, so a journey runs from the last known place to the next one.
    Two consecutive stops at the same place (within ``SAME_PLACE_KM``) are one stay, not a move.
    A move spans from the origin's latest possible end (``end_max``, else ``start_max``) to the
    destination's earliest possible start (``start_min``) when that runs forward; where the
    dates are uncertain enough that it would run backwards (an origin ending "c. 1888" and a
    destination starting "c. 1888"), it spans the honest uncertain interval instead: from the
    origin's earliest possible end (``end_min``, else ``start_min``) to the destination's latest
    possible start (``start_max``), and it never arrives before it departs (``span``).

    Distances and arcs are computed for all moves at once (``geodesy.distances_km``, ``arcs``),
    and "returning" is a lookup in a grid of earlier places, so 100,000 stops take seconds, not
    minutes. With ``paths=False`` the ``path`` column is left out: the map page draws its own
    arcs from the two ends (outputs/static), and the arcs are the costliest column at that size.
    """
    ordered = stops.sort_values("seq", kind="stable") if "seq" in stops.columns else stops
    n = len(ordered)

    def column(name: str) -> list[str]:
        return [text(v) for v in ordered[name].tolist()] if name in ordered.columns else [""] * n

    lat_all = _floats(ordered, "lat", n)
    lon_all = _floats(ordered, "lon", n)
    ok = np.isfinite(lat_all) & np.isfinite(lon_all)
    if "placed" in ordered.columns:
        ok &= np.array([flag(f) for f in ordered["placed"].tolist()], dtype=bool).reshape(-1)
    placed = np.flatnonzero(ok)
    lats, lons = lat_all[placed], lon_all[placed]
    units = geodesy.units(lats, lons)
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
    ids, kinds, moved = column("id"), column("kind"), column("move")
    end_max, start_max, start_min = column("end_max"), column("start_max"), column("start_min")
    end_min = column("end_min")
    spans = [span(end_min[p] or start_min[p], end_max[p] or start_max[p],
                  start_min[q], start_max[q] or start_min[q]) for p, q in zip(o, d, strict=True)]
    a_lat, a_lon, b_lat, b_lon = lats[origin], lons[origin], lats[dest], lons[dest]
    table = {
        "from_seq": [seqs[p] for p in o],
        "to_seq": [seqs[p] for p in d],
        "from_id": [ids[p] for p in o],
        "to_id": [ids[p] for p in d],
        "depart": [a for a, _ in spans],
        "arrive": [b for _, b in spans],
        "kind": [moved[q] or move_kind(kinds[p], kinds[q], back)
                 for p, q, (_, _, back) in zip(o, d, legs, strict=True)],
        "distance_km": geodesy.distances_km(a_lat, a_lon, b_lat, b_lon),
    }
    if paths:
        table["path"] = geodesy.arcs(a_lat, a_lon, b_lat, b_lon)
    moves = pd.DataFrame(table, columns=[c for c in MOVE_COLUMNS if c in table])
    return moves.astype({"from_seq": "int64", "to_seq": "int64", "distance_km": "float64"})


def span(earliest_end: str, latest_end: str, earliest_start: str, latest_start: str
         ) -> tuple[str, str]:
    """(depart, arrive) of a move from a stay that ends between ``earliest_end`` and
    ``latest_end`` to one that starts between ``earliest_start`` and ``latest_start`` (ISO
    dates; "" unknown): the latest end to the earliest start when that is forward, else the
    earliest end to the latest start, in time order."""
    if not latest_end or not earliest_start or _day(latest_end) <= _day(earliest_start):
        return latest_end, earliest_start
    depart, arrive = earliest_end or latest_end, latest_start or earliest_start
    return (arrive, depart) if _day(arrive) < _day(depart) else (depart, arrive)


def _day(iso: str) -> tuple[int, Any]:
    """A sort key of an ISO date: its day number, or the text when it is not one."""
    try:
        return 0, date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return 1, iso


def _floats(frame: pd.DataFrame, name: str, n: int) -> np.ndarray:
    if name not in frame.columns:
        return np.full(n, np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


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
