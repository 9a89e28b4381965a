"""Arguments shared by the commands that read an itinerary table."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def add_input_arguments(parser: argparse.ArgumentParser, *, several: bool = False) -> None:
    """The table (or, with ``several``, the tables of several lives) and how to read it."""
    if several:
        parser.add_argument("file", nargs="*", help="itinerary table (.csv or .xlsx), or "
                            "several: one life each, on one map; default: the bundled Trotsky "
                            "itinerary")
        parser.add_argument("--periods", metavar="FILE", action="append",
                            help="periods table (id,title,start,end,color); with several "
                            "tables one per table, in order (- for none; a table without one "
                            "uses <name>.periods.csv beside it when there is one)")
        parser.add_argument("--name", dest="names", metavar="NAME", action="append",
                            default=[], help="the name of each table's life, in order "
                            "(default: from the file name, lenin.csv is Lenin)")
    else:
        parser.add_argument("file", nargs="?", help="itinerary table (.csv or .xlsx); "
                            "default: the bundled Trotsky itinerary")
        parser.add_argument("--periods", metavar="FILE",
                            help="periods table (id,title,start,end,color)")
    parser.add_argument("--columns", metavar="MAP", type=parse_columns,
                        help="map your column names, e.g. place=Ort,start=Datum")
    parser.add_argument("--online", nargs="?", const="nominatim", default=False, metavar="SERVICE",
                        help="also ask an online geocoder (default service: nominatim)")


def language(code: str) -> str:
    """``--lang``: a language with a catalogue (``itinerary.i18n``), else argparse's one-line
    error naming the choices."""
    from ..i18n import check_lang

    try:
        return check_lang(code)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    """``--lang CODE``: the language of the page's words, dates and numbers (the command's own
    messages stay English)."""
    parser.add_argument("--lang", type=language, default="en", metavar="CODE",
                        help="language of the map page: en (default), de, fr, es, ru, uk, or "
                             "any other with a catalogue in itinerary/i18n/locales/")


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", action="append", default=[], metavar="ID",
                        help="only this period (repeatable)")
    parser.add_argument("--from", dest="date_from", metavar="DATE",
                        help="only stops from this date")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="only stops up to this date")


def parse_columns(text: str) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        ours, sep, theirs = part.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise argparse.ArgumentTypeError(f"expected ours=theirs pairs, got {part!r}")
        key = ours.strip().lower()
        if key in mapping and mapping[key] != theirs.strip():
            raise argparse.ArgumentTypeError(
                f"{key} is mapped twice ({mapping[key]!r} and {theirs.strip()!r}); give each "
                "field one column")
        mapping[key] = theirs.strip()
    return mapping


def trip_from_args(args: argparse.Namespace, **extra: object):  # -> pipeline.Trip
    from ..pipeline import build_trip

    return safe_trip(build_trip(
        args.file or None,
        periods=args.periods,
        names=tuple(getattr(args, "names", ()) or ()),
        columns=args.columns,
        online=args.online,
        period_ids=tuple(getattr(args, "period", ()) or ()),
        date_from=getattr(args, "date_from", None),
        date_to=getattr(args, "date_to", None),
        strict=getattr(args, "strict", False),
        **extra,  # type: ignore[arg-type]
    ))


def safe_trip(trip):  # -> pipeline.Trip (the same, its text writable)
    """The trip with the text taken from file names and options (its title, the names of its
    lives, the file its tables name) made writable as UTF-8: a file named b"caf\xe9.csv" or a
    --title of such bytes gives "caf\ufffd", not an internal error where the text is written."""
    from ..paths import safe_text

    # A table from standard input has no name to take a title from.
    trip.title = "Itinerary" if trip.title == "-" and str(trip.source) == "-" else \
        safe_text(trip.title)
    if "name" in trip.persons.columns:
        trip.persons["name"] = [safe_text(n) if isinstance(n, str) else n
                                for n in trip.persons["name"]]
    for frame in (trip.stops, trip.moves, trip.unresolved):
        if isinstance(frame.attrs.get("file"), str):
            frame.attrs["file"] = safe_text(frame.attrs["file"])
    return trip


def check_period_ids(trip, ids: Sequence[str]) -> None:  # trip: pipeline.Trip
    """Refuse a period id the trip does not have, by the same check (and message) as
    ``build_trip(period_ids=...)``: for the commands that choose a period after the trip is
    built (``snapshot`` opens the page on it, ``embed`` links to it)."""
    from ..pipeline import _select

    if ids:
        where = str(trip.periods_file or trip.source)
        _select(trip.stops.iloc[:0], trip.periods, where, tuple(ids), None, None)


def add_force_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="write -o even over an input of this run (the table or its "
                             "periods file)")


def input_paths(args: argparse.Namespace) -> list[tuple[str, str]]:
    """Every file this run reads, as (what, path): the table(s) (the bundled one when none is
    given), the periods files (given, the bundled one, or <name>.periods.csv beside a table),
    the biography of ``extract``."""
    from pathlib import Path

    from ..paths import default_periods, default_places

    files = getattr(args, "file", None)
    tables = [files] if isinstance(files, str) else list(files or [])
    if hasattr(args, "file") and not tables:
        tables = [str(default_places())]
    periods = getattr(args, "periods", None)
    given = [periods] if isinstance(periods, str) else list(periods or [])
    found = [("table", t) for t in tables]
    found += [("periods file", p) for p in given if p not in ("", "-")]
    if hasattr(args, "periods") and not given:
        found.append(("periods file", str(default_periods())))
        found += [("periods file", str(Path(t).with_name(Path(t).stem + ".periods.csv")))
                  for t in tables if t != "-"]
    if getattr(args, "text", None):
        found.append(("text", args.text))
    return found


def refuse_overwriting_inputs(args: argparse.Namespace, output: str | None = None) -> None:
    """Refuse -o naming a file this run reads (``export curie.csv -o curie.csv`` would replace
    the teacher's table with the export), unless ``--force``: compared as the same file on
    disk (a link, another spelling of the path) or, when it does not exist, as resolved paths."""
    import os

    from ..errors import InputError, Problem

    out = getattr(args, "output", None) if output is None else output
    if not out or out == "-" or getattr(args, "force", False):
        return
    for what, path in input_paths(args):
        if path == "-":
            continue
        try:
            same = (os.path.samefile(out, path) if os.path.exists(out) and os.path.exists(path)
                    else os.path.realpath(out) == os.path.realpath(path))
        except (OSError, RuntimeError):
            continue
        if same:
            raise InputError([Problem(
                "-o", f"{out} is the {what} this run reads ({path}); writing it would replace "
                "the input", expected="another output file, or --force to replace it")])
