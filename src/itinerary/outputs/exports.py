"""Exports of a built itinerary: GeoJSON, KML, CSV and GPX.

Lesson material travels beyond our map page: into QGIS, Google Earth (whose time slider plays
the KML), spreadsheets and GPS tools. Every format is built from the same ordered stops and
moves tables, with dates as ISO 8601 strings (never epoch timestamps, which cannot say 1879)
and coordinates at 5 decimals, so the same input always gives the same bytes. A stop and a
move are the same records the page shows (``records``), styled by ``moves.kinds.MOVE_STYLES``.
"""

from __future__ import annotations

import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Final

import pandas as pd

from ..model import DATE_COLUMNS, INPUT_COLUMNS, RESOLVED_COLUMNS, ROW
from ..moves.kinds import MOVE_STYLES
from ..paths import safe_text
from .records import (
    DECIMALS,
    MOVE_FIELDS,
    STOP_FIELDS,
    move_columns,
    period_record,
    records,
    rows,
    stop_columns,
    with_person,
)
from .spreadsheet import frame_csv

FORMATS = ("geojson", "kml", "csv", "gpx")
KML_NS = "http://www.opengis.net/kml/2.2"
GPX_NS = "http://www.topografix.com/GPX/1/1"
DEFAULT_TITLE = "Itinerary"


# --- GeoJSON --------------------------------------------------------------------------------

def to_geojson(stops: pd.DataFrame, moves: pd.DataFrame,
               periods: pd.DataFrame | None = None) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: one Feature per stop (``feature_type`` "stop"), then one
    per move ("move"). Positions are ``[lon, lat]``; an unplaced stop keeps its row with a null
    geometry so that nothing from the teacher's table silently disappears."""
    by_period = {p["id"]: p for p in map(period_record, records(periods))}
    features = [_stop_feature(stop, by_period)
                for stop in rows(stop_columns(stops, with_person(stops, STOP_FIELDS)))]
    features += [_move_feature(move)
                 for move in rows(move_columns(moves, with_person(moves, MOVE_FIELDS)))]
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    people = _persons(stops)
    if people:  # several lives: each feature's "person" is one of these ids
        collection["persons"] = people
    if by_period:
        collection["periods"] = [  # a foreign member (RFC 7946 §6.1): legend for consumers
            {key: p[key] for key in ("id", "title", "start", "end", "color")}
            for p in by_period.values()
        ]
    return collection


def _stop_feature(stop: dict[str, Any], by_period: dict[str, dict[str, Any]]) -> dict[str, Any]:
    period = by_period.get(stop["period"], {})
    props = {
        "feature_type": "stop",
        "id": stop["id"],
        "seq": stop["seq"],
        "place": stop["name"],
        "resolved_name": stop["today"],
        "country": stop["country"],
        "start": stop["start"],
        "end": stop["end"],
        "date_label": stop["label"],
        "uncertain": stop["uncertain"],
        "period": stop["period"],
        "period_title": period.get("title", ""),
        "period_color": period.get("color", ""),
        "kind": stop["kind"],
        "note": stop["note"],
        "source": stop["source"],
        "evidence": stop["evidence"],
        "geo_source": stop["geo_source"],
        "confidence": stop["confidence"],
        "match": stop["match"],
        "alternatives": stop["alternatives"],
        "placed": stop["placed"],
    }
    if "person" in stop:
        props["person"] = stop["person"]
    geometry = None
    if stop["placed"]:
        geometry = stop["area"] or {"type": "Point", "coordinates": [stop["lon"], stop["lat"]]}
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _move_feature(move: dict[str, Any]) -> dict[str, Any]:
    parts = [[[lon, lat] for lat, lon in part] for part in move["path"]]
    geometry: dict[str, Any] | None
    if not parts:
        geometry = None
    elif len(parts) == 1:
        geometry = {"type": "LineString", "coordinates": parts[0]}
    else:  # split at the antimeridian (RFC 7946 §3.1.9)
        geometry = {"type": "MultiLineString", "coordinates": parts}
    props = {key: move[key] for key in ("from_id", "to_id", "from_seq", "to_seq", "depart",
                                        "arrive", "kind")}
    props.update(feature_type="move", distance_km=move["km"])
    if "person" in move:
        props["person"] = move["person"]
    return {"type": "Feature", "geometry": geometry, "properties": props}


