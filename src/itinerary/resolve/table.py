"""resolve_table: the pipeline stage that places every stop of a table.

Two passes. The first resolves each distinct (name, country hint, year) on its own. The second
takes the names that came out ambiguous (or approximate and unconfirmed) and re-ranks them by
distance to the neighbouring
stops that did resolve — the previous and next stop in file order and in date order — so
"Amherst" right after "Halifax" is Amherst, Nova Scotia and not the larger Amherst, New York.
Then, if asked, an online geocoder tries what is still unplaced; finally the row's own
coordinates fill in where nothing else could (see ``resolver.apply_override``). Rows with the
same question share one Resolution object: treat answers as read-only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..gcpause import paused_gc
from ..stages.cells import text
from .base import Resolution
from .historical import has_dated_names
from .rank import alternative, far_village, label
from .resolver import Resolver, apply_override, default_resolver, year_of

if TYPE_CHECKING:
    import pandas as pd

PROGRESS_MIN = 50      # a progress bar for more distinct names than this (or online)
NEIGHBOUR_REACH = 3    # look this many stops either way for a placed neighbour
CONTEXT_ROUNDS = 3     # a name placed by context can in turn place its neighbour




def _override_columns(df: pd.DataFrame) -> tuple[str, str] | None:
    if "lat_override" in df.columns and "lon_override" in df.columns:
        return "lat_override", "lon_override"
    if "lat" in df.columns and "lon" in df.columns:  # a raw table not passed through load
        return "lat", "lon"
    return None


def _bar_disabled(progress: bool | None, wanted: bool) -> bool | None:
    """tqdm's ``disable``: forced on/off, or (None) shown only on a terminal when wanted."""
    if progress is not None:
        return not progress
    return None if wanted else True


def _bar(items: Sequence, desc: str, disable: bool | None, unit: str = "name") -> Any:
    """``items`` behind a tqdm progress bar, importing tqdm only when a bar may show."""
    if disable is True or (disable is None and not sys.stderr.isatty()):
        return items  # what tqdm would do, without importing it
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=unit, leave=False, disable=disable)


def _year_free(r: Resolver, name: str) -> bool:
    """The answer for ``name`` is the same at any date: the year enters only through names
    with years of use in the gazetteer, and through the fuzzy search, which is tried only
    when the name has no candidate at all."""
    return (not has_dated_names(r.gazetteer, name)) and r.knows(name)


def _neighbours(order: list[int], pos: int, placed: dict[int, tuple[float, float]]
                ) -> list[tuple[float, float]]:
    """The nearest placed stop before and after position ``pos`` of ``order``."""
    out = []
    for step in (-1, 1):
        for k in range(1, NEIGHBOUR_REACH + 1):
            j = pos + step * k
            if 0 <= j < len(order) and order[j] in placed:
                out.append(placed[order[j]])
                break
    return out


class _Around:
    """The placed stops around each row: its nearest placed neighbours in file order and in
    date order (``near``). ``areas``: whether a region's point counts as a placed stop."""

    def __init__(self, results: list[Resolution], dates: list[str],
                 overrides: list[tuple[float, float] | None], *, areas: bool) -> None:
        n = len(results)
        self.date_order = sorted(range(n), key=lambda i: (dates[i] or "9999", i))
        self.date_pos = dict(zip(self.date_order, range(n), strict=True))
        self.file_order = list(range(n))
        self.placed: dict[int, tuple[float, float]] = {
            i: o for i, o in enumerate(overrides) if o}
        self.placed.update({i: (res.lat, res.lon) for i, res in enumerate(results)
                            if res.lat is not None and res.lon is not None
                            and (areas or not res.area_geojson)})

    def near(self, i: int) -> tuple[tuple[float, float], ...]:
        # the stop before in file order is often the one before in date order too: each
        # point once (the nearest one counts, so duplicates change nothing)
        return tuple(dict.fromkeys(
            _neighbours(self.file_order, i, self.placed)
            + _neighbours(self.date_order, self.date_pos[i], self.placed)))


