"""Exports of a built itinerary: GeoJSON, KML, CSV and GPX.

Lesson material travels beyond our map page: into QGIS, Google Earth (whose time slider plays
the KML), spreadsheets and GPS tools. Every format is built from the same ordered stops and
moves tables, with dates as ISO 8601 strings (never epoch timestamps, which cannot say 1879)
and coordinates at 5 decimals, so the same input always gives the same bytes.
"""

from __future__ import annotations

import html
import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ..model import DATE_COLUMNS, INPUT_COLUMNS, RESOLVED_COLUMNS, ROW

FORMATS = ("geojson", "kml", "csv", "gpx")
DECIMALS = 5
KML_NS = "http://www.opengis.net/kml/2.2"
GPX_NS = "http://www.topografix.com/GPX/1/1"
DEFAULT_TITLE = "Itinerary"

# KML colours are aabbggrr.
MOVE_STYLES = {
    "forced": "ff2c2cd6",   # red: deportation, arrest
    "escape": "ff0e7fff",   # orange
    "travel": "ffb4771f",   # blue
    "return": "ff2ca02c",   # green
}


# --- GeoJSON --------------------------------------------------------------------------------

def to_geojson(stops: pd.DataFrame, moves: pd.DataFrame,
               periods: pd.DataFrame | None = None) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: one Feature per stop (``feature_type`` "stop"), then one
    per move ("move"). Positions are ``[lon, lat]``; an unplaced stop keeps its row with a null
    geometry so that nothing from the teacher's table silently disappears."""
    by_period = _period_lookup(periods)
    features = [_stop_feature(row, by_period) for row in _rows(stops)]
    features += [_move_feature(row) for row in _rows(moves)]
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if periods is not None and len(periods):
        collection["periods"] = [  # a foreign member (RFC 7946 §6.1): legend for consumers
            {"id": _text(p.get("id")), "title": _text(p.get("title")),
             "start": _text(p.get("start_min")) or _text(p.get("start")),
             "end": _text(p.get("end_max")) or _text(p.get("end")),
             "color": _text(p.get("color"))}
            for p in _rows(periods)
        ]
    return collection


def _stop_feature(row: dict[str, Any], by_period: dict[str, dict[str, str]]) -> dict[str, Any]:
    period = _text(row.get("period"))
    props = {
        "feature_type": "stop",
        "id": _text(row.get("id")),
        "seq": _int(row.get("seq")),
        "place": _text(row.get("place")),
        "resolved_name": _text(row.get("resolved_name")),
        "country": _text(row.get("resolved_country")),
        "start": _text(row.get("start_min")),
        "end": _text(row.get("end_max")),
        "date_label": _text(row.get("date_label")),
        "uncertain": _bool(row.get("uncertain")),
        "period": period,
        "period_title": by_period.get(period, {}).get("title", ""),
        "period_color": by_period.get(period, {}).get("color", ""),
        "kind": _text(row.get("kind")),
        "note": _text(row.get("note")),
        "source": _text(row.get("source")),
        "evidence": _text(row.get("evidence")),
        "geo_source": _text(row.get("geo_source")),
        "confidence": _num(row.get("confidence")),
        "match": _text(row.get("match")),
        "alternatives": _alternatives(row.get("alternatives")),
        "placed": _is_placed(row),
    }
    return {"type": "Feature", "geometry": _stop_geometry(row), "properties": props}


def _stop_geometry(row: dict[str, Any]) -> dict[str, Any] | None:
    if not _is_placed(row):
        return None
    area = _text(row.get("area"))
    if area:
        try:
            geometry = json.loads(area)
        except ValueError:
            geometry = None
        if isinstance(geometry, dict) and "type" in geometry:
            return _round_geometry(geometry)
    return {"type": "Point", "coordinates": [_coord(row["lon"]), _coord(row["lat"])]}


