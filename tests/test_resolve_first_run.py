"""The first run: before the GeoNames index exists, a table's names are answered from one scan
of the data file (geonames.FirstRunIndex), with the same answers as the whole index."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from itinerary.resolve import Resolver, geonames
from itinerary.resolve.geonames import FirstRunIndex, GeonamesIndex, scan_records
from itinerary.resolve.table import _resolve_rows

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "data" / "gazetteer.csv"


@pytest.fixture(scope="module")
def full() -> GeonamesIndex:
    return GeonamesIndex()   # the session's index, built once


def first_run(tmp_path: Path, full: GeonamesIndex | None, monkeypatch: pytest.MonkeyPatch
              ) -> FirstRunIndex:
    """A first-run source with no index at its path; ``full`` stands for the whole index
    (None: asking for it fails the test, so every answer came from the scan)."""
    def whole(self: FirstRunIndex) -> GeonamesIndex:
        if full is None:
            raise AssertionError("the first run needed the whole index")
        return full

    monkeypatch.setattr(FirstRunIndex, "full", property(whole))
    return FirstRunIndex(tmp_path / "missing.sqlite3", build_at_exit=False)


def answers(resolver: Resolver, rows: list[dict[str, str]]) -> list[tuple]:
    lives: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        lives.setdefault(row.get("life", ""), []).append(row)
    out = []
    for stops in lives.values():
        for res in _resolve_rows([s["place"] for s in stops], [s.get("country", "") for s in stops],
                                 [s["start"] for s in stops], [None] * len(stops),
                                 resolver=resolver):
            out.append((res.query, res.name, res.country, res.lat, res.lon, res.source,
                        res.match, res.confidence, res.ambiguous, res.suggestions,
                        res.alternatives, res.error))
    return out


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_trotsky_table_is_answered_from_the_scan_alone_as_by_the_index(
        tmp_path: Path, full: GeonamesIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = read(ROOT / "data" / "places.csv")
    scan = first_run(tmp_path, None, monkeypatch)
    assert answers(Resolver(GAZETTEER, geonames=scan), rows) == answers(
        Resolver(GAZETTEER, geonames=full), rows)
    assert scan.scanned   # answered by the scan, never by the whole index


@pytest.mark.parametrize("name", ["tuning", "heldout"])
def test_the_evaluation_sets_get_the_same_answers_both_ways(
        name: str, tmp_path: Path, full: GeonamesIndex, monkeypatch: pytest.MonkeyPatch
        ) -> None:
    rows = read(ROOT / "tests" / "eval" / f"{name}.csv")
    scan = first_run(tmp_path, full, monkeypatch)   # misspellings need the whole pool
    assert answers(Resolver(GAZETTEER, geonames=scan), rows) == answers(
        Resolver(GAZETTEER, geonames=full), rows)


def sample_keys(full: GeonamesIndex, every: int, count: int, accented: bool) -> list[str]:
    """Every ``every``-th Latin key (only those met by a non-ASCII name when ``accented``)."""
    rows = (r for r in full._conn.execute("SELECT key, refs FROM lookup WHERE latin = 1")
            if not r[0].isdigit())   # numbers: below
    if accented:
        rows = (r for r in rows if not r[1].isascii())
    return [k for k, _ in itertools.islice(rows, 0, every * count, every)]


@pytest.mark.parametrize("accented", [True, False])
def test_a_scanned_key_finds_every_place_the_index_lists_under_it(
        full: GeonamesIndex, accented: bool) -> None:
    keys = sample_keys(full, 97 if accented else 997, 300, accented)
    assert len(keys) == 300
    for i in range(0, len(keys), 100):
        batch = keys[i:i + 100]
        records = scan_records(batch)
        assert records is not None
        part = geonames._index_in_memory(geonames._build(records))
        assert part.refs(batch) == full.refs(batch)


def test_abbreviations_and_a_leading_the_are_found(full: GeonamesIndex) -> None:
    for name in ("St. Petersburg", "The Hague", "Mount Vernon", "Fort William", "Sainte-Foy"):
        keys = list(geonames.query_keys(name))
        records = scan_records(keys)
        assert records is not None
        part = geonames._index_in_memory(geonames._build(records))
        assert part.refs(keys) == full.refs(keys) != {}


def test_a_key_that_is_no_name_is_left_to_the_index() -> None:
    assert scan_records(["01"]) is None   # every place of an admin1 code 01: not a name


def test_names_the_scan_cannot_serve_go_to_the_whole_index(
        tmp_path: Path, full: GeonamesIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = first_run(tmp_path, full, monkeypatch)
    scan.prefetch(["London", "Paris"])
    assert scan.scanned == {"london", "paris"}
    assert scan._for(["Москва"]) is full          # a non-Latin name: its fold
    assert scan._for(["01"]) is full              # a key that is no name: the whole index
    assert scan._for(["Berlin"]) is not full      # a name not scanned yet: scanned for too
    assert scan.scanned == {"london", "paris", "berlin"}
    assert scan._for(["London"]) is not full      # scanned: from the scan
    assert scan.fuzzy_keys() == full.fuzzy_keys()


def test_a_run_without_the_index_starts_its_build_at_exit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr("subprocess.Popen", lambda cmd, **kw: started.append(cmd))
    scan = FirstRunIndex(tmp_path / "missing.sqlite3", build_at_exit=False)
    scan._build_later()
    assert started and started[0][-2:] == ["itinerary.resolve.geonames",
                                           str(tmp_path / "missing.sqlite3")]
