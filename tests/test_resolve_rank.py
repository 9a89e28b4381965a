"""The ranking rules (rank.py) and the misspelling rule (Resolver._fuzzy), at their limits.

Every case sits on a named constant: a margin, a distance or a similarity a hair either side of
it, so that a rule decided by another number than its constant fails here.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st

from itinerary.moves.geodesy import arc_km as distance_km
from itinerary.resolve.base import Candidate
from itinerary.resolve.rank import (
    DISTANCE_WEIGHT,
    FUZZY_ACCEPT,
    FUZZY_CLOSE,
    FUZZY_NEAR_KM,
    KM_PER_DEGREE_LAT,
    MARGIN_ALTERNATE,
    MARGIN_PRIMARY,
    SAME_PLACE_KM,
    TIER_TERMS,
    UNKNOWN_LOG_POP,
    Context,
    decide,
    rank,
    score,
    tier_term,
)
from itinerary.resolve.resolver import Resolver

EPS = 1e-3  # in score units: a population 0.23 % larger or smaller
HEADER = "key,name,from,to,country,lat,lon,feature,area,coord_source\n"

points = st.one_of(
    st.tuples(st.floats(44.0, 44.6), st.floats(-64.6, -64.0)),  # bunched: many twins
    st.tuples(st.floats(-89.9, 89.9), st.floats(-180.0, 180.0)),
)


def place(i: int, lat: float = 0.0, lon: float = 0.0, population: int | None = None,
          tier: str = "exact", primary: bool = True, country: str = "CA") -> Candidate:
    return Candidate(name=f"P{i}", country=country, lat=lat, lon=lon, source="geonames",
                     tier=tier, ident=f"geonames:{i}", primary=primary, population=population)


def population_scoring(log_pop: float) -> int:
    """A population whose score term is ``log_pop`` to within a tenth of ``EPS``."""
    pop = round(10 ** log_pop) - 1
    assert abs(math.log10(pop + 1) - log_pop) < EPS / 10
    return pop


#: The mean sphere the ranking measures on (geographiclib with no flattening), computed
#: independently of the code under test.
SPHERE = Geodesic(6371.0088 * 1000.0, 0.0)


def east_of(lat: float, lon: float, km: float) -> tuple[float, float]:
    """The point ``km`` east (azimuth 90) of (lat, lon) along a great circle."""
    out = SPHERE.Direct(lat, lon, 90.0, km * 1000.0)
    return out["lat2"], out["lon2"]


# --- the margin a winner needs -----------------------------------------------------------


@pytest.mark.parametrize("lead, placed", [(MARGIN_PRIMARY + EPS, True),
                                          (MARGIN_PRIMARY - EPS, False)])
def test_a_main_name_wins_only_by_the_primary_margin(lead: float, placed: bool) -> None:
    best = place(1, 10.0, 10.0, population_scoring(UNKNOWN_LOG_POP + lead))
    runner = place(2, 40.0, 40.0, None)  # far away, population unknown
    res = decide("P", [best, runner], Context())
    assert res.placed is placed and res.ambiguous is not placed
    if placed:
        assert (res.name, res.match) == ("P1", "exact")
    else:
        assert res.error and "ambiguous" in res.error and len(res.suggestions) == 2


@pytest.mark.parametrize("lead, placed", [(MARGIN_ALTERNATE + EPS, True),
                                          (MARGIN_ALTERNATE - EPS, False)])
def test_an_alternate_name_wins_only_by_the_alternate_margin(lead: float, placed: bool) -> None:
    # the winner met through an alternate name: it pays the alternate's term, and must lead
    # by the larger margin
    log_pop = UNKNOWN_LOG_POP + lead - TIER_TERMS["alternate"]
    best = place(1, 10.0, 10.0, population_scoring(log_pop), tier="alternate", primary=False)
    res = decide("P", [best, place(2, 40.0, 40.0, None)], Context())
    assert res.placed is placed and res.ambiguous is not placed
    assert MARGIN_ALTERNATE > MARGIN_PRIMARY  # (so the lead above beats the primary margin)


def test_a_lone_candidate_needs_no_margin() -> None:
    res = decide("P", [place(1, 10.0, 10.0, None, tier="alternate", primary=False)], Context())
    assert res.placed and res.match == "alternate" and res.alternatives == []


# --- one place within SAME_PLACE_KM ------------------------------------------------------

@pytest.mark.parametrize("lat", [0.0, 59.9, -33.9])
@pytest.mark.parametrize("km, folded", [(SAME_PLACE_KM - 0.01, True),
                                        (SAME_PLACE_KM + 0.01, False)])
def test_candidates_within_the_same_place_distance_are_one_place(lat: float, km: float,
                                                                  folded: bool) -> None:
    big = place(1, lat, 30.0, 100_000)
    twin = place(2, *east_of(lat, 30.0, km), None)
    kept = rank([big, twin], Context())
    assert [c.ident for c in kept] == (["geonames:1"] if folded
                                       else ["geonames:1", "geonames:2"])


@pytest.mark.parametrize("km, folded", [(SAME_PLACE_KM - 0.01, True),
                                        (SAME_PLACE_KM + 0.01, False)])
def test_a_twin_due_north_is_folded_by_the_arc_distance(km: float, folded: bool) -> None:
    # along a meridian the latitude prefilter is at its tightest: it must not skip a twin
    out = SPHERE.Direct(0.0, 30.0, 0.0, km * 1000.0)
    kept = rank([place(1, 0.0, 30.0, 100_000), place(2, out["lat2"], out["lon2"], 10)],
                Context())
    assert len(kept) == (1 if folded else 2)


def test_the_kept_twin_takes_the_population_it_lacked() -> None:
    # the gazetteer's entry (no population) outranks GeoNames' and stands for both
    curated = Candidate("Kyiv", "UA", 50.45, 30.52, "gazetteer", "exact", "gazetteer:kyiv")
    world = place(2, 50.4547, 30.5238, 2_797_553, country="UA")
    (kept,) = rank([world, curated], Context())
    assert kept is curated and kept.population == 2_797_553


@settings(max_examples=500, deadline=None)
@given(points, points)
def test_the_latitude_prefilter_never_skips_a_pair_that_is_near(a, b) -> None:
    # what rank and nearest_km rest on: no path is shorter than its latitude span allows
    # (to within a millimetre: geographiclib rounds latitudes of 1e-300 degrees to 0)
    assert distance_km(a, b) >= abs(a[0] - b[0]) * KM_PER_DEGREE_LAT - 1e-6


@settings(max_examples=200, deadline=None)
@given(st.lists(points, min_size=1, max_size=30),
       st.lists(st.one_of(st.none(), st.integers(1, 10**6)), min_size=30, max_size=30))
def test_folding_keeps_the_best_ranked_place_of_every_25_km(spots, pops) -> None:
    cands = [place(i, lat, lon, pops[i]) for i, (lat, lon) in enumerate(spots)]
    kept = rank(cands, Context())
    ordered = sorted(cands, key=lambda c: (-c.score, c.ident))
    assert [c.ident for c in kept] == [c.ident for c in ordered if c in kept]  # rank order
    for c in cands:  # every candidate is kept, or within 25 km of a better-ranked kept one
        if c not in kept:
            assert any(distance_km((k.lat, k.lon), (c.lat, c.lon)) <= SAME_PLACE_KM
                       and ordered.index(k) < ordered.index(c) for k in kept)
    for i, k in enumerate(kept):  # and no two kept places are twins
        assert all(distance_km((k.lat, k.lon), (j.lat, j.lon)) > SAME_PLACE_KM
                   for j in kept[i + 1:])


# --- how the name met the place, and context ---------------------------------------------

def test_with_equal_populations_the_way_the_name_met_orders_the_places() -> None:
    ways = [("normalised", False), ("alternate", False), ("normalised", True), ("exact", True)]
    cands = [place(i, 10.0 * i, 0.0, 5_000, tier=t, primary=p)
             for i, (t, p) in enumerate(ways)]
    assert [(c.tier, c.primary) for c in rank(cands, Context())] == ways[::-1]
    assert tier_term("normalised", False) == TIER_TERMS["normalised"] + TIER_TERMS["alternate"]


@settings(max_examples=200, deadline=None)
@given(points, st.lists(points, min_size=1, max_size=4))
def test_the_neighbour_term_uses_the_nearest_neighbour(spot, near) -> None:
    c = place(1, *spot, 1000)
    alone = score(c, Context())
    nearest = min(distance_km(spot, p) for p in near)
    assert math.isclose(score(c, Context(near=near)),
                        alone - DISTANCE_WEIGHT * math.log10(1.0 + nearest), abs_tol=1e-9)


# --- misspellings: FUZZY_ACCEPT and FUZZY_CLOSE -------------------------------------------

class _NoWorld:
    """A GeoNames index that knows no place: only the test's gazetteer answers."""

    def candidates(self, query: str, year: int | None = None) -> list[Candidate]:
        return []

    def knows(self, query: str) -> bool:
        return False

    def lookup_many(self, queries: object) -> dict[str, list[Candidate]]:
        return {}

    def fuzzy_keys(self) -> list[str]:
        return []


