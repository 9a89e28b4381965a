"""``itinerary check``: validate a table (and its periods) and say what is in it.

Teachers run this first: every problem in the table comes out at once, one line each, naming
file, row and column, so the table can be fixed in a single pass. It is the build pipeline
(``pipeline.build_trip``) without rendering, followed by the plausibility review.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import TYPE_CHECKING

from ._common import add_input_arguments

if TYPE_CHECKING:  # the command line imports the pipeline (and pandas) only when it runs
    from ..pipeline import Trip


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="validate a table and summarise it",
                       description="Validate an itinerary table (and its periods file); print a "
                                   "summary, or every problem found, one per line.")
    add_input_arguments(p, several=True)
    # SUPPRESS: do not overwrite a top-level ``itinerary --debug check`` with False.
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show a traceback on errors")
    p.add_argument("--strict", action="store_true",
                   help="unplaced stops and plausibility warnings are errors (exit 1)")
    p.set_defaults(func=run)


def summary(trip: Trip) -> list[str]:
    """The lines printed on success: what the table holds and how many of its stops are placed."""
    from ..model import DATE_COLUMNS, INPUT_COLUMNS, PERSON, RESOLVED_COLUMNS, ROW
    from ..stages.dates import extent_label

    stops = trip.stops
    placed = stops[stops["placed"].astype(bool)]
    overrides = int((stops["lat_override"].notna() & stops["lon_override"].notna()).sum())
    julian = int((stops["calendar"] == "julian").sum())
    sources = Counter(placed["geo_source"])
    lines = [
        f"ok: {', '.join(map(str, trip.sources or (trip.source,)))}",
        f"  stops:       {len(stops)}",
        f"  periods:     {len(trip.periods)} (from {trip.periods_file})" if trip.periods_file
        else "  periods:     none (no periods file given)",
        f"  dates:       {extent_label(stops)}"
        f" ({julian} Old Style, {int(stops['uncertain'].sum())} approximate or uncertain)",
        f"  coordinates: {overrides} stop{' gives' if overrides == 1 else 's give'} lat/lon "
        "overrides",
    ]
    if len(trip.persons) > 1:
        counts = Counter(stops[PERSON])
        lines.insert(2, "  lives:       " + ", ".join(
            f"{name} ({counts[pid]} stops)" for pid, name in zip(trip.persons["id"],
                                                              trip.persons["name"], strict=True)))
    ours = {ROW, "seq", "lat_override", "lon_override", PERSON, *INPUT_COLUMNS, *DATE_COLUMNS,
            *RESOLVED_COLUMNS}
    extra = [str(c) for c in stops.columns if c not in ours and not str(c).startswith("_")]
    if extra:
        lines.append(f"  kept:        your own column{'s' if len(extra) > 1 else ''} "
                     + ", ".join(extra))
    lines.append(f"  places:      {len(placed)} of {len(stops)} stops placed ("
                 + ", ".join(f"{sources[src]} {src}" for src in sorted(sources)) + ")")
    return lines


def warnings(trip: Trip) -> list[str]:
    """Unplaced stops, then the plausibility review of each life, one line each."""
    from ..pipeline import unplaced_lines
    from ..stages.persons import of_person
    from ..stages.review import review

    table = str(trip.source)
    lines = unplaced_lines(table, trip.stops[~trip.stops["placed"].astype(bool)])
    people = list(trip.persons["id"]) if len(trip.persons) > 1 else [None]
    for person in people:
        stops, moves, _ = (trip.stops, trip.moves, None) if person is None \
            else of_person(trip.stops, trip.moves, trip.periods, person)
        lines += [f"{table}, {w}" for w in review(stops, moves)]
    return lines


def run(args: argparse.Namespace) -> int:
    from ..pipeline import build_trip

    trip = build_trip(args.file or None, periods=args.periods, names=tuple(args.names),
                      columns=args.columns, online=args.online, quiet=True, with_paths=False)
    print("\n".join(summary(trip)))
    found = warnings(trip)
    if not found:
        print("  review:      no plausibility warnings")
        return 0
    label = "error" if args.strict else "warning"
    for line in found:
        print(f"{label}: {line}", file=sys.stderr)
    return 1 if args.strict else 0
