"""Derive the page's offline atlas basemap from Natural Earth GeoJSON.

    python scripts/derive_basemap.py [NATURAL_EARTH_DIR] [-o OUT_DIR]

Reads the Natural Earth files (default ``../shared/naturalearth`` relative to the repository;
public domain, see its README.md) and writes into ``src/itinerary/outputs/basemap/``:

* ``110m.json`` and ``50m.json``: one detail level each (the page draws 110m below zoom 3.5
  and 50m from zoom 3.5): the land, the lakes and the rivers, simplified with shapely, snapped
  to a grid and written as rings (polygons) or lines of delta-encoded integers (the encoding is
  below);
* ``labels.json``: named points for the page's reference labels: seas and gulfs, lakes, rivers,
  reference towns and regions, each with the zoom from which to show it and its rank, as
  columns (``kind``, ``name``, ``lat``, ``lon``, ``minZoom``, ``rank`` and ``names``, one column
  per language, "" where there is no other name).

The names in other languages: a town's from Natural Earth (``NAME_DE`` ...), else CLDR's
exemplar city of a time zone whose point is within 25 km and whose English name is the town's
(through Babel; the zones' points from the ``tzdata`` package); a sea's, lake's, river's or
region's from the curated table ``scripts/basemap_names.csv`` (``kind,name,de,fr,es,ru,uk``),
else Natural Earth's (``name_fr`` of the seas). A name equal to the English one is not written.

The output is the same, byte for byte, on every run with the same input (tested).

**Encoding of a ring or line.** Coordinates in units of ``1 / q`` degree (``q`` per level:
``q = 100`` is 0.01°), the first point absolute, then each point as the difference from the one
before; each integer zigzag-encoded (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...) and written in 5-bit
groups, lowest first, as characters ``63 + group`` (``+ 32`` on every group but the last): the
encoding of Google's polyline format, with longitude first. A polygon's closing point is not
repeated; a layer's rings are filled together with the even-odd rule (holes are rings too).
"""

from __future__ import annotations

import argparse
import csv
import importlib.resources
import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, Polygon, shape
from shapely.ops import linemerge, polylabel

from itinerary.moves.geodesy import arc_km
from itinerary.outputs.basemap import decode as decode_degrees

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "naturalearth"
DEFAULT_OUT = ROOT / "src" / "itinerary" / "outputs" / "basemap"
NAMES_TABLE = ROOT / "scripts" / "basemap_names.csv"
FORMAT = 1

#: The detail levels: Natural Earth scale of land and lakes, the zoom from which the page draws
#: it, the grid (units per degree), the simplification tolerance (degrees), the smallest land
#: polygon and lake kept (square degrees), and the rivers: their scale and the largest
#: scalerank kept (major, minor). The world view takes the major rivers of the 50m set (the
#: 110m set has 13 rivers, without the Angara), simplified as coarsely as its land.
LEVELS = (
    {"name": "110m", "minZoom": 0, "q": 20, "tolerance": 0.08, "min_land": 0.0,
     "min_lake": 0.0, "rivers": ("50m", 2, 2)},
    {"name": "50m", "minZoom": 3.5, "q": 100, "tolerance": 0.02, "min_land": 0.002,
     "min_lake": 0.004, "rivers": ("50m", 4, 6)},
)
LANGUAGES = ("de", "fr", "es", "ru", "uk")
#: Regions worth a reference label on a map of lives: landscapes and historical areas, not
#: single islands or capes (the towns and seas name those surroundings well enough).
REGION_CLASSES = ("Geoarea", "Pen/cape", "Peninsula", "Plain", "Plateau", "Range/mtn", "Desert",
                  "Basin", "Tundra", "Lowland", "Isthmus", "Continent", "Island group")
MAX_REGION_RANK = 3
MARINE_CLASSES = ("ocean", "sea", "gulf", "bay", "strait", "channel", "sound")
#: A time zone's point names a town only this close (km), and only with the same English name.
TZ_MATCH_KM = 25.0
#: CLDR exemplar cities not taken, (zone, language): Ukrainian CLDR calls Jayapura "Джайпур"
#: (that is Jaipur, in India), and Grand Turk is the island of the town Cockburn Town.
CLDR_REFUSED = {("Asia/Jayapura", "uk"), *(("America/Grand_Turk", lang) for lang in LANGUAGES)}


# --- encoding ---------------------------------------------------------------------------------

