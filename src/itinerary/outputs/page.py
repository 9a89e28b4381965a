"""The animated map page: tables in, one HTML page (plus its static assets) out.

The browser code lives in ``static/`` (page.html, itinerary.css and the scripts of
``PAGE_SCRIPTS``); this module only turns the tables into JSON and fills a few placeholders.
User text reaches the page ONLY as escaped JSON inside ``<script type="application/json">``
and is inserted by the browser with DOM APIs, so no template engine ever sees it (``{{ 7*7 }}``
in a note stays literal).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import warnings
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

import pandas as pd

from .. import i18n, paths
from ..gcpause import paused_gc
from ..moves.kinds import MOVE_STYLES
from .records import move_columns, period_record, records, stop_columns, translate

LEAFLET_PACKAGE = "js_lib_leaflet"
LEAFLET_DIR = "static/js_lib_leaflet"
#: The page's own scripts, loaded in this order after Leaflet (no build step): each is a plain
#: script, inlined one by one (each with its own CSP hash) by ``self_contained``. itinerary.js
#: says what each holds.
PAGE_SCRIPTS = ("itinerary.js", "timeline.js", "arcs.js", "layers.js", "basemap.js", "labels.js",
                "panel.js", "embed.js")
DATA_VERSION = 2  # 2: stops and moves as columns, moves without paths
#: ``@@DATA@@``: a value the page is built with; ``@@T:ui.play@@``: a message of the catalogue.
_PLACEHOLDER = re.compile(r"@@(?:([A-Z_]+)|T:([a-z0-9_.]+))@@")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass
class Page:
    html: str  # the page
    assets: dict[str, bytes] = field(default_factory=dict)  # relative path -> bytes


# --- data -----------------------------------------------------------------------------------

#: What the page shows of a stop (``records.STOP_FIELDS`` without the resolver's provenance,
#: which the exports carry) plus ``place_index``, its marker, and ``precision``, how finely its
#: dates are written (the clock counts no finer next to it); a region's area goes with its place.
#: ``renamed`` is read to write ``now`` (``records.now_names``) and not sent.
PAGE_STOP_FIELDS = ("seq", "id", "name", "today", "country", "kind", "period", "start", "end",
                    "d0", "d1", "label", "precision", "uncertain", "calendar", "note", "source",
                    "evidence", "lat", "lon", "placed", "renamed", "matched")
#: What the page uses of a move: its ends (stops by ``seq``), its days, kind and length. Ids and
#: ISO dates would repeat the stops' (a seventh of the page at 100,000 stops).
PAGE_MOVE_FIELDS = ("from_seq", "to_seq", "d0", "d1", "kind", "km")


def page_data(stops: pd.DataFrame, moves: pd.DataFrame, periods: pd.DataFrame, *,
              title: str, encounters: pd.DataFrame | None = None,
              lang: str = "en") -> dict[str, Any]:
    """Everything the browser needs, as plain JSON-ready values in a stable order.

    Stops and moves are the records every output shows (``records``), sent as columns. Moves
    carry no path: the browser builds each great-circle arc from the two ends when it first
    draws it (arcs.js), which took the page at 100,000 stops from 118 MB to a tenth of that.
    Stops at the same place are grouped into one ``place`` (one marker, several visits).

    Several lives (``stages/persons.py``): ``persons`` (id, name, colour, in the order given)
    and each stop's and move's ``person`` (an id); ``encounters`` (``moves/encounters.py``;
    computed from the stops when not given), each with its two stops by ``seq``, its overlap
    as ISO days and day numbers (``d0``, ``d1``) and its status. One life: both are [].

    ``lang`` (``i18n``): the page's words, date and number rules (``i18n``), its date labels,
    and the table's own translations where it has them (``note_de``, a period's ``title_de``).
    """
    from ..i18n.cldr import country_names
    from ..moves.encounters import find_encounters
    from ..stages.persons import persons_of
    from .records import day, now_names, with_person

    stop_cols = stop_columns(stops, with_person(stops, (*PAGE_STOP_FIELDS, "area")))
    if lang != i18n.DEFAULT:
        translate(stop_cols, stops, lang)
    stop_cols["now"] = now_names(stop_cols, lang)  # "name, now X" (the one rule), not the flag
    del stop_cols["renamed"]
    areas = stop_cols.pop("area")
    stop_cols["place_index"] = [None] * len(stop_cols["seq"])
    places = _places(stop_cols, areas)
    move_cols = move_columns(moves, with_person(moves, PAGE_MOVE_FIELDS))
    persons = persons_of(stops)
    if encounters is None:
        encounters = find_encounters(stops) if persons else None
    met = [] if encounters is None else [
        {"id": e["id"], "persons": [e["person_a"], e["person_b"]],
         "stops": [int(e["seq_a"]), int(e["seq_b"])], "place": e["place"],
         "lat": float(e["lat"]), "lon": float(e["lon"]), "km": float(e["distance_km"]),
         "start": e["start"], "end": e["end"], "d0": day(e["start"]), "d1": day(e["end"]),
         "status": e["status"]}
        for e in encounters.to_dict("records")]
    return {
        "version": DATA_VERSION,
        "title": title,
        "stops": stop_cols,
        "places": places,
        "moves": move_cols,
        "periods": [period_record(row, lang) for row in records(periods)],
        "facts": _facts(stop_cols, places, move_cols),
        "moveStyles": MOVE_STYLES,
        "persons": persons,
        "encounters": met,
        "i18n": {**i18n.for_page(lang),
                 "countries": country_names([p["country"] for p in places if p["country"]],
                                            lang)},
    }


def _facts(stops: dict[str, list[Any]], places: list[dict[str, Any]],
           moves: dict[str, list[Any]]) -> dict[str, Any]:
    """The teacher's summary panel: counts, the distance travelled and the longest journey.

    Built from the lists already made for the page, so it costs nothing at 100,000 stops;
    ``itinerary stats`` gives the fuller picture (per period, years per country).
    """
    km = [float(k) for k in moves["km"] if isinstance(k, int | float)]
    best = max(range(len(moves["km"])), key=lambda i: moves["km"][i] or 0.0, default=None)
    names = dict(zip(stops["seq"], stops["name"], strict=True))
    longest = None
    if best is not None and moves["km"][best]:
        longest = {"from": names[moves["from_seq"][best]], "to": names[moves["to_seq"][best]],
                   "km": round(float(moves["km"][best]))}
    return {
        "stops": len(stops["seq"]),
        "places": len(places),
        "countries": len({p["country"] for p in places if p["country"]}),
        "km": round(sum(km)),
        "longest": longest,
    }


def _places(stops: dict[str, list[Any]], areas: list[Any]) -> list[dict[str, Any]]:
    """Group the stops at one place (same name today, same spot to ~1 km) into one marker,
    filling in each stop's ``place_index``."""
    places: list[dict[str, Any]] = []
    index: dict[tuple[Any, ...], int] = {}
    names, todays, lats, lons = stops["name"], stops["today"], stops["lat"], stops["lon"]
    for i, placed in enumerate(stops["placed"]):
        if not placed:
            continue
        name, today, lat, lon = names[i], todays[i], lats[i], lons[i]
        key = (today.casefold() or name.casefold(), round(lat, 2), round(lon, 2))
        at = index.get(key)
        if at is None:
            at = index[key] = len(places)
            places.append({"name": name, "today": today, "country": stops["country"][i],
                           "lat": lat, "lon": lon, "area": None, "visits": []})
        place = places[at]
        place["visits"].append(stops["seq"][i])
        if place["area"] is None:
            place["area"] = areas[i]
        stops["place_index"][i] = at
    return places


