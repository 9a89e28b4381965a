"""itinerary: the dated places of a life as an animated, filterable map.

The notebook API (``load``) shares its core with the command line.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["load", "__version__"]

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Trip


def load(path: Any = None, **kwargs: Any) -> Trip:
    """Load, validate, resolve and order an itinerary table (imports stay lazy for a fast CLI)."""
    from .api import load as _load

    return _load(path, **kwargs)
