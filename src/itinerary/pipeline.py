"""The pipeline, one stage per folder: load -> dates -> resolve -> order -> moves.

``build_trip`` is the one orchestrator: every command (``check`` is it without rendering) and
the notebook API go through it; outputs and the review read the ``Trip`` it returns.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import resolve
from .errors import InputError, Problem, ResolveError
from .gcpause import paused_gc
from .model import PERIOD_COLUMNS
from .moves.derive import derive_moves
from .stages import dates, load, order
from .stages.inputs import is_default, resolve_inputs

__all__ = ["Trip", "build_trip", "default_output_name", "default_title", "is_default",
           "load_inputs", "load_periods", "resolve_inputs"]

DEFAULT_TITLE = "Leon Trotsky: a life in places, 1879–1940"


@dataclass
class Trip:
    """An itinerary ready to draw or export: ordered stops, the moves between them, periods."""

    stops: pd.DataFrame
    moves: pd.DataFrame
    periods: pd.DataFrame
    title: str
    source: Path
    periods_file: Path | None = None
    unresolved: pd.DataFrame = field(default_factory=pd.DataFrame)


def default_output_name(path: Path) -> str:
    return "trotsky.html" if is_default(path) else f"{path.stem}.html"


def default_title(path: Path) -> str:
    return DEFAULT_TITLE if is_default(path) else path.stem.replace("_", " ").strip()


def load_periods(path: Path | None) -> pd.DataFrame:
    """The periods table with each period's earliest and latest day (empty without a file)."""
    if path is None:
        return pd.DataFrame(columns=[*PERIOD_COLUMNS, "start_min", "end_max"])
    periods = load.read_periods(path)
    starts = [dates.parse_date(s).earliest.isoformat() for s in periods["start"]]
    ends = [dates.parse_date(e or s).latest.isoformat() for s, e in
            zip(periods["start"], periods["end"], strict=True)]
    return periods.assign(start_min=starts, end_max=ends)


def load_inputs(path: str | Path | None, periods: str | Path | None,
                columns: dict[str, str] | None) -> tuple[pd.DataFrame, pd.DataFrame, Path,
                                                         Path | None]:
    """Stage 1: the validated stops and periods tables, and the files they came from.

    Every problem of both files is reported at once, so that a teacher fixes both in one pass.
    """
    table_path, periods_path = resolve_inputs(path, periods)
    problems: list[Problem] = []
    period_table = load_periods(None)
    if periods_path is not None:
        try:
            period_table = load_periods(periods_path)
        except InputError as exc:
            problems += exc.problems
    known = period_table if periods_path is not None and not problems else None
    try:
        stops = load.read_table(table_path, columns=columns, periods=known)
    except InputError as exc:
        raise InputError(problems + exc.problems) from exc
    if problems:
        raise InputError(problems)
    return stops, period_table, table_path, periods_path


@paused_gc()
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
    """Load, date, resolve, order and join the stops of one table into a ``Trip``: the one
    pipeline behind ``build``, ``check``, ``export``, ``stats`` and the notebook API.

    ``quiet`` leaves the unplaced stops to the caller (``check`` reports them its own way);
    ``with_paths=False`` leaves the moves without their ``path`` column, for the map page,
    which draws its own arcs (computing them is the costliest step at 100,000 stops).

    Cyclic garbage collection is paused meanwhile: the stages build hundreds of thousands of
    small objects that live until the end, and each collection pass would walk them all
    again (a third of the time at 100,000 stops).
    """
    stops, period_table, table_path, periods_path = load_inputs(path, periods, columns)
    stops = dates.normalise(stops, file=str(table_path))
    stops = resolve.resolve_table(stops, online=online)
    unresolved = stops[~stops["placed"].astype(bool)]
    if len(unresolved):
        lines = unplaced_lines(table_path, unresolved)
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
            chosen = period_table["id"].isin(period_ids)
            period_table = period_table[chosen].reset_index(drop=True)
    trip_moves = derive_moves(stops, paths=with_paths)
    return Trip(
        stops=stops,
        moves=trip_moves,
        periods=period_table,
        title=title or default_title(table_path),
        source=table_path,
        periods_file=periods_path,
        unresolved=unresolved,
    )


def unplaced_lines(table: Path | str, unplaced: pd.DataFrame) -> list[str]:
    """How stops that could not be placed are reported, by every command: in row order."""
    return [f"{table}, row {row}, column 'place': {place!r} could not be placed"
            for row, place in sorted(zip(unplaced["row"], unplaced["place"], strict=True))]
