"""The batch path answers exactly as ``resolve`` does, one name at a time.

``Resolver.resolve_many`` ranks GeoNames' rows without making Candidate objects and loads the
whole index into memory for big batches; ``resolve`` builds candidates from SQLite probes.
Both must give equal Resolution objects, field by field, on names chosen to be hard: names
shared by many places (Springfield, San José: some lists long enough to take the general
path), names met only through alternate or normalised spellings, non-Latin names, names of
the historical gazetteer (dated), unknown names, wrong and right country hints.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itinerary.resolve import Resolution, Resolver, geonames
from itinerary.resolve.geonames import GeonamesIndex, candidates_of
from itinerary.resolve.rank import (
    FOLD_BY_LATITUDE,
    Context,
    _round3,
    decide,
    decide_rows,
    population_term,
)

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "data" / "gazetteer.csv"


def _sample(index: GeonamesIndex) -> list[tuple[str, str | None]]:
    """~2,000 (name, country hint) pairs taken from the index itself, deterministically."""
    sql = index._conn.execute
    spread = [(n, cc) for n, cc in sql("SELECT name, cc FROM places WHERE id % 211 = 0 "
                                       "ORDER BY id LIMIT 760")]
    shared = [(n, cc) for n, cc in sql(
        "SELECT name, min(cc) FROM places GROUP BY name HAVING count(*) >= 3 "
        "ORDER BY count(*) DESC, name LIMIT 400")]
    # keys that are folds of non-Latin names (Cyrillic, CJK, Arabic, ...)
    non_latin = [k for i, (k,) in enumerate(sql("SELECT key FROM lookup WHERE latin = 0 "
                                                "ORDER BY key")) if i % 997 == 0]
    with open(GAZETTEER, encoding="utf-8") as fh:
        historical = sorted({row["name"] for row in csv.DictReader(fh)})
    pairs: list[tuple[str, str | None]] = []
    for i, (name, cc) in enumerate(spread):
        # the name as written, shouted, and stripped of accents; no hint, the right one, a wrong one
        variant = (name, name.upper(), name.replace("é", "e").replace("á", "a"))[i % 3]
        pairs.append((variant, (None, cc, "FR" if cc != "FR" else "DE")[i % 3]))
    for i, (name, cc) in enumerate(shared):
        pairs += [(name, None), (name, cc if i % 2 else "US")]
    pairs += [(k, None) for k in non_latin]
    pairs += [(n, None) for n in historical] + [(n, "RU") for n in historical[::3]]
    pairs += [(n, None) for n in ("Springfield", "San José", "San Jose", "Santa Cruz",
                                  "London", "Paris", "Amherst", "Cadiz", "Xyzzyqq", "",
                                  "Sankt-Peterburg", "Москва", "東京", "Ust Kut")]
    return pairs


@pytest.fixture(scope="module")
def sample() -> list[tuple[str, str | None]]:
    index = GeonamesIndex()
    try:
        return _sample(index)
    finally:
        index.close()


@pytest.mark.parametrize("date", [None, "1917-05-01"])
def test_a_batch_answers_every_name_as_resolve_does_one_at_a_time(
        sample: list[tuple[str, str | None]], date: str | None) -> None:
    names = [n for n, _ in sample]
    hints = [c for _, c in sample]
    whole = GeonamesIndex()
    whole._in_memory()  # what a batch of 5,000+ names does
    many = Resolver(GAZETTEER, geonames=whole).resolve_many(names, hints, date=date)
    one = Resolver(GAZETTEER, geonames=GeonamesIndex())  # SQLite probes, one name at a time
    single = [one.resolve(n, country=c, date=date) for n, c in sample]
    assert len(many) == len(single) == len(sample) >= 2_000
    for got, want in zip(many, single, strict=True):
        assert got == want
    # the sample is hard: it holds every kind of answer
    assert {r.match for r in many} >= {"exact", "alternate", "normalised", "none"}
    assert sum(r.ambiguous for r in many) > 100
    assert sum(r.placed for r in many) > 1_000
    assert any(r.error and " in FR " in r.error for r in many)  # a wrong hint


@pytest.mark.parametrize("date", [None, "1917-05-01"])
def test_a_big_batch_takes_ready_answers_that_are_the_answers_resolve_gives(
        sample: list[tuple[str, str | None]], date: str | None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    index = GeonamesIndex()
    spread = list(index._conn.execute("SELECT name, cc FROM places WHERE id % 29 = 0 "
                                      "ORDER BY id LIMIT 4000"))
    asked = list(sample)
    for i, (name, cc) in enumerate(spread):
        variant = (name, name.upper(), name.replace("é", "e").replace("ü", "u"), name)[i % 4]
        asked.append((variant, (None, cc, "FR" if cc != "FR" else "DE", None, None)[i % 5]))
    assert len(set(asked)) >= geonames.BATCH_IN_MEMORY  # big enough for ready answers
    left: list[int] = []
    ranking = Resolver._answer_each

    def counted(self: Resolver, questions: list, *args: object) -> None:
        left.append(len(questions))
        ranking(self, questions, *args)

    monkeypatch.setattr(Resolver, "_answer_each", counted)
    many = Resolver(GAZETTEER, geonames=index).resolve_many(
        [n for n, _ in asked], [c for _, c in asked], date=date)
    one = Resolver(GAZETTEER, geonames=GeonamesIndex())
    for (name, hint), got in zip(asked, many, strict=True):
        assert got == one.resolve(name, country=hint, date=date), (name, hint)
    # most names took a ready answer; the ranking saw the rest (gazetteer names, wrong hints,
    # non-Latin names, unknown names)
    assert len(left) == 1 and left[0] < len(set(asked)) / 2


def test_repeated_names_share_the_answer_of_their_first_mention() -> None:
    resolver = Resolver(GAZETTEER, geonames=GeonamesIndex())
    out = resolver.resolve_many(["Springfield", "Vienna", "Springfield", "Vienna"],
                                [None, "AT", None, "AT"])
    assert out[0] is out[2] and out[1] is out[3]
    assert isinstance(out[1], Resolution) and out[1].country == "AT"


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.floats(-100.0, 100.0), st.floats(allow_nan=False),
                 st.integers(-100_000, 100_000).map(lambda n: n / 1000 + 0.0005),
                 st.integers(-100_000, 100_000).map(lambda n: n / 2000)))
def test_the_quick_rounding_of_scores_is_pythons_round(x: float) -> None:
    # ties (x.xxx5) and zeros are the hard cases: the same value and the same sign of zero
    got, want = _round3(x), round(x, 3)
    assert got == want and math.copysign(1.0, got) == math.copysign(1.0, want)


def _place(gid: int, cc: str, lat: float, lon: float, pop: int) -> tuple:
    """A row of the index's places table, made as build_index makes it."""
    base = population_term(pop)
    return (gid, f"Place {gid}", cc, "07" if gid % 2 else "", lat, lon, pop, base,
            round(base, 3), None if round(lat, 5) == lat else round(lat, 5),
            None if round(lon, 5) == lon else round(lon, 5))


