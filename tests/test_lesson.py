"""The lesson page drives the embedded map as the reader scrolls, through the map's postMessage
protocol; the map obeys only its parent, and only well-formed commands.

The site is laid out as a teacher's would be after ``bash scripts/build``: the map in
``output/trotsky.html`` (one portable file, the default) and the lesson in ``examples/``,
served from 127.0.0.1 and opened from disk.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Opened, browser, http_server, open_page, wait_for  # noqa: F401
from itinerary.cli import main

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent

# Section id -> the period its text is about.
SECTIONS = {
    "siberia": "siberian-exile", "london": "first-emigration", "vienna": "second-emigration",
    "alma-ata": "alma-ata", "turkey": "turkey", "norway": "norway", "mexico": "mexico",
}
NORWAY_STOPS = {"norderhov-1935", "oslo-1935", "norderhov-1935-10", "hurum-1936"}

# Collects, in the top window only, every message it receives (before any page script runs).
COLLECT = ("if (window.parent === window) { window.__received = [];"
           " window.addEventListener('message', e => window.__received.push(e.data)); }")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lesson-site")
    # Without tiles, so any request leaving 127.0.0.1 or the disk is the lesson's own fault.
    assert main(["build", "-o", str(root / "output" / "trotsky.html"), "--no-tiles"]) == 0
    assert not (root / "output" / "itinerary_files").exists()
    (root / "examples").mkdir()
    for name in ("lesson.html", "lesson.css", "lesson.js"):
        shutil.copy(ROOT / "examples" / name, root / "examples" / name)
    # A parent with the map and a sibling frame, for the protocol's edge cases.
    (root / "parent.html").write_text(
        "<!DOCTYPE html><title>parent</title>"
        '<iframe id="map" src="output/trotsky.html#embed" width="700" height="450"></iframe>'
        '<iframe id="sibling" src="sibling.html" width="100" height="100"></iframe>',
        encoding="utf-8")
    (root / "sibling.html").write_text("<!DOCTYPE html><title>sibling</title>", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with http_server(site) as base:
        yield base


class Lesson:
    """A page with the map in a frame; ``map_state()`` asks the framed map itself."""

    def __init__(self, chromium: Any, url: str, viewport: tuple[int, int] = (1280, 800)) -> None:
        self.context = chromium.new_context(viewport={"width": viewport[0],
                                                      "height": viewport[1]})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text)
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
            ("http://127.0.0.1", "file:", "data:")) else r.abort())  # no internet, like a school
        self.page.add_init_script(COLLECT)
        self.page.goto(url)
        self.frame = next(f for f in self.page.frames if "trotsky.html" in f.url)
        wait_for(self.frame, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
        self.wait_for("window.__received.some(m => m.type === 'itinerary:ready')")

    def map_state(self) -> dict[str, Any]:
        return dict(self.frame.evaluate("window.itineraryMap.state()"))

    def received(self, kind: str) -> list[Any]:
        return [m for m in self.page.evaluate("window.__received")
                if isinstance(m, dict) and m.get("type") == kind]

    def wait_for(self, expression: str) -> None:
        wait_for(self.page, expression)

    def post(self, message: Any) -> None:
        """Send ``message`` to the map frame from the parent page."""
        self.page.evaluate("m => document.getElementById('map').contentWindow.postMessage(m, '*')",
                           message)

    def scroll_to(self, section: str) -> None:
        self.page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'center'})",
                           section)

    def close(self) -> None:
        self.context.close()


def places_rows() -> int:
    return len((ROOT / "data" / "places.csv").read_text(encoding="utf-8").splitlines()) - 1


def period_ids() -> list[str]:
    lines = (ROOT / "data" / "periods.csv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split(",")[0] for line in lines]


def check_scrolling(lesson: Lesson, sections: list[str]) -> None:
    for section in sections:
        lesson.scroll_to(section)
        period = SECTIONS[section]
        lesson.wait_for(f"document.getElementById('{section}').classList.contains('active')")
        wait_for(lesson.frame, f"window.itineraryMap.state().period === '{period}'")
        state = lesson.map_state()
        assert state["stopId"] in state["visibleStopIds"], section
        assert state["playing"] is False
    # The lesson names the stop the map reports, as text.
    lesson.wait_for("document.getElementById('now-showing').textContent.includes('Mexico') || "
                    "document.getElementById('now-showing').textContent.includes('Tampico')")


# --- the lesson page --------------------------------------------------------------------------

def test_scrolling_through_the_lesson_moves_the_map_over_http(browser: Any,  # noqa: F811
                                                              server: str) -> None:
    lesson = Lesson(browser, f"{server}/examples/lesson.html")
    try:
        check_scrolling(lesson, list(SECTIONS))
        lesson.scroll_to("norway")
        wait_for(lesson.frame, "window.itineraryMap.state().period === 'norway'")
        state = lesson.map_state()
        assert set(state["visibleStopIds"]) == NORWAY_STOPS
        assert state["stopId"] == "norderhov-1935"
        lesson.scroll_to("vienna")  # a section may also name a stop: Vienna, not Berezov
        wait_for(lesson.frame, "window.itineraryMap.state().stopId === 'vienna-1907'")
        assert lesson.errors == []
        assert all(u.startswith(server) or u.startswith("data:") for u in lesson.requests)
    finally:
        lesson.close()


def test_the_lesson_works_opened_from_disk(browser: Any, site: Path) -> None:  # noqa: F811
    lesson = Lesson(browser, (site / "examples" / "lesson.html").as_uri())
    try:
        check_scrolling(lesson, ["siberia", "norway", "mexico"])
        lesson.scroll_to("norway")
        wait_for(lesson.frame, "window.itineraryMap.state().period === 'norway'")
        assert lesson.map_state()["stopId"] in NORWAY_STOPS
        assert lesson.errors == []
    finally:
        lesson.close()


def test_the_parent_hears_ready_once_and_each_stop_change(browser: Any,  # noqa: F811
                                                         server: str) -> None:
    lesson = Lesson(browser, f"{server}/examples/lesson.html")
    try:
        ready = lesson.received("itinerary:ready")
        assert ready == [{"type": "itinerary:ready", "stops": places_rows(),
                          "periods": period_ids()}]
        lesson.scroll_to("norway")
        lesson.wait_for("window.__received.some(m => m.type === 'itinerary:stop' && "
                        "m.stop.id === 'norderhov-1935')")
        stop = [m["stop"] for m in lesson.received("itinerary:stop")
                if m["stop"]["id"] == "norderhov-1935"][0]
        assert stop == {"id": "norderhov-1935", "place": "Norderhov", "start": "1935-06-18",
                        "end": "1935-09-19", "label": "18 June 1935 – 19 September 1935"}
        lesson.frame.evaluate("window.itineraryMap.next()")
        lesson.wait_for("window.__received.some(m => m.type === 'itinerary:stop' && "
                        "m.stop.id === 'oslo-1935')")
        ids = [m["stop"]["id"] for m in lesson.received("itinerary:stop")]
        assert all(a != b for a, b in zip(ids, ids[1:], strict=False))  # changes only
    finally:
        lesson.close()


def test_the_play_button_plays_its_chapter(browser: Any, server: str) -> None:  # noqa: F811
    lesson = Lesson(browser, f"{server}/examples/lesson.html")
    try:
        lesson.page.evaluate("document.querySelector('#turkey button.play').click()")
        wait_for(lesson.frame, "window.itineraryMap.state().playing && "
                 "window.itineraryMap.state().period === 'turkey'")
    finally:
        lesson.close()


def test_the_lesson_works_with_a_shared_assets_build_too(browser: Any,  # noqa: F811
                                                         tmp_path: Path) -> None:
    """A site with many maps: the page plus its shared files in itinerary_files/."""
    assert main(["build", "-o", str(tmp_path / "output" / "trotsky.html"), "--shared-assets",
                 "--no-tiles"]) == 0
    assert (tmp_path / "output" / "itinerary_files").is_dir()
    (tmp_path / "examples").mkdir()
    for name in ("lesson.html", "lesson.css", "lesson.js"):
        shutil.copy(ROOT / "examples" / name, tmp_path / "examples" / name)
    lesson = Lesson(browser, (tmp_path / "examples" / "lesson.html").as_uri())
    try:
        check_scrolling(lesson, ["norway", "mexico"])
        assert lesson.errors == []
    finally:
        lesson.close()


@pytest.mark.parametrize("viewport", [(375, 667), (1280, 720)])
def test_on_a_phone_and_a_laptop_the_framed_map_is_not_cut_off(
        browser: Any, server: str, viewport: tuple[int, int]) -> None:  # noqa: F811
    lesson = Lesson(browser, f"{server}/examples/lesson.html", viewport)
    try:
        lesson.scroll_to("turkey")
        wait_for(lesson.frame, "window.itineraryMap.state().period === 'turkey'")
        inner = lesson.frame.evaluate("[innerHeight, document.documentElement.scrollHeight, "
                                      "document.getElementById('play').getBoundingClientRect()"
                                      ".bottom, document.getElementById('realtime')"
                                      ".getBoundingClientRect().bottom]")
        height, content, play_bottom, realtime_bottom = inner
        assert content <= height and play_bottom <= height and realtime_bottom <= height
        frame_box = lesson.page.evaluate("(() => { const r = document.getElementById("
                                         "'map-frame').getBoundingClientRect();"
                                         " return [r.top, r.bottom]; })()")
        assert frame_box[0] >= 0 and frame_box[1] <= viewport[1]  # sticky: still on screen
    finally:
        lesson.close()


# --- the protocol's edges ----------------------------------------------------------------------

MALFORMED: list[Any] = [
    {"type": "itinerary:seek", "date": "not a date"},
    {"type": "itinerary:seek", "date": "1936-02-30"},
    {"type": "itinerary:seek", "date": 1936},
    {"type": "itinerary:seek"},
    {"type": "itinerary:goToStop", "stop": {}},
    {"type": "itinerary:goToStop", "stop": 3},
    {"type": "itinerary:goToStop", "stop": "no-such-stop"},
    {"type": "itinerary:goToStop", "stop": "hurum-1936", "period": "mexico"},  # an extra field
    "itinerary:play",
    ["itinerary:play"],
    None,
    {"type": "other"},
    {"type": "ITINERARY:PLAY"},
    {"type": "itinerary:play", "now": True},
    {"type": "x" * 1_000_000},
    "x" * 1_000_000,
    {"type": "itinerary:goToStop", "stop": "x" * 1_000_000},
    {"type": "itinerary:setPeriod", "period": "nope"},
    {"type": "itinerary:setPeriod", "period": "__proto__"},
    {"type": "itinerary:setPeriod"},
    {"type": "toString"},
]


@pytest.fixture
def framed(browser: Any, server: str) -> Iterator[Lesson]:  # noqa: F811
    lesson = Lesson(browser, f"{server}/parent.html")
    yield lesson
    lesson.close()


def test_malformed_and_foreign_messages_change_nothing(framed: Lesson) -> None:
    framed.post({"type": "itinerary:setPeriod", "period": "turkey"})
    framed.post({"type": "itinerary:goToStop", "stop": "prinkipo-1929"})
    wait_for(framed.frame, "window.itineraryMap.state().stopId === 'prinkipo-1929'")
    before = framed.map_state()
    for message in MALFORMED:
        framed.post(message)
    framed.page.wait_for_timeout(300)
    assert framed.map_state() == before
    assert framed.errors == []
    # The same channel still works: a well-formed command right after is obeyed at once.
    framed.post({"type": "itinerary:seek", "date": "1932"})
    wait_for(framed.frame, "window.itineraryMap.state().date === '1932-01-01'")


def test_every_well_formed_command(framed: Lesson) -> None:
    framed.post({"type": "itinerary:setPeriod", "period": "norway"})
    wait_for(framed.frame, "window.itineraryMap.state().period === 'norway'")
    framed.post({"type": "itinerary:goToStop", "stop": "hurum-1936"})
    wait_for(framed.frame, "window.itineraryMap.state().stopId === 'hurum-1936'")
    framed.post({"type": "itinerary:seek", "date": "1935-09"})
    wait_for(framed.frame, "window.itineraryMap.state().date === '1935-09-01'")
    framed.post({"type": "itinerary:play"})
    wait_for(framed.frame, "window.itineraryMap.state().playing")
    framed.post({"type": "itinerary:pause"})
    wait_for(framed.frame, "!window.itineraryMap.state().playing")
    framed.post({"type": "itinerary:setPeriod", "period": None})
    wait_for(framed.frame, "window.itineraryMap.state().period === null")
    assert len(framed.map_state()["visibleStopIds"]) == places_rows()


def test_a_sibling_frame_cannot_drive_the_map(framed: Lesson) -> None:
    sibling = next(f for f in framed.page.frames if f.url.endswith("sibling.html"))
    sibling.evaluate("window.parent.frames[0].postMessage("
                     "{type: 'itinerary:setPeriod', period: 'norway'}, '*')")
    framed.page.wait_for_timeout(300)
    assert framed.map_state()["period"] is None
    framed.post({"type": "itinerary:setPeriod", "period": "norway"})  # the parent may
    wait_for(framed.frame, "window.itineraryMap.state().period === 'norway'")


def test_a_page_that_is_not_framed_ignores_messages(browser: Any, site: Path) -> None:  # noqa: F811
    o = open_page(browser, (site / "output" / "trotsky.html").as_uri())
    try:
        o.call("window.postMessage({type: 'itinerary:setPeriod', period: 'norway'}, '*')")
        o.page.wait_for_timeout(300)
        assert o.state()["period"] is None
    finally:
        o.page.context.close()


def test_parent_origin_in_the_hash_narrows_who_may_drive_it(browser: Any,  # noqa: F811
                                                            server: str, site: Path) -> None:
    page_for = {"ok": server, "other": "https://school.example"}
    for name, origin in page_for.items():
        (site / f"parent-{name}.html").write_text(
            "<!DOCTYPE html><title>p</title><iframe id=\"map\" "
            f'src="output/trotsky.html#embed&parent-origin={origin}"></iframe>', encoding="utf-8")
    allowed = Lesson(browser, f"{server}/parent-ok.html")
    try:
        allowed.post({"type": "itinerary:setPeriod", "period": "norway"})
        wait_for(allowed.frame, "window.itineraryMap.state().period === 'norway'")
    finally:
        allowed.close()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(COLLECT)
        page.goto(f"{server}/parent-other.html")
        frame = next(f for f in page.frames if "trotsky.html" in f.url)
        wait_for(frame, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
        page.evaluate("document.getElementById('map').contentWindow.postMessage("
                      "{type: 'itinerary:setPeriod', period: 'norway'}, '*')")
        page.wait_for_timeout(300)
        assert frame.evaluate("window.itineraryMap.state().period") is None
        # and it does not tell a parent of another origin what it shows
        assert page.evaluate("window.__received") == []
    finally:
        context.close()


# --- offline ---------------------------------------------------------------------------------

def test_the_self_contained_map_plays_and_filters_with_every_other_request_blocked(
        browser: Any, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "alone.html"
    assert main(["build", "-o", str(out), "--self-contained", "--no-tiles"]) == 0
    context = browser.new_context()
    page = context.new_page()
    blocked: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def only_the_file(route: Any) -> None:
        if route.request.url == out.as_uri():
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_file)
    try:
        page.goto(out.as_uri())
        wait_for(page, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
        page.evaluate("window.itineraryMap.setPeriod('norway')")
        state = page.evaluate("window.itineraryMap.state()")
        assert set(state["visibleStopIds"]) == NORWAY_STOPS
        page.evaluate("window.itineraryMap.play()")
        wait_for(page, "window.itineraryMap.state().position > 500")
        assert blocked == [] and errors == []
    finally:
        context.close()