# --- KML --------------------------------------------------------------------------------------

#: A stop's pin by its kind: a life's fixed points larger, passing ones smaller.
KML_KIND_SCALE: Final = {"birth": 1.3, "death": 1.3, "residence": 1.1, "exile": 1.1,
                         "prison": 1.1, "internment": 1.1, "visit": 0.8, "travel": 0.8,
                         "conference": 0.9, "front": 0.9}
NO_PERIOD_COLOUR: Final = "#555555"
#: A region's fill: its period's colour, a third opaque, so the map shows through.
KML_FILL_ALPHA: Final = "55"


def to_kml(stops: pd.DataFrame, moves: pd.DataFrame, *, title: str = DEFAULT_TITLE,
           periods: pd.DataFrame | None = None) -> str:
    """KML 2.2 for Google Earth: Folder "Stops" (TimeSpan + Point, or for a region the Point
    and its area as Polygons, as the GeoJSON draws it) and Folder "Moves" (TimeStamp of the
    arrival + LineString), so the time slider replays the life; for several lives one Folder
    per person (its name) holding its own two. A stop's style gives it its period's colour
    (pin, outline and fill) and a pin size by kind. Built with ElementTree, so user text is
    always escaped; descriptions are additionally HTML-escaped because Google Earth renders
    them as HTML, and a note in a spreadsheet is data, never markup. Unplaced stops are left
    out (``placed_count`` says how many are in)."""
    kml = ET.Element("kml", xmlns=KML_NS)  # default namespace, no "ns0:" prefixes
    doc = ET.SubElement(kml, "Document")
    _sub(doc, "name", title)
    for kind, style_of in MOVE_STYLES.items():
        style = ET.SubElement(doc, "Style", id=f"move-{kind}")
        line = ET.SubElement(style, "LineStyle")
        _sub(line, "color", kml_colour(str(style_of["color"])))
        _sub(line, "width", str(style_of["weight"]))
    stop_rows = rows(stop_columns(stops, with_person(stops, STOP_FIELDS)))
    move_rows = rows(move_columns(moves, with_person(moves, MOVE_FIELDS)))
    styles = _kml_stop_styles(doc, stop_rows, periods)
    names = {stop["seq"]: stop["name"] for stop in stop_rows}
    people = _persons(stops)
    if not people:
        _kml_life(doc, stop_rows, move_rows, names, styles)
    for person in people:
        folder = ET.SubElement(doc, "Folder", id=f"person-{person['id']}")
        _sub(folder, "name", person["name"])
        _kml_life(folder, [s for s in stop_rows if s["person"] == person["id"]],
                  [m for m in move_rows if m.get("person") == person["id"]], names, styles)
    return _serialise(kml)


def _kml_stop_styles(doc: ET.Element, stop_rows: list[dict[str, Any]],
                     periods: pd.DataFrame | None) -> dict[tuple[str, str], str]:
    """One Style per (period, kind) the placed stops have, in order of first use; ids made of
    numbers, so no text from the table goes into an id."""
    colours = {p["id"]: p["color"] for p in map(period_record, records(periods))}
    period_ids = list(dict.fromkeys(str(s["period"] or "") for s in stop_rows if s["placed"]))
    styles: dict[tuple[str, str], str] = {}
    for stop in stop_rows:
        key = (str(stop["period"] or ""), str(stop["kind"] or ""))
        if not stop["placed"] or key in styles:
            continue
        styles[key] = f"stop-{period_ids.index(key[0])}-{len(styles)}"
        colour = kml_colour(_rgb(colours.get(key[0])))
        style = ET.SubElement(doc, "Style", id=styles[key])
        icon = ET.SubElement(style, "IconStyle")
        _sub(icon, "color", colour)
        _sub(icon, "scale", str(KML_KIND_SCALE.get(key[1], 1.0)))
        line = ET.SubElement(style, "LineStyle")
        _sub(line, "color", colour)
        _sub(line, "width", "2")
        poly = ET.SubElement(style, "PolyStyle")
        _sub(poly, "color", KML_FILL_ALPHA + colour[2:])
    return styles