def json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators.

    orjson writes the 27 MB of a 100,000-stop page in a tenth of the standard library's time;
    keys sorted, so the bytes are the same on every run. NaN and infinity become ``null``.
    """
    import orjson

    text = orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    for char, escape in _JSON_ESCAPES.items():  # str.replace: 10x faster than re.sub on MBs
        text = text.replace(char, escape)
    return text


# --- page -----------------------------------------------------------------------------------

def render_page(stops: pd.DataFrame, moves: pd.DataFrame, periods: pd.DataFrame, *, title: str,
                self_contained: bool = True, embed: bool = False,
                tiles: str | None = None, tiles_attribution: str | None = None,
                assets_dir: str = "itinerary_files", lang: str = "en") -> Page:
    """The page. By default one portable file (every script, style and the data inlined, each
    script allowed by its CSP hash), which works when copied anywhere alone; with
    ``self_contained=False`` the HTML plus ``assets`` (Leaflet and the page code) to write in
    ``assets_dir`` beside it, shared by the pages of a site with many maps.

    The map is the offline basemap the page draws itself (``basemap.py``): by default the page
    makes no request at all. ``tiles`` adds online raster tiles over it: an ``xyzservices``
    provider name (``OpenStreetMap.Mapnik``) or a URL template ``https://host/{z}/{x}/{y}.png``
    with ``tiles_attribution`` (plain text). A Content-Security-Policy allows only this page's
    own files, the hashes of its inline scripts and that tile host, so even a malicious note
    could not run or fetch anything.

    ``lang`` is a catalogue of ``i18n`` ("de"): every word of the page, ``<html lang>``, the
    dates and numbers; a code without a catalogue raises ``ValueError``.
    """
    from .basemap import basemap_json

    lang = i18n.check_lang(lang)
    tile_layer = tile_layer_of(tiles, tiles_attribution)  # a bad name fails before any work
    with paused_gc():  # many small objects that all live until the page is written
        data = page_data(stops, moves, periods, title=title, lang=lang)
        data["tiles"] = tile_layer
        data_json = json_for_script(data)
        del data["stops"], data["moves"], data["places"]  # free them before the page is built
    styles = {"leaflet.css": _leaflet("leaflet.css"), "itinerary.css": _static("itinerary.css")}
    scripts = {"leaflet.js": _strip_source_map(_leaflet("leaflet.js")),
               **{name: _static(name) for name in PAGE_SCRIPTS}}
    assets: dict[str, bytes] = {}
    script_hashes: list[str] = []
    if self_contained:
        head = "\n".join(f"<style>\n{_no_style_end(css)}\n</style>" for css in styles.values())
        blocks = []
        for js in scripts.values():
            body = f"\n{_no_script_end(js)}\n"
            script_hashes.append(_csp_hash(body))
            blocks.append(f"<script>{body}</script>")
        body_scripts = "\n".join(blocks)
    else:
        prefix = assets_dir.strip("/")
        head = "\n".join(f'<link rel="stylesheet" href="{html.escape(prefix)}/{name}">'
                         for name in styles)
        body_scripts = "\n".join(f'<script src="{html.escape(prefix)}/{name}"></script>'
                                 for name in scripts)
        for name, text in {**styles, **scripts}.items():
            assets[f"{prefix}/{name}"] = text.encode("utf-8")
    words = i18n.catalogue(lang)
    values = {
        "LANG": lang,
        "TITLE": html.escape(title),
        "CSP": html.escape(_csp(script_hashes, data["tiles"]), quote=False).replace('"', "&quot;"),
        "HTML_CLASS": "embed" if embed else "",
        "HEAD": head,
        "DATA": data_json,
        "BASEMAP": basemap_json(),
        "SCRIPTS": body_scripts,
    }
    template = _static("page.html")
    # One pass over the template: text substituted in is never scanned for placeholders again.
    page = _PLACEHOLDER.sub(lambda m: values[m.group(1)] if m.group(1) else
                            html.escape(words[m.group(2)]), template)
    return Page(html=page, assets=assets)


def _static(name: str) -> str:
    return (paths.STATIC_DIR / name).read_text(encoding="utf-8")


def _leaflet(name: str) -> str:
    return (files(LEAFLET_PACKAGE) / LEAFLET_DIR / name).read_text(encoding="utf-8")


def _strip_source_map(js: str) -> str:
    """The .map file is not shipped, so its reference would only produce a failed request."""
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)


def _no_script_end(js: str) -> str:
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def _no_style_end(css: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def _csp_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


TILE_PLACEHOLDERS = ("{z}", "{x}", "{y}")
_TILE_URL = re.compile(r"(https?)://((?:\{s\}\.)?[A-Za-z0-9.-]+(?::[0-9]+)?)/[^\s\"'<>\\]*")


def tile_layer_of(tiles: str | None, attribution: str | None = None) -> dict[str, Any] | None:
    """The online tile layer of ``--tiles``: an ``xyzservices`` provider name or a URL template.

    Returns ``{name, url, attribution (HTML), max_zoom, host}`` (``host``: the CSP source that
    allows it, ``https://*.example.org`` for a ``{s}`` subdomain) or None. The attribution of a
    URL template is the given text, escaped (shown as text, never as markup); a provider's is its
    own, or the given text instead. Raises ``ValueError`` with what is wrong.
    """
    if not tiles:
        return None
    if "://" in tiles:
        match = _TILE_URL.fullmatch(tiles)
        if not match or not all(p in tiles for p in TILE_PLACEHOLDERS):
            raise ValueError(f"not a tile URL template (got {tiles!r}; expected "
                             "https://host/{z}/{x}/{y}.png, optionally {s}. before the host)")
        host = match.group(2).replace("{s}", "*")
        text = attribution or f"Map tiles: {match.group(2).replace('{s}.', '')}"
        return {"name": tiles, "url": tiles, "attribution": html.escape(text),
                "max_zoom": 19, "host": f"{match.group(1)}://{host}"}
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(tiles)
    except ValueError as e:
        raise ValueError(f"unknown tile provider (got {tiles!r}; expected an xyzservices name "
                         "such as OpenStreetMap.Mapnik, or a URL template "
                         "https://host/{z}/{x}/{y}.png)") from e
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. CartoDB's "API key" notice
            url = provider.build_url(scale_factor="")
    except ValueError:
        url = ""
    match = _TILE_URL.match(url)
    if "<insert" in url or not match:
        raise ValueError(f"tile provider {tiles!r} needs an API key: give its URL template "
                         "with your key instead")
    own = provider.get("html_attribution") or provider.get("attribution")
    return {"name": tiles, "url": url,
            "attribution": html.escape(attribution) if attribution else str(own),
            "max_zoom": int(provider.get("max_zoom", 18)),
            "host": f"{match.group(1)}://{match.group(2)}"}


def _csp(script_hashes: list[str], tiles: dict[str, Any] | None) -> str:
    img = ["'self'", "data:"]
    if tiles and tiles.get("host"):
        img.append(tiles["host"])
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(["'self'", *script_hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src " + " ".join(img),
        "connect-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])
