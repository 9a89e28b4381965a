"""Plausibility review: what in an itinerary is possible but probably a mistake.

Loading rejects what is *impossible* (a date that does not exist, an end before its start).
This review flags what is merely *implausible*, for a person to check before a lesson: a
journey faster than the era allowed, two far-apart places at the same time, a stop nobody
cites, a silent gap of many years, a place the resolver only guessed. Each warning names the
spreadsheet row and column, like a loading error, but never stops the build.

Dates are judged with their uncertainty: only what is *certainly* true of a date range counts
against it (a stay in "1905" certainly covers no particular day), so imprecise dates never raise
false alarms.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import pandas as pd

from ..model import ROW
from ..moves.geodesy import distance_km
from .cells import missing as _missing
from .cells import placed as _placed
from .cells import text as _text

#: A stop or a move, as a dict of its columns.
Record: TypeAlias = Mapping[str, Any]

SPEED_LIMITS = ((1919, 1_000.0), (9999, 15_000.0))  # km/day: before air travel, then after
FAR_KM = 100.0             # two places farther apart than this cannot be one stay
OVERLAP_DAYS = 3           # certain overlaps shorter than this are travel days, not a conflict
GAP_YEARS = 5              # a life with no stop for longer than this probably lost some rows
OVERRIDE_KM = 50.0         # an override this far from the gazetteer's place deserves a look
KINDS = ("speed", "overlap", "source", "gap", "fuzzy", "override")


@dataclass(frozen=True, slots=True)
class PlausibilityWarning:
    """One thing to check. ``row`` is the spreadsheet row (None: the whole table)."""

    kind: str          # one of KINDS
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "table"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


def review(stops: pd.DataFrame, moves: pd.DataFrame) -> list[PlausibilityWarning]:
    """Every plausibility warning for an ordered, resolved itinerary and its moves.

    ``stops`` has the columns of ``model`` after resolving and ordering (``row``, ``seq``,
    ``start_min`` ... ``end_max``, ``lat``, ``lon``, ``match``, ``geo_source``); ``moves`` has
    ``model.MOVE_COLUMNS`` (``from_seq``, ``to_seq`` and ``distance_km`` are enough). Missing
    optional columns simply switch the matching check off. Warnings come sorted by row, then
    kind, so the output is stable.
    """
    records = _records(stops)
    journeys = _records(moves)
    has_source = any("source" in r for r in records)
    found = [
        *fast_moves(records, journeys),
        *overlapping_stays(records),
        *missing_sources(records, has_source),
        *long_gaps(records),
        *doubtful_places(records),
    ]
    return sorted(found, key=lambda w: (w.row if w.row is not None else 0, KINDS.index(w.kind),
                                        w.column or "", w.message))


def _records(table: pd.DataFrame) -> list[Record]:
    return [{str(k): v for k, v in row.items()} for row in table.to_dict("records")]


# --- the checks -------------------------------------------------------------------------------

def speed_limit(year: int) -> float:
    """Fastest plausible travel in km per day in a given year."""
    return next(limit for until, limit in SPEED_LIMITS if year < until)


def fast_moves(records: Sequence[Record], moves: Sequence[Record]
               ) -> Iterator[PlausibilityWarning]:
    """Moves faster than the era allows, given the most time the dates leave for them.

    The most time is from the earliest possible departure (the origin's ``end_min``) to the
    latest possible arrival (the destination's ``start_max``); a same-day move counts as a day.
    Moves from or to a region (a stop with an ``area``) are not judged: the region's point is
    only representative, so Paris to "Spain" is not 1,074 km.
    """
    by_seq = {int(r["seq"]): r for r in records if "seq" in r and not _missing(r["seq"])}
    for move in moves:
        origin, dest = by_seq.get(int(move["from_seq"])), by_seq.get(int(move["to_seq"]))
        if origin is None or dest is None or _is_region(origin) or _is_region(dest):
            continue  # a region's point is arbitrary: the true distance is to its border
        leave, arrive = _day(origin.get("end_min")), _day(dest.get("start_max"))
        km = move["distance_km"]
        if leave is None or arrive is None or _missing(km):
            continue
        days = max((arrive - leave).days, 1)
        speed = float(km) / days
        limit = speed_limit(leave.year)
        if speed > limit:
            yield PlausibilityWarning(
                "speed",
                f"{_name(origin)} to {_name(dest)} is {float(km):,.0f} km in at most "
                f"{days} day{'s' if days != 1 else ''} ({speed:,.0f} km/day; more than "
                f"{limit:,.0f} km/day is implausible in {leave.year}); check the dates",
                _row(dest), "start")


def overlapping_stays(records: Sequence[Record]) -> Iterator[PlausibilityWarning]:
    """Two places more than ``FAR_KM`` apart whose *certain* date ranges overlap by more
    than ``OVERLAP_DAYS`` days (certain range: latest start .. earliest end)."""
    spans = []
    for r in records:
        first, last = _day(r.get("start_max")), _day(r.get("end_min"))
        if first is None or last is None or last < first or not _placed(r):
            continue
        spans.append((first, last, r))
    spans.sort(key=lambda s: (s[0], _row(s[2]) or 0))
    active: list[tuple[dt.date, dt.date, Record]] = []
    for first, last, r in spans:
        active = [a for a in active if (a[1] - first).days + 1 > OVERLAP_DAYS]
        for _, a_last, other in active:
            overlap = (min(a_last, last) - first).days + 1
            if overlap > OVERLAP_DAYS and (km := _km(other, r)) > FAR_KM:
                yield PlausibilityWarning(
                    "overlap",
                    f"{_name(r)} and {_name(other)} (row {_row(other)}) are {km:,.0f} km apart "
                    f"but both certainly last {overlap} days in common, from {first.isoformat()}; "
                    "one date range is wrong, or a trip needs the longer stay split around it",
                    _row(r), "start")
        active.append((first, last, r))


def missing_sources(records: Sequence[Record], has_column: bool = True
                    ) -> Iterator[PlausibilityWarning]:
    """Stops that cite nothing; a table without any citation gets one warning, not one per row.
    ``has_column``: whether the table has a ``source`` column at all."""
    if not has_column or len(records) == 0:
        yield PlausibilityWarning("source", "no stop cites a source (add a 'source' column)")
        return
    empty = [r for r in records if not _text(r.get("source"))]
    if len(empty) == len(records):
        yield PlausibilityWarning("source", "no stop cites a source")
        return
    for r in empty:
        yield PlausibilityWarning("source", f"{_name(r)} cites no source", _row(r), "source")


def long_gaps(records: Sequence[Record]) -> Iterator[PlausibilityWarning]:
    """Years with no stop at all: from the latest possible end of everything so far to the
    earliest possible start of the next stop, more than ``GAP_YEARS`` years."""
    dated = [(d, r) for r in records if (d := _day(r.get("start_min"))) is not None]
    dated.sort(key=lambda item: (item[0], _row(item[1]) or 0))
    covered: dt.date | None = None
    for start, r in dated:
        if covered is not None and (start - covered).days > GAP_YEARS * 365.25:
            years = (start - covered).days / 365.25
            yield PlausibilityWarning(
                "gap", f"no stop for {years:.1f} years before {_name(r)} "
                f"(from {covered.isoformat()}); is a period missing?", _row(r), "start")
        end = _day(r.get("end_max")) or start
        covered = end if covered is None else max(covered, end)


def doubtful_places(records: Sequence[Record]) -> Iterator[PlausibilityWarning]:
    """Places matched only fuzzily, and coordinates given in the table far from the
    gazetteer's place of that name (either one may be the mistake)."""
    for r in records:
        if _text(r.get("match")) == "fuzzy":
            yield PlausibilityWarning(
                "fuzzy", f"{_text(r.get('place'))!r} was matched only approximately, to "
                f"{_text(r.get('resolved_name')) or 'a similar name'}; check the spelling",
                _row(r), "place")
        far = _override_distance(r)
        if far is not None and far > OVERRIDE_KM:
            yield PlausibilityWarning(
                "override", f"the lat/lon given for {_text(r.get('place'))!r} is {far:,.0f} km "
                "from the gazetteer's place of that name; check the coordinates or the name",
                _row(r), "lat")


def _override_distance(r: Record) -> float | None:
    """Distance between the table's own coordinates and the gazetteer's answer, if both exist."""
    own: tuple[Any, Any] = (r.get("lat_override"), r.get("lon_override"))
    from_gazetteer = _text(r.get("geo_source")) != "override"
    if not any(_missing(v) for v in own) and _placed(r) and from_gazetteer:
        return _km_points((float(own[0]), float(own[1])), (float(r["lat"]), float(r["lon"])))
    if _text(r.get("geo_source")) == "override" and _placed(r):
        gazetteer = [a for a in _alternatives(r)
                     if a.get("source") in ("gazetteer", "geonames") and "lat" in a]
        if gazetteer:
            return min(_km_points((float(r["lat"]), float(r["lon"])),
                                  (float(a["lat"]), float(a["lon"]))) for a in gazetteer)
    return None


# --- helpers -----------------------------------------------------------------------------------

def _day(value: Any) -> dt.date | None:
    text = _text(value)
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _row(r: Record) -> int | None:
    value: Any = r.get(ROW)
    return None if _missing(value) else int(value)


def _name(r: Record) -> str:
    return _text(r.get("place")) or _text(r.get("id")) or "a stop"


def _is_region(r: Record) -> bool:
    return bool(_text(r.get("area")))


def _alternatives(r: Record) -> list[dict[str, Any]]:
    raw = r.get("alternatives")
    if isinstance(raw, list):
        return [a for a in raw if isinstance(a, dict)]
    try:
        data = json.loads(_text(raw) or "[]")
    except ValueError:
        return []
    return [a for a in data if isinstance(a, dict)] if isinstance(data, list) else []


def _km(a: Record, b: Record) -> float:
    return _km_points((float(a["lat"]), float(a["lon"])), (float(b["lat"]), float(b["lon"])))


def _km_points(a: tuple[float, float], b: tuple[float, float]) -> float:
    return distance_km(a, b)
