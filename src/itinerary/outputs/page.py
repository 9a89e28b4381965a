"""The animated map page: tables in, one HTML page (plus its static assets) out.

The browser code lives in ``static/`` (page.html, itinerary.js, itinerary.css); this module only
turns the tables into JSON and fills a few placeholders. User text reaches the page ONLY as
escaped JSON inside ``<script type="application/json">`` and is inserted by the browser with DOM
APIs, so no template engine ever sees it (``{{ 7*7 }}`` in a note stays literal).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
import warnings
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from typing import Any

import numpy as np
import pandas as pd

from .. import paths
from ..gcpause import paused_gc

LEAFLET_PACKAGE = "js_lib_leaflet"
LEAFLET_DIR = "static/js_lib_leaflet"
DATA_VERSION = 2  # 2: stops and moves as columns, moves without paths
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

    Stops and moves go as columns (one list per field, see ``rows``): at 100,000 stops the
    field names would otherwise be repeated a million times. Moves carry no path: the browser
    builds each great-circle arc from the two ends when it first draws it (itinerary.js), which
    took the page at 100,000 stops from 118 MB to a tenth of that.
    Dates come with day numbers (proleptic Gregorian ordinals, 0001-01-01 = 1) computed here,
    so the browser never does Date arithmetic, which is unreliable for years before 1970/100.
    Stops at the same place are grouped into one ``place`` (one marker, several visits).
    """
    stop_cols, areas = _stop_columns(stops)
    places = _places(stop_cols, areas)
    move_cols = _move_columns(moves)
    return {
        "version": DATA_VERSION,
        "title": title,
        "stops": stop_cols,
        "places": places,
        "moves": move_cols,
        "periods": [_period(row) for row in _records(periods)],
        "facts": _facts(stop_cols, places, move_cols),
    }


