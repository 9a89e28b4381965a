"""Several lives on one page, in Chromium with the network off: Trotsky and Lenin, each in its
own colour with its own named marker at its own place on the clock's day; the person filter
(chips, #person=, setPerson, postMessage); the meetings (rings on the map while the clock is in
their days, cards, the list, #meeting=). Screenshots go to tests/_artifacts/lives-*.png."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Opened, browser, open_page, screenshot, wait_for  # noqa: F401
from itinerary.cli import main

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
STATE = "window.itineraryMap.state()"


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lives") / "two.html"
    assert main(["build", str(ROOT / "data" / "places.csv"), str(ROOT / "examples" / "lenin.csv"),
                 "-o", str(path), "--no-tiles"]) == 0
    return path


@pytest.fixture(scope="module")
def data(two: Path) -> dict[str, Any]:
    text = two.read_text(encoding="utf-8")
    match = re.search(r'id="itinerary-data">(.*?)</script>', text, re.S)
    assert match
    return dict(json.loads(match.group(1)))


@pytest.fixture
def opened(browser: Any, two: Path) -> Iterator[Opened]:  # noqa: F811
    o = open_page(browser, two.as_uri())
    yield o
    assert o.errors == []
    assert [r for r in o.requests if not r.startswith("file:")] == []
    o.page.context.close()


def person_of_stops(data: dict[str, Any]) -> dict[str, str]:
    stops = data["stops"]
    return {(i or str(s)): p for i, s, p in zip(stops["id"], stops["seq"], stops["person"],
                                                 strict=True)}


def near(a: list[float], b: tuple[float, float], tol: float = 0.05) -> bool:
    return abs(a[0] - b[0]) <= tol and abs(a[1] - b[1]) <= tol


# --- 1. each life its colour, its marker, its name on the card and in the list -------------------

def test_each_life_has_its_colour_on_places_and_trails(opened: Opened,
                                                       data: dict[str, Any]) -> None:
    colors = {p["id"]: p["color"] for p in data["persons"]}
    opened.call("window.itineraryMap.seek('1930-01-01')")
    drawn = opened.call("""() => {
        const it = window.itineraryPage, out = {trail: [], places: []};
        it.state.trail.forEach(l => out.trail.push(l.options.color));
        it.placeMarkers.forEach(m => { if (m._map) {
            const s = it.stops.find(s => s.place_index === it.placeMarkers.indexOf(m));
            out.places.push([m.options.color, s.person]); } });
        return out; }""")
    assert set(drawn["trail"]) == set(colors.values())  # both lives' trails, in their colours
    assert drawn["places"] and all(c == colors[p] for c, p in drawn["places"])


def test_each_life_is_at_its_own_place_on_the_clock_day(opened: Opened) -> None:
    opened.call("window.itineraryMap.seek('1910-02-01')")
    state = opened.state()
    assert state["date"] == "1910-02-01"
    assert near(state["travellers"]["trotsky"], (48.21, 16.37))  # Vienna
    assert near(state["travellers"]["lenin"], (48.85, 2.35))  # Paris
    names = opened.call("Array.from(document.querySelectorAll('.traveller-name'))"
                        ".map(t => t.textContent).sort()")
    assert names == ["Lenin", "Trotsky"]
    # Before a life begins its marker is not drawn; the clock never runs backwards.
    dates = opened.call("""() => {
        const slider = document.getElementById('slider'), out = [];
        for (let v = 0; v <= Number(slider.max); v += Math.ceil(Number(slider.max) / 400)) {
            slider.value = String(v); slider.dispatchEvent(new Event('input'));
            out.push(window.itineraryMap.state().date); }
        return out; }""")
    assert len(dates) > 100
    opened.call("window.itineraryMap.seek('1875-01-01')")
    assert list(opened.state()["travellers"]) == ["lenin"]  # Trotsky is born in 1879
    assert dates == sorted(dates), "the clock went back in time"


def test_the_card_and_the_list_say_whose_stop(opened: Opened, data: dict[str, Any]) -> None:
    opened.call("window.itineraryMap.goToStop('paris-1908')")
    assert opened.call("document.querySelector('#card-body .person').textContent") == \
        "Lenin\u2019s stop"
    tags = opened.call("Array.from(document.querySelectorAll('#stops .who'))"
                       ".map(t => t.textContent)")
    names = {p["id"]: p["name"] for p in data["persons"]}
    assert tags == [names[p] for p in data["stops"]["person"]]


# --- 2. the person filter -------------------------------------------------------------------------

def test_person_chips_filter_the_stops_and_the_hash(opened: Opened,
                                                    data: dict[str, Any]) -> None:
    chips = opened.call("Array.from(document.querySelectorAll('#persons .period'))"
                        ".map(b => b.textContent)")
    assert chips == ["Everyone", "Trotsky", "Lenin"]
    whose = person_of_stops(data)
    opened.page.click("#persons .period:nth-child(3)")
    state = opened.state()
    assert state["person"] == "lenin" and state["persons"] == ["lenin"]
    assert state["visibleStopIds"] and {whose[i] for i in state["visibleStopIds"]} == {"lenin"}
    assert list(state["travellers"]) == ["lenin"]
    assert "person=lenin" in opened.call("location.hash")
    # Trotsky's periods are not offered while Lenin alone is shown.
    shown = opened.call("Array.from(document.querySelectorAll('#periods .period'))"
                        ".filter(b => b.offsetParent).map(b => b.textContent)")
    assert "Final exile: Mexico" not in shown and "Youth on the Volga" in shown
    opened.call("window.itineraryMap.setPerson(null)")
    state = opened.state()
    assert state["person"] is None and state["persons"] == ["trotsky", "lenin"]
    assert len(state["visibleStopIds"]) == len(data["stops"]["seq"])
    assert "person" not in opened.call("location.hash")
    opened.call("window.itineraryMap.setPerson('nobody')")
    assert opened.state()["person"] is None


def test_a_person_link(browser: Any, two: Path) -> None:  # noqa: F811
    o = open_page(browser, two.as_uri() + "#person=trotsky")
    try:
        state = o.state()
        assert state["person"] == "trotsky" and state["persons"] == ["trotsky"]
        assert o.errors == []
    finally:
        o.page.context.close()


def test_set_person_by_message_with_strict_checks(browser: Any, two: Path) -> None:  # noqa: F811
    parent = two.parent / "parent.html"
    parent.write_text('<!DOCTYPE html><title>p</title><iframe id="f" src="two.html#embed" '
                      'width="900" height="600"></iframe>', encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(parent.as_uri())
        frame = page.frames[1]
        wait_for(frame, "window.itineraryMap && window.itineraryMap.state().stopId !== null")

        def post(message: Any) -> None:
            page.evaluate("(m) => document.getElementById('f').contentWindow.postMessage(m, '*')",
                          message)

        post({"type": "itinerary:setPerson", "person": "lenin"})
        wait_for(frame, "window.itineraryMap.state().person === 'lenin'")
        for bad in [{"type": "itinerary:setPerson", "person": "stalin"},
                    {"type": "itinerary:setPerson", "person": "__proto__"},
                    {"type": "itinerary:setPerson", "person": 1},
                    {"type": "itinerary:setPerson"},
                    {"type": "itinerary:setPerson", "person": "trotsky", "x": 1},
                    {"type": "itinerary:setPerson", "person": "x" * 1000}]:
            post(bad)
        page.wait_for_timeout(300)
        assert frame.evaluate(STATE)["person"] == "lenin"
        post({"type": "itinerary:setPerson", "person": None})
        wait_for(frame, "window.itineraryMap.state().person === null")
        assert errors == []
    finally:
        context.close()


# --- 3. meetings ----------------------------------------------------------------------------------

def test_a_meeting_card_and_its_ring(opened: Opened, data: dict[str, Any]) -> None:
    assert opened.call("window.itineraryMap.goToMeeting('lenin-trotsky-london-1902')")
    state = opened.state()
    assert state["meeting"] == "lenin-trotsky-london-1902"
    assert "lenin-trotsky-london-1902" in state["meetings"]
    assert "1902-11-30" <= state["date"] <= "1903-01-01"
    card = opened.call("document.getElementById('card-title').textContent + ', ' + "
                       "document.querySelector('#card-body .when').textContent")
    assert card == "Trotsky and Lenin in London, 30 November 1902 \u2013 1 January 1903"
    shot = screenshot(opened.page, "lives-meeting.png")
    assert shot.stat().st_size > 10_000
    # Outside its days the ring is gone.
    opened.call("window.itineraryMap.seek('1905-06-01')")
    assert "lenin-trotsky-london-1902" not in opened.state()["meetings"]


def test_an_uncertain_meeting_says_may_have_met(opened: Opened, data: dict[str, Any]) -> None:
    maybe = next(e for e in data["encounters"] if e["status"] == "may have met")
    opened.call(f"window.itineraryMap.goToMeeting({json.dumps(maybe['id'])})")
    title = opened.call("document.getElementById('card-title').textContent")
    assert "may have met in " + maybe["place"] in title
    assert opened.call("document.querySelector('#card-body .badge').textContent") == \
        "may have met"


def test_the_meetings_list_and_a_meeting_link(browser: Any, two: Path,  # noqa: F811
                                              data: dict[str, Any]) -> None:
    o = open_page(browser, two.as_uri() + "#meeting=lenin-trotsky-london-1902")
    try:
        assert o.state()["meeting"] == "lenin-trotsky-london-1902"
        assert o.call("document.getElementById('card-title').textContent") == \
            "Trotsky and Lenin in London"
        items = o.call("document.querySelectorAll('#meetings li').length")
        assert items == len(data["encounters"]) > 0
        o.page.click("#meetings li:nth-child(2) button")
        assert o.state()["meeting"] == data["encounters"][1]["id"]
        o.call("window.itineraryMap.goToMeeting('no-such-meeting')")
        assert o.state()["meeting"] == data["encounters"][1]["id"]
        assert o.errors == []
    finally:
        o.page.context.close()


# --- 4. screenshots, and one life unchanged ------------------------------------------------

def test_screenshots_of_everyone_and_one_person(opened: Opened) -> None:
    opened.call("window.itineraryMap.seek('1910-02-01')")
    assert screenshot(opened.page, "lives-everyone.png").stat().st_size > 10_000
    opened.call("window.itineraryMap.setPerson('lenin')")
    opened.call("window.itineraryMap.seek('1910-02-01')")
    assert screenshot(opened.page, "lives-lenin.png").stat().st_size > 10_000


def test_one_life_has_no_people_and_no_meetings(browser: Any,  # noqa: F811
                                                tmp_path: Path) -> None:
    path = tmp_path / "one.html"
    assert main(["build", "-o", str(path), "--no-tiles"]) == 0
    o = open_page(browser, path.as_uri())
    try:
        state = o.state()
        assert state["persons"] == [] and state["person"] is None and state["meetings"] == []
        assert state["travellers"] == {}
        assert o.call("!document.getElementById('persons') && "
                      "!document.getElementById('meetings') && "
                      "!document.querySelector('.who, .traveller-name, #card-body .person')")
        assert state["marker"] is not None  # the one traveller, as before
        assert o.errors == []
    finally:
        o.page.context.close()


def test_another_lifes_period_shows_everyone(opened: Opened) -> None:
    opened.call("window.itineraryMap.setPerson('lenin')")
    opened.call("window.itineraryMap.setPeriod('mexico')")
    state = opened.state()
    assert state["period"] == "mexico" and state["person"] is None
    assert state["visibleStopIds"]
    pressed = opened.call("Array.from(document.querySelectorAll('#persons .period'))"
                          ".map(b => b.getAttribute('aria-pressed'))")
    assert pressed == ["true", "false", "false"]


def test_visits_to_a_shared_place_name_the_person(opened: Opened) -> None:
    opened.call("window.itineraryMap.goToStop('trotsky-london-1902')")
    visits = opened.call("Array.from(document.querySelectorAll('#card-body .visits button'))"
                         ".map(b => b.textContent)")
    assert any(v.startswith("Lenin: ") for v in visits)
    assert any(v.startswith("Trotsky: ") for v in visits)
