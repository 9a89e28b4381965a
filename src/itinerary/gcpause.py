"""No cyclic garbage collection while a stage builds many small objects that all live on.

Reading a long table makes hundreds of thousands of lists and tuples; each collection pass
walks every one made so far, which at 100,000 rows costs a third of the loading time. Nothing
a stage builds holds a reference cycle, so nothing is left for the collector to free anyway.
Standard library only: the pandas-free ``itinerary check`` uses it too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Collection off inside the block; back to what it was after it (nesting is fine)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
