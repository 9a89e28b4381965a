"""``itinerary build``: the map page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._common import add_input_arguments, add_selection_arguments, trip_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the animated map page",
                       description="Build the animated map (default: output/trotsky.html).")
    add_input_arguments(p)
    add_selection_arguments(p)
    p.add_argument("-o", "--output", metavar="OUT.html",
                   help="where to write the page (-: standard output, self-contained)")
    p.add_argument("--title", help="page title")
    p.add_argument("--self-contained", action="store_true",
                   help="inline every script, style and the land outline into one file")
    p.add_argument("--embed", action="store_true", help="compact mode for iframes (no list)")
    p.add_argument("--no-tiles", action="store_true", help="draw only the offline land outline")
    p.add_argument("--strict", action="store_true", help="an unplaced stop is an error")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..outputs.atomic import is_stream
    from ..outputs.page import render_page
    from ..outputs.write import write_page
    from ..pipeline import default_output_name, resolve_inputs

    trip = trip_from_args(args, title=args.title, with_paths=False)  # the page draws its arcs
    table, _ = resolve_inputs(args.file, args.periods)
    out = Path(args.output) if args.output else Path("output") / default_output_name(table)
    # A page sent to standard output, a pipe or a device has no folder for its files: one file.
    streamed = args.output is not None and is_stream(args.output)
    page = render_page(trip.stops, trip.moves, trip.periods, title=trip.title,
                       self_contained=args.self_contained or streamed, embed=args.embed,
                       tiles=None if args.no_tiles else "CartoDB.Positron")
    write_page(out, page)
    placed = int(trip.stops["placed"].sum())
    print(f"wrote {out} ({len(trip.stops)} stops, {placed} on the map, {len(trip.moves)} moves)",
          file=sys.stderr)
    return 0
