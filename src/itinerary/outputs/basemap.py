"""The offline atlas basemap the page draws itself: land, coasts, lakes, rivers and the points of
its reference labels, at two levels of detail.

The data is derived once from Natural Earth (public domain) by ``scripts/derive_basemap.py`` and
shipped in ``outputs/basemap/`` (``SOURCE.md`` there says where it came from and how it was
made); this module only reads those files, so a build needs neither Natural Earth nor the
network. ``static/basemap.js`` decodes and draws them.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

BASEMAP_DIR = Path(__file__).resolve().parent / "basemap"
#: The detail levels, coarsest first (``110m`` below zoom 3.5, ``50m`` from zoom 3.5).
LEVEL_FILES = ("110m.json", "50m.json")
LABELS_FILE = "labels.json"
VERSION = 1


@cache
def basemap_data() -> dict[str, Any]:
    """``{"version", "levels": [{name, minZoom, q, land, lakes, rivers, minorRivers}, ...],
    "labels": {column: [...]}}``: geometry as encoded rings and lines, labels as columns (both
    described in ``scripts/derive_basemap.py``). Read once per process; do not modify."""
    levels = [_read(name) for name in LEVEL_FILES]
    return {"version": VERSION, "levels": levels, "labels": _read(LABELS_FILE)}


def labels() -> list[dict[str, Any]]:
    """The label points as objects: ``{kind, name, names, lat, lon, minZoom, rank}`` (``names``
    holds only the languages with a name of their own), as the page's ``basemap.labels``."""
    columns = basemap_data()["labels"]
    names = columns["names"]
    out = []
    for i, kind in enumerate(columns["kind"]):
        out.append({"kind": kind, "name": columns["name"][i],
                    "names": {lang: col[i] for lang, col in names.items() if col[i]},
                    "lat": columns["lat"][i], "lon": columns["lon"][i],
                    "minZoom": columns["minZoom"][i], "rank": columns["rank"][i]})
    return out


def decode(text: str, q: int) -> list[tuple[float, float]]:
    """An encoded ring or line as ``(lon, lat)`` degrees (basemap.js does the same)."""
    values: list[int] = []
    shift = result = 0
    for char in text:
        group = ord(char) - 63
        result |= (group & 31) << shift
        shift += 5
        if group < 32:
            values.append(result >> 1 if result % 2 == 0 else -(result + 1) // 2)
            shift = result = 0
    points: list[tuple[float, float]] = []
    x = y = 0
    for i in range(0, len(values) - 1, 2):
        x, y = x + values[i], y + values[i + 1]
        points.append((x / q, y / q))
    return points


Town = tuple[float, float, str, str]  # lat, lon, English name, name in a language


@cache
def towns(lang: str) -> dict[int, list[Town]]:
    """The basemap's towns as (lat, lon, English name, name in ``lang``: Natural Earth's or
    CLDR's, the English one where the language has none of its own), by whole degree of
    latitude (``math.floor``), so that a lookup near a point reads three bands, not all."""
    columns = basemap_data()["labels"]
    own = columns["names"].get(lang) or [""] * len(columns["kind"])
    bands: dict[int, list[Town]] = {}
    for kind, name, mine, lat, lon in zip(columns["kind"], columns["name"], own, columns["lat"],
                                          columns["lon"], strict=True):
        if kind == "town":
            bands.setdefault(math.floor(lat), []).append((lat, lon, name, mine or name))
    return bands


def _read(name: str) -> Any:
    with (BASEMAP_DIR / name).open(encoding="utf-8") as f:
        return json.load(f)


@cache
def basemap_json() -> str:
    """The basemap as the page's ``itinerary-basemap`` data block (JSON safe inside a script
    element), made once per process."""
    from .page import json_for_script

    return json_for_script(basemap_data())