def _rgb(colour: Any) -> str:
    text = str(colour or "")
    return text if re.fullmatch(r"#[0-9a-fA-F]{6}", text) else NO_PERIOD_COLOUR


def _kml_life(doc: ET.Element, stop_rows: list[dict[str, Any]],
              move_rows: list[dict[str, Any]], names: dict[int, str],
              styles: dict[tuple[str, str], str]) -> None:
    """The Folders "Stops" and "Moves" of one life (or of the whole of one)."""
    folder = ET.SubElement(doc, "Folder")
    _sub(folder, "name", "Stops")
    for stop in stop_rows:
        if not stop["placed"]:
            continue
        mark = _placemark(folder, stop["name"], _stop_description(stop))
        span = ET.SubElement(mark, "TimeSpan")
        _sub(span, "begin", stop["start"])
        _sub(span, "end", stop["end"])
        _sub(mark, "styleUrl", f"#{styles[(str(stop['period'] or ''), str(stop['kind'] or ''))]}")
        _extended_data(mark, {"id": stop["id"], "kind": stop["kind"], "period": stop["period"],
                              "resolved_name": stop["today"], "source": stop["source"],
                              **({"person": stop["person"]} if "person" in stop else {})})
        polygons = _polygons(stop["area"])
        parent = ET.SubElement(mark, "MultiGeometry") if polygons else mark
        point = ET.SubElement(parent, "Point")  # the pin and label, also on a region
        _sub(point, "coordinates", f"{stop['lon']!r},{stop['lat']!r}")
        for rings in polygons:
            polygon = ET.SubElement(parent, "Polygon")
            _sub(polygon, "tessellate", "1")
            for i, ring in enumerate(rings):
                bound = ET.SubElement(polygon, "outerBoundaryIs" if i == 0 else "innerBoundaryIs")
                linear = ET.SubElement(bound, "LinearRing")
                _sub(linear, "coordinates", " ".join(f"{_fmt(p[0])},{_fmt(p[1])}" for p in ring))

    folder = ET.SubElement(doc, "Folder")
    _sub(folder, "name", "Moves")
    for move in move_rows:
        if not move["path"]:
            continue
        origin = names.get(move["from_seq"], "") or move["from_id"]
        dest = names.get(move["to_seq"], "") or move["to_id"]
        mark = _placemark(folder, f"{origin} → {dest}", _move_description(move))
        if move["arrive"]:
            stamp = ET.SubElement(mark, "TimeStamp")
            _sub(stamp, "when", move["arrive"])
        _sub(mark, "styleUrl", f"#move-{move['kind']}")
        _extended_data(mark, {key: move[key] for key in
                              ("from_id", "to_id", "kind", "depart", "arrive")})
        parent = ET.SubElement(mark, "MultiGeometry") if len(move["path"]) > 1 else mark
        for part in move["path"]:
            line = ET.SubElement(parent, "LineString")
            _sub(line, "tessellate", "1")
            _sub(line, "coordinates", " ".join(f"{_fmt(lon)},{_fmt(lat)}" for lat, lon in part))


