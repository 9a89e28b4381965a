"""The pipeline, one stage per folder: load -> dates -> resolve -> order -> moves.

``build_trip`` is the one orchestrator: every command (``check`` is it without rendering) and
the notebook API go through it; outputs and the review read the ``Trip`` it returns.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import resolve
from .errors import InputError, Problem, ResolveError
from .gcpause import paused_gc
from .model import PERIOD_COLUMNS
from .moves.derive import derive_moves
from .moves.encounters import find_encounters
from .resolve.suggest import next_steps
from .stages import cells, dates, load, order, persons
from .stages.inputs import is_default, resolve_inputs

__all__ = ["Trip", "build_trip", "default_output_name", "default_title", "is_default",
           "load_inputs", "load_periods", "resolve_inputs", "trip_output_name"]

DEFAULT_TITLE = "Leon Trotsky, 1879–1940"  # no words: the same in every language


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
    #: the lives (``model.PERSON_COLUMNS``): one row for one life, whose stops have no
    #: ``person`` column; several when several tables (or a ``person`` column) were read
    persons: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: where two lives met or may have met (``model.ENCOUNTER_COLUMNS``); empty for one life
    encounters: pd.DataFrame = field(default_factory=pd.DataFrame)
    sources: tuple[Path, ...] = ()  # every table read, in the order given


def default_output_name(path: Path) -> str:
    return "trotsky.html" if is_default(path) else f"{path.stem}.html"


def trip_output_name(trip: Trip) -> str:
    """The page's default file name: ``trotsky.html``, ``lenin.html``; for several lives their
    ids joined, ``trotsky-lenin.html``."""
    if len(trip.persons) > 1:
        return "-".join(str(i) for i in trip.persons["id"]) + ".html"
    return default_output_name(trip.source)


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
    path: str | Path | Sequence[str | Path] | None = None,
    *,
    periods: str | Path | Sequence[str | Path | None] | None = None,
    names: Sequence[str] = (),
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

    Several lives (``stages/persons.py``): ``path`` a list of tables, ``periods`` one file per
    table in order, ``names`` one per table; or one table with a ``person`` column. Each life
    is loaded, dated and resolved as one table is; the trip then has ``persons`` and
    ``encounters`` (``moves/encounters.py``), and its stops and moves a ``person`` column.
    """
    lives = persons.lives_of(path, periods, names)
    options: dict[str, Any] = dict(columns=columns, online=online, period_ids=period_ids,
                                   date_from=date_from, date_to=date_to, strict=strict,
                                   title=title, quiet=quiet, with_paths=with_paths)
    if len(lives) > 1:
        return _build_lives(lives, **options)
    stops, period_table, table_path, periods_path = load_inputs(lives[0].table,
                                                                lives[0].periods, columns)
    if persons.person_column(stops) is not None:
        return _build_lives(lives, **options,
                            first=(stops, period_table, table_path, periods_path))
    stops = dates.normalise(stops, file=str(table_path))
    stops = resolve.resolve_table(stops, online=online)
    unresolved = stops[~stops["placed"].astype(bool)]
    _report(unplaced_lines(table_path, unresolved), approximate_lines(table_path, stops),
            strict=strict, quiet=quiet)
    stops = order.order_stops(stops)
    stops, period_table = _select(stops, period_table, str(periods_path or table_path),
                                  period_ids, date_from, date_to)
    trip_moves = derive_moves(stops, paths=with_paths)
    name = names[0].strip() if names and names[0].strip() else None
    return Trip(
        stops=stops,
        moves=trip_moves,
        periods=period_table,
        title=title or name or default_title(table_path),
        source=table_path,
        periods_file=periods_path,
        unresolved=unresolved,
        persons=persons.single_person(table_path, name),
        encounters=find_encounters(stops),
        sources=(table_path,),
    )


