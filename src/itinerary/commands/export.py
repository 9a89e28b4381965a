"""``itinerary export``: the itinerary as GeoJSON, KML, CSV or GPX for other tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._common import (
    add_force_argument,
    add_input_arguments,
    add_selection_arguments,
    refuse_overwriting_inputs,
    trip_from_args,
)

FORMATS = ("geojson", "kml", "csv", "gpx")  # mirrors itinerary.outputs.exports.FORMATS (kept light)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="export stops and moves as GeoJSON, KML, CSV or GPX",
        description="Export the resolved itinerary for GIS tools, Google Earth, spreadsheets "
                    "or GPS apps. Writes to standard output unless -o is given.")
    add_input_arguments(p, several=True)
    add_selection_arguments(p)
    p.add_argument("-f", "--format", choices=FORMATS,
                   help="output format (default: from the -o file name)")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="file to write (default, or -: standard output)")
    p.add_argument("--title", help="document name in KML and GPX")
    p.add_argument("--strict", action="store_true", help="an unplaced stop is an error")
    add_force_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError, Problem
    from ..outputs.exports import format_for, placed_count, write_export

    out = Path(args.output) if args.output not in (None, "-") else None  # "-": stdout
    fmt = args.format or (format_for(out) if out else None)
    if fmt is None:
        where = str(out) if out else "--format"
        raise InputError([Problem(where, "cannot tell which format to write",
                                  expected="--format " + "|".join(FORMATS))])
    refuse_overwriting_inputs(args)
    trip = trip_from_args(args)
    write_export(fmt, trip.stops, trip.moves, trip.periods, out, title=args.title or trip.title)
    total = len(trip.stops)
    left = total - placed_count(trip.stops) if fmt in ("kml", "gpx") else 0
    if out is not None:
        stops = f"{total - left} of {total} stops" if left else f"{total} stops"
        print(f"wrote {out} ({stops}, {len(trip.moves)} moves, {fmt})", file=sys.stderr)
    if left:  # GeoJSON and CSV keep them (no geometry, no coordinates); KML and GPX cannot
        print(f"  {left} {'stop' if left == 1 else 'stops'} left out because not placed on the "
              "map (see the warnings above: fix the spelling, add a country, or give lat/lon)",
              file=sys.stderr)
    return 0