def _resolver(tmp_path: Path, rows: str) -> Resolver:
    path = tmp_path / "gazetteer.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return Resolver(path, geonames=_NoWorld())  # type: ignore[arg-type]


def _misspelt(resolver: Resolver, monkeypatch: pytest.MonkeyPatch,
              similarity: dict[str, float]) -> None:
    """Make the fuzzy search find the gazetteer's names with these similarities."""
    def found(name: str, country: str | None = None) -> list[Candidate]:
        out = []
        for k, sim in similarity.items():
            for c in resolver.gazetteer.candidates(k):
                c.tier, c.fuzzy_score, c.matched = "fuzzy", sim, k
                out.append(c)
        return out

    monkeypatch.setattr(resolver, "fuzzy_candidates", found)


TWO_TOWNS = ("alpha,Alphaville,,,FR,45.0,5.0,town,,manual\n"
             "beta,Betatown,,,DE,52.0,13.0,town,,manual\n")


@pytest.mark.parametrize("similarity, placed", [(FUZZY_ACCEPT, True),
                                                (FUZZY_ACCEPT - 0.1, False)])
def test_a_misspelling_is_accepted_from_the_acceptance_similarity_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, similarity: float,
        placed: bool) -> None:
    resolver = _resolver(tmp_path, TWO_TOWNS)
    _misspelt(resolver, monkeypatch, {"alphaville": similarity})
    res = resolver.resolve("Alphavile", country="FR", near=(45.1, 5.1))
    assert res.placed is placed and not res.ambiguous
    if placed:
        assert (res.name, res.match) == ("Alphaville", "fuzzy")
        assert res.confidence < 0.6  # a misspelling is never a confident answer
    else:
        assert res.suggestions[0].startswith("Alphaville") and "did you mean" in res.error