def _polygons(area: dict[str, Any] | None) -> list[list[list[Any]]]:
    """A region's GeoJSON Polygon or MultiPolygon as a list of polygons, each a list of rings
    (the outer boundary first, then the holes); [] for no area or another geometry."""
    if not area:
        return []
    coordinates = area.get("coordinates") or []
    polygons = ([coordinates] if area.get("type") == "Polygon" else
                coordinates if area.get("type") == "MultiPolygon" else [])
    return [[ring for ring in polygon if len(ring) >= 4] for polygon in polygons
            if polygon and len(polygon[0]) >= 4]


def placed_count(stops: pd.DataFrame) -> int:
    """How many stops are on the map (KML and GPX leave the others out)."""
    return int(stops["placed"].astype(bool).sum()) if "placed" in stops.columns else len(stops)


def _placemark(folder: ET.Element, name: str, description: str) -> ET.Element:
    """A Placemark with its name and its description balloon."""
    mark = ET.SubElement(folder, "Placemark")
    _sub(mark, "name", name)
    _sub(mark, "description", _balloon(description))
    return mark


def _balloon(text: str) -> str:
    """Google Earth shows a description as HTML: escape the user's text, keep our line breaks."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def _extended_data(mark: ET.Element, values: dict[str, str]) -> None:
    data = ET.SubElement(mark, "ExtendedData")
    for key, value in values.items():
        item = ET.SubElement(data, "Data", name=key)
        _sub(item, "value", value)


def kml_colour(rgb: str) -> str:
    """``#rrggbb`` as KML writes colours: opaque ``aabbggrr``."""
    return f"ff{rgb[5:7]}{rgb[3:5]}{rgb[1:3]}".lower()


def _stop_description(stop: dict[str, Any]) -> str:
    lines = [stop["label"], stop["note"]]
    if stop["today"] and stop["today"] != stop["name"]:
        lines.append(f"Today: {stop['today']}")
    if stop["source"]:
        lines.append(f"Source: {stop['source']}")
    return "\n".join(line for line in lines if line)


def _move_description(move: dict[str, Any]) -> str:
    distance = f", {move['km']:g} km" if move["km"] is not None else ""
    return f"{move['kind']}{distance}: {move['depart']} – {move['arrive']}"


# --- CSV --------------------------------------------------------------------------------------

def to_csv(stops: pd.DataFrame) -> str:
    """The resolved table: the teacher's columns (their own extra ones included), then the
    normalised dates and the resolution, coordinates at 5 decimals. Reads back with pandas,
    and with ``itinerary`` as the same table; a text cell a spreadsheet would run as a formula
    is written quoted (``spreadsheet.neutralise``)."""
    order = ["seq", ROW, *INPUT_COLUMNS]
    extras = [c for c in stops.columns if c not in order and c not in DATE_COLUMNS
              and c not in RESOLVED_COLUMNS and not str(c).startswith("_")]
    order += extras + [*DATE_COLUMNS, *RESOLVED_COLUMNS]
    columns = [c for c in dict.fromkeys(order) if c in stops.columns]
    table = stops.loc[:, columns].copy()
    for name in ("lat", "lon", "lat_override", "lon_override"):
        if name in table.columns:
            table[name] = pd.to_numeric(table[name], errors="coerce").round(DECIMALS)
    return frame_csv(table)


# --- GPX --------------------------------------------------------------------------------------