@paused_gc()  # the answers and the new columns are 100,000s of objects, none in a cycle
def resolve_table(df: pd.DataFrame, *, online: bool | str = False,
                  progress: bool | None = None, resolver: Resolver | None = None
                  ) -> pd.DataFrame:
    """Return ``df`` with model.RESOLVED_COLUMNS added (input rows and order unchanged)."""
    from ..stages.cells import number  # (imports pandas: not for a process that only resolves)

    n = len(df)

    def cells(name: str) -> list:  # _resolve_rows tidies them (None, NaN, spaces)
        return df[name].tolist() if name in df.columns else [""] * n

    places, hints = cells("place"), cells("country")
    dates = cells("start_min" if "start_min" in df.columns else "start")
    cols = _override_columns(df)
    overrides: list[tuple[float, float] | None] = [None] * n
    if cols:
        for i, (la, lo) in enumerate(zip(cells(cols[0]), cells(cols[1]), strict=True)):
            if la.__class__ is float and la != la:  # NaN: no override (the usual case)
                continue
            lat, lon = number(la), number(lo)
            overrides[i] = (lat, lon) if lat is not None and lon is not None else None
    results = _resolve_rows(places, hints, dates, overrides, online=online,
                            progress=progress, resolver=resolver)
    return _with_columns(df, results)


def _resolve_rows(places: list[str], hints: list[str], dates: list[str],
                  overrides: list[tuple[float, float] | None], *, online: bool | str = False,
                  progress: bool | None = None, resolver: Resolver | None = None
                  ) -> list[Resolution]:
    """One Resolution per row, in row order: ``resolve_table``'s core, on the cells' lists.

    ``places``/``hints`` are the cell texts (hints: ISO country codes or ""), ``dates`` the
    rows' earliest ISO dates (start_min) or "", ``overrides`` the rows' own (lat, lon) or None.
    """
    r = resolver or default_resolver()
    n = len(places)
    if not (len(hints) == len(dates) == len(overrides) == n):
        raise ValueError("places, hints, dates and overrides must have one entry per row")
    places = [text(p) for p in places]
    hints = [text(h).upper() for h in hints]
    dates = [text(d) for d in dates]
    year_cache: dict[str, int | None] = {}
    years = [year_cache[d] if d in year_cache else year_cache.setdefault(d, year_of(d))
             for d in dates]

    # pass 1: every distinct name on its own (a row's own coordinates count as its context)
    if n:
        r.prefetch(places)
    wanted = (progress is None and sys.stderr.isatty()
              and len(set(zip(places, hints, years, overrides, strict=True))) > PROGRESS_MIN)
    found: dict[tuple, Resolution] = {}
    any_year: dict[tuple, Resolution] = {}  # (name, hint) -> answer, when the year can't matter
    results: list[Resolution] = []
    for i in _bar(range(n), "resolving places", _bar_disabled(progress, wanted), unit="stop"):
        name, hint, year, own = places[i], hints[i] or None, years[i], overrides[i]
        if own is None and (res := any_year.get((name, hint))) is not None:
            results.append(res)
            continue
        k = (name, hint, year, own)
        if (res := found.get(k)) is None:
            res = found[k] = r.resolve(name, country=hint, date=str(year) if year else None,
                                       near=[own] if own else None)
            if own is None and _year_free(r, name):
                any_year[(name, hint)] = res
        results.append(res)
    _with_context(r, results, places, hints, years, dates, overrides)
    _far_villages(r, results, places, hints, years, dates, overrides)

    # pass 3: online, for what is still unplaced (one question per distinct name)
    if online:
        keys = [(places[i], hints[i] or None, years[i], overrides[i]) for i in range(n)]
        todo = list(dict.fromkeys(keys[i] for i, res in enumerate(results) if not res.placed))
        asked: dict[tuple, Resolution] = {}
        service = online if isinstance(online, str) else "nominatim"
        for k in _bar(todo, f"asking {service}", _bar_disabled(progress, True)):
            asked[k] = r.resolve(k[0], country=k[1], date=str(k[2]) if k[2] else None,
                                 online=online)
        results = [asked.get(keys[i], res) if not res.placed else res
                   for i, res in enumerate(results)]

    # the row's own coordinates, where nothing found the place confidently
    return [res if (o := overrides[i]) is None else apply_override(res, o)
            for i, res in enumerate(results)]


