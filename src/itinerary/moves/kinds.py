"""The rules of a journey, in plain Python: which consecutive stops make one, how far it is, and
what kind it is.

``moves.derive_moves`` applies these rules to whole tables with numpy; ``itinerary check`` needs
them for a few dozen stops and must not pay numpy's and pandas' import for that. So the rules
live here once, with no heavy import, and both use them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cache

from ..model import FORCED_KINDS
from ..stages.cells import number

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

SAME_PLACE_KM: Final = 1.0  # closer than this, two stops are the same place on a lesson map
EARTH_RADIUS_KM: Final = 6371.0088  # mean radius (IUGG); only for the same-place angle
#: WGS-84 with the major axis in km, exactly as geopy's ``geodesic`` builds its geographiclib
#: ellipsoid, so that distances are the same floats to the last bit.
WGS84_KM: Final = (6378.137, 1 / 298.257223563)

Vec = tuple[float, float, float]


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


def unit(lat: float, lon: float) -> Vec:
    """The point on the unit sphere: nearness is then one dot product."""
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


#: Two unit vectors whose dot product exceeds this are within SAME_PLACE_KM of each other.
SAME_PLACE_COS: Final = math.cos(SAME_PLACE_KM / EARTH_RADIUS_KM)


def same_place(a: Vec, b: Vec) -> bool:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2] > SAME_PLACE_COS


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on WGS-84 in km (Karney's method, the one geopy uses; geographiclib
    imports in a few milliseconds where geopy takes half a second)."""
    from geographiclib.geodesic import Geodesic

    return float(_wgs84().Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"])


def rounded_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """:func:`geodesic_km` rounded to 0.1 km, as the moves table has it, about ten times
    sooner: Vincenty's formula (within a tenth of a millimetre of Karney's) decides unless the
    distance is within a millimetre of a rounding step or the formula does not converge (nearly
    antipodal points); then the exact distance does. ``moves_fast`` follows the same rule."""
    km = _vincenty_km(lat1, lon1, lat2, lon2)
    if km is None or abs(km * 10.0 - math.floor(km * 10.0) - 0.5) < 1e-5:
        return round(geodesic_km(lat1, lon1, lat2, lon2), 1)
    return round(km, 1)


def _vincenty_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float | None:
    """Vincenty (1975) inverse distance on WGS-84 in km; None when it does not converge."""
    a, f = WGS84_KM
    b = (1 - f) * a
    big_l = math.radians(lon2 - lon1)
    u1, u2 = (math.atan((1 - f) * math.tan(math.radians(lat1))),
              math.atan((1 - f) * math.tan(math.radians(lat2))))
    su1, cu1, su2, cu2 = math.sin(u1), math.cos(u1), math.sin(u2), math.cos(u2)
    lam = big_l
    for _ in range(200):
        sl, cl = math.sin(lam), math.cos(lam)
        sin_s = math.hypot(cu2 * sl, cu1 * su2 - su1 * cu2 * cl)
        cos_s = su1 * su2 + cu1 * cu2 * cl
        sigma = math.atan2(sin_s, cos_s)
        sin_a = cu1 * cu2 * sl / sin_s if sin_s > 0 else 0.0
        cos2_a = 1 - sin_a * sin_a
        cos_2sm = cos_s - 2 * su1 * su2 / cos2_a if cos2_a > 0 else 0.0
        c = f / 16 * cos2_a * (4 + f * (4 - 3 * cos2_a))
        previous = lam
        lam = big_l + (1 - c) * f * sin_a * (
            sigma + c * sin_s * (cos_2sm + c * cos_s * (-1 + 2 * cos_2sm * cos_2sm)))
        if abs(lam - previous) < 1e-12:
            break
    else:
        return None
    if abs(lam) > math.pi:
        return None
    u_sq = cos2_a * (a * a - b * b) / (b * b)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    d_sigma = big_b * sin_s * (cos_2sm + big_b / 4 * (
        cos_s * (-1 + 2 * cos_2sm * cos_2sm)
        - big_b / 6 * cos_2sm * (-3 + 4 * sin_s * sin_s) * (-3 + 4 * cos_2sm * cos_2sm)))
    return b * big_a * (sigma - d_sigma)


@cache
def _wgs84() -> Any:
    from geographiclib.geodesic import Geodesic

    return Geodesic(*WGS84_KM)


def _is_placed(stop: Mapping[str, Any]) -> bool:
    flag = stop.get("placed", True)
    if flag is None or (isinstance(flag, float) and math.isnan(flag)) or not bool(flag):
        return False
    return number(stop.get("lat")) is not None and number(stop.get("lon")) is not None


def journeys(stops: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The moves of ``moves.derive_moves`` without their kind and path: consecutive placed stops
    (``stops`` in ``seq`` order), skipping unplaced ones, a stop at the same place as the one
    before being one stay. Each is ``from_seq``, ``to_seq``, ``from_id``, ``to_id``, ``depart``
    (the origin's ``end_max``, else ``start_max``), ``arrive`` (the destination's ``start_min``)
    and ``distance_km`` rounded to 0.1 km, as in the moves table."""
    placed = [(pos, s) for pos, s in enumerate(stops) if _is_placed(s)]
    out: list[dict[str, Any]] = []
    for (p, a), (q, b) in zip(placed, placed[1:], strict=False):
        lat1, lon1, lat2, lon2 = (float(a["lat"]), float(a["lon"]), float(b["lat"]),
                                  float(b["lon"]))
        if same_place(unit(lat1, lon1), unit(lat2, lon2)):
            continue
        out.append({
            "from_seq": _seq(a.get("seq"), p), "to_seq": _seq(b.get("seq"), q),
            "from_id": _text(a.get("id")), "to_id": _text(b.get("id")),
            "depart": _text(a.get("end_max")) or _text(a.get("start_max")),
            "arrive": _text(b.get("start_min")),
            "distance_km": rounded_km(lat1, lon1, lat2, lon2),
        })
    return out


def _seq(value: Any, fallback: int) -> int:
    seq = number(value)
    return fallback if seq is None else int(seq)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)
