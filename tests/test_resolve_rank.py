"""The ranking's quick paths give the answers of the plain rules they stand for."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from itinerary.resolve.base import Candidate
from itinerary.resolve.rank import (
    Context,
    _distance,
    _fold,
    _fold_by_latitude,
    _trig,
    distance_km,
    score,
)

# places bunched in a small area (many twins within 25 km) or spread over the globe
points = st.one_of(
    st.tuples(st.floats(44.0, 44.6), st.floats(-64.6, -64.0)),
    st.tuples(st.floats(-89.9, 89.9), st.floats(-180.0, 180.0)),
)


def _candidates(spots: list[tuple[float, float]], pops: list[int | None]) -> list[Candidate]:
    return [Candidate(name=f"P{i}", country="CA", lat=lat, lon=lon, source="geonames",
                      tier="exact", ident=f"geonames:{i}", population=pop)
            for i, ((lat, lon), pop) in enumerate(zip(spots, pops, strict=True))]


@settings(max_examples=200, deadline=None)
@given(st.lists(points, min_size=1, max_size=60), st.randoms(use_true_random=False),
       st.lists(st.one_of(st.none(), st.integers(1, 10**6)), min_size=60, max_size=60))
def test_folding_twins_by_latitude_band_keeps_the_same_places(spots, rnd, pops) -> None:
    order = list(range(len(spots)))
    rnd.shuffle(order)
    plain, banded = _candidates(spots, pops[:len(spots)]), _candidates(spots, pops[:len(spots)])
    trig = [_trig(lat, lon) for lat, lon in spots]
    assert _fold(plain, order, trig) == _fold_by_latitude(banded, order, trig)
    assert [c.population for c in plain] == [c.population for c in banded]


@settings(max_examples=300, deadline=None)
@given(points, points)
def test_precomputed_trigonometry_gives_the_haversine_distance_exactly(a, b) -> None:
    assert _distance(_trig(*a), _trig(*b)) == distance_km(a, b)


@settings(max_examples=200, deadline=None)
@given(points, st.lists(points, min_size=1, max_size=4))
def test_the_neighbour_term_uses_the_nearest_neighbour(spot, near) -> None:
    (c,) = _candidates([spot], [1000])
    alone = score(c, Context())
    nearest = min(distance_km(spot, p) for p in near)
    assert math.isclose(score(c, Context(near=near)),
                        alone - 3.0 * math.log10(1.0 + nearest), abs_tol=1e-9)