@pytest.mark.parametrize("behind, placed", [(FUZZY_CLOSE, False), (FUZZY_CLOSE + 0.1, True)])
def test_a_runner_up_within_the_close_distance_makes_a_misspelling_ambiguous(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, behind: float, placed: bool) -> None:
    top = min(100.0, FUZZY_ACCEPT + FUZZY_CLOSE + 1.0)
    resolver = _resolver(tmp_path, TWO_TOWNS)
    _misspelt(resolver, monkeypatch, {"alphaville": top, "betatown": round(top - behind, 1)})
    res = resolver.resolve("Alphavile", near=(45.1, 5.1))
    assert res.placed is placed and res.ambiguous is not placed
    if placed:
        assert res.name == "Alphaville"
        assert [a["name"] for a in res.alternatives] == ["Betatown"]
    else:
        assert [s.split(" (")[0] for s in res.suggestions] == ["Alphaville", "Betatown"]


def test_the_acceptance_similarity_is_one_edit_in_five_letters(tmp_path: Path) -> None:
    # the real search (rapidfuzz, optimal string alignment on the loose key)
    resolver = _resolver(tmp_path, "zwerq,Zwerq,,,PL,52.0,20.0,village,,manual\n"
                                   "qorv,Qorv,,,EE,58.0,25.0,village,,manual\n")
    five = resolver.resolve("Zwerk", country="PL", near=(52.1, 20.1))  # 1 edit in 5: 80 %
    assert five.placed and five.name == "Zwerq" and five.match == "fuzzy"
    four = resolver.resolve("Qorw", country="EE", near=(58.1, 25.1))  # 1 edit in 4: 75 %
    assert not four.placed and four.suggestions[0].startswith("Qorv")
    assert 100.0 * (1 - 1 / 5) >= FUZZY_ACCEPT > 100.0 * (1 - 1 / 4)


