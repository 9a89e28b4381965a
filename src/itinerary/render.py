"""The animated map page: tables in, one HTML page (plus its static assets) out.

The browser code lives in ``static/`` (page.html, itinerary.js, itinerary.css); this module only
turns the tables into JSON and fills a few placeholders. User text reaches the page ONLY as
escaped JSON inside ``<script type="application/json">`` and is inserted by the browser with DOM
APIs, so no template engine ever sees it (``{{ 7*7 }}`` in a note stays literal).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
import warnings
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from typing import Any

import numpy as np
import pandas as pd

from . import paths
from .moves_fast import paused_gc

LEAFLET_PACKAGE = "js_lib_leaflet"
LEAFLET_DIR = "static/js_lib_leaflet"
DATA_VERSION = 1
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass
class Page:
    html: str  # the page
    assets: dict[str, bytes] = field(default_factory=dict)  # relative path -> bytes


# --- data -----------------------------------------------------------------------------------

def page_data(stops: pd.DataFrame, moves: pd.DataFrame, periods: pd.DataFrame, *,
              title: str) -> dict[str, Any]:
    """Everything the browser needs, as plain JSON-ready values in a stable order.

    Dates come with day numbers (proleptic Gregorian ordinals, 0001-01-01 = 1) computed here,
    so the browser never does Date arithmetic, which is unreliable for years before 1970/100.
    Stops at the same place are grouped into one ``place`` (one marker, several visits).
    """
    stop_rows = [_stop(row) for row in _records(stops)]
    stop_rows.sort(key=lambda s: s["seq"])
    places: list[dict[str, Any]] = []
    index: dict[tuple[Any, ...], int] = {}
    for stop in stop_rows:
        if not stop["placed"]:
            stop["place_index"] = None
            continue
        key = (stop["today"].casefold() or stop["name"].casefold(),
               round(stop["lat"], 2), round(stop["lon"], 2))
        if key not in index:
            index[key] = len(places)
            places.append({"name": stop["name"], "today": stop["today"],
                           "country": stop["country"], "lat": stop["lat"], "lon": stop["lon"],
                           "area": None, "visits": []})
        place = places[index[key]]
        place["visits"].append(stop["seq"])
        if place["area"] is None:
            place["area"] = stop["area"]
        stop["place_index"] = index[key]
    for stop in stop_rows:
        del stop["area"]  # drawn once per place, not repeated per visit
    move_rows = sorted(_moves(moves), key=lambda m: (m["to_seq"], m["from_seq"]))
    return {
        "version": DATA_VERSION,
        "title": title,
        "stops": stop_rows,
        "places": places,
        "moves": move_rows,
        "periods": [_period(row) for row in _records(periods)],
        "facts": _facts(stop_rows, places, move_rows),
    }


def _facts(stops: list[dict[str, Any]], places: list[dict[str, Any]],
           moves: list[dict[str, Any]]) -> dict[str, Any]:
    """The teacher's summary panel: counts, the distance travelled and the longest journey.

    Built from the lists already made for the page, so it costs nothing at 100,000 stops;
    ``itinerary stats`` gives the fuller picture (per period, years per country).
    """
    km = [float(m["km"]) for m in moves if isinstance(m.get("km"), int | float)]
    longest = max(moves, key=lambda m: m.get("km") or 0.0, default=None)
    by_seq = {s["seq"]: s for s in stops}
    return {
        "stops": len(stops),
        "places": len(places),
        "countries": len({p["country"] for p in places if p["country"]}),
        "km": round(sum(km)),
        "longest": None if longest is None or not longest.get("km") else {
            "from": by_seq[longest["from_seq"]]["name"], "to": by_seq[longest["to_seq"]]["name"],
            "km": round(float(longest["km"]))},
    }


def _records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Rows as dicts, built from column lists (pandas' row-wise to_dict is 5x slower)."""
    if frame is None or len(frame) == 0:
        return []
    names = [str(k) for k in frame.columns]
    columns = [frame.iloc[:, i].tolist() for i in range(len(names))]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: Any) -> str:
    if type(value) is str:  # the common case, without pandas' isna
        return value
    return "" if _missing(value) else str(value)


