"""The pipeline, one stage per module: load -> dates -> resolve -> order -> moves.

``build_trip`` is the single core shared by every command and by the notebook API.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError, Problem, ResolveError
from .stages.inputs import is_default, resolve_inputs

__all__ = ["Trip", "build_trip", "default_output_name", "default_title", "is_default",
           "load_periods", "resolve_inputs"]
from .model import PERIOD_COLUMNS

DEFAULT_TITLE = "Leon Trotsky: a life in places, 1879–1940"


@dataclass
class Trip:
    """An itinerary ready to draw or export: ordered stops, the moves between them, periods."""

    stops: pd.DataFrame
    moves: pd.DataFrame
    periods: pd.DataFrame
    title: str
    source: Path
    unresolved: pd.DataFrame = field(default_factory=pd.DataFrame)


def default_output_name(path: Path) -> str:
    return "trotsky.html" if is_default(path) else f"{path.stem}.html"


def default_title(path: Path) -> str:
    return DEFAULT_TITLE if is_default(path) else path.stem.replace("_", " ").strip()


def load_periods(path: Path | None) -> pd.DataFrame:
    from .stages import dates
    from .stages import load as loader

    if path is None:
        return pd.DataFrame(columns=[*PERIOD_COLUMNS, "start_min", "end_max"])
    periods = loader.read_periods(path)
    starts = [dates.parse_date(s).earliest.isoformat() for s in periods["start"]]
    ends = [dates.parse_date(e or s).latest.isoformat() for s, e in
            zip(periods["start"], periods["end"], strict=True)]
    return periods.assign(start_min=starts, end_max=ends)


def build_trip(
    path: str | Path | None = None,
    *,
    periods: str | Path | None = None,
    columns: dict[str, str] | None = None,
    online: bool | str = False,
    period_ids: tuple[str, ...] = (),
    date_from: str | None = None,
    date_to: str | None = None,
    strict: bool = False,
    title: str | None = None,
    quiet: bool = False,
    with_paths: bool = True,
) -> Trip:
    """Load, date, resolve, order and join the stops of one table into a ``Trip``.

    ``with_paths=False`` leaves the moves without their ``path`` column, for the map page, which
    draws its own arcs (computing them is the costliest step at 100,000 stops).

    Cyclic garbage collection is paused meanwhile: the stages build hundreds of thousands of
    small objects that live until the end, and each collection pass would walk them all
    again (a third of the time at 100,000 stops).
    """
    from .gcpause import paused_gc

    with paused_gc():
        return _build_trip(path, periods=periods, columns=columns, online=online,
                           period_ids=period_ids, date_from=date_from, date_to=date_to,
                           strict=strict, title=title, quiet=quiet, with_paths=with_paths)


def _build_trip(
    path: str | Path | None, *, periods: str | Path | None, columns: dict[str, str] | None,
    online: bool | str, period_ids: tuple[str, ...], date_from: str | None,
    date_to: str | None, strict: bool, title: str | None, quiet: bool, with_paths: bool,
) -> Trip:
    from . import resolve
    from .moves import derive as moves
    from .stages import dates, order
    from .stages import load as loader

    table_path, periods_path = resolve_inputs(path, periods)
    period_table = load_periods(periods_path)
    stops = loader.read_table(table_path, columns=columns,
                            periods=period_table if periods_path else None)
    stops = dates.normalise(stops, file=str(table_path))
    stops = resolve.resolve_table(stops, online=online)
    unresolved = stops[~stops["placed"].astype(bool)]
    if len(unresolved):
        lines = [f"{table_path}, row {r.row}, column 'place': {r.place!r} could not be placed"
                 for r in unresolved.itertuples()]
        if strict:
            raise ResolveError("\n".join(lines))
        if not quiet:
            for line in lines:
                print(f"warning: {line}; kept in the list, left off the map", file=sys.stderr)
    stops = order.order_stops(stops)
    unknown = [p for p in period_ids if p not in set(period_table["id"])]
    if unknown:
        known = ", ".join(period_table["id"]) or "none (no periods file)"
        raise InputError([Problem(str(periods_path or table_path), f"unknown period {p!r}",
                                  expected=f"one of: {known}") for p in unknown])
    for label, value in (("--from", date_from), ("--to", date_to)):
        if value:
            try:
                dates.parse_date(value)
            except ValueError as exc:
                raise InputError([Problem(label, str(exc), value=value)]) from exc
    if period_ids or date_from or date_to:
        lo = dates.parse_date(date_from).earliest.isoformat() if date_from else None
        hi = dates.parse_date(date_to).latest.isoformat() if date_to else None
        stops = order.within(stops, periods=period_ids, date_from=lo, date_to=hi)
        if period_ids:
            period_table = period_table[period_table["id"].isin(period_ids)].reset_index(drop=True)
    trip_moves = moves.derive_moves(stops, paths=with_paths)
    return Trip(
        stops=stops,
        moves=trip_moves,
        periods=period_table,
        title=title or default_title(table_path),
        source=table_path,
        unresolved=unresolved,
    )
