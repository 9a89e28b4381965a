"""The one record of a stop and of a move, as every output shows them.

The page, the GeoJSON, KML and GPX exports and the folium view all read the pipeline's tables
through here, so a stop has the same name, dates, coordinates and region wherever it appears.
Records come as columns (one list per field): the page sends them that way (at 100,000 stops
the field names would otherwise be repeated a million times), and ``rows`` turns them into
one dict per stop for the exports.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any, Final

import numpy as np
import pandas as pd

from ..stages import cells

DECIMALS: Final = 5  # ~1 m: plenty for a map, keeps files small and diffs stable

#: A stop: its position in time (``seq``), the name as the table writes it (``name``) and
#: today's (``today``), ISO ``start``/``end`` and their day numbers (``d0``/``d1``, proleptic
#: Gregorian ordinals: the browser never does Date arithmetic on years before 1970), the label
#: historians write, the table's own text, coordinates at 5 decimals (None when not placed),
#: the region's GeoJSON geometry (``area``, None for a point) and where the place came from.
STOP_FIELDS: Final = (
    "seq", "id", "name", "today", "country", "kind", "period", "start", "end", "d0", "d1",
    "label", "uncertain", "calendar", "note", "source", "evidence", "lat", "lon", "placed",
    "area", "geo_source", "confidence", "match", "alternatives",
)
#: The life a stop or a move belongs to (``model.PERSON``, the person's id) when a trip has
#: several: asked for by the outputs only then (``with_person``), so one life's records and
#: exports stay as they were.
PERSON_FIELD: Final = "person"
#: A move: its ends (stops by ``seq`` and id), ISO days and day numbers, kind, length and arc.
MOVE_FIELDS: Final = ("from_seq", "to_seq", "from_id", "to_id", "depart", "arrive", "d0", "d1",
                      "kind", "km", "path")

#: numpy's day 0 (1970-01-01) as a proleptic Gregorian ordinal
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def stop_columns(stops: pd.DataFrame | None, fields: tuple[str, ...] = STOP_FIELDS
                 ) -> dict[str, list[Any]]:
    """The stops in ``seq`` order as columns, only ``fields`` (the costly ones are computed
    only when asked for)."""
    if stops is None or len(stops) == 0:
        return {name: [] for name in fields}
    if "seq" in stops.columns:
        stops = stops.sort_values("seq", kind="stable")
    n = len(stops)

    def text(name: str) -> list[str]:
        return _texts(stops, name, n)

    lat, lon = _rounded(stops, "lat", n, DECIMALS), _rounded(stops, "lon", n, DECIMALS)
    flags = [cells.flag(v) for v in stops["placed"].tolist()] if "placed" in stops.columns \
        else [True] * n
    placed = [f and a is not None and b is not None for f, a, b in zip(flags, lat, lon,
                                                                      strict=True)]
    start = [a or b for a, b in zip(text("start_min"), text("start"), strict=True)]
    end = [a or b for a, b in zip(text("end_max"), start, strict=True)]
    d0, d1 = days(start), days(end)
    d1 = [b if a is None or (b is not None and b >= a) else a for a, b in zip(d0, d1, strict=True)]
    makers: dict[str, Callable[[], list[Any]]] = {
        "seq": lambda: [int(s) for s in stops["seq"].tolist()] if "seq" in stops.columns
        else list(range(n)),
        "id": lambda: text("id"),
        "name": lambda: text("place"),
        "today": lambda: text("resolved_name"),
        "country": lambda: text("resolved_country"),
        "kind": lambda: text("kind"),
        "period": lambda: text("period"),
        "start": lambda: start,
        "end": lambda: end,
        "d0": lambda: d0,
        "d1": lambda: d1,
        "label": lambda: [a or b for a, b in zip(text("date_label"), start, strict=True)],
        "uncertain": lambda: [cells.flag(v) for v in _column(stops, "uncertain", n)],
        "calendar": lambda: text("calendar"),
        "note": lambda: text("note"),
        "source": lambda: text("source"),
        "evidence": lambda: text("evidence"),
        "lat": lambda: [a if p else None for a, p in zip(lat, placed, strict=True)],
        "lon": lambda: [b if p else None for b, p in zip(lon, placed, strict=True)],
        "placed": lambda: placed,
        "area": lambda: [area(v) if p else None for v, p in zip(_column(stops, "area", n),
                                                                placed, strict=True)],
        "geo_source": lambda: text("geo_source"),
        "confidence": lambda: [cells.number(v) for v in _column(stops, "confidence", n)],
        "match": lambda: text("match"),
        "alternatives": lambda: [_alternatives(v) for v in _column(stops, "alternatives", n)],
        "precision": lambda: _precisions(stops, n),
        # whether ``name`` is another (former) name of ``today``'s place: the page writes
        # "name, now today" only then (None: not known, a table resolved without the flag)
        "renamed": lambda: ([cells.flag(v) for v in stops["renamed"].tolist()]
                            if "renamed" in stops.columns else [None] * n),
        # the place an approximate (fuzzy) match chose, for "matched to X" on the card
        "matched": lambda: [t if m == "fuzzy" else "" for t, m in zip(
            text("resolved_name"), text("match"), strict=True)],
        "person": lambda: text("person"),
    }
    return {name: makers[name]() for name in fields}


def _precisions(stops: pd.DataFrame, n: int) -> list[str]:
    """Each stop's coarsest written precision ("day", "month", "season", "year"; "" when the
    table has no written dates): how finely the page's clock may count next to it. Asked for
    for by the page only, so not in STOP_FIELDS."""
    from ..stages.dates import precision_of

    known: dict[tuple[Any, Any, Any], str] = {}  # a long table repeats its dates
    out = []
    for cells_of_row in zip(_column(stops, "start", n), _column(stops, "end", n),
                            _column(stops, "calendar", n), strict=True):
        got = known.get(cells_of_row)
        if got is None:
            got = known[cells_of_row] = precision_of(*cells_of_row)
        out.append(got)
    return out


def move_columns(moves: pd.DataFrame | None, fields: tuple[str, ...] = MOVE_FIELDS
                 ) -> dict[str, list[Any]]:
    """The moves ordered by arrival, as columns; ``path`` is the arc's parts of ``[lat, lon]``
    (empty when the table was built without paths)."""
    if moves is None or len(moves) == 0:
        return {name: [] for name in fields}
    moves = moves.sort_values(["to_seq", "from_seq"], kind="stable")
    n = len(moves)

    def text(name: str) -> list[str]:
        return _texts(moves, name, n)

    makers: dict[str, Callable[[], list[Any]]] = {
        "from_seq": lambda: [int(v) for v in moves["from_seq"].tolist()],
        "to_seq": lambda: [int(v) for v in moves["to_seq"].tolist()],
        "from_id": lambda: text("from_id"),
        "to_id": lambda: text("to_id"),
        "depart": lambda: text("depart"),
        "arrive": lambda: text("arrive"),
        "d0": lambda: days(text("depart")),
        "d1": lambda: days(text("arrive")),
        "kind": lambda: [k or "travel" for k in text("kind")],
        "km": lambda: _rounded(moves, "distance_km", n, 1),
        "path": lambda: [_path(v) for v in _column(moves, "path", n)],
        "person": lambda: text("person"),
    }
    return {name: makers[name]() for name in fields}


def with_person(frame: pd.DataFrame | None, fields: tuple[str, ...]) -> tuple[str, ...]:
    """``fields`` plus ``person`` when the table has that column (a trip of several lives)."""
    has = frame is not None and PERSON_FIELD in frame.columns and PERSON_FIELD not in fields
    return (*fields, PERSON_FIELD) if has else fields


def rows(table: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The rows of a column table (what the browser's ``rowsOf`` makes)."""
    names = list(table)
    return [dict(zip(names, values, strict=True))
            for values in zip(*(table[k] for k in names), strict=True)]