def encode(points: list[tuple[int, int]]) -> str:
    """Delta-encoded integer points as text (the module docstring's encoding)."""
    out: list[str] = []
    px = py = 0
    for x, y in points:
        for delta in (x - px, y - py):
            value = delta * 2 if delta >= 0 else -delta * 2 - 1
            while value >= 32:
                out.append(chr(63 + (32 | (value & 31))))
                value >>= 5
            out.append(chr(63 + value))
        px, py = x, y
    return "".join(out)


def decode(text: str) -> list[tuple[int, int]]:
    """The inverse of :func:`encode` (for tests and checks): the package's decoder, in steps."""
    return [(int(x), int(y)) for x, y in decode_degrees(text, 1)]


def _grid(coords: Any, q: int, *, closed: bool) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for x, y in coords:
        point = (round(float(x) * q), round(float(y) * q))
        if not points or points[-1] != point:
            points.append(point)
    if closed and len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


# --- reading ----------------------------------------------------------------------------------

def read(source: Path, name: str) -> list[dict[str, Any]]:
    with (source / f"ne_{name}.json").open(encoding="utf-8") as f:
        features: list[dict[str, Any]] = json.load(f)["features"]
    return [f for f in features if f.get("geometry")]


def polygons(geometry: Any) -> list[Polygon]:
    if geometry.is_empty:
        return []
    if geometry.geom_type == "Polygon":
        return [geometry]
    return [g for part in getattr(geometry, "geoms", []) for g in polygons(part)]


def lines(geometry: Any) -> list[LineString]:
    if geometry.is_empty:
        return []
    if geometry.geom_type == "LineString":
        return [geometry]
    return [g for part in getattr(geometry, "geoms", []) for g in lines(part)]


# --- geometry layers --------------------------------------------------------------------------

def area_rings(features: list[dict[str, Any]], level: dict[str, Any], min_area: float
               ) -> list[str]:
    """Every polygon simplified, snapped to the level's grid (precision-aware, so no ring
    crosses itself), small ones dropped; outer rings and holes alike, as encoded rings."""
    q, tolerance = level["q"], level["tolerance"]
    rings: list[str] = []
    for feature in features:
        geometry = shape(feature["geometry"])
        simplified = geometry.simplify(tolerance, preserve_topology=True)
        snapped = shapely.set_precision(shapely.make_valid(simplified), 1.0 / q)
        for poly in polygons(snapped):
            if poly.area < max(min_area, 1e-12):
                continue
            for ring in (poly.exterior, *poly.interiors):
                if Polygon(ring).area < min_area:
                    continue
                points = _grid(ring.coords, q, closed=True)
                if len(points) >= 3:
                    rings.append(encode(points))
    return rings


def river_lines(features: list[dict[str, Any]], level: dict[str, Any], max_rank: int,
                min_rank: int = 0) -> list[str]:
    """Rivers (not the centre lines through lakes) of scalerank ``min_rank..max_rank``."""
    q, tolerance = level["q"], level["tolerance"]
    out: list[str] = []
    for feature in features:
        props = feature["properties"]
        if props.get("featurecla") != "River":
            continue
        if not min_rank <= int(props.get("scalerank") or 0) <= max_rank:
            continue
        geometry = shape(feature["geometry"]).simplify(tolerance, preserve_topology=False)
        for line in lines(geometry):
            points = _grid(line.coords, q, closed=False)
            if len(points) >= 2:
                out.append(encode(points))
    return out


def derive_level(source: Path, level: dict[str, Any]) -> dict[str, Any]:
    name = level["name"]
    scale, major, minor = level["rivers"]
    rivers = read(source, f"{scale}_rivers_lake_centerlines")
    return {
        "format": FORMAT,
        "name": name,
        "minZoom": level["minZoom"],
        "q": level["q"],
        "land": area_rings(read(source, f"{name}_land"), level, level["min_land"]),
        "lakes": area_rings(read(source, f"{name}_lakes"), level, level["min_lake"]),
        "rivers": river_lines(rivers, level, major),
        "minorRivers": river_lines(rivers, level, minor, major + 1) if minor > major else [],
    }


# --- labels -----------------------------------------------------------------------------------

def clean_name(name: Any) -> str:
    """One space between words; SHOUTED names (oceans, regions) in title case."""
    text = re.sub(r"\s+", " ", str(name or "")).strip()
    if text and text.upper() == text and any(c.isalpha() for c in text):
        small = {"of", "and", "de", "do", "du", "la", "le", "the"}
        words = text.lower().split(" ")
        text = " ".join(w if i and w in small else w[:1].upper() + w[1:]
                        for i, w in enumerate(words))
    return text


