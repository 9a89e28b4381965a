"""``itinerary check``: validate a table (and its periods) and say what is in it.

Teachers run this first: every problem in the table comes out at once, one line each, naming
file, row and column, so the table can be fixed in a single pass.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import add_input_arguments


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="validate a table and summarise it",
                       description="Validate an itinerary table (and its periods file); print a "
                                   "summary, or every problem found, one per line.")
    add_input_arguments(p)
    # SUPPRESS: do not overwrite a top-level ``itinerary --debug check`` with False.
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show a traceback on errors")
    p.add_argument("--strict", action="store_true",
                   help="unplaced stops and plausibility warnings are errors (exit 1)")
    p.set_defaults(func=run)


def _day(iso: str) -> str:
    from ..dates import format_date, parse_date

    return format_date(parse_date(iso))


def summary(stops: Any, periods: Any, table: str, periods_file: str | None) -> list[str]:
    """The lines printed on success (stops and periods are DataFrames)."""
    from ..dates import normalise
    from ..model import INPUT_COLUMNS, ROW

    dated = normalise(stops, file=table)
    overrides = int((stops["lat_override"].notna() & stops["lon_override"].notna()).sum())
    julian = int((stops["calendar"] == "julian").sum())
    vague = int(dated["uncertain"].sum())
    lines = [
        f"ok: {table}",
        f"  stops:       {len(stops)}",
        f"  periods:     {len(periods)} (from {periods_file})" if periods_file
        else "  periods:     none (no periods file given)",
        f"  dates:       {_day(min(dated['start_min']))} – {_day(max(dated['end_max']))}"
        f" ({julian} Old Style, {vague} approximate or uncertain)",
        f"  coordinates: {overrides} stop{' gives' if overrides == 1 else 's give'} lat/lon "
        "overrides",
    ]
    ours = {ROW, "lat_override", "lon_override", *INPUT_COLUMNS}
    extra = [str(c) for c in stops.columns if c not in ours]
    if extra:
        lines.append(f"  kept:        your own column{'s' if len(extra) > 1 else ''} "
                     + ", ".join(extra))
    return lines


def review(stops: Any, table: str, online: bool | str) -> tuple[list[str], list[str]]:
    """Resolve, order and review: the summary lines, and the warnings (one line each).

    Offline unless ``--online`` was given, like every command.
    """
    from ..dates import normalise
    from ..moves import derive_moves
    from ..order import order_stops
    from ..plausibility import review as plausibility_review
    from ..resolve import resolve_table

    resolved = order_stops(resolve_table(normalise(stops, file=table), online=online))
    placed = resolved["placed"].astype(bool)
    sources = resolved.loc[placed, "geo_source"].value_counts().sort_index()
    lines = [f"  places:      {int(placed.sum())} of {len(resolved)} stops placed ("
             + ", ".join(f"{n} {src}" for src, n in sources.items()) + ")"]
    warnings = [f"{table}, row {r.row}, column 'place': {r.place!r} could not be placed"
                for r in resolved[~placed].sort_values("row").itertuples()]
    warnings += [f"{table}, {w}" for w in plausibility_review(resolved, derive_moves(resolved))]
    return lines, warnings


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError, Problem
    from ..loader import read_periods, read_table
    from ..pipeline import resolve_inputs

    table, periods_path = resolve_inputs(args.file, args.periods)
    problems: list[Problem] = []
    periods = None
    if periods_path is not None:
        try:
            periods = read_periods(periods_path)
        except InputError as exc:
            problems += exc.problems
    try:
        stops = read_table(table, columns=args.columns, periods=periods)
    except InputError as exc:
        raise InputError(problems + exc.problems) from exc
    if problems:
        raise InputError(problems)
    lines = summary(stops, periods if periods is not None else [], str(table),
                    str(periods_path) if periods_path else None)
    more, warnings = review(stops, str(table), args.online)
    print("\n".join(lines + more))
    if not warnings:
        print("  review:      no plausibility warnings")
        return 0
    label = "error" if args.strict else "warning"
    for line in warnings:
        print(f"{label}: {line}", file=sys.stderr)
    return 1 if args.strict else 0
