"""Period views with context, in Chromium with the network off: each period of Trotsky's life
opens on its stops plus the move into it and the move out of it (drawn lighter), never closer
than about 1,000 km across, no region's area filling more than half the view; state() reports
zoom and bounds; In numbers follows the period shown."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Opened, browser, open_page  # noqa: F401
from itinerary.cli import main

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parents[1] / "data"
PERIODS = [row["id"] for row in csv.DictReader((DATA / "periods.csv").open(encoding="utf-8"))]


@pytest.fixture(scope="module")
def trotsky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("periods") / "trotsky.html"
    assert main(["build", "-o", str(path), "--self-contained", "--no-tiles"]) == 0
    return path


@pytest.fixture(scope="module")
def opened(browser: Any, trotsky: Path) -> Iterator[Opened]:  # noqa: F811
    o = open_page(browser, trotsky.as_uri())
    yield o
    o.page.context.close()


def spans_km(bounds: list[list[float]]) -> tuple[float, float]:
    """North-south and east-west extent of [[south, west], [north, east]] at its middle."""
    (s, w), (n, e) = bounds
    mid = math.radians((s + n) / 2)
    return (n - s) * 111.2, (e - w) * 111.2 * math.cos(mid)


def facts(o: Opened) -> dict[str, str]:
    return dict(o.call("""() => { const out = {}, dts = document.querySelectorAll('#facts dt');
        dts.forEach(dt => { out[dt.textContent] = dt.nextElementSibling.textContent; });
        return out; }"""))


@pytest.mark.parametrize("period", PERIODS)
def test_each_period_opens_on_its_stops_with_the_moves_in_and_out(opened: Opened,
                                                                   period: str) -> None:
    opened.call(f"window.itineraryMap.setPeriod('{period}')")
    state = opened.state()
    assert state["period"] == period
    assert isinstance(state["zoom"], float | int)
    tall, wide = spans_km(state["bounds"])
    assert tall >= 950 and wide >= 950, (tall, wide)  # about 1,000 km at least, either way
    (s, w), (n, e) = state["bounds"]
    points = opened.call("""() => window.itineraryPage.state.visible
        .filter(s => s.placed && !window.itineraryPage.placeMarkers[s.place_index].area)
        .map(s => [s.id, s.lat, s.lon])""")
    for sid, lat, lon in points:  # every town of the period in view
        assert s <= lat <= n and w <= lon <= e, (sid, state["bounds"])
    # the moves into and out of the period, drawn lighter
    visible = set(state["visibleStopIds"])
    into = [c for c in state["context"] if c["to"] in visible and c["from"] not in visible]
    out = [c for c in state["context"] if c["from"] in visible and c["to"] not in visible]
    crossing = opened.call("""() => { const it = window.itineraryPage, v = it.state.visibleSet;
        return [it.moves.filter(m => !v[m.from_seq] && v[m.to_seq]).length,
                it.moves.filter(m => v[m.from_seq] && !v[m.to_seq]).length]; }""")
    # one each, unless the period begins or ends the life or its edge stays at one place
    # (Petrograd from the 1917 Revolution into Foreign Affairs is no journey)
    assert [len(into), len(out)] == [min(1, n) for n in crossing], state["context"]
    if period not in (PERIODS[0], "foreign-affairs"):
        assert into
    if period not in (PERIODS[-1], "revolution-1917"):
        assert out
    drawn = opened.call("""() => { const it = window.itineraryPage; let lines = 0, light = 0;
        it.map.eachLayer(l => { if (l instanceof L.Polyline && !(l instanceof L.Polygon) &&
          l.options.renderer && l.options.renderer.options.pane === 'areas') {
            lines++; if (l.options.opacity < 0.5) light++; } });
        return [lines, light]; }""")
    assert drawn == [len(into) + len(out)] * 2
    # no region's area takes more than half of the view
    assert opened.call("window.itineraryPage.largestAreaShare()") <= 0.5 + 1e-6
    assert opened.errors == []


def test_siberian_exile_shows_the_forced_journey_from_moscow(opened: Opened) -> None:
    opened.call("window.itineraryMap.setPeriod('siberian-exile')")
    state = opened.state()
    assert {"from": "moscow-1899", "to": "ust-kut-1900", "kind": "forced"} in state["context"]
    (s, w), (n, e) = state["bounds"]
    assert s <= 55.75 <= n and w <= 37.62 <= e  # Moscow, where the journey began, is in view
    # fitted to the towns, not to Siberia: the area is at most half the view
    assert opened.call("window.itineraryPage.largestAreaShare()") <= 0.5


def test_zoom_and_bounds_follow_the_map(opened: Opened) -> None:
    opened.call("window.itineraryMap.map.setView([50, 10], 6, {animate: false})")
    state = opened.state()
    assert state["zoom"] == 6
    (s, w), (n, e) = state["bounds"]
    assert s < 50 < n and w < 10 < e
    assert all(round(v, 2) == v for pair in state["bounds"] for v in pair)


def test_in_numbers_follows_the_period(opened: Opened) -> None:
    opened.call("window.itineraryMap.setPeriod(null)")
    whole = facts(opened)
    # the browser's figures for the whole life are page.py's (DATA.facts)
    mine, python = opened.call("""() => { const it = window.itineraryPage;
        const f = it.factsOf(it.state.visible), d = it.DATA.facts;
        f.km = Math.round(f.km); if (f.longest) f.longest.km = Math.round(f.longest.km);
        return [f, d]; }""")
    assert mine == python
    assert whole["Stops"] == "58" and whole["Distance travelled"] == "70,794 km"
    opened.call("window.itineraryMap.setPeriod('siberian-exile')")
    siberia = facts(opened)
    assert siberia["Stops"] == "3" and int(siberia["Stops"]) < int(whole["Stops"])
    assert siberia["Countries (today)"] == "1"
    assert siberia["Longest journey"].startswith("Verkholensk \u2192 Siberia")
    assert opened.call("document.getElementById('facts-title').textContent") == \
        "In numbers: Siberian exile"
    opened.call("window.itineraryMap.setPeriod('norway')")
    assert facts(opened)["Stops"] == "4" and facts(opened)["Places"] == "3"
    opened.call("window.itineraryMap.setPeriod(null)")
    assert facts(opened) == whole
