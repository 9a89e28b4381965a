"""Shared helpers for page tests: a small hand-made trip, and a session-wide headless Chromium.

Import the fixtures into a test module with ``from browser import browser, ...`` (pytest puts
``tests/`` on ``sys.path``). Chromium is Debian's, launched offline by the project's one launcher
(``itinerary.outputs.chromium.launch``); no browser is downloaded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from benchmarks.common import http_server  # noqa: F401 - the page tests import it from here

from itinerary.outputs import chromium

ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"

# A hostile note: markup, a script end tag, a Jinja expression and a line separator.
HOSTILE_NOTE = 'Wrote <img src=x onerror="window.pwned=1"></script> {{ 7*7 }} \u2028 & more'

# id, place, today's name, country, kind, period, start_min, end_max, label, lat, lon, calendar
_STOPS = [
    ("born", "Yanovka", "Bereslavka", "UA", "birth", "youth",
     "1879-11-07", "1879-11-07", "26 October (7 November) 1879", 47.36, 32.93, "julian"),
    ("odessa", "Odessa", "Odesa", "UA", "school", "youth",
     "1888-09-01", "1895-06-30", "1888 – 1895", 46.48, 30.72, "gregorian"),
    ("prison", "Odessa prison", "Odesa", "UA", "prison", "youth",
     "1898-01-28", "1899-11-30", "1898 – 1899", 46.48, 30.72, "gregorian"),
    ("ustkut", "Ust-Kut", "Ust-Kut", "RU", "exile", "youth",
     "1900-03-01", "1902-08-20", "1900 – August 1902", 56.79, 105.76, "gregorian"),
    ("london", "London", "London", "GB", "residence", "emigre",
     "1902-10-15", "1903-04-01", "October 1902 – 1903", 51.51, -0.13, "gregorian"),
    ("vienna", "Vienna", "Wien", "AT", "residence", "emigre",
     "1907-10-01", "1914-08-03", "October 1907 – August 1914", 48.21, 16.37, "gregorian"),
    ("nowhere", "Atlantis", "", "", "visit", "emigre",
     "1915-01-01", "1915-01-31", "January 1915", None, None, "gregorian"),
    ("petrograd", "Petrograd", "Saint Petersburg", "RU", "residence", "revolution",
     "1917-05-17", "1918-03-10", "4 (17) May 1917 – March 1918", 59.94, 30.31, "julian"),
    ("moscow", "Moscow", "Moscow", "RU", "work", "revolution",
     "1918-03-11", "1928-01-16", "March 1918 – January 1928", 55.76, 37.62, "gregorian"),
    ("almaata", "Alma-Ata", "Almaty", "KZ", "exile", "exile",
     "1928-01-25", "1929-01-20", "January 1928 – January 1929", 43.24, 76.95, "gregorian"),
    ("moscow2", "Moscow", "Moscow", "RU", "visit", "exile",
     "1929-01-22", "1929-01-22", "c. 22 January 1929", 55.76, 37.62, "gregorian"),
    ("coyoacan", "Coyoacán", "Mexico City", "MX", "death", "exile",
     "1937-01-09", "1940-08-21", "January 1937 – 21 August 1940", 19.35, -99.16, "gregorian"),
]
PERIODS = [
    ("youth", "Youth and first exile", "1879-11-07", "1902-09-30", "#2e7d32"),
    ("emigre", "Emigration", "1902-10-01", "1917-05-16", "#6a1b9a"),
    ("revolution", "Revolution and power", "1917-05-17", "1928-01-24", "#c62828"),
    ("exile", "Last exile", "1928-01-25", "1940-08-21", "#1565c0"),
]
# Odessa's region, to test translucent areas.
ODESSA_AREA = ('{"type":"Polygon","coordinates":[[[29.5,45.5],[31.5,45.5],[31.5,47.5],'
               '[29.5,47.5],[29.5,45.5]]]}')


@dataclass
class Tables:
    stops: pd.DataFrame
    moves: pd.DataFrame
    periods: pd.DataFrame


def sample_tables(note: str = HOSTILE_NOTE) -> Tables:
    """Twelve stops of Trotsky's life shaped like the pipeline's output (one unplaced, one
    place visited twice, one region, Julian labels), their moves and four periods."""
    from itinerary.moves.derive import derive_moves

    rows = []
    for seq, (sid, place, today, cc, kind, period, d0, d1, label, lat, lon, cal) in enumerate(
            _STOPS):
        rows.append({
            "seq": seq, "id": sid, "place": place, "resolved_name": today,
            "resolved_country": cc, "kind": kind, "period": period,
            "start_min": d0, "start_max": d0, "end_min": d1, "end_max": d1,
            "date_label": label, "uncertain": sid == "moscow2", "calendar": cal,
            "note": note if sid == "vienna" else "",
            "source": f"000_de749c8afbf07246.txt:{10 + seq}",
            "evidence": "moved to Vienna" if sid == "vienna" else "",
            "lat": float("nan") if lat is None else lat,
            "lon": float("nan") if lon is None else lon,
            "placed": lat is not None, "area": ODESSA_AREA if sid == "odessa" else "",
            "start": d0, "end": d1,
        })
    stops = pd.DataFrame(rows)
    periods = pd.DataFrame(PERIODS, columns=["id", "title", "start", "end", "color"])
    return Tables(stops, derive_moves(stops), periods)


def stop_ids(period: str | None = None) -> list[str]:
    return [s[0] for s in _STOPS if period is None or s[5] == period]


def placed_ids_in_date_order() -> list[str]:
    return [s[0] for s in sorted(_STOPS, key=lambda s: s[6]) if s[9] is not None]


# --- the browser --------------------------------------------------------------------------------

_shared: dict[str, Any] = {}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (each test gets its own context/page).

    Each test module that imports this fixture gets its own fixture instance, but Playwright's
    sync API can run only once per thread, so the instances share one browser, counted.
    """
    if chromium.chromium_path() is None or not chromium.playwright_available():
        pytest.skip(chromium.HOW_TO_GET)
    if not _shared:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright()
        playwright = manager.start()
        _shared.update(manager=manager, browser=chromium.launch(playwright), users=0)
    _shared["users"] += 1
    yield _shared["browser"]
    _shared["users"] -= 1
    if _shared["users"] == 0:
        _shared["browser"].close()
        _shared["manager"].__exit__(None, None, None)
        _shared.clear()