def to_gpx(stops: pd.DataFrame, moves: pd.DataFrame, *, title: str = DEFAULT_TITLE) -> str:
    """GPX 1.1: a waypoint per placed stop (time = its earliest start) and one track whose
    segments are the moves (one track per person, named after them, for several lives); a move
    split at the antimeridian gives one segment per part, so a GPS tool never draws a line
    across the whole map."""
    gpx = ET.Element("gpx", xmlns=GPX_NS, version="1.1", creator="itinerary")
    meta = ET.SubElement(gpx, "metadata")
    _sub(meta, "name", title)
    for stop in rows(stop_columns(stops)):
        if not stop["placed"]:
            continue
        wpt = ET.SubElement(gpx, "wpt", lat=_fmt(stop["lat"]), lon=_fmt(stop["lon"]))
        if stop["start"]:
            _sub(wpt, "time", _gpx_time(stop["start"]))
        _sub(wpt, "name", stop["name"])
        _sub(wpt, "desc", _stop_description(stop))
        if stop["kind"]:
            _sub(wpt, "type", stop["kind"])
    move_rows = rows(move_columns(moves, with_person(moves, MOVE_FIELDS)))
    people = _persons(stops)
    tracks = [(title, move_rows)] if not people else [
        (p["name"], [m for m in move_rows if m.get("person") == p["id"]]) for p in people]
    for name, track in tracks:
        trk = ET.SubElement(gpx, "trk")
        _sub(trk, "name", name)
        _gpx_track(trk, track)
    return _serialise(gpx)


def _gpx_track(trk: ET.Element, move_rows: list[dict[str, Any]]) -> None:
    """The moves as segments; a move's first point has its departure time and its last its
    arrival, each only when strictly later than the track's time before it (uncertain dates
    can make two stays overlap): a GPS tool reads the times of a track as always rising."""
    last: tuple[int, Any] | None = None
    for move in move_rows:
        parts = move["path"]
        for i, part in enumerate(parts):
            seg = ET.SubElement(trk, "trkseg")
            for j, (lat, lon) in enumerate(part):
                pt = ET.SubElement(seg, "trkpt", lat=_fmt(lat), lon=_fmt(lon))
                when = (move["depart"] if i == 0 and j == 0 else
                        move["arrive"] if i == len(parts) - 1 and j == len(part) - 1 else "")
                if when and (last is None or _instant(when) > last):
                    _sub(pt, "time", _gpx_time(when))
                    last = _instant(when)


def _instant(day: str) -> tuple[int, Any]:
    """A sort key of an ISO date or date-time: (0, its day and time), or (1, the text)."""
    from datetime import date, datetime

    try:
        moment = datetime.fromisoformat(day.replace("Z", "+00:00")) if "T" in day \
            else date.fromisoformat(day)
        return 0, (moment.toordinal(), moment.isoformat())
    except ValueError:
        return 1, day


def _gpx_time(day: str) -> str:
    """xsd:dateTime at midnight UTC: valid for any year, unlike an epoch timestamp."""
    return day if "T" in day else f"{day}T00:00:00Z"


# --- writing ----------------------------------------------------------------------------------

def render(fmt: str, stops: pd.DataFrame, moves: pd.DataFrame,
           periods: pd.DataFrame | None = None, *, title: str | None = None) -> str:
    """The export as text (one trailing newline), identical bytes for identical input; text
    that is not UTF-8 (a title from a file name of other bytes) is written with U+FFFD."""
    text = _render(fmt, stops, moves, periods, title=safe_text(title) if title else None)
    return safe_text(text)


def _render(fmt: str, stops: pd.DataFrame, moves: pd.DataFrame,
            periods: pd.DataFrame | None, *, title: str | None) -> str:
    if fmt == "geojson":
        data = to_geojson(stops, moves, periods)
        return json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":")) + "\n"
    if fmt == "kml":
        return to_kml(stops, moves, title=title or DEFAULT_TITLE, periods=periods)
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

def _persons(stops: pd.DataFrame | None) -> list[dict[str, str]]:
    """The lives of a trip of several (id, name, colour); [] for one life."""
    from ..stages.persons import persons_of

    return persons_of(stops)


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """A child element with text that XML 1.0 can carry (control characters dropped)."""
    child = ET.SubElement(parent, tag)
    child.text = _XML_ILLEGAL.sub("", safe_text(text))
    return child


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _coord(value: Any) -> float:
    number = round(float(value), DECIMALS)
    return 0.0 if number == 0 else number


def _fmt(value: Any) -> str:
    return repr(_coord(value))