def _names(props: dict[str, Any], english: str, keys: dict[str, str]) -> dict[str, str]:
    """Other languages' names where Natural Earth has them and they differ from English."""
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        key = keys.get(lang)
        value = clean_name(props.get(key)) if key else ""
        if value and value != english:
            out[lang] = value
    return out


def _label(kind: str, name: str, names: dict[str, str], lat: float, lon: float,
           min_zoom: Any, rank: Any) -> dict[str, Any]:
    return {"kind": kind, "name": name, "names": names, "lat": round(lat, 2),
            "lon": round(lon, 2), "minZoom": round(float(min_zoom), 1), "rank": int(rank)}


def _largest_by_name(features: list[dict[str, Any]], name_of: Any
                     ) -> dict[str, tuple[Polygon, dict[str, Any]]]:
    best: dict[str, tuple[Polygon, dict[str, Any]]] = {}
    for feature in features:
        name = name_of(feature["properties"])
        if not name:
            continue
        for poly in polygons(shapely.make_valid(shape(feature["geometry"]))):
            if name not in best or poly.area > best[name][0].area:
                best[name] = (poly, feature["properties"])
    return best


def _inside(poly: Polygon) -> tuple[float, float]:
    """A point well inside a polygon (the pole of inaccessibility), as (lat, lon)."""
    point = polylabel(poly.simplify(0.05, preserve_topology=True) or poly, tolerance=0.05)
    if not poly.contains(point):
        point = poly.representative_point()
    return float(point.y), float(point.x)


def sea_labels(source: Path) -> list[dict[str, Any]]:
    """A point deep in the open water of each sea: Natural Earth's marine areas overlap the
    land here and there (the Drake Passage covers the tip of the Antarctic Peninsula), so the
    land is cut away first."""
    from shapely.strtree import STRtree

    land = [g for f in read(source, "50m_land") for g in polygons(shape(f["geometry"]))]
    tree = STRtree(land)
    features = [f for f in read(source, "50m_geography_marine_polys")
                if f["properties"].get("featurecla") in MARINE_CLASSES]
    out = []
    for name, (poly, props) in _largest_by_name(
            features, lambda p: clean_name(p.get("name"))).items():
        near = [land[i] for i in sorted(tree.query(poly))]
        water = shapely.make_valid(poly.difference(shapely.union_all(near))) if near else poly
        parts = polygons(water)
        if not parts or max(g.area for g in parts) < 0.01:
            continue  # no open water left to name (the Drake Passage is a sliver)
        lat, lon = _inside(max(parts, key=lambda g: (g.area, g.bounds)))
        out.append(_label("sea", name, _names(props, name, {"fr": "name_fr"}), lat, lon,
                          props.get("min_label") or 2, props.get("scalerank") or 0))
    return out


def lake_labels(source: Path) -> list[dict[str, Any]]:
    out = []
    for name, (poly, props) in _largest_by_name(
            read(source, "50m_lakes"), lambda p: clean_name(p.get("name"))).items():
        lat, lon = _inside(poly)
        out.append(_label("lake", name, {}, lat, lon, props.get("min_label") or 4,
                          props.get("scalerank") or 0))
    return out


def river_labels(source: Path) -> list[dict[str, Any]]:
    """A point halfway along each river (its longest connected stretch, plus stretches far
    from the labels already placed: the Volga between its reservoirs gets one label)."""
    by_name: dict[str, list[Any]] = {}
    props_of: dict[str, dict[str, Any]] = {}
    for feature in read(source, "50m_rivers_lake_centerlines"):
        props = feature["properties"]
        if props.get("featurecla") != "River":
            continue
        name = clean_name(props.get("name_en") or props.get("name"))
        if not name:
            continue
        by_name.setdefault(name, []).extend(lines(shape(feature["geometry"])))
        best = props_of.get(name)
        if best is None or (props.get("scalerank") or 9) < (best.get("scalerank") or 9):
            props_of[name] = props
    out = []
    for name, parts in by_name.items():
        merged = lines(linemerge(MultiLineString(parts)))
        merged.sort(key=lambda g: (-g.length, g.coords[0]))
        kept: list[tuple[float, float]] = []
        for i, line in enumerate(merged):
            point = line.interpolate(0.5, normalized=True)
            lat, lon = float(point.y), float(point.x)
            if i and (line.length < 2.0 or any(math.dist((lat, lon), k) < 10 for k in kept)):
                continue
            kept.append((lat, lon))
            props = props_of[name]
            out.append(_label("river", name, {}, lat, lon, props.get("min_label") or 5,
                              props.get("scalerank") or 0))
    return out


