"""The compact embed (#embed) in a lesson's frame, in Chromium with the network off: the map at
least 55 % of the frame's height, the stop shown (name and dates) in one line with its note a tap
away, the controls in one row at 600 px, a long title shortened with its full text in a
tooltip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Opened, browser, open_page, sample_tables, write_page  # noqa: F401
from itinerary.cli import main
from itinerary.outputs.page import render_page

pytestmark = pytest.mark.browser
LONG_TITLE = ("Leon Trotsky, born Lev Davidovich Bronstein: a life in places from Yanovka to "
              "Coyoacán, 1879–1940, with every exile, prison and congress")
BOX = """s => { const e = document.querySelector(s); if (!e) return null;
    const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"""
ROW = ["#prev", "#play", "#next", "#slider", "#date", "#speed", "#realtime"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("embed-layout")
    assert main(["build", "-o", str(root / "trotsky.html"), "--self-contained",
                 "--no-tiles"]) == 0
    t = sample_tables()
    write_page(root, render_page(t.stops, t.moves, t.periods, title=LONG_TITLE, tiles=None,
                                 self_contained=True), "long.html")
    return root


@pytest.fixture
def frame(browser: Any, site: Path, request: pytest.FixtureRequest) -> Iterator[Opened]:  # noqa: F811
    size, fragment = request.param
    o = open_page(browser, (site / "trotsky.html").as_uri() + "#" + fragment, viewport=size)
    yield o
    o.page.context.close()


FRAMES = [((600, 400), "embed"), ((360, 640), "embed"), ((600, 400), "period=siberian-exile&embed"),
          ((360, 640), "period=mexico&embed")]


@pytest.mark.parametrize("frame", FRAMES, indirect=True,
                         ids=lambda f: f"{f[0][0]}x{f[0][1]}-{f[1]}")
def test_the_map_takes_most_of_the_frame_and_the_stop_reads_in_one_line(frame: Opened) -> None:
    w, h = frame.call("[innerWidth, innerHeight]")
    assert frame.call("document.documentElement.scrollHeight") <= h
    m = frame.call(BOX, "#map")
    assert m[3] - m[1] >= 0.55 * h, m
    for _ in range(6):  # several stops, short and long dates
        line = frame.call("""() => { const now = document.getElementById('now'),
            name = document.getElementById('now-name'), when = document.getElementById('now-when');
            const lh = parseFloat(getComputedStyle(now).lineHeight);
            return {height: name.getBoundingClientRect().height, lh: lh,
              nameCut: name.scrollWidth > name.clientWidth + 1,
              whenCut: when.scrollWidth > when.clientWidth + 1,
              name: name.textContent, when: when.textContent,
              box: (r => [r.left, r.top, r.right, r.bottom])(now.getBoundingClientRect())}; }""")
        state = frame.state()
        stop = frame.call("id => window.itineraryPage.stopById[id]", state["stopId"])
        assert line["name"] == stop["name"] and line["when"] == stop["label"]
        assert line["height"] < 1.6 * line["lh"], line  # one line
        assert not line["nameCut"], line
        if w >= 600:
            assert not line["whenCut"], line
        assert line["box"][0] >= 0 and line["box"][2] <= w and line["box"][3] <= h
        frame.call("window.itineraryMap.next()")
    assert frame.errors == []


@pytest.mark.parametrize("frame", [((600, 400), "embed")], indirect=True, ids=["600x400"])
def test_the_controls_are_one_row_at_600_px(frame: Opened) -> None:
    boxes = [frame.call(BOX, s) for s in ROW]
    middles = [(b[1] + b[3]) / 2 for b in boxes]
    assert max(middles) - min(middles) < 8, dict(zip(ROW, boxes, strict=True))
    assert all(b[2] <= 600 for b in boxes)
    # the speed keeps its name for screen readers
    assert frame.page.get_by_label("Speed").count() == 1


@pytest.mark.parametrize("frame", [((600, 400), "stop=vienna-1907&embed"),
                                   ((360, 640), "stop=vienna-1907&embed")],
                         indirect=True, ids=["600x400", "360x640"])
def test_the_note_is_one_tap_away(frame: Opened) -> None:
    note = frame.call("window.itineraryPage.stopById['vienna-1907'].note")
    button = frame.page.locator("#now-note")
    assert button.get_attribute("aria-expanded") == "false"
    assert frame.page.locator("#note-panel").is_hidden()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    panel = frame.page.locator("#note-panel")
    assert panel.is_visible() and frame.call("document.getElementById('note-text').textContent") \
        == note
    box = panel.bounding_box()
    w, h = frame.call("[innerWidth, innerHeight]")
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= w and box["y"] + box[
        "height"] <= h
    frame.page.keyboard.press("Escape")
    assert panel.is_hidden() and button.get_attribute("aria-expanded") == "false"


@pytest.mark.parametrize("size", [(600, 400), (360, 640)])
def test_a_long_title_is_shortened_with_its_full_text_in_a_tooltip(browser: Any,  # noqa: F811
                                                                   site: Path,
                                                                   size: tuple[int, int]) -> None:
    o = open_page(browser, (site / "long.html").as_uri() + "#embed", viewport=size)
    try:
        h1 = o.call("""() => { const h = document.getElementById('title'), cs = getComputedStyle(h);
            const r = h.getBoundingClientRect();
            return {title: h.getAttribute('title'), text: h.textContent,
                    cut: h.scrollWidth > h.clientWidth,
                    overflow: cs.textOverflow, lines: r.height / parseFloat(cs.lineHeight),
                    right: r.right}; }""")
        assert h1["title"] == LONG_TITLE and h1["text"] == LONG_TITLE
        assert h1["cut"] and h1["overflow"] == "ellipsis" and h1["lines"] < 1.6
        assert h1["right"] <= size[0]
        m = o.call(BOX, "#map")
        assert m[3] - m[1] >= 0.55 * size[1]
    finally:
        o.page.context.close()
