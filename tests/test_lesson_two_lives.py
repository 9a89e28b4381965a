"""The two-lives lesson page (Lenin and Trotsky) drives its embedded map as the reader scrolls:
opened from disk, offline, with the map built as examples/lesson-two-lives.html says."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from browser import browser, screenshot, wait_for  # noqa: F401
from itinerary.cli import main

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def test_scrolling_to_london_shows_the_meeting_then_each_life(browser: Any,  # noqa: F811
                                                              tmp_path: Path) -> None:
    assert main(["build", str(ROOT / "data" / "places.csv"), str(ROOT / "examples" / "lenin.csv"),
                 "-o", str(tmp_path / "output" / "two-lives.html"), "--no-tiles"]) == 0
    (tmp_path / "examples").mkdir()
    for name in ("lesson-two-lives.html", "lesson-two-lives.js", "lesson.css"):
        shutil.copy(ROOT / "examples" / name, tmp_path / "examples" / name)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
               else r.abort())  # offline
    try:
        page.goto((tmp_path / "examples" / "lesson-two-lives.html").as_uri())
        frame = next(f for f in page.frames if "/output/two-lives.html" in f.url)
        wait_for(frame, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
        assert frame.evaluate("window.itineraryMap.state().persons") == ["trotsky", "lenin"]

        page.evaluate("document.getElementById('london').scrollIntoView({block: 'center'})")
        wait_for(page, "document.getElementById('london').classList.contains('active')")
        wait_for(frame, "window.itineraryMap.state().meeting === 'lenin-trotsky-london-1902'")
        state = frame.evaluate("window.itineraryMap.state()")
        assert state["person"] is None and state["period"] is None  # both lives
        assert state["stopId"].endswith("london-1902")
        screenshot(page, "lesson-two-lives-london.png")

        page.evaluate("document.getElementById('exile').scrollIntoView({block: 'center'})")
        wait_for(frame, "window.itineraryMap.state().person === 'lenin' && "
                 "window.itineraryMap.state().period === 'lenin-second-emigration'")
        assert frame.evaluate("window.itineraryMap.state().persons") == ["lenin"]

        page.evaluate("document.getElementById('revolution-1905')"
                      ".scrollIntoView({block: 'center'})")
        wait_for(frame, "window.itineraryMap.state().person === 'trotsky' && "
                 "window.itineraryMap.state().period === 'trotsky-revolution-1905'")

        page.evaluate("document.getElementById('petrograd').scrollIntoView({block: 'center'})")
        wait_for(frame, "window.itineraryMap.state().meeting === 'lenin-trotsky-petrograd-1917'")
        assert frame.evaluate("window.itineraryMap.state().person") is None
        assert errors == []
        assert all(u.startswith(("file:", "data:")) for u in requests)
    finally:
        context.close()