@dataclass
class Opened:
    """A page under test plus what it reported: console errors and network requests."""

    page: Any
    errors: list[str]
    requests: list[str]

    def state(self) -> dict[str, Any]:
        return dict(self.page.evaluate("window.itineraryMap.state()"))

    def call(self, expression: str, *args: Any) -> Any:
        return self.page.evaluate(expression, *args)

    def wait_for(self, expression: str, timeout_ms: int = 10_000) -> None:
        wait_for(self.page, expression, timeout_ms)


def wait_for(page: Any, expression: str, timeout_ms: int = 10_000) -> None:
    """Poll ``expression`` until truthy. (Playwright's wait_for_function compiles its predicate
    with eval, which the page's Content-Security-Policy rightly refuses.)"""
    for _ in range(max(1, timeout_ms // 50)):
        with contextlib.suppress(Exception):  # not defined yet while the page loads
            if page.evaluate(expression):
                return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {expression}")


def open_page(browser: Any, url: str, *, viewport: tuple[int, int] = (1280, 800),
              reduced_motion: bool = False, block_network: bool = True) -> Opened:
    """Open ``url`` in a fresh context; with ``block_network`` every http(s) request fails
    (except to 127.0.0.1), as on a school laptop without internet."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                  reduced_motion="reduce" if reduced_motion else "no-preference")
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    if block_network:
        def route(r: Any) -> None:
            if r.request.url.startswith(("http://127.0.0.1", "file:", "data:")):
                r.continue_()
            else:
                r.abort()
        page.route("**/*", route)
    page.goto(url)
    wait_for(page, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
    return Opened(page, errors, requests)


def write_page(directory: Path, page: Any, name: str = "map.html") -> Path:
    """Write a render.Page (HTML plus assets) into ``directory``; returns the HTML path."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    target.write_text(page.html, encoding="utf-8")
    for relative, data in page.assets.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return target


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def leaflet_offline(route: Any) -> None:
    """A Playwright route for a folium page offline: local files pass, Leaflet's script and
    style come from the bundled package (folium points at a CDN), anything else is refused."""
    from importlib.resources import files

    leaflet = files("js_lib_leaflet") / "static" / "js_lib_leaflet"
    url = route.request.url
    if url.startswith("file:"):
        route.continue_()
    elif url.endswith("/leaflet.js"):
        route.fulfill(body=(leaflet / "leaflet.js").read_bytes(),
                      content_type="application/javascript")
    elif url.endswith("/leaflet.css"):
        route.fulfill(body=(leaflet / "leaflet.css").read_bytes(), content_type="text/css")
    else:
        route.abort()
