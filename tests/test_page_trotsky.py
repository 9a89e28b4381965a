"""The real dataset: Trotsky's life from data/places.csv, as a student opens it offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Opened, browser, open_page, screenshot, write_page  # noqa: F401
from itinerary.outputs.page import page_data, render_page
from itinerary.outputs.records import rows

pytestmark = pytest.mark.browser
MB = 1024 * 1024


@pytest.fixture(scope="module")
def trip() -> Any:
    from itinerary.pipeline import build_trip

    return build_trip(None, quiet=True)


@pytest.fixture(scope="module")
def built(trip: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = render_page(trip.stops, trip.moves, trip.periods, title=trip.title,
                       self_contained=True, tiles=None)
    return write_page(tmp_path_factory.mktemp("trotsky"), page, "trotsky.html")


@pytest.fixture
def opened(browser: Any, built: Path) -> Iterator[Opened]:  # noqa: F811
    o = open_page(browser, built.as_uri())
    yield o
    o.page.context.close()


def test_the_self_contained_page_is_under_one_megabyte(built: Path) -> None:
    assert built.stat().st_size < 1 * MB


def test_places_visited_several_times_are_one_marker(trip: Any) -> None:
    data = page_data(trip.stops, trip.moves, trip.periods, title="T")
    placed = [s for s in rows(data["stops"]) if s["placed"]]
    assert len(data["places"]) < len(placed)
    visits = {p["today"]: len(p["visits"]) for p in data["places"]}
    assert visits["Saint Petersburg"] >= 3  # St Petersburg in 1905 and Petrograd in 1917-1919
    assert visits["Moscow"] >= 2 and visits["London"] >= 2


def test_opens_offline_without_errors_and_walks_the_life_in_date_order(
        opened: Opened, trip: Any) -> None:
    ids = list(trip.stops["id"])
    dates = [opened.state()["date"]]
    for _ in range(len(ids) - 1):
        opened.call("window.itineraryMap.next()")
        dates.append(opened.state()["date"])
    assert opened.state()["stopId"] == ids[-1]
    assert dates == sorted(dates)
    assert dates[0][:4] == "1879" and dates[-1][:4] == "1940"
    assert opened.errors == []


def test_every_period_narrows_the_map_to_its_stops(opened: Opened, trip: Any) -> None:
    for period in trip.periods.itertuples():
        opened.call("id => window.itineraryMap.setPeriod(id)", period.id)
        state = opened.state()
        expected = list(trip.stops.loc[trip.stops["period"] == period.id, "id"])
        assert state["visibleStopIds"] == expected, period.id
        shown = opened.call("document.querySelectorAll('#stops li.item:not([hidden])').length")
        assert shown == len(expected)
    opened.call("window.itineraryMap.setPeriod(null)")
    assert len(opened.state()["visibleStopIds"]) == len(trip.stops)


def test_screenshot_of_the_real_map(opened: Opened) -> None:
    opened.call("window.itineraryMap.seek('1917-06-01')")
    opened.page.wait_for_timeout(200)
    assert screenshot(opened.page, "trotsky.png").stat().st_size > 20_000
