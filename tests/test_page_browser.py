"""The animated map in a real (headless, offline) Chromium: what a student can see and do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import (
    HOSTILE_NOTE,
    Opened,
    browser,  # noqa: F401 - the session fixture
    http_server,
    open_page,
    placed_ids_in_date_order,
    sample_tables,
    screenshot,
    stop_ids,
    write_page,
)
from itinerary.outputs.page import render_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample trip built three ways: with assets, self-contained, and with (failing) tiles."""
    root = tmp_path_factory.mktemp("site")
    t = sample_tables()
    write_page(root, render_page(t.stops, t.moves, t.periods, title="Trotsky", tiles=None,
                                 self_contained=False), "map.html")
    write_page(root, render_page(t.stops, t.moves, t.periods, title="Trotsky", tiles=None),
               "one.html")
    write_page(root, render_page(t.stops, t.moves, t.periods, title="Trotsky",
                                 tiles="OpenStreetMap.Mapnik"), "tiles.html")
    (root / "host.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>host</title><body style="margin:0">'
        '<iframe title="map" src="map.html#embed" width="600" height="400" '
        'style="border:0"></iframe></body></html>', encoding="utf-8")
    return root


@pytest.fixture
def opened(browser: Any, site: Path) -> Iterator[Opened]:  # noqa: F811
    o = open_page(browser, (site / "map.html").as_uri())
    yield o
    o.page.context.close()


def visible_list(o: Opened) -> list[str]:
    return list(o.call("""() => Array.from(document.querySelectorAll('#stops li.item'))
        .filter(li => !li.hidden).map(li => li.querySelector('.where').textContent)"""))


# --- loading -------------------------------------------------------------------------------------

def test_opens_from_a_file_with_no_console_errors(opened: Opened) -> None:
    opened.page.wait_for_timeout(300)
    assert opened.errors == []
    assert opened.state()["stopId"] == "born"
    assert opened.page.locator("#date").inner_text() == "26 October (7 November) 1879"


