"""In headless Chromium: time until a page is interactive, and frame times during playback.

*Interactive* is the first frame painted after ``window.itineraryMap`` exists (our page sets it
when its map, markers, list and timeline are built; the baseline when its first layer is drawn),
counted from the start of navigation, the median of three fresh loads. Frame times are the
gaps between requestAnimationFrame callbacks, collected inside the page while it plays for a
few seconds.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .common import median, p95

# Runs before any page script: note the first frame after window.itineraryMap appears.
READY_PROBE = """
(function () {
  function poll() {
    if (window.itineraryMap) {
      requestAnimationFrame(function () { window.__interactiveMs = performance.now(); });
    } else {
      requestAnimationFrame(poll);
    }
  }
  requestAnimationFrame(poll);
}());
"""

COLLECT_FRAMES = """
async (ms) => await new Promise((resolve) => {
  const gaps = []; let last = null; const t0 = performance.now();
  function tick(ts) {
    if (last !== null) gaps.push(ts - last);
    last = ts;
    if (ts - t0 < ms || gaps.length < 2) requestAnimationFrame(tick); else resolve(gaps);
  }
  requestAnimationFrame(tick);
})
"""


@dataclass
class PageRun:
    interactive_ms: float
    start: tuple[float, float]      # median, p95 frame time (ms) playing from the start
    late: tuple[float, float]       # the same after seeking to 90 % of the timeline
    heap_mb: float | None


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from itinerary.outputs.chromium import launch

    with sync_playwright() as pw:
        browser = launch(pw)  # offline; raises ChromiumMissing with how to get one
        try:
            yield browser
        finally:
            browser.close()


def measure(browser: Any, url: str, *, ours: bool, play_ms: int = 5000,
            timeout_ms: int = 180_000, loads: int = 3) -> PageRun:
    """Time to interactive is the median of ``loads`` fresh loads (one load moves by hundreds
    of milliseconds on a busy machine); the frames are measured in the last one."""
    times = []
    for _ in range(loads - 1):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.add_init_script(READY_PROBE)
            page.goto(url, wait_until="commit")
            times.append(_wait_for_interactive(page, timeout_ms))
        finally:
            context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    try:
        page.add_init_script(READY_PROBE)
        page.goto(url, wait_until="commit")
        times.append(_wait_for_interactive(page, timeout_ms))
        interactive = median(times)
        start = _play(page, play_ms, ours=ours, fraction=0.0)
        late = _play(page, play_ms, ours=ours, fraction=0.9)
        heap = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize "
                             ": null")
        return PageRun(interactive, start, late, heap / 1e6 if heap else None)
    finally:
        context.close()


def _wait_for_interactive(page: Any, timeout_ms: int) -> float:
    """Poll from outside: the page's CSP forbids the eval behind wait_for_function."""
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        value = page.evaluate("() => window.__interactiveMs === undefined ? null "
                              ": window.__interactiveMs")
        if value is not None:
            return float(value)
        time.sleep(0.05)
    raise TimeoutError(f"{page.url} was not interactive within {timeout_ms} ms")


def _play(page: Any, play_ms: int, *, ours: bool, fraction: float) -> tuple[float, float]:
    if ours:  # seek to the stop at this fraction of the list, then play
        page.evaluate("""(f) => {
          const m = window.itineraryMap; m.pause();
          const ids = m.state().visibleStopIds;
          m.goToStop(ids[Math.floor(f * (ids.length - 1))]); m.play();
        }""", fraction)
    else:
        page.evaluate("(f) => { const m = window.itineraryMap; m.pause(); "
                      "m.seekFraction(f); m.play(); }", fraction)
    gaps = page.evaluate(COLLECT_FRAMES, play_ms)
    page.evaluate("() => window.itineraryMap.pause()")
    return median(gaps), p95(gaps)