rows_strategy = st.lists(
    st.tuples(st.integers(1, 10**7), st.sampled_from(["CA", "US", "GB"]),
              st.one_of(st.floats(44.0, 44.4), st.floats(-80.0, 80.0)),
              st.one_of(st.floats(-64.4, -64.0), st.floats(-179.0, 179.0)),
              st.sampled_from([0, 0, 9, 99, 999, 1000, 12_345, 10**6]),
              st.sampled_from(["exact", "alternate", "normalised"]), st.integers(0, 1)),
    max_size=FOLD_BY_LATITUDE - 1, unique_by=lambda r: r[0])


@settings(max_examples=400, deadline=None)
@given(rows_strategy, st.sampled_from([None, "CA", "GB", "FR"]))
def test_ranking_rows_decides_as_ranking_candidates(spec: list, hint: str | None) -> None:
    # namesakes with equal populations (ties broken by identifier), twins within 25 km,
    # unknown populations, every tier, and country hints that match or do not
    rows = [(_place(gid, cc, lat, lon, pop), tier, primary if tier == "normalised" else
             int(tier == "exact"))
            for gid, cc, lat, lon, pop, tier, primary in spec]
    ctx = Context(hint)
    assert decide_rows("Place", rows, ctx) == decide("Place", candidates_of(rows), ctx)