def _number(value: Any, digits: int = 5) -> float | None:
    if _missing(value) or value == "":
        return None
    number = float(value)
    return round(number, digits) if math.isfinite(number) else None


def _truthy(value: Any) -> bool:
    if _missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


def _day(iso: Any) -> int | None:
    """Day number of an ISO date (``1879-11-07``); None when absent or unreadable."""
    text = _text(iso).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def _stop(row: dict[str, Any]) -> dict[str, Any]:
    lat, lon = _number(row.get("lat")), _number(row.get("lon"))
    placed = _truthy(row.get("placed", lat is not None)) and lat is not None and lon is not None
    start_min = _text(row.get("start_min")) or _text(row.get("start"))
    end_max = _text(row.get("end_max")) or start_min
    d0 = _day(start_min)
    d1 = _day(end_max)
    if d0 is not None and (d1 is None or d1 < d0):
        d1 = d0
    return {
        "seq": int(row.get("seq", 0)),
        "id": _text(row.get("id")),
        "name": _text(row.get("place")),
        "today": _text(row.get("resolved_name")),
        "country": _text(row.get("resolved_country")),
        "kind": _text(row.get("kind")),
        "period": _text(row.get("period")),
        "start": start_min,
        "end": end_max,
        "d0": d0,
        "d1": d1,
        "label": _text(row.get("date_label")) or start_min,
        "uncertain": _truthy(row.get("uncertain")),
        "calendar": _text(row.get("calendar")),
        "note": _text(row.get("note")),
        "source": _text(row.get("source")),
        "evidence": _text(row.get("evidence")),
        "lat": lat if placed else None,
        "lon": lon if placed else None,
        "placed": placed,
        "area": _area(row.get("area")),
    }


def _area(value: Any) -> Any:
    """The region as a GeoJSON geometry, or None when absent or not valid GeoJSON text."""
    text = _text(value).strip()
    if not text:
        return None
    try:
        geometry = json.loads(text)
    except ValueError:
        return None
    return geometry if isinstance(geometry, dict) and "type" in geometry else None


def _moves(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The moves, their paths' vertices rounded to 4 decimals all at once."""
    rows = [_move(row) for row in _records(frame)]
    parts = [part for row in rows for part in row["path"]]
    with paused_gc():
        rounded = iter(_round4_parts(parts))
        for row in rows:
            row["path"] = [next(rounded) for _ in row["path"]]
    return rows


def _move(row: dict[str, Any]) -> dict[str, Any]:
    """One move; its path still as given (``_moves`` rounds the vertices)."""
    path = row.get("path")
    if isinstance(path, str):
        path = json.loads(path) if path.strip() else []
    parts = list(path) if path is not None else []
    depart, arrive = _text(row.get("depart")), _text(row.get("arrive"))
    return {
        "from_seq": int(row["from_seq"]),
        "to_seq": int(row["to_seq"]),
        "from_id": _text(row.get("from_id")),
        "to_id": _text(row.get("to_id")),
        "depart": depart,
        "arrive": arrive,
        "d0": _day(depart),
        "d1": _day(arrive),
        "kind": _text(row.get("kind")) or "travel",
        "km": _number(row.get("distance_km"), 1),
        "path": parts,
    }


def _round4_parts(parts: list[Any], chunk: int = 20_000) -> list[list[list[float]]]:
    """Each part as ``[[round(lat, 4), round(lon, 4)], ...]``: numpy for the many vertices,
    and Python's correctly rounded ``round`` where the product by 10^4 lies near a half
    (numpy's multiply-and-rint could round those the other way). ``chunk`` parts at a time,
    so the temporary arrays stay small at 100,000 moves."""
    out: list[list[list[float]]] = []
    for i in range(0, len(parts), chunk):
        out.extend(_round4_chunk(parts[i:i + chunk]))
    return out


def _round4_chunk(parts: list[Any]) -> list[list[list[float]]]:
    sizes = [len(part) for part in parts]
    flat = [float(c) for part in parts for lat, lon in part for c in (lat, lon)]
    coords = np.array(flat, dtype=float)
    scaled = coords * 1e4
    rounded = np.rint(scaled) / 1e4
    out = rounded.tolist()
    for i in np.flatnonzero((np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6)
                            | ~np.isfinite(scaled)).tolist():
        out[i] = round(flat[i], 4)
    pairs = [out[i:i + 2] for i in range(0, len(out), 2)]
    result, at = [], 0
    for size in sizes:
        result.append(pairs[at:at + size])
        at += size
    return result


def _period(row: dict[str, Any]) -> dict[str, Any]:
    start = _text(row.get("start_min")) or _text(row.get("start"))
    end = _text(row.get("end_max")) or _text(row.get("end"))
    return {"id": _text(row.get("id")), "title": _text(row.get("title")) or _text(row.get("id")),
            "start": start, "end": end, "d0": _day(start), "d1": _day(end),
            "color": _text(row.get("color")) or "#555555"}


def json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)
    for char, escape in _JSON_ESCAPES.items():  # str.replace: 10x faster than re.sub on MBs
        text = text.replace(char, escape)
    return text


