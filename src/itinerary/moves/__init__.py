"""The journeys between stops: which kind each is (``kinds``), how far and along which arc
(``geodesy``), and the moves table made of them (``derive``, which needs pandas; import it
from there)."""

from .geodesy import arc_km, distance_km, great_circle
from .kinds import MOVE_STYLES, move_kind

__all__ = ["MOVE_STYLES", "arc_km", "distance_km", "great_circle", "move_kind"]