def town_labels(source: Path) -> list[dict[str, Any]]:
    keys = {"de": "NAME_DE", "fr": "NAME_FR", "es": "NAME_ES", "ru": "NAME_RU", "uk": "NAME_UK"}
    out = []
    for feature in read(source, "50m_populated_places"):
        props = feature["properties"]
        name = clean_name(props.get("NAME_EN") or props.get("NAME"))
        if not name:
            continue
        lon, lat = feature["geometry"]["coordinates"][:2]
        label = _label("town", name, _names(props, name, keys), float(lat), float(lon),
                       props.get("min_zoom") or 5, props.get("SCALERANK") or 0)
        # the languages Natural Earth names (even as the English name): CLDR fills only the rest
        label["_own"] = {lang for lang, key in keys.items() if clean_name(props.get(key))}
        label["_english"] = {_fold(props.get(k)) for k in ("NAME_EN", "NAME")} - {""}
        out.append(label)
    return out


def region_labels(source: Path) -> list[dict[str, Any]]:
    features = [f for f in read(source, "10m_geography_regions_polys")
                if f["properties"].get("featurecla") in REGION_CLASSES
                and int(f["properties"].get("scalerank") or 0) <= MAX_REGION_RANK]
    out = []
    for name, (poly, props) in _largest_by_name(
            features, lambda p: clean_name(p.get("name"))).items():
        lat, lon = _inside(poly)
        out.append(_label("region", name, {}, lat, lon, props.get("min_label") or 3,
                          props.get("scalerank") or 0))
    return out


# --- names in other languages -------------------------------------------------------------------

