"""The online geocoder against hostile servers, through geopy's real client on 127.0.0.1.

* deadlines are wall-clock budgets: a server trickling one byte every 0.5 s (so a socket
  timeout, restarted at each byte, never fires) is given up after the request's timeout, and
  all online questions of a run share a total budget;
* answers are cached under the service and its endpoint, and every answer is checked before
  it is cached or used.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fake_nominatim import PLACES, FakeNominatim
from itinerary.resolve.cache import AnswerCache
from itinerary.resolve.online import OnlineSource, problem

ROOT = Path(__file__).resolve().parent.parent
HEADER = "key,name,from,to,country,lat,lon,feature,area,coord_source\n"
ONLY_ONLINE = "Quillbrook Mill"


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name.startswith("itinerary") and r.levelno >= logging.WARNING]


@pytest.fixture
def own_cache(tmp_path: Path) -> Path:
    """A cache dir of the test's own that shares the session's GeoNames index (a link), so
    a command run in it does not build the index again."""
    from itinerary.resolve.geonames import GeonamesIndex, stamp_path

    index = GeonamesIndex()   # built once per session
    index.close()
    mine = tmp_path / "cache"
    mine.mkdir()
    for path in (index.path, stamp_path(index.path)):
        if path.exists():
            (mine / path.name).symlink_to(path)
    return mine


def source(tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch, **kwargs) -> OnlineSource:
    monkeypatch.setenv("ITINERARY_NOMINATIM_URL", url)
    return OnlineSource("nominatim", cache=AnswerCache(tmp_path / "answers.sqlite3"), **kwargs)


# --- item 5: deadlines ----------------------------------------------------------------------

def test_a_trickling_server_is_given_up_at_the_requests_deadline(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    with FakeNominatim(mode="trickle", interval=0.5) as fake:
        online = source(tmp_path, fake.url, monkeypatch, timeout=1.0)
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="itinerary"):
            found = online.candidates(ONLY_ONLINE)
            again = online.candidates("Bad Nauheim")   # the source rests after a timeout
        took = time.monotonic() - started
    assert found == [] and again == []
    assert took < 3 * 1.0, f"{took:.1f} s for a 1 s deadline"
    lines = warnings_of(caplog)
    assert len(lines) == 1 and "timed out" in lines[0] and "within 1 s" in lines[0]
    assert len(fake.requests) == 1
    assert len(online.cache) == 0   # a timeout is not an answer


def test_all_questions_of_a_run_share_one_budget(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    with FakeNominatim(mode="slow", delay=0.3) as fake:
        online = source(tmp_path, fake.url, monkeypatch, timeout=5.0, budget=1.0)
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="itinerary"):
            answers = [online.candidates(name) for name in
                       ("Quillbrook Mill", "Zhmerynka", "Bad Nauheim", "Nowhere at all")]
        took = time.monotonic() - started
    # two questions (0.3 s, then 1 s apart as the service's policy asks) spend the budget
    assert [len(a) for a in answers] == [1, 1, 0, 0]
    assert len(fake.requests) == 2
    lines = warnings_of(caplog)
    assert len(lines) == 1 and "1 s budget for online questions" in lines[0]
    assert "answered offline" in lines[0]
    assert took < 3 * 1.0 + 1.0   # the budget, plus the one wait the rate limiter may add


def test_the_last_question_gets_what_is_left_of_the_budget(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    with FakeNominatim(mode="trickle", interval=0.5) as fake:
        online = source(tmp_path, fake.url, monkeypatch, timeout=30.0, budget=1.0)
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="itinerary"):
            assert online.candidates(ONLY_ONLINE) == []
        took = time.monotonic() - started
    assert took < 3 * 1.0
    [line] = warnings_of(caplog)
    assert "timed out" in line and "budget" in line


def test_a_bad_budget_setting_is_one_line_and_the_default(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from itinerary.resolve import online

    monkeypatch.setenv(online.ENV_BUDGET, "soon")
    with caplog.at_level(logging.WARNING, logger="itinerary"):
        made = OnlineSource("nominatim", cache=AnswerCache(":memory:"))
    assert made.budget == online.DEFAULT_BUDGET_S
    [line] = warnings_of(caplog)
    assert online.ENV_BUDGET in line and "'soon'" in line


def test_a_trickling_server_through_the_command_line(tmp_path: Path, own_cache: Path) -> None:
    gaz = tmp_path / "gazetteer.csv"
    gaz.write_text(HEADER, encoding="utf-8")
    with FakeNominatim(mode="trickle", interval=0.5) as fake:
        env = {**os.environ, "ITINERARY_NOMINATIM_URL": fake.url,
               "ITINERARY_GEOCODER_TIMEOUT": "1", "ITINERARY_CACHE_DIR": str(own_cache)}
        proc = subprocess.run(
            [sys.executable, "-m", "itinerary", "resolve", "--name", ONLY_ONLINE, "--json",
             "--online", "--gazetteer", str(gaz)],
            capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr   # unresolved, as offline
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "online geocoder" in line]
    assert len(lines) == 1 and "timed out" in lines[0]


# --- item 9: keyed by endpoint, checked before use -------------------------------------------

def test_answers_are_cached_per_endpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    other = {ONLY_ONLINE.casefold(): {**PLACES[ONLY_ONLINE.casefold()], "name": "Elsewhere",
                                      "lat": "10.0", "lon": "20.0"}}
    with FakeNominatim(places=other) as first:
        found = source(tmp_path, first.url, monkeypatch).candidates(ONLY_ONLINE)
        assert [c.name for c in found] == ["Elsewhere"]
    with FakeNominatim() as second:
        online = source(tmp_path, second.url, monkeypatch)
        assert [c.name for c in online.candidates(ONLY_ONLINE)] == [ONLY_ONLINE]
        assert len(second.requests) == 1   # the first server's answer was not taken
        online.candidates(ONLY_ONLINE)
        assert len(second.requests) == 1   # its own answer is
    assert len(AnswerCache(tmp_path / "answers.sqlite3")) == 2


def test_the_endpoint_is_geopys_url_without_its_query(monkeypatch: pytest.MonkeyPatch) -> None:
    from geopy.geocoders import Nominatim

    monkeypatch.delenv("ITINERARY_NOMINATIM_URL", raising=False)
    plain = OnlineSource("nominatim", cache=AnswerCache(":memory:"))
    assert plain.endpoint == Nominatim(user_agent="t").api == (
        "https://nominatim.openstreetmap.org/search")
    assert plain._geocoder_client().api == plain.endpoint
    monkeypatch.setenv("ITINERARY_NOMINATIM_URL", "http://127.0.0.1:8080/osm/")
    local = OnlineSource("nominatim", cache=AnswerCache(":memory:"))
    assert local.endpoint == local._geocoder_client().api == "http://127.0.0.1:8080/osm/search"
    photon = OnlineSource("photon", cache=AnswerCache(":memory:"))
    assert photon.endpoint.startswith("https://photon.komoot.io/")


def test_a_cache_of_the_first_format_is_emptied(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE answers (service TEXT NOT NULL, query TEXT NOT NULL, country "
                "TEXT NOT NULL, answer TEXT NOT NULL, saved REAL NOT NULL, "
                "PRIMARY KEY (service, query, country))")
    old.execute("INSERT INTO answers VALUES ('nominatim', 'quillbrook mill', '', ?, 0)",
                (json.dumps([{"name": "<b>x</b>", "country": "DE", "lat": 1, "lon": 2}]),))
    old.commit()
    old.close()
    cache = AnswerCache(path)
    assert len(cache) == 0 and cache.get("nominatim", ONLY_ONLINE) is None
    cache.put("nominatim", ONLY_ONLINE, None, [], endpoint="http://x/search")
    assert cache.get("nominatim", ONLY_ONLINE, endpoint="http://x/search") == []
    assert cache.get("nominatim", ONLY_ONLINE, endpoint="https://y/search") is None


HOSTILE = {
    "markup": ({"name": "<img src=x onerror=alert(1)>"}, "markup"),
    "rlo": ({"cc": "\u202ede"}, "country code"),
    "three letters": ({"cc": "deu"}, "country code"),
    "control": ({"name": "Quill\x07brook"}, "control or bidi"),
    "isolate": ({"name": "Quill\u2067brook"}, "control or bidi"),
    "long": ({"name": "Q" * 201}, "longer than 200"),
    "latitude": ({"lat": "91.5"}, "atitude"),
    "longitude": ({"lon": "-180.5"}, "longitude"),
    "infinite": ({"lat": "inf"}, "finite"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_answer_is_rejected_with_one_line(
        case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    change, expected = HOSTILE[case]
    places = {ONLY_ONLINE.casefold(): {**PLACES[ONLY_ONLINE.casefold()], **change}}
    with FakeNominatim(places=places) as fake:
        online = source(tmp_path, fake.url, monkeypatch)
        with caplog.at_level(logging.WARNING, logger="itinerary"):
            assert online.candidates(ONLY_ONLINE) == []
            assert online.candidates(ONLY_ONLINE) == []   # asked once, from the cache after
    assert len(fake.requests) == 1
    lines = warnings_of(caplog)
    assert len(lines) == 1, lines
    assert "rejected" in lines[0] and expected in lines[0]
    assert "\n" not in lines[0] and not any(ch in lines[0] for ch in "\u202e\u2067\x07<>")
    assert AnswerCache(tmp_path / "answers.sqlite3").get(
        "nominatim", ONLY_ONLINE, endpoint=online.endpoint) == []   # nothing hostile kept


def test_a_hostile_answer_already_in_the_cache_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("ITINERARY_NOMINATIM_URL", "http://127.0.0.1:9/")
    online = OnlineSource("nominatim", cache=AnswerCache(tmp_path / "answers.sqlite3"))
    good = {"name": "Zhmerynka", "country": "UA", "lat": 49.0, "lon": 28.1, "type": "town",
            "display": "Zhmerynka, Ukraine"}
    online.cache.put("nominatim", "Zhmerynka", None,
                     [{**good, "country": "\u202eAU"}, good], endpoint=online.endpoint)
    with caplog.at_level(logging.WARNING, logger="itinerary"):
        found = online.candidates("Zhmerynka")
    assert [(c.name, c.country) for c in found] == [("Zhmerynka", "UA")]
    [line] = warnings_of(caplog)
    assert "country code" in line and "\\u202e" in line


def test_the_check_itself() -> None:
    good = {"name": "Ust’-Kut", "country": "RU", "lat": 56.8, "lon": 105.8, "type": "town",
            "display": "Ust’-Kut, Irkutsk Oblast, Russia"}
    assert problem(good) is None
    assert problem({**good, "country": ""}) is None   # no country: the ocean, an airport
    assert problem({**good, "name": "Тель-Авив"}) is None
    for bad in ({**good, "lat": math.nan}, {**good, "lon": None}, {**good, "lat": True},
                {**good, "name": ""}, {**good, "name": 12}, {**good, "country": "D3"},
                {**good, "display": "x\u202a"}, "Ust-Kut", None):
        assert problem(bad), bad


def test_hostile_answers_through_the_command_line(tmp_path: Path, own_cache: Path) -> None:
    gaz = tmp_path / "gazetteer.csv"
    gaz.write_text(HEADER, encoding="utf-8")
    places = {ONLY_ONLINE.casefold(): {**PLACES[ONLY_ONLINE.casefold()],
                                       "name": "<script>alert(1)</script>"}}
    with FakeNominatim(places=places) as fake:
        env = {**os.environ, "ITINERARY_NOMINATIM_URL": fake.url,
               "ITINERARY_CACHE_DIR": str(own_cache)}
        proc = subprocess.run(
            [sys.executable, "-m", "itinerary", "resolve", "--name", ONLY_ONLINE, "--json",
             "--online", "--gazetteer", str(gaz)],
            capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    assert "<script>" not in proc.stdout + proc.stderr and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "online geocoder" in line]
    assert len(lines) == 1 and "rejected" in lines[0] and "markup" in lines[0]