def _select(stops: pd.DataFrame, period_table: pd.DataFrame, where: str,
            period_ids: tuple[str, ...], date_from: str | None, date_to: str | None
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The chosen periods (``--period``) and date window (``--from``, ``--to``) of ordered
    stops, and the chosen periods' rows; unknown periods and unreadable dates are problems."""
    unknown = [p for p in period_ids if p not in set(period_table["id"])]
    if unknown:
        known = ", ".join(period_table["id"]) or "none (no periods file)"
        raise InputError([Problem(where, f"unknown period {p!r}",
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
    return stops, period_table


def _build_lives(lives: list[persons.Life], *, columns: dict[str, str] | None,
                 online: bool | str, period_ids: tuple[str, ...], date_from: str | None,
                 date_to: str | None, strict: bool, title: str | None, quiet: bool,
                 with_paths: bool,
                 first: tuple[pd.DataFrame, pd.DataFrame, Path, Path | None] | None = None
                 ) -> Trip:
    """``build_trip`` for several lives: each table loaded (every problem of every file at
    once), dated and resolved on its own, then joined, ordered and selected as one; moves within
    each life; the encounters between them. ``first``: the first table, already loaded."""
    problems: list[Problem] = []
    loaded = []
    for i, life in enumerate(lives):
        try:
            loaded.append(first if i == 0 and first is not None
                          else load_inputs(life.table, life.periods, columns))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    parts: list[tuple[str, pd.DataFrame, pd.DataFrame]] = []
    lines: list[str] = []
    approximate: list[str] = []
    for life, (stops, period_table, table_path, _) in zip(lives, loaded, strict=True):
        stops = dates.normalise(stops, file=str(table_path))
        stops = resolve.resolve_table(stops, online=online)
        lines += unplaced_lines(table_path, stops[~stops["placed"].astype(bool)])
        approximate += approximate_lines(table_path, stops)
        parts += [(name, own, period_table)
                  for name, own in persons.split_table(stops, life, str(table_path))]
    stops, period_table, people = persons.join_lives(parts)
    unresolved = stops[~stops["placed"].astype(bool)]
    _report(lines, approximate, strict=strict, quiet=quiet)
    stops = persons.order_lives(stops)
    where = ", ".join(str(p) for _, _, t, p in loaded if p) or str(loaded[0][2])
    stops, period_table = _select(stops, period_table, where, period_ids, date_from, date_to)
    return Trip(
        stops=stops,
        moves=persons.moves_by_person(stops, paths=with_paths),
        periods=period_table,
        title=title or persons.title_of(list(people["name"])),
        source=loaded[0][2],
        periods_file=loaded[0][3],
        unresolved=unresolved,
        persons=people,
        encounters=find_encounters(stops),
        sources=tuple(t for _, _, t, _ in loaded),
    )


def unplaced_lines(table: Path | str, unplaced: pd.DataFrame) -> list[str]:
    """How stops that could not be placed are reported, by every command: in row order, each
    with its suggestions (what each is) and the way out ("row 8, 'Brittany' could not be
    placed; did you mean Bretagne (region, FR) or Brest (city, FR)? fix the spelling, add a
    country, or give lat/lon"; a row with a country is not asked to add one), written by
    ``resolve.suggest.next_steps``, as every command's suggestions are."""
    n = len(unplaced)
    alts = unplaced["alternatives"].tolist() if "alternatives" in unplaced.columns else [""] * n
    hints = unplaced["country"].tolist() if "country" in unplaced.columns else [""] * n
    out = []
    for row, place, alt, hint in sorted(zip(unplaced["row"], unplaced["place"], alts, hints,
                                            strict=True), key=lambda t: t[:2]):
        out.append(f"{table}, row {row}, column 'place': {place!r} could not be placed; "
                   + next_steps(_alternatives(alt), bool(cells.text(hint))))
    return out


def _report(unplaced: list[str], approximate: list[str], *, strict: bool, quiet: bool) -> None:
    """Unplaced stops (an error with ``strict``) and kept approximate matches, one line each."""
    if unplaced and strict:
        raise ResolveError("\n".join(unplaced))
    if quiet:
        return
    for line in unplaced:
        print(f"warning: {line}; kept in the list, left off the map", file=sys.stderr)
    for line in approximate:
        print(f"warning: {line}", file=sys.stderr)


def approximate_lines(table: Path | str, stops: pd.DataFrame) -> list[str]:
    """Every stop placed by an approximate (fuzzy) match, in row order: one line each."""
    if "match" not in stops.columns:
        return []
    fuzzy = stops[stops["match"] == "fuzzy"]
    return [f"{table}, row {row}, column 'place': {place!r} matched approximately to {name} "
            f"({cc}); check the spelling"
            for row, place, name, cc in sorted(zip(fuzzy["row"], fuzzy["place"],
                                                   fuzzy["resolved_name"],
                                                   fuzzy["resolved_country"], strict=True))]


def _alternatives(cell: object) -> list[dict]:
    """A row's alternatives (the resolver's JSON list), or []."""
    import json

    try:
        alts = json.loads(str(cell)) if cell else []
    except (ValueError, TypeError):
        return []
    return [a for a in alts if isinstance(a, dict)] if isinstance(alts, list) else []
