"""``itinerary snapshot``: the map (or one period of it) as a PNG for slides and handouts."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ._common import (
    add_force_argument,
    add_input_arguments,
    add_lang_argument,
    add_selection_arguments,
    refuse_overwriting_inputs,
)

if TYPE_CHECKING:
    from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("snapshot", help="render the map to PNG with headless Chromium",
                       description="Render the map, or a period of it, to a PNG image.")
    add_input_arguments(p)
    add_selection_arguments(p)
    p.add_argument("-o", "--output", required=True, metavar="MAP.png")
    p.add_argument("--width", type=pixels, default=1280,
                   help=f"picture width in px, 1 to {MAX_PIXELS} (default: %(default)s)")
    p.add_argument("--height", type=pixels, default=800,
                   help=f"picture height in px, 1 to {MAX_PIXELS} (default: %(default)s)")
    p.add_argument("--tiles", action="store_true",
                   help="include the online tile layer (needs network)")
    add_lang_argument(p)
    add_force_argument(p)
    p.set_defaults(func=run)


#: The largest side of a snapshot (Chromium draws no wider page in one piece).
MAX_PIXELS = 10_000


def pixels(text: str) -> int:
    """A picture side: a whole number of pixels, 1 to MAX_PIXELS (argparse says which option)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of pixels, got {text!r}"
                                         ) from None
    if not 1 <= value <= MAX_PIXELS:
        raise argparse.ArgumentTypeError(f"expected 1 to {MAX_PIXELS} pixels, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    from ..outputs.chromium import HOW_TO_GET, chromium_path, playwright_available

    refuse_overwriting_inputs(args)
    executable = chromium_path()
    if executable is None or not playwright_available():
        print(f"error: {HOW_TO_GET}", file=sys.stderr)
        return 1
    import tempfile
    from pathlib import Path

    from ..outputs.page import render_page
    from ..outputs.write import ensure_dir, write_page
    from ._common import check_period_ids, trip_from_args

    # The whole trip is rendered and the period chosen in the page, so the picture shows exactly
    # what a student sees after choosing that period (same view fitting, same colours).
    # Several periods: the map holds those periods and opens on the first. Every id is checked
    # as build and export check them (an unknown one is refused, not drawn as the whole life).
    period = args.period[0] if args.period else None
    if len(args.period) < 2:
        args.period = []
    trip = trip_from_args(args)
    check_period_ids(trip, [period] if period else [])
    page = render_page(trip.stops, trip.moves, trip.periods, title=trip.title,  # one file
                       tiles="CartoDB.Positron" if args.tiles else None, lang=args.lang)
    out = Path(args.output)
    ensure_dir(out.parent)
    with tempfile.TemporaryDirectory() as tmp:
        html_path = Path(tmp) / "map.html"
        write_page(html_path, page)
        png = _screenshot(html_path, executable, period, args.width, args.height,
                          offline=not args.tiles)
    from ..outputs.atomic import write_bytes

    write_bytes(out, png)
    print(f"wrote {out} ({args.width}x{args.height})", file=sys.stderr)
    return 0


def _screenshot(html_path: Path, executable: Path, period: str | None, width: int, height: int,
                *, offline: bool) -> bytes:
    from playwright.sync_api import sync_playwright

    from ..outputs.chromium import launch

    with sync_playwright() as pw:
        # Offline unless the online tile layer was asked for.
        browser = launch(pw, offline=offline, executable=executable)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(html_path.as_uri())
            page.wait_for_function("window.itineraryMap && window.itineraryMap.state")
            if period:
                page.evaluate("id => window.itineraryMap.setPeriod(id)", period)
            page.wait_for_timeout(600)  # let the view fit and the canvas settle
            png: bytes = page.screenshot(full_page=False)
            return png
        finally:
            browser.close()
