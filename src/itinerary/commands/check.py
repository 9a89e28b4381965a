"""``itinerary check``: validate a table (and its periods) and say what is in it.

Teachers run this first: every problem in the table comes out at once, one line each, naming
file, row and column, so the table can be fixed in a single pass.

It runs often, so it answers at once: a CSV is loaded, dated, resolved, ordered and reviewed
on plain rows (``loader.read_rows`` ... ``plausibility.review``), never importing pandas,
numpy, edtf, shapely or geopy. The build pipeline runs the same stages on DataFrames.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from ._common import add_input_arguments

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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
    from ..stages.dates import format_date, parse_date

    return format_date(parse_date(iso))


def summary(stops: Any, periods: Any, table: str, periods_file: str | None) -> list[str]:
    """The lines printed on success (``stops`` and ``periods`` are ``loader.Rows``; periods
    may be None)."""
    from ..model import INPUT_COLUMNS, ROW
    from ..stages.dates import date_columns

    columns = stops.columns
    dated, _ = date_columns(columns[ROW], columns["start"], columns["end"],
                            columns["calendar"], table)
    overrides = sum(1 for la, lo in zip(columns["lat_override"], columns["lon_override"],
                                        strict=True) if la == la and lo == lo)  # not NaN
    julian = columns["calendar"].count("julian")
    vague = sum(dated["uncertain"])
    lines = [
        f"ok: {table}",
        f"  stops:       {len(stops)}",
        f"  periods:     {len(periods or ())} (from {periods_file})" if periods_file
        else "  periods:     none (no periods file given)",
        f"  dates:       {_day(min(dated['start_min']))} – {_day(max(dated['end_max']))}"
        f" ({julian} Old Style, {vague} approximate or uncertain)",
        f"  coordinates: {overrides} stop{' gives' if overrides == 1 else 's give'} lat/lon "
        "overrides",
    ]
    ours = {ROW, "lat_override", "lon_override", *INPUT_COLUMNS}
    extra = [str(c) for c in columns if c not in ours]
    if extra:
        lines.append(f"  kept:        your own column{'s' if len(extra) > 1 else ''} "
                     + ", ".join(extra))
    return lines


def resolved_records(stops: Any, table: str = "<table>", online: bool | str = False
                     ) -> list[dict[str, Any]]:
    """The pipeline's stops table (dated, resolved, ordered) as plain records, from
    ``loader.Rows``: what ``order_stops(resolve_table(normalise(read_table(...))))`` gives,
    row for row and column for column, without pandas (the alternatives stay a list)."""
    from ..model import ROW
    from ..resolve import resolve_rows
    from ..stages.dates import date_columns
    from ..stages.order import order_records

    columns = stops.columns
    dated, _ = date_columns(columns[ROW], columns["start"], columns["end"],
                            columns["calendar"], table)
    records = [{**r, **d} for r, d in zip(stops.records(), _rows_of(dated), strict=True)]
    overrides = [(la, lo) if la == la and lo == lo else None  # NaN is not equal to itself
                 for la, lo in zip(columns["lat_override"], columns["lon_override"],
                                   strict=True)]
    found = resolve_rows(columns["place"], columns["country"], dated["start_min"], overrides,
                         online=online)
    for record, res in zip(records, found, strict=True):
        record.update(_resolved(res))
    return order_records(records)


def review(stops: Any, table: str, online: bool | str) -> tuple[list[str], list[str]]:
    """Resolve, order and review (``stops`` are ``loader.Rows``): the summary lines, and the
    warnings (one line each).

    Offline unless ``--online`` was given, like every command.
    """
    from ..model import ROW
    from ..moves.kinds import journeys
    from ..stages.review import review as plausibility_review

    resolved = resolved_records(stops, table, online)
    placed = [r for r in resolved if r["placed"]]
    sources = Counter(r["geo_source"] for r in placed)
    lines = [f"  places:      {len(placed)} of {len(resolved)} stops placed ("
             + ", ".join(f"{sources[src]} {src}" for src in sorted(sources)) + ")"]
    warnings = [f"{table}, row {r[ROW]}, column 'place': {r['place']!r} could not be placed"
                for r in sorted(resolved, key=lambda r: r[ROW]) if not r["placed"]]
    warnings += [f"{table}, {w}" for w in plausibility_review(resolved, journeys(resolved))]
    return lines, warnings


def _rows_of(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(),
                                                                    strict=True)]


def _resolved(res: Any) -> dict[str, Any]:
    """model.RESOLVED_COLUMNS of one row, as ``resolve_table`` writes them (the alternatives
    stay a list: the review reads either)."""
    nan = float("nan")
    return {
        "resolved_name": res.name or "", "resolved_country": res.country or "",
        "lat": res.lat if res.lat is not None else nan,
        "lon": res.lon if res.lon is not None else nan,
        "geo_source": res.source or "", "confidence": float(res.confidence),
        "match": res.match, "alternatives": res.alternatives, "area": res.area_geojson,
        "placed": bool(res.placed),
    }


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError, Problem
    from ..stages.inputs import resolve_inputs
    from ..stages.load import read_period_rows, read_rows

    table, periods_path = resolve_inputs(args.file, args.periods)
    problems: list[Problem] = []
    periods = None
    if periods_path is not None:
        try:
            periods = read_period_rows(periods_path)
        except InputError as exc:
            problems += exc.problems
    try:
        stops = read_rows(table, columns=args.columns,
                          periods=periods.columns["id"] if periods is not None else None)
    except InputError as exc:
        raise InputError(problems + exc.problems) from exc
    if problems:
        raise InputError(problems)
    lines = summary(stops, periods, str(table), str(periods_path) if periods_path else None)
    more, warnings = review(stops, str(table), args.online)
    print("\n".join(lines + more))
    if not warnings:
        print("  review:      no plausibility warnings")
        return 0
    label = "error" if args.strict else "warning"
    for line in warnings:
        print(f"{label}: {line}", file=sys.stderr)
    return 1 if args.strict else 0