def rows(table: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The rows of a column table from ``page_data`` (what the browser's ``rowsOf`` makes)."""
    names = list(table)
    return [dict(zip(names, values, strict=True))
            for values in zip(*(table[k] for k in names), strict=True)]


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


def _column(frame: pd.DataFrame, name: str, n: int) -> list[Any]:
    return frame[name].tolist() if name in frame.columns else [None] * n


def _rounded(frame: pd.DataFrame, name: str, n: int, digits: int) -> list[float | None]:
    """A numeric column rounded in bulk; missing, unreadable or infinite values are None."""
    if name not in frame.columns:
        return [None] * n
    values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        rounded = (np.round(values, digits) + 0.0).tolist()  # + 0.0: no -0.0 in the page
    ok = np.isfinite(values).tolist()
    return [v if good else None for v, good in zip(rounded, ok, strict=True)]


def _texts(values: list[Any]) -> list[str]:
    return [v if type(v) is str else _text(v) for v in values]


def _text_column(frame: pd.DataFrame, name: str, n: int) -> list[str]:
    """A text column as strings; checked at C speed when it holds nothing else (the usual
    case: the pipeline keeps empty text as "")."""
    if name not in frame.columns:
        return [""] * n
    values = frame[name]
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        return list(values.tolist())
    return _texts(values.tolist())


#: numpy's day 0 (1970-01-01) as a proleptic Gregorian ordinal
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _days(values: list[str]) -> list[int | None]:
    """Day numbers of many ISO dates: numpy parses the plain ``YYYY-MM-DD`` ones at once (what
    the date stage writes); anything else goes through ``_day`` one by one."""
    plain = [t if len(t) == 10 and _ISO_DAY.fullmatch(t) else "NaT" for t in values]
    try:
        days = (np.array(plain, dtype="datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL).tolist()
    except ValueError:  # e.g. 1905-02-30: numpy refuses it, _day says None
        return [_day(t) for t in values]
    return [d if p != "NaT" else _day(t)
            for d, p, t in zip(days, plain, values, strict=True)]


STOP_FIELDS = ("seq", "id", "name", "today", "country", "kind", "period", "start", "end", "d0",
               "d1", "label", "uncertain", "calendar", "note", "source", "evidence", "lat", "lon",
               "placed", "place_index")


def _flags(frame: pd.DataFrame, name: str, n: int) -> list[bool]:
    if name in frame.columns and frame[name].dtype == bool:
        return [bool(v) for v in frame[name].tolist()]
    return [_truthy(v) for v in _column(frame, name, n)]


def _stop_columns(frame: pd.DataFrame) -> tuple[dict[str, list[Any]], list[Any]]:
    """The stops in ``seq`` order as columns (``STOP_FIELDS``), and their ``area`` cells;
    ``place_index`` is filled in by ``_places``."""
    if frame is None or len(frame) == 0:
        return {name: [] for name in STOP_FIELDS}, []
    if "seq" in frame.columns:
        frame = frame.sort_values("seq", kind="stable")
    n = len(frame)
    col = functools.partial(_column, frame, n=n)
    text = functools.partial(_text_column, frame, n=n)
    seqs = [int(s) for s in col("seq")] if "seq" in frame.columns else [0] * n
    lat, lon = _rounded(frame, "lat", n, 5), _rounded(frame, "lon", n, 5)
    flags = _flags(frame, "placed", n) if "placed" in frame.columns else [True] * n
    placed = [f and a is not None and b is not None
              for f, a, b in zip(flags, lat, lon, strict=True)]
    start = [a or b for a, b in zip(text("start_min"), text("start"), strict=True)]
    end = [a or b for a, b in zip(text("end_max"), start, strict=True)]
    d0, d1 = _days(start), _days(end)
    d1 = [b if a is None or (b is not None and b >= a) else a for a, b in zip(d0, d1, strict=True)]
    columns: dict[str, list[Any]] = {
        "seq": seqs,
        "id": text("id"),
        "name": text("place"),
        "today": text("resolved_name"),
        "country": text("resolved_country"),
        "kind": text("kind"),
        "period": text("period"),
        "start": start,
        "end": end,
        "d0": d0,
        "d1": d1,
        "label": [a or b for a, b in zip(text("date_label"), start, strict=True)],
        "uncertain": _flags(frame, "uncertain", n),
        "calendar": text("calendar"),
        "note": text("note"),
        "source": text("source"),
        "evidence": text("evidence"),
        "lat": [a if p else None for a, p in zip(lat, placed, strict=True)],
        "lon": [b if p else None for b, p in zip(lon, placed, strict=True)],
        "placed": placed,
        "place_index": [None] * n,
    }
    return columns, col("area")


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
            place["area"] = _area(areas[i])
        stops["place_index"][i] = at
    return places


#: What the page uses of a move: its ends (stops by ``seq``), its days, kind and length. Ids and
#: ISO dates would repeat the stops' (a seventh of the page at 100,000 stops).
MOVE_FIELDS = ("from_seq", "to_seq", "d0", "d1", "kind", "km")


def _move_columns(frame: pd.DataFrame) -> dict[str, list[Any]]:
    """The moves as columns (``MOVE_FIELDS``), ordered by arrival; no paths (see page_data)."""
    if frame is None or len(frame) == 0:
        return {name: [] for name in MOVE_FIELDS}
    frame = frame.sort_values(["to_seq", "from_seq"], kind="stable")
    n = len(frame)
    col = functools.partial(_column, frame, n=n)
    text = functools.partial(_text_column, frame, n=n)
    return {
        "from_seq": [int(v) for v in col("from_seq")],
        "to_seq": [int(v) for v in col("to_seq")],
        "d0": _days(text("depart")),
        "d1": _days(text("arrive")),
        "kind": [k or "travel" for k in text("kind")],
        "km": _rounded(frame, "distance_km", n, 1),
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


def _period(row: dict[str, Any]) -> dict[str, Any]:
    start = _text(row.get("start_min")) or _text(row.get("start"))
    end = _text(row.get("end_max")) or _text(row.get("end"))
    return {"id": _text(row.get("id")), "title": _text(row.get("title")) or _text(row.get("id")),
            "start": start, "end": end, "d0": _day(start), "d1": _day(end),
            "color": _text(row.get("color")) or "#555555"}


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