def test_the_content_security_policy_is_active_and_the_page_works_under_it(
        opened: Opened) -> None:
    injected = opened.call("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = 1'; document.body.appendChild(s);
        return window.injected === undefined; }""")
    assert injected is True
    assert any("Content Security Policy" in e for e in opened.errors)


def test_self_contained_page_over_http_makes_no_outside_request(browser: Any,  # noqa: F811
                                                                site: Path) -> None:
    with http_server(site) as base:
        o = open_page(browser, f"{base}/one.html")
        o.call("window.itineraryMap.goToStop('coyoacan')")
        o.page.wait_for_timeout(300)
        assert o.errors == []
        assert [u for u in o.requests if not u.startswith(base)] == []
        assert o.state()["stopId"] == "coyoacan"
        o.page.context.close()


def test_a_hostile_note_is_shown_as_plain_text(opened: Opened) -> None:
    opened.call("window.itineraryMap.goToStop('vienna')")
    note = opened.page.locator("#card .note")
    assert note.text_content() == HOSTILE_NOTE
    assert opened.page.locator("#card img").count() == 0
    assert opened.call("window.pwned === undefined") is True


# --- playback -------------------------------------------------------------------------------------

def test_play_advances_the_date_and_moves_the_travelling_marker(opened: Opened) -> None:
    opened.call("window.itineraryMap.goToStop('prison')")  # next comes the forced move east
    before = opened.state()
    opened.page.select_option("#speed", "4")
    opened.call("window.itineraryMap.play()")
    opened.wait_for("window.itineraryMap.state().moving")
    during = opened.state()
    opened.page.wait_for_timeout(150)
    later = opened.state()
    opened.call("window.itineraryMap.pause()")
    assert during["playing"] is True
    assert during["date"] > before["date"]
    assert during["marker"] != before["marker"]
    assert later["marker"] != during["marker"]  # it travels, not jumps
    lat, lon = later["marker"]
    assert 46 < lat < 60 and 30 < lon < 106  # between Odessa and Ust-Kut


def test_playing_to_the_end_draws_every_move_as_a_trail(opened: Opened) -> None:
    opened.call("window.itineraryMap.goToStop('coyoacan')")
    state = opened.state()
    assert state["trail"] == len(sample_tables().moves)
    opened.call("window.itineraryMap.goToStop('born')")
    assert opened.state()["trail"] == 0


def test_next_and_prev_walk_the_stops_in_date_order(opened: Opened) -> None:
    walked = [opened.state()["stopId"]]
    for _ in range(len(stop_ids()) + 2):  # two extra presses at the end change nothing
        opened.call("window.itineraryMap.next()")
        walked.append(opened.state()["stopId"])
    assert walked[: len(stop_ids())] == stop_ids()
    assert set(walked[len(stop_ids()):]) == {"coyoacan"}
    opened.call("window.itineraryMap.prev()")
    assert opened.state()["stopId"] == "moscow2"
    assert [s for s in stop_ids() if s != "nowhere"] == placed_ids_in_date_order()


def test_reduced_motion_jumps_from_stop_to_stop(browser: Any, site: Path) -> None:  # noqa: F811
    o = open_page(browser, (site / "map.html").as_uri(), reduced_motion=True)
    o.page.select_option("#speed", "4")
    o.call("window.itineraryMap.play()")
    seen = []
    for _ in range(20):
        seen.append(o.state())
        o.page.wait_for_timeout(100)
    o.call("window.itineraryMap.pause()")
    assert not any(s["moving"] for s in seen)
    assert len({s["stopId"] for s in seen}) >= 2
    o.page.context.close()


def test_real_time_gives_long_stays_long_shares(opened: Opened) -> None:
    story = opened.state()["duration"]
    opened.call("window.itineraryMap.seek('1910-06-01')")  # in Vienna
    opened.page.check("#realtime")
    real = opened.state()
    # 61 years at three seconds a year, against a few seconds per stop in story time
    assert real["realTime"] is True and real["duration"] > 2.5 * story
    assert real["stopId"] == "vienna" and real["date"][:4] == "1910"


def test_seek_takes_an_iso_date_anywhere_in_1879_to_1940(opened: Opened) -> None:
    opened.call("window.itineraryMap.seek('1917-06-01')")
    assert opened.state()["stopId"] == "petrograd"
    assert opened.state()["date"] == "1917-06-01"
    opened.call("window.itineraryMap.seek('1940-08-21')")
    assert opened.state()["date"] == "1940-08-21"
    assert opened.page.locator("#date").inner_text() == "January 1937 – 21 August 1940"


# --- controls -------------------------------------------------------------------------------------

def test_moving_the_time_slider_changes_the_shown_date(opened: Opened) -> None:
    slider = opened.page.locator("#slider")
    slider.focus()
    opened.page.keyboard.press("End")
    assert opened.page.locator("#date").inner_text() == "January 1937 – 21 August 1940"
    assert "Coyoacán" in (slider.get_attribute("aria-valuetext") or "")
    opened.page.keyboard.press("Home")
    assert opened.page.locator("#date").inner_text() == "26 October (7 November) 1879"
    box = slider.bounding_box()
    assert box
    opened.page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] / 2)
    middle = opened.state()["date"]
    assert "1879-11-07" < middle < "1940-08-21"


def test_keyboard_space_plays_and_arrows_step(opened: Opened) -> None:
    page = opened.page
    page.locator("h1").click()  # focus on the page, not on a control
    page.keyboard.press("Space")
    assert opened.state()["playing"] is True
    page.keyboard.press("Space")
    assert opened.state()["playing"] is False
    opened.call("window.itineraryMap.goToStop('born')")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert opened.state()["stopId"] == "prison"
    page.keyboard.press("ArrowLeft")
    assert opened.state()["stopId"] == "odessa"


def test_focus_is_visible_on_controls(opened: Opened) -> None:
    opened.page.locator("h1").click()
    opened.page.keyboard.press("Tab")
    focused = opened.call("""() => { const e = document.activeElement;
        const s = getComputedStyle(e); return [e.tagName, s.outlineStyle, s.outlineWidth]; }""")
    assert focused[0] in {"BUTTON", "A", "INPUT", "SELECT", "DIV"}
    assert focused[1] != "none" and focused[2] != "0px"


def test_clicking_a_stop_in_the_list_moves_map_and_timeline(opened: Opened) -> None:
    opened.page.get_by_role("button", name="London").click()
    state = opened.state()
    assert state["stopId"] == "london" and state["date"] == "1902-10-15"
    assert state["marker"] == [51.51, -0.13]
    assert opened.page.get_by_role("button", name="London").get_attribute("aria-current")
    assert "London" in opened.page.locator("#live").inner_text()


def test_the_card_names_the_place_then_and_now_with_dates_and_source(opened: Opened) -> None:
    opened.call("window.itineraryMap.goToStop('petrograd')")
    card = opened.page.locator("#card")
    assert card.locator("h2").inner_text() == "Petrograd, now Saint Petersburg"
    assert "4 (17) May 1917" in card.inner_text()
    assert "Old Style" in card.inner_text()
    assert "000_de749c8afbf07246.txt:17" in card.inner_text()
    opened.call("window.itineraryMap.goToStop('moscow2')")
    assert card.locator(".badge").inner_text() == "uncertain"
    visits = card.locator(".visits button")
    assert visits.count() == 2  # Moscow is one place with two visits
    visits.nth(0).click()
    assert opened.state()["stopId"] == "moscow"


# --- periods and the URL hash -----------------------------------------------------------------

def test_choosing_a_period_narrows_timeline_map_and_list(opened: Opened) -> None:
    opened.page.get_by_role("button", name="Emigration").click()
    state = opened.state()
    assert state["period"] == "emigre"
    assert state["visibleStopIds"] == stop_ids("emigre")
    assert state["stopId"] == "london"
    # "Vienna" is the place's name today in English: no "now Wien" (records.now_names)
    assert visible_list(opened) == ["London", "Vienna", "Atlantis"]
    assert opened.page.get_by_role("button", name="Emigration").get_attribute(
        "aria-pressed") == "true"
    assert opened.page.url.endswith("#period=emigre")
    opened.page.get_by_role("button", name="Whole life").click()
    assert opened.state()["visibleStopIds"] == stop_ids()
    assert len(visible_list(opened)) == len(stop_ids())


def test_the_period_view_fits_its_stops(opened: Opened) -> None:
    opened.call("window.itineraryMap.setPeriod('revolution')")
    inside = opened.call("""() => { const m = window.itineraryMap.map, b = m.getBounds();
        return [b.contains([59.94, 30.31]), b.contains([55.76, 37.62]), m.getZoom()]; }""")
    assert inside[0] and inside[1] and inside[2] >= 4


def test_hash_opens_a_period_or_a_stop_and_hash_changes_follow(browser: Any,  # noqa: F811
                                                               site: Path) -> None:
    url = (site / "map.html").as_uri()
    o = open_page(browser, url + "#period=revolution")
    assert o.state()["period"] == "revolution"
    assert o.state()["visibleStopIds"] == stop_ids("revolution")
    o.call("location.hash = '#stop=almaata'")
    o.wait_for("window.itineraryMap.state().stopId === 'almaata'")
    assert o.state()["period"] is None  # a stop outside the period widens the view
    o.call("location.hash = '#period=youth'")
    o.wait_for("window.itineraryMap.state().period === 'youth'")
    assert visible_list(o) == ["Yanovka, now Bereslavka", "Odessa",  # Odessa in English today
                               "Odessa prison, now Odesa", "Ust-Kut"]
    o.page.context.close()
    o = open_page(browser, url + "#stop=vienna")
    assert o.state()["stopId"] == "vienna"
    o.page.context.close()


# --- offline, accessible, responsive ----------------------------------------------------------

def land_pixels(o: Opened) -> float:
    """Share of the basemap canvas painted in the land colour."""
    return float(o.call("""() => {
        const c = document.querySelector('.leaflet-basemap-pane canvas');
        const land = itineraryPage.basemap.colors.land;
        const rgb = [1, 3, 5].map(i => parseInt(land.slice(i, i + 2), 16));
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          const off = Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1])
            + Math.abs(d[i + 2] - rgb[2]);
          if (off < 12) n++;
        }
        return n / (d.length / 4); }"""))


def test_the_basemap_shows_the_continents_with_every_request_failing(
        browser: Any, site: Path) -> None:  # noqa: F811
    o = open_page(browser, (site / "tiles.html").as_uri())
    o.page.wait_for_timeout(500)
    assert any("tile.openstreetmap.org" in u for u in o.requests)  # tiles were tried ...
    share = land_pixels(o)  # ... and failed, yet the land is drawn
    assert 0.2 < share < 0.95
    sea = o.call("getComputedStyle(document.getElementById('map')).backgroundColor")
    assert sea == "rgb(207, 223, 232)"
    o.page.context.close()


def test_no_serious_or_critical_accessibility_violations(opened: Opened) -> None:
    from axe_playwright_python.sync_playwright import Axe

    opened.call("window.itineraryMap.goToStop('moscow2')")
    results = Axe().run(opened.page)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert bad == []


def no_horizontal_overflow(o: Opened) -> bool:
    return bool(o.call("document.documentElement.scrollWidth <= window.innerWidth"))


def test_phone_viewport_keeps_every_control_reachable(browser: Any, site: Path) -> None:  # noqa: F811
    o = open_page(browser, (site / "map.html").as_uri(), viewport=(360, 640))
    assert no_horizontal_overflow(o)
    for selector in ["#prev", "#play", "#next", "#slider", "#speed", "#realtime", "#date"]:
        box = o.page.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
    o.page.get_by_role("button", name="Moscow").first.click()
    assert o.state()["stopId"] == "moscow"
    o.call("window.scrollTo(0, 0)")
    screenshot(o.page, "phone.png")
    o.page.context.close()


def test_embedded_in_a_600_by_400_iframe_it_is_compact(browser: Any, site: Path) -> None:  # noqa: F811
    with http_server(site) as base:
        o_page = browser.new_page(viewport={"width": 800, "height": 600})
        o_page.goto(f"{base}/host.html")
        frame = o_page.frame_locator("iframe")
        frame.locator("#play").wait_for()
        assert frame.locator("#stops").is_hidden()
        for selector in ["#prev", "#play", "#next", "#slider", "#date", "#map"]:
            box = frame.locator(selector).bounding_box()
            assert box, selector
            assert box["x"] >= 0 and box["x"] + box["width"] <= 600.5, selector
            assert box["y"] >= 0 and box["y"] + box["height"] <= 400.5, selector
        map_box = frame.locator("#map").bounding_box()
        assert map_box and map_box["height"] > 200
        frame.locator("#next").click()
        assert "Odessa" in frame.locator("#live").inner_text()
        o_page.screenshot(path=str(screenshot_path("iframe.png")))
        o_page.close()


def screenshot_path(name: str) -> Path:
    from browser import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def test_screenshots_of_the_whole_life_and_one_period(browser: Any, site: Path) -> None:  # noqa: F811
    o = open_page(browser, (site / "map.html").as_uri())
    o.call("window.itineraryMap.seek('1929-01-22')")
    o.page.wait_for_timeout(200)
    assert screenshot(o.page, "whole-life.png").stat().st_size > 10_000
    o.call("window.itineraryMap.setPeriod('youth')")
    o.call("window.itineraryMap.seek('1901-01-01')")
    o.page.wait_for_timeout(200)
    assert screenshot(o.page, "period-youth.png").stat().st_size > 10_000
    assert o.errors == []
    o.page.context.close()


# --- map layers ---------------------------------------------------------------------------------

def test_each_move_in_the_trail_names_its_kind_and_distance(opened: Opened) -> None:
    opened.call("window.itineraryMap.goToStop('coyoacan')")
    tips = opened.call("""() => { const out = [];
        window.itineraryMap.map.eachLayer(l => {
          if (l instanceof L.Polyline && l.getTooltip()) {
            l.openTooltip(l.getCenter());
            out.push(l.getTooltip().getElement().textContent); l.closeTooltip(); } });
        return out; }""")
    assert len(tips) == len(sample_tables().moves)
    assert "escape: Ust-Kut → London6,229 km" in tips
    assert all(t.endswith(" km") for t in tips)


def screen_point(o: Opened, lat: float, lon: float) -> tuple[float, float]:
    """Where a coordinate is on the screen, for real mouse events."""
    x, y = o.call("""([lat, lon]) => { const m = window.itineraryMap.map;
        const p = m.latLngToContainerPoint([lat, lon]);
        const r = m.getContainer().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""", [lat, lon])
    return float(x), float(y)


def test_hovering_and_clicking_a_place_with_the_mouse(opened: Opened) -> None:
    opened.call("window.itineraryMap.goToStop('moscow')")  # the travelling marker sits here
    opened.call("window.itineraryMap.goToStop('vienna')")  # ... now it has moved on to Vienna
    x, y = screen_point(opened, 55.76, 37.62)
    opened.page.mouse.move(x, y)
    tooltip = opened.page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text() == "Moscow\n2 visits"
    opened.page.mouse.click(x, y)
    assert opened.state()["stopId"] == "moscow"  # the next visit after Vienna
    opened.page.mouse.click(x, y)
    assert opened.state()["stopId"] == "moscow2"  # a second click: the other visit
    assert opened.page.locator("#card-title").inner_text() == "Moscow"


def test_hovering_a_trail_line_shows_its_distance(opened: Opened) -> None:
    opened.call("window.itineraryMap.goToStop('coyoacan')")
    opened.call("void window.itineraryMap.map.setView([50, 45], 4, {animate: false})")
    # the middle of the forced Odessa prison -> Ust-Kut arc lies on the great circle
    middle = opened.call("""() => { let out = null; window.itineraryMap.map.eachLayer(l => {
        const pts = l instanceof L.Polyline && l.getTooltip() ? l.getLatLngs().flat() : [];
        if (pts.length && Math.abs(pts[0].lat - 46.48) < 0.01 && pts[pts.length - 1].lng > 100) {
          const p = pts[Math.floor(pts.length / 2)]; out = [p.lat, p.lng]; } }); return out; }""")
    x, y = screen_point(opened, *middle)
    opened.page.mouse.move(x, y)
    tooltip = opened.page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text() == "forced: Odessa prison → Ust-Kut\n5,046 km"


def test_ids_that_look_like_object_properties_are_ordinary_ids(browser: Any,  # noqa: F811
                                                               tmp_path: Path) -> None:
    t = sample_tables()
    names = ["constructor", "__proto__", "toString", "hasOwnProperty"]
    t.stops.loc[:3, "id"] = names
    t.periods.loc[:, "id"] = names
    t.stops["period"] = t.stops["period"].map(dict(zip(
        ["youth", "emigre", "revolution", "exile"], names, strict=True)))
    page = render_page(t.stops, t.moves, t.periods, title="T", tiles=None)
    o = open_page(browser, write_page(tmp_path, page).as_uri())
    for name in names:
        assert o.call("id => window.itineraryMap.goToStop(id)", name) is True
        assert o.state()["stopId"] == name
        o.call("id => window.itineraryMap.setPeriod(id)", name)
        assert o.state()["period"] == name
    assert o.errors == []
    o.page.context.close()