def _move_feature(row: dict[str, Any]) -> dict[str, Any]:
    parts = [[[lon, lat] for lat, lon in part] for part in _path(row.get("path"))]
    geometry: dict[str, Any] | None
    if not parts:
        geometry = None
    elif len(parts) == 1:
        geometry = {"type": "LineString", "coordinates": parts[0]}
    else:  # split at the antimeridian (RFC 7946 §3.1.9)
        geometry = {"type": "MultiLineString", "coordinates": parts}
    props = {
        "feature_type": "move",
        "from_id": _text(row.get("from_id")),
        "to_id": _text(row.get("to_id")),
        "from_seq": _int(row.get("from_seq")),
        "to_seq": _int(row.get("to_seq")),
        "depart": _text(row.get("depart")),
        "arrive": _text(row.get("arrive")),
        "kind": _text(row.get("kind")),
        "distance_km": _num(row.get("distance_km")),
    }
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _round_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    out = dict(geometry)
    if "coordinates" in out:
        out["coordinates"] = _round_nested(out["coordinates"])
    if "geometries" in out:
        out["geometries"] = [_round_geometry(g) for g in out["geometries"]]
    return out


def _round_nested(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_round_nested(v) for v in value]
    return _coord(value)


def _period_lookup(periods: pd.DataFrame | None) -> dict[str, dict[str, str]]:
    if periods is None or "id" not in periods.columns:
        return {}
    return {_text(p.get("id")): {"title": _text(p.get("title")), "color": _text(p.get("color"))}
            for p in _rows(periods)}


# --- KML --------------------------------------------------------------------------------------

def to_kml(stops: pd.DataFrame, moves: pd.DataFrame, *, title: str = DEFAULT_TITLE) -> str:
    """KML 2.2 for Google Earth: Folder "Stops" (TimeSpan + Point) and Folder "Moves" (TimeStamp
    of the arrival + LineString), so the time slider replays the life. Built with ElementTree,
    so user text is always escaped; descriptions are additionally HTML-escaped because Google
    Earth renders them as HTML, and a note in a spreadsheet is data, never markup."""
    kml = ET.Element("kml", xmlns=KML_NS)  # default namespace, no "ns0:" prefixes
    doc = ET.SubElement(kml, "Document")
    _sub(doc, "name", title)
    for kind, colour in MOVE_STYLES.items():
        style = ET.SubElement(doc, "Style", id=f"move-{kind}")
        line = ET.SubElement(style, "LineStyle")
        _sub(line, "color", colour)
        _sub(line, "width", "3" if kind == "forced" else "2")
    names = {_int(r.get("seq")): _text(r.get("place")) for r in _rows(stops)}

    folder = ET.SubElement(doc, "Folder")
    _sub(folder, "name", "Stops")
    for row in _rows(stops):
        if not _is_placed(row):
            continue
        mark = ET.SubElement(folder, "Placemark")
        _sub(mark, "name", _text(row.get("place")))
        _sub(mark, "description", _balloon(_stop_description(row)))
        begin, end = _text(row.get("start_min")), _text(row.get("end_max"))
        if begin or end:
            span = ET.SubElement(mark, "TimeSpan")
            if begin:
                _sub(span, "begin", begin)
            if end:
                _sub(span, "end", end)
        _extended_data(mark, {key: _text(row.get(key)) for key in
                              ("id", "kind", "period", "resolved_name", "source")})
        point = ET.SubElement(mark, "Point")
        _sub(point, "coordinates", f"{_fmt(row['lon'])},{_fmt(row['lat'])}")

    folder = ET.SubElement(doc, "Folder")
    _sub(folder, "name", "Moves")
    for row in _rows(moves):
        parts = _path(row.get("path"))
        if not parts:
            continue
        mark = ET.SubElement(folder, "Placemark")
        origin = names.get(_int(row.get("from_seq")), "") or _text(row.get("from_id"))
        dest = names.get(_int(row.get("to_seq")), "") or _text(row.get("to_id"))
        _sub(mark, "name", f"{origin} → {dest}")
        _sub(mark, "description", _balloon(_move_description(row)))
        if _text(row.get("arrive")):
            stamp = ET.SubElement(mark, "TimeStamp")
            _sub(stamp, "when", _text(row.get("arrive")))
        _sub(mark, "styleUrl", f"#move-{_text(row.get('kind')) or 'travel'}")
        _extended_data(mark, {key: _text(row.get(key)) for key in
                              ("from_id", "to_id", "kind", "depart", "arrive")})
        parent = ET.SubElement(mark, "MultiGeometry") if len(parts) > 1 else mark
        for part in parts:
            line = ET.SubElement(parent, "LineString")
            _sub(line, "tessellate", "1")
            _sub(line, "coordinates",
                 " ".join(f"{_fmt(lon)},{_fmt(lat)}" for lat, lon in part))
    return _serialise(kml)


