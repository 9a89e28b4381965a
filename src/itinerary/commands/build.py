"""``itinerary build``: the map page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ._common import (
    add_force_argument,
    add_input_arguments,
    add_lang_argument,
    add_selection_arguments,
    refuse_overwriting_inputs,
    trip_from_args,
)

if TYPE_CHECKING:
    from ..outputs.write import PageLike

#: The folder of a page built with --shared-assets, beside it.
ASSETS = "itinerary_files"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the animated map page",
                       description="Build the animated map (default: output/trotsky.html).")
    add_input_arguments(p, several=True)
    add_selection_arguments(p)
    p.add_argument("-o", "--output", metavar="OUT.html",
                   help="where to write the page (-: standard output, self-contained)")
    p.add_argument("--title", help="page title")
    one = p.add_mutually_exclusive_group()
    one.add_argument("--self-contained", dest="shared_assets", action="store_false", default=False,
                     help="one portable file, every script, style and the data inlined: open it "
                          "or send it as it is (the default)")
    one.add_argument("--shared-assets", dest="shared_assets", action="store_true",
                     help=f"the page plus a folder {ASSETS}/ beside it (Leaflet and the page "
                          "code, shared by the maps of a site with many): the folder must "
                          "travel with the page")
    p.add_argument("--embed", action="store_true", help="compact mode for iframes (no list)")
    add_lang_argument(p)
    p.add_argument("--tiles", metavar="NAME_OR_URL",
                   help="add online map tiles over the offline basemap: an xyzservices provider "
                        "(e.g. OpenStreetMap.Mapnik) or a URL template "
                        "https://host/{z}/{x}/{y}.png; the page then loads them from that host "
                        "(by default it makes no request at all)")
    p.add_argument("--tiles-attribution", metavar="TEXT",
                   help="the credit the tiles' provider requires (plain text; for a URL template)")
    p.add_argument("--no-tiles", action="store_true",
                   help="no online tiles (the default; kept for compatibility)")
    p.add_argument("--strict", action="store_true", help="an unplaced stop is an error")
    add_force_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..outputs.atomic import is_stream
    from ..outputs.page import render_page, tile_layer_of
    from ..outputs.write import write_page
    from ..pipeline import trip_output_name

    tiles = None if args.no_tiles else args.tiles
    try:
        tile_layer_of(tiles, args.tiles_attribution)  # a wrong name fails before any work
    except ValueError as e:
        print(f"error: --tiles: {e}", file=sys.stderr)
        return 2
    refuse_overwriting_inputs(args)
    trip = trip_from_args(args, title=args.title, with_paths=False)  # the page draws its arcs
    name = trip_output_name(trip)
    out = Path(args.output) if args.output else Path("output") / (
        "itinerary.html" if name == "-.html" else name)  # a table from standard input
    # A page sent to standard output, a pipe or a device has no folder for its files: one file.
    streamed = args.output is not None and is_stream(args.output)
    shared = bool(getattr(args, "shared_assets", False)) and not streamed
    page = render_page(trip.stops, trip.moves, trip.periods, title=trip.title,
                       self_contained=not shared, assets_dir=ASSETS, embed=args.embed,
                       tiles=tiles, tiles_attribution=args.tiles_attribution, lang=args.lang)
    write_page(out, page)
    placed = int(trip.stops["placed"].sum())
    print(written(out, page, streamed=streamed), file=sys.stderr)
    print(f"  {len(trip.stops)} stops, {placed} on the map, {len(trip.moves)} moves",
          file=sys.stderr)
    return 0


def size(n: int) -> str:
    """A file size as a reader says it: 812 bytes, 540 KB, 12.3 MB (powers of 1000)."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{round(n / 1000)} KB"
    return f"{n / 1_000_000:.1f} MB"


def written(out: Path, page: PageLike, *, streamed: bool = False) -> str:
    """What was written, and whether the page travels alone or with its folder."""
    html = size(len(page.html.encode("utf-8")))
    if streamed:
        return f"wrote {'standard output' if str(out) == '-' else out} ({html}, one file)"
    if not page.assets:
        return f"wrote {out} ({html}, one file: open it in a browser or send it as it is)"
    folder = out.parent / ASSETS
    files = size(sum(len(data) for data in page.assets.values()))
    return (f"wrote {out} ({html}) and its folder {folder}/ ({files}): the page works only with "
            f"that folder beside it, so copy or upload both together")
