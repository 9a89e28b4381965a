"""``itinerary extract``: a draft itinerary table from a plain-text biography."""

from __future__ import annotations

import argparse
import sys

from ._common import add_force_argument


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}")
    return value


DESCRIPTION = ("Find the places of a plain-text biography and the dates stated with them; write a "
               "draft table for a person to review (one row per place and date, with the line "
               "it came from, a short evidence phrase and a confidence).")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="draft an itinerary table from a biography text",
                       description=DESCRIPTION)
    p.add_argument("text", metavar="TEXT.txt", help="the biography, plain text (UTF-8)")
    p.add_argument("-o", "--output", metavar="DRAFT.csv", required=True,
                   help="where to write the draft table (-: standard output)")
    p.add_argument("--min-confidence", type=_confidence, default=0.6, metavar="X",
                   help="leave out rows less sure than this (0..1, default 0.6; 0 keeps all)")
    p.add_argument("--explain", action="store_true",
                   help="also list on stderr every name looked up and why it was kept or left")
    add_force_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..extract import extract, read_text, to_csv
    from ..outputs.atomic import write_text
    from ._common import refuse_overwriting_inputs

    refuse_overwriting_inputs(args)
    path = Path(args.text)
    text = read_text(path)  # bounded: a regular file of at most 5 MB, in UTF-8
    explained: list[dict[str, object]] = []
    rows = extract(text, source=path.name, min_confidence=args.min_confidence,
                   explain=explained if args.explain else None)
    write_text(args.output, to_csv(rows))
    if args.explain:
        for item in explained:
            print(f"{path.name}:{item['line']}: {item['name']}: {item['verdict']}",
                  file=sys.stderr)
    places = len({(r["place"], r["country"]) for r in rows})
    print(f"wrote {args.output} ({len(rows)} rows, {places} places; review before use)",
          file=sys.stderr)
    return 0 if rows else 1