def _balloon(text: str) -> str:
    """Google Earth shows a description as HTML: escape the user's text, keep our line breaks."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def _extended_data(mark: ET.Element, values: dict[str, str]) -> None:
    data = ET.SubElement(mark, "ExtendedData")
    for key, value in values.items():
        item = ET.SubElement(data, "Data", name=key)
        _sub(item, "value", value)


def _stop_description(row: dict[str, Any]) -> str:
    lines = [_text(row.get("date_label")), _text(row.get("note"))]
    resolved, place = _text(row.get("resolved_name")), _text(row.get("place"))
    if resolved and resolved != place:
        lines.append(f"Today: {resolved}")
    if _text(row.get("source")):
        lines.append(f"Source: {_text(row.get('source'))}")
    return "\n".join(line for line in lines if line)


def _move_description(row: dict[str, Any]) -> str:
    km = _num(row.get("distance_km"))
    distance = f", {km:g} km" if km is not None else ""
    return f"{_text(row.get('kind'))}{distance}: {_text(row.get('depart'))} – " \
           f"{_text(row.get('arrive'))}"


# --- CSV --------------------------------------------------------------------------------------

def to_csv(stops: pd.DataFrame) -> str:
    """The resolved table: the teacher's columns (their own extra ones included), then the
    normalised dates and the resolution, coordinates at 5 decimals. Reads back with pandas."""
    order = ["seq", ROW, *INPUT_COLUMNS]
    extras = [c for c in stops.columns if c not in order and c not in DATE_COLUMNS
              and c not in RESOLVED_COLUMNS and not str(c).startswith("_")]
    order += extras + [*DATE_COLUMNS, *RESOLVED_COLUMNS]
    columns = [c for c in dict.fromkeys(order) if c in stops.columns]
    table = stops.loc[:, columns].copy()
    for name in ("lat", "lon", "lat_override", "lon_override"):
        if name in table.columns:
            table[name] = pd.to_numeric(table[name], errors="coerce").round(DECIMALS)
    return table.to_csv(index=False, lineterminator="\n")


# --- GPX --------------------------------------------------------------------------------------

def to_gpx(stops: pd.DataFrame, moves: pd.DataFrame, *, title: str = DEFAULT_TITLE) -> str:
    """GPX 1.1: a waypoint per placed stop (time = its earliest start) and one track whose
    segments are the moves; a move split at the antimeridian gives one segment per part, so a
    GPS tool never draws a line across the whole map."""
    gpx = ET.Element("gpx", xmlns=GPX_NS, version="1.1", creator="itinerary")
    meta = ET.SubElement(gpx, "metadata")
    _sub(meta, "name", title)
    for row in _rows(stops):
        if not _is_placed(row):
            continue
        wpt = ET.SubElement(gpx, "wpt", lat=_fmt(row["lat"]), lon=_fmt(row["lon"]))
        if _text(row.get("start_min")):
            _sub(wpt, "time", _gpx_time(_text(row.get("start_min"))))
        _sub(wpt, "name", _text(row.get("place")))
        _sub(wpt, "desc", _stop_description(row))
        if _text(row.get("kind")):
            _sub(wpt, "type", _text(row.get("kind")))
    trk = ET.SubElement(gpx, "trk")
    _sub(trk, "name", title)
    for row in _rows(moves):
        parts = _path(row.get("path"))
        for i, part in enumerate(parts):
            seg = ET.SubElement(trk, "trkseg")
            for j, (lat, lon) in enumerate(part):
                pt = ET.SubElement(seg, "trkpt", lat=_fmt(lat), lon=_fmt(lon))
                if i == 0 and j == 0 and _text(row.get("depart")):
                    _sub(pt, "time", _gpx_time(_text(row.get("depart"))))
                elif i == len(parts) - 1 and j == len(part) - 1 and _text(row.get("arrive")):
                    _sub(pt, "time", _gpx_time(_text(row.get("arrive"))))
    return _serialise(gpx)


def _gpx_time(day: str) -> str:
    """xsd:dateTime at midnight UTC: valid for any year, unlike an epoch timestamp."""
    return day if "T" in day else f"{day}T00:00:00Z"


# --- writing ----------------------------------------------------------------------------------

def render(fmt: str, stops: pd.DataFrame, moves: pd.DataFrame,
           periods: pd.DataFrame | None = None, *, title: str | None = None) -> str:
    """The export as text (one trailing newline), identical bytes for identical input."""
    if fmt == "geojson":
        data = to_geojson(stops, moves, periods)
        return json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":")) + "\n"
    if fmt == "kml":
        return to_kml(stops, moves, title=title or DEFAULT_TITLE)
    if fmt == "csv":
        return to_csv(stops)
    if fmt == "gpx":
        return to_gpx(stops, moves, title=title or DEFAULT_TITLE)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write_export(fmt: str, stops: pd.DataFrame, moves: pd.DataFrame,
                 periods: pd.DataFrame | None, out: Path | None, *,
                 title: str | None = None) -> None:
    """Write the export atomically to ``out`` (a failed run leaves the old file intact), or to
    stdout when ``out`` is None."""
    text = render(fmt, stops, moves, periods, title=title)
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .atomic import write_text
    from .write import ensure_dir

    ensure_dir(Path(out).parent)
    write_text(out, text)


def format_for(path: str | Path) -> str | None:
    """Guess the format from an output file name (``trip.kml`` -> "kml")."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"json": "geojson"}.get(suffix, suffix) if suffix in (*FORMATS, "json") else None


