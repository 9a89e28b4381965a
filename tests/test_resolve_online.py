"""The online path: geopy's real Nominatim client against a local fake server.

Every fault must end as one line on stderr and the offline answer; answers are cached on
disk so no name is asked twice, and the cache survives a kill and concurrent writers.
"""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fake_nominatim import FakeNominatim, closed_port_url
from itinerary.resolve import Resolver
from itinerary.resolve.cache import AnswerCache
from itinerary.resolve.geonames import GeonamesIndex
from itinerary.resolve.online import MIN_DELAY_S, OnlineSource, user_agent

ROOT = Path(__file__).resolve().parent.parent
HEADER = "key,name,from,to,country,lat,lon,feature,area,coord_source\n"
ONLY_ONLINE = "Quillbrook Mill"   # known to the fake only


@pytest.fixture(scope="module")
def geonames() -> GeonamesIndex:
    return GeonamesIndex()


@pytest.fixture
def resolver(geonames: GeonamesIndex, tmp_path: Path) -> Resolver:
    gaz = tmp_path / "gazetteer.csv"
    gaz.write_text(HEADER, encoding="utf-8")
    return Resolver(gaz, geonames=geonames, answers=AnswerCache(tmp_path / "answers.sqlite3"))


@pytest.fixture
def fake(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    mode = getattr(request, "param", "success")
    with FakeNominatim(mode=mode, delay=2.0, retry_after=7) as server:
        monkeypatch.setenv("ITINERARY_NOMINATIM_URL", server.url)
        monkeypatch.setenv("ITINERARY_GEOCODER_TIMEOUT", "0.5")
        yield server


def test_online_answers_what_the_offline_gazetteers_cannot(resolver: Resolver,
                                                          fake: FakeNominatim) -> None:
    offline = resolver.resolve("Zyx Farmstead")
    assert not offline.placed
    assert not resolver.resolve(ONLY_ONLINE).placed
    res = resolver.resolve(ONLY_ONLINE, online=True)
    assert res.source == "nominatim" and res.match == "online" and res.country == "DE"
    assert res.name == "Quillbrook Mill" and 0 < res.confidence < 0.9
    assert abs(res.lat - 50.36463) < 1e-4 and abs(res.lon - 8.73859) < 1e-4


def test_the_request_is_polite(resolver: Resolver, fake: FakeNominatim) -> None:
    resolver.resolve("Zyx Farmstead", online="nominatim")
    assert fake.requests, "the fake was never asked"
    assert fake.requests[0]["headers"]["User-Agent"] == user_agent()
    assert user_agent().startswith("itinerary/") and "+https://" in user_agent()
    source = OnlineSource("nominatim", cache=AnswerCache(":memory:"))
    assert source._geocoder().min_delay_seconds == MIN_DELAY_S == 1.0


def test_a_name_is_never_asked_twice(resolver: Resolver, fake: FakeNominatim,
                                     tmp_path: Path) -> None:
    resolver.resolve("Zyx Farmstead", online=True)
    resolver.resolve("Zyx Farmstead", online=True)   # "no result" is remembered too
    assert len(fake.requests) == 1
    fresh = OnlineSource("nominatim", cache=AnswerCache(tmp_path / "answers.sqlite3"))
    assert fresh.candidates("Zyx Farmstead") == []   # from disk, in a new source
    assert len(fake.requests) == 1


def test_a_confident_offline_answer_asks_nobody(resolver: Resolver,
                                                fake: FakeNominatim) -> None:
    res = resolver.resolve("Kherson", country="UA", online=True)
    assert res.source == "geonames"
    assert fake.requests == []


FAULTS = [
    ("slow", "timed out"),
    ("429", "HTTP 429"),
    ("500", "HTTP 500"),
    ("malformed", "not valid JSON"),
]


@pytest.mark.parametrize(("fake", "expected"), FAULTS, indirect=["fake"])
def test_each_fault_is_one_line_and_the_offline_answer(
        resolver: Resolver, fake: FakeNominatim, expected: str,
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="itinerary"):
        res = resolver.resolve("Zyx Farmstead", online=True)
        again = resolver.resolve("Qqq Homestead", online=True)
    assert not res.placed and not again.placed
    lines = [r for r in caplog.records if r.name.startswith("itinerary")]
    assert len(lines) == 1, [r.getMessage() for r in lines]   # then the service is left alone
    assert expected in lines[0].getMessage() and "\n" not in lines[0].getMessage()
    assert lines[0].exc_info is None
    assert len(fake.requests) == 1


@pytest.mark.parametrize("fake", ["429"], indirect=True)
def test_a_429_reports_the_servers_retry_after(resolver: Resolver, fake: FakeNominatim,
                                               caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="itinerary"):
        resolver.resolve("Zyx Farmstead", online=True)
    assert "wait 7 s" in caplog.text


def test_a_fault_is_not_cached(resolver: Resolver, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeNominatim(mode="500") as broken:
        monkeypatch.setenv("ITINERARY_NOMINATIM_URL", broken.url)
        resolver.resolve("Zyx Farmstead", online=True)
    assert len(AnswerCache(tmp_path / "answers.sqlite3")) == 0


def test_connection_refused_through_the_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "ITINERARY_NOMINATIM_URL": closed_port_url()}
    gaz = tmp_path / "gazetteer.csv"
    gaz.write_text(HEADER, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "itinerary", "resolve", "--name", "Zyx Farmstead", "--json",
         "--online", "--gazetteer", str(gaz)],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert proc.returncode == 1          # unresolved, as offline
    assert "Traceback" not in proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "online geocoder" in line]
    assert len(warnings) == 1 and "connection refused" in warnings[0]
    assert '"error"' in proc.stdout


