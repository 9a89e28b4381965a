"""The journeys between stops: which kind each is, how far, and its great-circle arc."""

from .derive import SAME_PLACE_KM, derive_moves
from .geodesy import distance_km, great_circle
from .kinds import MOVE_STYLES, move_kind

__all__ = ["MOVE_STYLES", "SAME_PLACE_KM", "derive_moves", "distance_km", "great_circle",
           "move_kind"]