# --- page -----------------------------------------------------------------------------------

def render_page(stops: pd.DataFrame, moves: pd.DataFrame, periods: pd.DataFrame, *, title: str,
                self_contained: bool = False, embed: bool = False,
                tiles: str | None = "CartoDB.Positron",
                assets_dir: str = "itinerary_files") -> Page:
    """The page; with ``self_contained`` one file, else the HTML plus ``assets`` to write beside it.

    A Content-Security-Policy allows only this page's own files, the hashes of its inline
    scripts and the tile host, so even a malicious note could not run or fetch anything.
    """
    from .land import land_outline

    with paused_gc():  # many small objects that all live until the page is written
        data = page_data(stops, moves, periods, title=title)
        data["tiles"] = _tile_layer(tiles)
        data_json = json_for_script(data)
        del data["stops"], data["moves"], data["places"]  # free them before the page is built
    land_json = json_for_script(land_outline())
    styles = {"leaflet.css": _leaflet("leaflet.css"), "itinerary.css": _static("itinerary.css")}
    scripts = {"leaflet.js": _strip_source_map(_leaflet("leaflet.js")),
               "itinerary.js": _static("itinerary.js")}
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
    values = {
        "TITLE": html.escape(title),
        "CSP": html.escape(_csp(script_hashes, data["tiles"]), quote=False).replace('"', "&quot;"),
        "HTML_CLASS": "embed" if embed else "",
        "HEAD": head,
        "DATA": data_json,
        "LAND": land_json,
        "SCRIPTS": body_scripts,
    }
    template = _static("page.html")
    # One pass over the template: text substituted in is never scanned for placeholders again.
    page = _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
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


def _tile_layer(name: str | None) -> dict[str, Any] | None:
    """URL template, attribution and zoom range of an ``xyzservices`` provider."""
    if not name:
        return None
    import xyzservices

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. CartoDB's "API key" notice; the page still works
        provider = xyzservices.providers.query_name(name)
        url = provider.build_url(scale_factor="")
    return {"name": name, "url": url,
            "attribution": str(provider.get("html_attribution") or provider.get("attribution")),
            "max_zoom": int(provider.get("max_zoom", 18))}


def _csp(script_hashes: list[str], tiles: dict[str, Any] | None) -> str:
    img = ["'self'", "data:"]
    if tiles:
        match = re.match(r"(https?://[^/{]+)/", tiles["url"])
        if match:
            img.append(match.group(1))
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(["'self'", *script_hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src " + " ".join(img),
        "connect-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])
