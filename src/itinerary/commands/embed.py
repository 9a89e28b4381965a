"""``itinerary embed``: a ready-to-paste iframe snippet for a lesson page."""

from __future__ import annotations

import argparse
import html
from urllib.parse import quote

from ._common import add_input_arguments, add_lang_argument, check_period_ids, safe_trip


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("embed", help="print an iframe snippet (HTML and Markdown)",
                       description="Print a ready iframe snippet for the whole life, a period or a "
                       "stop. Ids are checked against the itinerary.")
    add_input_arguments(p, several=True)
    p.add_argument("--person", metavar="ID", help="open on this life (a map of several: "
                   "adds #person=ID)")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--period", metavar="ID", help="open on this period")
    target.add_argument("--stop", metavar="ID", help="open on this stop")
    p.add_argument("--url", default="trotsky.html",
                   help="where the page `itinerary build` wrote is published: it is one file, "
                        "upload it as it is (with its itinerary_files/ folder beside it if it "
                        "was built with --shared-assets) (default: %(default)s)")
    p.add_argument("--width", default="100%", help="iframe width (default: %(default)s)")
    p.add_argument("--height", default="480", help="iframe height in px (default: %(default)s)")
    p.add_argument("--full", action="store_true",
                   help="keep the stop list (no compact #embed mode)")
    p.add_argument("--format", choices=("html", "markdown", "both"), default="both")
    add_lang_argument(p)
    p.set_defaults(func=run)


def snippet(url: str, *, period: str | None = None, stop: str | None = None, title: str,
            width: str = "100%", height: str = "480", compact: bool = True,
            person: str | None = None, lang: str = "en") -> dict[str, str]:
    """The iframe, and Markdown: the same raw HTML plus a plain link for renderers that strip it.
    ``lang``: the language of the link's words and the frame's ``lang`` (the page built with
    the same ``--lang``)."""
    from ..i18n import message

    parts = []
    if person:
        parts.append(f"person={quote(person, safe='')}")
    if period:
        parts.append(f"period={quote(period, safe='')}")
    if stop:
        parts.append(f"stop={quote(stop, safe='')}")
    if compact:
        parts.append("embed")
    src = url + ("#" + "&".join(parts) if parts else "")
    frame = (f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" '
             f'lang="{html.escape(lang)}" '
             f'width="{html.escape(width)}" height="{html.escape(height)}" '
             'style="border:0" loading="lazy" allow="fullscreen"></iframe>')
    link_text = message(lang, "embed.open_link",
                        title=title.replace("[", "(").replace("]", ")"))
    markdown = f"{frame}\n\n[{link_text}]({src.replace(')', '%29')})"
    return {"html": frame, "markdown": markdown}


def checked_url(url: str) -> str:
    """``url`` when it is an http(s) address or a relative one (``maps/trotsky.html``); a
    ``javascript:``, ``data:`` or other scheme in a lesson's iframe would run or show anything,
    and a space or control character is where browsers hide a scheme ("java\tscript:")."""
    from urllib.parse import urlsplit

    from ..errors import InputError, Problem

    bad = next((c for c in url if ord(c) <= 0x20 or 0x7F <= ord(c) <= 0x9F), None)
    scheme = "" if bad else urlsplit(url).scheme.lower()
    if bad is not None or scheme not in ("", "http", "https") or not url:
        why = (f"has the character {bad!r} (write a space as %20)" if bad is not None
               else "is empty" if not url else f"is a {scheme}: address")
        raise InputError([Problem("--url", f"the page's address {why}", value=url,
                                  expected="an http:// or https:// address, or a path relative "
                                           "to the lesson page such as maps/trotsky.html")])
    return url


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError, Problem
    from ..outputs.records import period_record, records
    from ..pipeline import build_trip

    checked_url(args.url)  # before any work
    trip = safe_trip(build_trip(args.file or None, periods=args.periods, names=tuple(args.names),
                                columns=args.columns, quiet=True, with_paths=False))

    title = trip.title
    if args.person:
        match = trip.persons[trip.persons["id"] == args.person]
        if match.empty:
            known = ", ".join(trip.persons["id"]) or "none"
            raise InputError([Problem("--person", f"unknown person {args.person!r}",
                                      expected=f"one of: {known}")])
        title = f"{title}: {match.iloc[0]['name']}"
    if args.period:
        check_period_ids(trip, [args.period])  # the same check as build's and export's
        match = trip.periods[trip.periods["id"] == args.period]
        title = f"{trip.title}: {period_record(records(match)[0], args.lang)['title']}"
    if args.stop:
        match = trip.stops[trip.stops["id"] == args.stop]
        if match.empty:
            raise InputError([Problem("--stop", f"unknown stop {args.stop!r}",
                                      expected="an id from the itinerary's id column")])
        title = f"{trip.title}: {match.iloc[0]['place']}"
    parts = snippet(args.url, period=args.period, stop=args.stop, title=title,
                    width=args.width, height=args.height, compact=not args.full,
                    person=args.person, lang=args.lang)
    if args.format in ("html", "both"):
        print(parts["html"])
    if args.format == "both":
        print()
    if args.format in ("markdown", "both"):
        print(parts["markdown"])
    return 0
