"""The one rule that says how a stop was reached, and the one style table that draws each kind.

The page, the folium view and the KML export all colour a move from ``MOVE_STYLES``.
"""

from __future__ import annotations

from typing import Final

from ..model import FORCED_KINDS, MOVE_KINDS

#: How each kind of move is drawn, everywhere: a deportation is not a holiday.
#: ``dash`` is an SVG dash array ("" for a solid line); ``weight`` is the line width in pixels.
MOVE_STYLES: Final[dict[str, dict[str, str | int]]] = {
    "forced": {"color": "#8b0000", "dash": "7 5", "weight": 3, "label": "forced (arrest, exile)"},
    "escape": {"color": "#e07000", "dash": "", "weight": 2, "label": "escape"},
    "travel": {"color": "#1f5fbf", "dash": "", "weight": 2, "label": "travel"},
    "return": {"color": "#2e7d32", "dash": "", "weight": 2, "label": "return"},
}
assert tuple(MOVE_STYLES) == MOVE_KINDS


def move_kind(origin_kind: str, dest_kind: str, returning: bool) -> str:
    """Classify one journey; the first rule that applies wins.

    1. ``forced``: the destination is a prison, exile or internment (``model.FORCED_KINDS``),
       which includes a prisoner sent on from prison to another prison or into exile.
    2. ``escape``: the destination is marked ``escape``, or the traveller leaves a prison or
       exile for somewhere that is not another forced stay (nobody was sent there).
    3. ``return``: the destination was already visited earlier in the itinerary
       (same place within ``SAME_PLACE_KM``).
    4. ``travel``: anything else.

    A stop's own ``move`` column, when filled, wins over these rules (see ``derive_moves``).
    """
    if dest_kind in FORCED_KINDS or (origin_kind == "prison" and dest_kind in ("prison", "exile")):
        return "forced"
    if dest_kind == "escape" or origin_kind in ("exile", "prison"):
        return "escape"
    if returning:
        return "return"
    return "travel"