def records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    """A small table's rows as dicts keyed by column name (the periods table)."""
    if frame is None or len(frame) == 0:
        return []
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


#: A basemap town this close to a stop is the stop's place (its label point is rounded to 0.01°).
TOWN_KM: Final = 25.0


def now_names(stop_cols: dict[str, list[Any]], lang: str) -> list[str]:
    """What follows "now" after each stop's name ("Petrograd, now Saint Petersburg"), "" for
    none: the one rule for the page and the notebook view.

    Only for another name of the place (the resolver's ``renamed``; None, a table resolved
    without it: when the names differ), never for an approximate match, and never when the
    table's name is the place's name today in the page's language: "Wien" on a German page, or
    "Vienna" on an English one, is no former name, though either is another name of "Wien"'s
    place. The modern name is written in the page's language where the basemap knows the town
    ("Petrograd, heute Sankt Petersburg")."""
    from ..moves.geodesy import arc_km
    from ..resolve.normalise import key
    from .basemap import towns

    bands = towns(lang)
    out = []
    for name, today, renamed, matched, lat, lon in zip(
            stop_cols["name"], stop_cols["today"], stop_cols["renamed"], stop_cols["matched"],
            stop_cols["lat"], stop_cols["lon"], strict=True):
        if not today or renamed is False or matched or key(today) == key(name):
            out.append("")
            continue
        near = [] if lat is None else [t for b in (-1, 0, 1)
                                       for t in bands.get(math.floor(lat) + b, ())]
        dist = {t: arc_km((t[0], t[1]), (lat, lon)) for t in near}
        town = min((t for t in near if dist[t] <= TOWN_KM), key=dist.__getitem__, default=None)
        if town is not None and key(town[3]) == key(name):
            out.append("")  # the place's name today in this language
            continue
        out.append(town[3] if town is not None and key(town[2]) == key(today) else today)
    return out


