"""Reading one table cell, the one way every stage and output does it.

A cell may come from a CSV (text), a workbook (numbers, booleans), pandas (NaN, ``pd.NA``) or
a notebook user's own DataFrame; these functions say what it means, whatever its type.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from typing import Any

TRUE_WORDS = frozenset({"true", "1", "yes"})


def missing(value: Any) -> bool:
    """None, NaN, ``pd.NA`` and ``NaT``: an empty cell. (pandas' own values can only be here
    when pandas is loaded: the resolver reads cells without importing it.)"""
    if value is None or isinstance(value, str):
        return value is None
    if isinstance(value, float):
        return math.isnan(value)
    pandas = sys.modules.get("pandas")
    if pandas is None:
        return False
    try:
        return bool(pandas.isna(value))
    except (TypeError, ValueError):  # a list or an array is a value, not a missing one
        return False


def text(value: Any) -> str:
    """The cell as text without surrounding blanks; ``""`` when it is empty."""
    if value.__class__ is str:  # the common case, without pandas' isna
        return value.strip()
    return "" if missing(value) else str(value).strip()


def number(value: Any) -> float | None:
    """The cell as a finite-or-infinite float; None when it is empty, NaN or not a number."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def flag(value: Any) -> bool:
    """A yes/no cell: ``true``/``1``/``yes`` (any case) or a true value; empty is no."""
    if missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in TRUE_WORDS
    return bool(value)


def placed(row: Mapping[str, Any]) -> bool:
    """A stop is on the map when it is not marked unplaced and has both coordinates."""
    return ((missing(row.get("placed")) or flag(row.get("placed")))
            and number(row.get("lat")) is not None and number(row.get("lon")) is not None)
