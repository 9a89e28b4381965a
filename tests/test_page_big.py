"""A big itinerary (a regiment, a congress): the list of 2,500 stops is built as it is needed.

Past 1,000 stops the list is split into chunks of 100 whose buttons are made when a chunk comes
near the screen, when one of its stops is shown, or in idle time; these tests hold the page to
what a reader sees: every stop ends up in the list, in order, and periods and the current stop
behave as in a short list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from browser import Opened, browser, open_page, write_page  # noqa: F401
from itinerary.moves.derive import derive_moves
from itinerary.outputs.page import render_page

pytestmark = pytest.mark.browser
N = 2_500


def big_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """N stops on a lattice over Europe, one a day from 1900, in two periods."""
    rows = []
    for seq in range(N):
        day = (pd.Timestamp("1900-01-01") + pd.Timedelta(days=seq)).date().isoformat()
        rows.append({
            "seq": seq, "id": f"s{seq}", "place": f"Place {seq}", "resolved_name": f"Place {seq}",
            "resolved_country": "DE", "kind": "visit",
            "period": "early" if seq < N // 2 else "late",
            "start_min": day, "start_max": day, "end_min": day, "end_max": day, "date_label": day,
            "uncertain": False, "calendar": "", "note": "", "source": "", "evidence": "",
            "lat": 45.0 + (seq % 50) * 0.2, "lon": 0.0 + (seq // 50) * 0.4, "placed": True,
            "area": "", "start": day, "end": day,
        })
    stops = pd.DataFrame(rows)
    periods = pd.DataFrame([("early", "Early", "1900-01-01", "1903-06-04", "#2e7d32"),
                            ("late", "Late", "1903-06-05", "1906-11-04", "#1565c0")],
                           columns=["id", "title", "start", "end", "color"])
    return stops, derive_moves(stops), periods


@pytest.fixture(scope="module")
def opened(browser: Any, tmp_path_factory: pytest.TempPathFactory  # noqa: F811
           ) -> Iterator[Opened]:
    stops, moves, periods = big_tables()
    page = render_page(stops, moves, periods, title="A regiment", tiles=None)
    o = open_page(browser, write_page(tmp_path_factory.mktemp("big"), page).as_uri())
    yield o
    o.page.context.close()


def list_state(o: Opened) -> dict[str, Any]:
    return dict(o.call("""() => ({
      items: Array.from(document.querySelectorAll('#stops li.item .where'), e => e.textContent),
      shown: document.querySelectorAll('#stops li.item:not([hidden])').length,
      chunks: document.querySelectorAll('#stops li.chunk').length,
      hiddenChunks: document.querySelectorAll('#stops li.chunk[hidden]').length,
      current: (document.querySelector('#stops [aria-current="step"] .where') || {}).textContent
    })"""))


def test_every_stop_ends_up_in_the_list_in_order(opened: Opened) -> None:
    opened.wait_for(f"document.querySelectorAll('#stops li.item').length === {N}", 30_000)
    state = list_state(opened)
    assert state["items"] == [f"Place {i}" for i in range(N)]
    assert state["chunks"] == N // 100
    assert opened.errors == []


def test_going_to_a_far_stop_marks_it_in_the_list(opened: Opened) -> None:
    opened.call("window.itineraryMap.goToStop('s2345')")
    assert opened.state()["stopId"] == "s2345"
    assert list_state(opened)["current"] == "Place 2345"


def test_a_period_hides_the_other_stops_and_their_chunks(opened: Opened) -> None:
    opened.call("window.itineraryMap.setPeriod('late')")
    state = list_state(opened)
    assert state["shown"] == N - N // 2
    assert state["hiddenChunks"] == (N // 2) // 100
    assert opened.state()["visibleStopIds"][0] == f"s{N // 2}"
    opened.call("window.itineraryMap.setPeriod(null)")
    assert list_state(opened)["shown"] == N