def translate(stop_cols: dict[str, list[Any]], stops: pd.DataFrame, lang: str) -> None:
    """The stops' date labels in ``lang`` (a label the dates cannot give keeps the English
    one) and their notes from ``note_<lang>`` where the table has one."""
    from ..stages.dates import labels

    def column(name: str) -> list[Any]:
        return stops[name].tolist() if name in stops.columns else [""] * len(stops)

    local = labels(column("start"), column("end"), column("calendar"), lang)
    stop_cols["label"] = [a or b for a, b in zip(local, stop_cols["label"], strict=True)]
    own = f"note_{lang}"
    if own in stops.columns:
        stop_cols["note"] = [cells.text(a) or b for a, b in zip(column(own), stop_cols["note"],
                                                                 strict=True)]


def period_record(row: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """A period: id, title (``title_<lang>`` where the table has it, else ``title``, else the
    id), ISO start and end with their day numbers, colour."""
    start = cells.text(row.get("start_min")) or cells.text(row.get("start"))
    end = cells.text(row.get("end_max")) or cells.text(row.get("end"))
    return {"id": cells.text(row.get("id")),
            "title": cells.text(row.get(f"title_{lang}")) or cells.text(row.get("title"))
            or cells.text(row.get("id")),
            "start": start, "end": end, "d0": day(start), "d1": day(end),
            "color": cells.text(row.get("color")) or "#555555"}


def area(value: Any) -> dict[str, Any] | None:
    """A region's GeoJSON geometry (coordinates at 5 decimals), or None when absent or not
    valid GeoJSON text."""
    text = cells.text(value)
    if not text:
        return None
    try:
        geometry = json.loads(text)
    except ValueError:
        return None
    return _round_geometry(geometry) if isinstance(geometry, dict) and "type" in geometry \
        else None


def day(iso: Any) -> int | None:
    """Day number of an ISO date (``1879-11-07``); None when absent or unreadable."""
    text = cells.text(iso)
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def days(values: list[str]) -> list[int | None]:
    """:func:`day` of many ISO dates: numpy parses the plain ``YYYY-MM-DD`` ones at once (what
    the date stage writes); anything else goes through ``day`` one by one."""
    plain = [t if len(t) == 10 and _ISO_DAY.fullmatch(t) else "NaT" for t in values]
    try:
        out = (np.array(plain, dtype="datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL).tolist()
    except ValueError:  # e.g. 1905-02-30: numpy refuses it, day() says None
        return [day(t) for t in values]
    return [d if p != "NaT" else day(t) for d, p, t in zip(out, plain, values, strict=True)]


def _column(frame: pd.DataFrame, name: str, n: int) -> list[Any]:
    return frame[name].tolist() if name in frame.columns else [None] * n


def _texts(frame: pd.DataFrame, name: str, n: int) -> list[str]:
    return [cells.text(v) for v in _column(frame, name, n)] if name in frame.columns \
        else [""] * n


def _rounded(frame: pd.DataFrame, name: str, n: int, digits: int) -> list[float | None]:
    """A numeric column rounded in bulk; missing, unreadable or infinite values are None."""
    if name not in frame.columns:
        return [None] * n
    values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        rounded = (np.round(values, digits) + 0.0).tolist()  # + 0.0: no -0.0 in the outputs
    ok = np.isfinite(values).tolist()
    return [v if good else None for v, good in zip(rounded, ok, strict=True)]


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
    return round(float(value), DECIMALS) + 0.0


def _path(value: Any) -> list[list[list[float]]]:
    """An arc's parts: a list, or its JSON text in a table read back from a file."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else []
    if not isinstance(value, list | tuple):
        return []
    return [[[float(lat), float(lon)] for lat, lon in part] for part in value if len(part)]


def _alternatives(value: Any) -> list[Any]:
    """The resolver's runner-ups: a list, or its JSON text in a table read back from CSV."""
    if isinstance(value, list | tuple):
        return list(value)
    text = cells.text(value)
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return []
    return data if isinstance(data, list) else []