# --- the cache on disk ------------------------------------------------------------------------

WRITER = """
import sys
from itinerary.resolve.cache import AnswerCache
cache = AnswerCache(sys.argv[1])
prefix, count = sys.argv[2], int(sys.argv[3])
for i in range(count):
    cache.put("nominatim", f"{prefix} {i}", None,
              [{"name": f"{prefix} {i}", "lat": i, "lon": -i, "pad": "x" * 2000}])
print("done", flush=True)
"""


def writer(path: Path, prefix: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), prefix, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_the_cache_survives_a_process_killed_mid_write(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    AnswerCache(path).put("nominatim", "before", None, [{"name": "before"}])
    proc = writer(path, "killed", 1_000_000)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:   # wait until it is busy writing, then kill it
        if len(AnswerCache(path)) > 200:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    cache = AnswerCache(path)
    assert cache.get("nominatim", "before") == [{"name": "before"}]
    survivors = len(cache)
    assert survivors > 200
    assert cache.get("nominatim", "killed 0")[0]["pad"] == "x" * 2000
    cache.put("nominatim", "after", None, [])   # and it still takes writes
    assert len(cache) == survivors + 1


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    AnswerCache(path)   # create it first, as a first run would
    procs = [writer(path, name, 300) for name in ("alpha", "beta")]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert out.strip() == "done"
    cache = AnswerCache(path)
    assert len(cache) == 600
    assert cache.get("nominatim", "alpha 299")[0]["lat"] == 299
    assert cache.get("nominatim", "beta 0")[0]["name"] == "beta 0"


def test_a_table_asks_online_only_for_what_stays_unplaced(
        resolver: Resolver, fake: FakeNominatim, capsys: pytest.CaptureFixture) -> None:
    import pandas as pd

    from itinerary.resolve import resolve_table

    df = pd.DataFrame({"place": ["Kherson", ONLY_ONLINE, ONLY_ONLINE], "country": ["UA", "", ""],
                       "start": ["1898", "1900", "1901"]})
    out = resolve_table(df, online=True, resolver=resolver, progress=True)
    assert list(out["geo_source"]) == ["geonames", "nominatim", "nominatim"]
    assert list(out["match"]) == ["exact", "online", "online"]
    assert len(fake.requests) == 1                 # one question per distinct name
    assert "asking nominatim" in capsys.readouterr().err   # the progress bar, forced on