# --- shared helpers ---------------------------------------------------------------------------

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """A child element with text that XML 1.0 can carry (control characters dropped)."""
    child = ET.SubElement(parent, tag)
    child.text = _XML_ILLEGAL.sub("", text)
    return child


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _rows(table: pd.DataFrame | None) -> Iterator[dict[str, Any]]:
    if table is None or table.empty:
        return
    for record in table.to_dict(orient="records"):
        yield {str(k): v for k, v in record.items()}


def _path(value: Any) -> list[list[list[float]]]:
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else []
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [[[float(lat), float(lon)] for lat, lon in part] for part in value if len(part)]


def _alternatives(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    text = _text(value)
    if not text:
        return []
    try:
        parsed = json.loads(text)
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def _is_placed(row: dict[str, Any]) -> bool:
    return _bool(row.get("placed", True)) and _num(row.get("lat")) is not None \
        and _num(row.get("lon")) is not None


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _num(value: Any) -> float | None:
    if value is None or isinstance(value, str):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _int(value: Any) -> int | None:
    number = _num(value)
    return None if number is None else int(number)


def _bool(value: Any) -> bool:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _coord(value: Any) -> float:
    number = round(float(value), DECIMALS)
    return 0.0 if number == 0 else number


def _fmt(value: Any) -> str:
    return repr(_coord(value))
