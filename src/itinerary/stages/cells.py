"""Reading one table cell the same way in every stage (standard library only, for ``check``)."""

from __future__ import annotations

import math

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def number(value: Any) -> float | None:
    """The cell as a float; None when it is empty, NaN or not a number."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out