# --- a misspelling must be confirmed by the stop's context (FUZZY_NEAR_KM) ----------------

def test_a_lone_misspelling_without_hint_or_neighbours_is_only_suggested(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resolver = _resolver(tmp_path, TWO_TOWNS)
    _misspelt(resolver, monkeypatch, {"alphaville": 95.0})
    res = resolver.resolve("Alphavile")
    assert not res.placed and res.unconfirmed and not res.ambiguous
    assert res.suggestions[0].startswith("Alphaville") and "did you mean" in (res.error or "")


@pytest.mark.parametrize("km_north, placed", [(FUZZY_NEAR_KM - 10, True),
                                              (FUZZY_NEAR_KM + 10, False)])
def test_a_misspelling_is_placed_only_near_a_placed_neighbour(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, km_north: float,
        placed: bool) -> None:
    resolver = _resolver(tmp_path, TWO_TOWNS)
    _misspelt(resolver, monkeypatch, {"alphaville": 95.0})
    neighbour = (45.0 + km_north / 111.195, 5.0)
    res = resolver.resolve("Alphavile", near=neighbour)
    assert res.placed is placed
    # a far neighbour vetoes even with a country hint that agrees
    hinted = resolver.resolve("Alphavile", country="FR", near=neighbour)
    assert hinted.placed is placed


def test_a_misspelling_in_another_country_than_the_hint_is_not_placed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resolver = _resolver(tmp_path, TWO_TOWNS)
    _misspelt(resolver, monkeypatch, {"alphaville": 95.0})
    assert not resolver.resolve("Alphavile", country="DE").placed


# --- renamed: "X, now Y" only for another name of the place ------------------------------

RENAMED = ("spb,Saint Petersburg,,,RU,59.9,30.3,city,,manual\n"
           "spb,St. Petersburg,,,,,,,,\n"
           "spb,Petrograd,1914,1924,,,,,,\n"
           "ody,Odesa,,,UA,46.5,30.7,city,,manual\n"
           "ody,Odessa,,,,,,,,\n"
           "bk,Büyükada,,,TR,40.9,29.1,island,,manual\n"
           "bk,Prinkipo,,,,,,,,\n"
           "nyc,New York City,,,US,40.7,-74.0,city,,manual\n"
           "nyc,New York,,,,,,,,\n"
           "nyc,New Amsterdam,1625,1664,,,,,,\n")


@pytest.mark.parametrize("query, year, renamed", [
    ("Saint Petersburg", 1900, False), ("St. Petersburg", 1900, False),
    ("Petrograd", 1917, True), ("Odessa", 1900, False), ("Prinkipo", 1929, True),
    ("New York", 1900, False), ("New Amsterdam", 1650, True)])
def test_only_another_name_of_the_place_is_a_renaming(
        tmp_path: Path, query: str, year: int, renamed: bool) -> None:
    res = _resolver(tmp_path, RENAMED).resolve(query, date=str(year))
    assert res.placed and res.renamed is renamed


def test_a_dated_name_takes_precedence_only_inside_its_years(tmp_path: Path) -> None:
    rows = ("tor,Toronto,,,CA,43.7,-79.4,city,,manual,2600000\n"
            "tor,York,1793,1834,,,,,,,\n"
            "yrk,York,,,GB,53.96,-1.08,city,,manual,150000\n")
    path = tmp_path / "gazetteer.csv"
    path.write_text(HEADER.rstrip("\n") + ",population\n" + rows, encoding="utf-8")
    resolver = Resolver(path, geonames=_NoWorld())  # type: ignore[arg-type]
    assert resolver.resolve("York", date="1820", country="CA").name == "Toronto"
    assert resolver.resolve("York", date="1820").ambiguous  # York, England was York too
    assert resolver.resolve("York", date="1950").name == "York"
    assert resolver.resolve("York").name == "York"  # undated: no precedence for a dated name
