"""``itinerary stats``: how many places, how far, how long in each country."""

from __future__ import annotations

import argparse

from ._common import add_input_arguments, add_selection_arguments, trip_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="count stops, places, countries, distances, years",
                       description="Summarise an itinerary: stops, places, countries, distance "
                                   "travelled in total and per period (geodesic), approximate "
                                   "years per country, the longest journey; for several "
                                   "tables, each life's and where they met.")
    add_input_arguments(p, several=True)
    add_selection_arguments(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a text table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from ..outputs.stats import format_text, summary

    trip = trip_from_args(args, quiet=args.json)
    data = summary(trip)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_text(data), end="")
    return 0