def _with_context(r: Resolver, results: list[Resolution], places: list[str],
                  hints: list[str], years: list[int | None], dates: list[str],
                  overrides: list[tuple[float, float] | None]) -> None:
    """Pass 2, in place: ambiguous names re-ranked by their placed neighbours.

    A round sees the rows placed before it began. A row whose neighbours are the same as in
    the round before would get the same (still ambiguous) answer, so it is not asked again;
    rows with the same name, hint, year and neighbours share one answer.
    """
    todo = [i for i, res in enumerate(results) if res.ambiguous or res.unconfirmed]
    if not todo:
        return
    around = _Around(results, dates, overrides, areas=True)
    asked: dict[int, tuple] = {}          # row -> the neighbours it was last re-ranked with
    answers: dict[tuple, Resolution] = {}
    for _ in range(CONTEXT_ROUNDS):
        now_placed: list[int] = []
        for i in todo:
            context = around.near(i)
            if not context:
                continue
            if asked.get(i) == context:
                continue
            asked[i] = context
            k = (places[i], hints[i], years[i], context)
            again = answers.get(k)
            if again is None:
                again = answers[k] = r.resolve(places[i], country=hints[i] or None,
                                               date=str(years[i]) if years[i] else None,
                                               near=list(context))
            if again.placed:
                results[i] = again
                now_placed.append(i)
        if not now_placed:
            break
        for i in now_placed:
            around.placed[i] = (results[i].lat, results[i].lon)  # type: ignore[assignment]
        todo = [i for i in todo if not results[i].placed]


def _far_villages(r: Resolver, results: list[Resolution], places: list[str],
                  hints: list[str], years: list[int | None], dates: list[str],
                  overrides: list[tuple[float, float] | None]) -> None:
    """Pass 2b, in place: a name's only answer that is a village far from every placed stop
    around it (``rank.far_village``) is taken off the map and suggested instead, unless the
    row's country hint confirms it. Rows keep their own answers (answers are shared)."""
    around = _Around(results, dates, overrides, areas=False)
    for i, res in enumerate(results):
        if res.lat is None or res.lon is None or overrides[i] or hints[i] \
                or res.match not in NAMED_MATCHES or res.area_geojson or res.alternatives:
            continue
        near = list(around.near(i))
        found = [c for c in r.candidates(places[i], years[i])
                 if (round(c.lat, 5), round(c.lon, 5)) == (round(res.lat, 5), round(res.lon, 5))]
        km = far_village(found[0], near) if found else None
        if km is None:
            continue
        results[i] = Resolution(
            query=res.query, alternatives=[alternative(found[0])],
            suggestions=[label(found[0])],
            error=f"{res.query!r} is known here only as {label(found[0])}, a village "
                  f"{km:,.0f} km from the stops around it")


NAMED_MATCHES = ("exact", "normalised", "alternate")  # not a misspelling, override, online


_COLUMNS = ("resolved_name", "resolved_country", "lat", "lon", "geo_source", "confidence",
            "match", "alternatives", "area", "placed", "renamed")


def _with_columns(df: pd.DataFrame, results: list[Resolution]) -> pd.DataFrame:
    """``df`` plus the resolution columns. Rows share answers, so each answer's cells
    (its alternatives as JSON above all) are made once and the columns are cut from them."""
    nan = float("nan")
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    made: dict[int, tuple] = {}
    cells = []
    for res in results:
        row = made.get(id(res))
        if row is None:
            row = made[id(res)] = (
                res.name or "", res.country or "",
                res.lat if res.lat is not None else nan, res.lon if res.lon is not None else nan,
                res.source or "", float(res.confidence), res.match, encode(res.alternatives),
                res.area_geojson, bool(res.placed), bool(res.renamed))
        cells.append(row)
    columns = list(zip(*cells, strict=True)) if cells else [()] * len(_COLUMNS)
    out = df.copy()
    for name, values in zip(_COLUMNS, columns, strict=True):
        out[name] = list(values)
    return out