def _fold(text: Any) -> str:
    """A name compared without case and accents: "Kyiv", "KYIV" and "Kýiv" are one."""
    decomposed = unicodedata.normalize("NFKD", clean_name(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def read_names_table(path: Path = NAMES_TABLE) -> dict[tuple[str, str], dict[str, str]]:
    """The curated table: (kind, English name) -> {language: name}, empty cells left out."""
    table: dict[tuple[str, str], dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            key = (row["kind"], row["name"])
            if key in table:
                raise SystemExit(f"error: {path.name}: {key} twice")
            table[key] = {lang: clean_name(row[lang]) for lang in LANGUAGES
                          if clean_name(row.get(lang))}
    return table


def apply_names_table(labels: list[dict[str, Any]],
                      table: dict[tuple[str, str], dict[str, str]]) -> None:
    """The table's name wins over Natural Earth's (which it repeats where that is right);
    an empty cell keeps Natural Earth's, if any."""
    for label in labels:
        if label["kind"] == "town":
            continue
        for lang, value in table.get((label["kind"], label["name"]), {}).items():
            if value == label["name"]:
                label["names"].pop(lang, None)
            else:
                label["names"][lang] = value


def _tz_degrees(text: str) -> float:
    """``+DDMM``, ``+DDMMSS``, ``+DDDMM`` or ``+DDDMMSS`` of zone.tab as degrees."""
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text[1:]
    width = 2 if len(digits) in (4, 6) else 3
    deg, rest = int(digits[:width]), digits[width:]
    minutes = int(rest[:2])
    seconds = int(rest[2:4]) if len(rest) > 2 else 0
    return sign * (deg + minutes / 60 + seconds / 3600)


def tz_points() -> dict[str, tuple[float, float]]:
    """Every time zone of ``tzdata``'s ``zone1970.tab`` and ``zone.tab``: its point (lat, lon)."""
    folder = importlib.resources.files("tzdata") / "zoneinfo"
    points: dict[str, tuple[float, float]] = {}
    for name in ("zone1970.tab", "zone.tab"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            match = re.fullmatch(r"([+-]\d+)([+-]\d+)", fields[1])
            if match and fields[2] not in points:
                points[fields[2]] = (_tz_degrees(match.group(1)), _tz_degrees(match.group(2)))
    return points


def cldr_cities() -> list[tuple[float, float, set[str], dict[str, str]]]:
    """Per time zone: its point, its English names folded (CLDR's exemplar city and the city
    part of the zone's identifiers, old ones too: Europe/Kiev and Europe/Kyiv) and CLDR's
    exemplar city in each language that has one."""
    from babel import Locale
    from babel.core import get_global

    aliases: dict[str, str] = dict(get_global("zone_aliases"))
    locales = {lang: Locale.parse(lang) for lang in ("en", *LANGUAGES)}
    out = []
    for tz, (lat, lon) in sorted(tz_points().items()):
        zone = aliases.get(tz, tz)
        ids = {tz, zone} | {old for old, new in aliases.items() if new == zone}
        english = {_fold(i.rsplit("/", 1)[-1].replace("_", " ")) for i in ids}
        en_city = locales["en"].time_zones.get(zone, {}).get("city")
        if en_city:
            english.add(_fold(en_city))
        cities = {lang: clean_name(locales[lang].time_zones.get(zone, {}).get("city"))
                  for lang in LANGUAGES if (zone, lang) not in CLDR_REFUSED
                  and (tz, lang) not in CLDR_REFUSED}
        out.append((lat, lon, english, {k: v for k, v in cities.items() if v}))
    return out


def apply_cldr_cities(labels: list[dict[str, Any]]) -> None:
    """A town's name in a language Natural Earth leaves empty, from CLDR's exemplar city of a
    time zone within :data:`TZ_MATCH_KM` whose English name is the town's."""
    cities = cldr_cities()
    for label in labels:
        if label["kind"] != "town":
            continue
        for lat, lon, english, names in cities:
            if not english & label["_english"]:
                continue
            if arc_km((label["lat"], label["lon"]), (lat, lon)) > TZ_MATCH_KM:
                continue
            for lang, value in names.items():
                if lang not in label["_own"] and value != label["name"]:
                    label["names"].setdefault(lang, value)


def derive_labels(source: Path) -> list[dict[str, Any]]:
    labels = [*sea_labels(source), *lake_labels(source), *river_labels(source),
              *town_labels(source), *region_labels(source)]
    apply_names_table(labels, read_names_table())
    apply_cldr_cities(labels)
    for label in labels:
        label.pop("_own", None)
        label.pop("_english", None)
    order = {"region": 0, "sea": 1, "lake": 2, "river": 3, "town": 4}
    labels.sort(key=lambda a: (a["minZoom"], a["rank"], order[a["kind"]], a["name"], a["lat"],
                               a["lon"]))
    return labels


# --- writing ----------------------------------------------------------------------------------

def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def level_text(level: dict[str, Any]) -> str:
    """One layer per line, so a change of data shows as a readable diff."""
    head = {k: v for k, v in level.items() if not isinstance(v, list)}
    layers = [k for k, v in level.items() if isinstance(v, list)]
    body = ",\n".join(f"{_dumps(k)}:{_dumps(level[k])}" for k in sorted(layers))
    return "{" + _dumps(head)[1:-1] + ",\n" + body + "\n}\n"


LABEL_COLUMNS = ("kind", "name", "lat", "lon", "minZoom", "rank")


def label_columns(labels: list[dict[str, Any]]) -> dict[str, Any]:
    """The labels as columns (a third of the bytes of one object per label); a language's
    column has "" where Natural Earth gives no other name. The page turns them back into
    objects (basemap.js)."""
    columns: dict[str, Any] = {key: [label[key] for label in labels] for key in LABEL_COLUMNS}
    columns["names"] = {lang: [label["names"].get(lang, "") for label in labels]
                        for lang in LANGUAGES}
    return columns


def labels_text(labels: list[dict[str, Any]]) -> str:
    """One column per line."""
    columns = label_columns(labels)
    names = columns.pop("names")
    body = [f"{_dumps(k)}:{_dumps(v)}" for k, v in columns.items()]
    body.append('"names":{\n' + ",\n".join(f"{_dumps(k)}:{_dumps(v)}" for k, v in names.items())
                + "\n}")
    return "{\n" + ",\n".join(body) + "\n}\n"


def derive(source: Path, out: Path) -> dict[str, int]:
    if not (source / "ne_110m_land.json").exists():
        raise SystemExit(f"error: no Natural Earth GeoJSON in {source} (ne_110m_land.json missing)")
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    files = {f"{level['name']}.json": level_text(derive_level(source, level))
             for level in LEVELS}
    files["labels.json"] = labels_text(derive_labels(source))
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="\n")
        sizes[name] = len(text.encode("utf-8"))
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                    help=f"the Natural Earth GeoJSON folder (default {DEFAULT_SOURCE})")
    ap.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT,
                    help="where to write the derived files")
    args = ap.parse_args(argv)
    for name, n in derive(args.source, args.out).items():
        print(f"wrote {args.out / name} ({n:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
