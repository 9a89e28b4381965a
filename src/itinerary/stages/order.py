"""Put stops in time order: by normalised Gregorian start, ties keep the file order."""

from __future__ import annotations

import pandas as pd

from ..model import ROW, SORT_KEY


def order_stops(stops: pd.DataFrame) -> pd.DataFrame:
    """Stable sort on the earliest possible start day; ``seq`` numbers the result 0..n-1.

    A stable sort (mergesort) is what keeps two stops on the same day in the order the author
    wrote them, which is usually the order they happened.
    """
    ordered = stops.sort_values([SORT_KEY, ROW], kind="mergesort").reset_index(drop=True)
    ordered.insert(0, "seq", range(len(ordered)))
    return ordered


def within(stops: pd.DataFrame, *, periods: tuple[str, ...] = (), date_from: str | None = None,
           date_to: str | None = None) -> pd.DataFrame:
    """Keep the stops of the chosen periods and those that overlap [date_from, date_to]."""
    keep = pd.Series(True, index=stops.index)
    if periods:
        keep &= stops["period"].isin(periods)
    if date_from:
        keep &= stops["end_max"] >= date_from
    if date_to:
        keep &= stops["start_min"] <= date_to
    result = stops[keep].reset_index(drop=True)
    result["seq"] = range(len(result))
    return result
