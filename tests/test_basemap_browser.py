"""The basemap in Chromium, offline: no request leaves the page, the canvas draws land and water
where they are, and the detailed level shows Lake Baikal as water."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Opened, browser, open_page, sample_tables, screenshot, write_page  # noqa: F401
from itinerary.outputs.page import render_page

pytestmark = pytest.mark.browser

# The colour of the basemap canvas at a point (one device pixel), after the next frame's draw.
PIXEL_AT = """([lat, lon]) => new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const it = window.itineraryPage, map = it.map, r = it.basemap.renderer;
    const c = document.querySelector('.leaflet-basemap-pane canvas');
    const p = map.latLngToLayerPoint([lat, lon]).subtract(r._bounds.min);
    const k = c.width / r._bounds.getSize().x;
    const d = c.getContext('2d').getImageData(Math.round(p.x * k), Math.round(p.y * k), 1, 1).data;
    resolve([d[0], d[1], d[2], d[3]]);
  }));
})"""


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))


def _close(pixel: list[int], colour: tuple[int, int, int], tolerance: int = 10) -> bool:
    off = sum(abs(a - b) for a, b in zip(pixel[:3], colour, strict=True))
    return pixel[3] == 255 and off <= tolerance


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("basemap")
    t = sample_tables()
    write_page(root, render_page(t.stops, t.moves, t.periods, title="T", tiles=None,
                                 self_contained=True), "one.html")
    write_page(root, render_page(t.stops, t.moves, t.periods, title="T", tiles=None,
                                 self_contained=False), "map.html")
    return root


@pytest.fixture
def opened(browser: Any, site: Path) -> Iterator[Opened]:  # noqa: F811
    o = open_page(browser, (site / "one.html").as_uri())
    yield o
    o.page.context.close()


def _colours(o: Opened) -> dict[str, tuple[int, int, int]]:
    return {k: _rgb(v) for k, v in o.call("window.itineraryPage.basemap.colors").items()}


@pytest.mark.parametrize("name", ["one.html", "map.html"])
def test_the_default_page_makes_no_request_beyond_its_own_files(
        browser: Any, site: Path, name: str) -> None:  # noqa: F811
    o = open_page(browser, (site / name).as_uri())
    try:
        o.call("window.itineraryMap.setPeriod('youth')")
        o.page.wait_for_timeout(300)
        o.call("window.itineraryPage.map.setView([53.5, 108.2], 6, {animate: false})")
        o.page.wait_for_timeout(300)
        o.call("window.itineraryPage.map.setView([40, 0], 2, {animate: false})")
        o.page.wait_for_timeout(300)
        away = [u for u in o.requests
                if not u.startswith(("file:", "data:", "http://127.0.0.1"))]
        assert away == []
        assert o.errors == []
    finally:
        o.page.context.close()


def test_the_canvas_draws_land_and_water_where_they_are(opened: Opened) -> None:
    colours = _colours(opened)
    opened.call("window.itineraryMap.setPeriod(null)")  # the whole life, fitted
    moscow = opened.call(PIXEL_AT, [55.76, 37.62])
    black_sea = opened.call(PIXEL_AT, [43.5, 34.0])
    atlantic = opened.call(PIXEL_AT, [40.0, -30.0])
    assert _close(moscow, colours["land"]), moscow
    assert _close(black_sea, colours["sea"]), black_sea
    assert _close(atlantic, colours["sea"]), atlantic
    assert opened.call("window.itineraryPage.basemap.levelAt(window.itineraryPage.map.getZoom())"
                       ) == "110m"


def test_lake_baikal_is_water_at_zoom_5_in_the_detailed_level(opened: Opened) -> None:
    colours = _colours(opened)
    opened.call("window.itineraryPage.map.setView([54.5, 106.5], 5, {animate: false})")
    assert opened.call("window.itineraryPage.basemap.levelAt(5)") == "50m"
    baikal = opened.call(PIXEL_AT, [53.5, 108.2])
    irkutsk = opened.call(PIXEL_AT, [52.6, 103.0])  # west of the city: land, no river
    assert _close(baikal, colours["lake"]), baikal
    assert _close(irkutsk, colours["land"]), irkutsk
    screenshot(opened.page, "basemap-baikal-z5.png")


def test_the_basemap_offers_its_labels_to_the_other_scripts(opened: Opened) -> None:
    labels = opened.call("window.itineraryPage.basemap.labels")
    assert len(labels) > 1000
    assert {a["kind"] for a in labels} == {"sea", "lake", "river", "town", "region"}
    baikal = next(a for a in labels if a["name"] == "Lake Baikal")
    assert baikal["kind"] == "lake" and abs(baikal["lat"] - 53.5) < 2
    moscow = next(a for a in labels if a["name"] == "Moscow" and a["kind"] == "town")
    # Natural Earth's German name; the Ukrainian one from CLDR's city of Europe/Moscow
    assert moscow["names"]["de"] == "Moskau" and moscow["names"]["uk"] == "Москва"
    assert baikal["names"]["ru"] == "Озеро Байкал"  # the curated atlas name
    assert set(moscow) == {"kind", "name", "names", "lat", "lon", "minZoom", "rank"}


def test_zooming_in_and_out_redraws_once_a_frame(opened: Opened) -> None:
    before = opened.call("window.itineraryPage.basemap.stats.draws")
    opened.call("""() => { const m = window.itineraryPage.map;
        for (let z = 2; z <= 6; z++) m.setView([55, 60], z, {animate: false}); }""")
    opened.page.wait_for_timeout(200)
    after = opened.call("window.itineraryPage.basemap.stats")
    assert 1 <= after["draws"] - before <= 2  # five views in one task: drawn once
    assert after["lastMs"] < 250
