"""The page draws each move's great-circle arc itself, from the move's two ends.

The page data carries no paths (they were 90 % of its bytes at 100,000 stops), so the browser's
arc must be the same line that ``moves.geodesy.great_circle`` gives in Python (used by the GeoJSON,
KML and notebook exports): same parts, same vertices, cut at the antimeridian and the poles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from browser import Opened, Tables, browser, open_page, sample_tables, write_page  # noqa: F401
from itinerary.moves.geodesy import great_circle
from itinerary.outputs.page import render_page

pytestmark = pytest.mark.browser

PAIRS = [
    pytest.param((55.75, 37.62), (51.51, -0.13), id="Moscow to London"),
    pytest.param((43.12, 131.9), (61.22, -149.9), id="Vladivostok to Anchorage (antimeridian)"),
    pytest.param((35.68, 139.69), (37.77, -122.42), id="Tokyo to San Francisco (antimeridian)"),
    pytest.param((-33.87, 151.21), (-36.85, 174.76), id="Sydney to Auckland (no seam)"),
    pytest.param((-17.5, 178.0), (-13.8, -171.8), id="Fiji to Samoa (southern seam)"),
    pytest.param((60.0, 10.0), (60.0, -170.0), id="over the north pole (meridian circle)"),
    pytest.param((-70.0, 45.0), (-80.0, -135.0), id="over the south pole"),
    pytest.param((90.0, 0.0), (50.0, 30.0), id="from the pole"),
    pytest.param((10.0, 20.0), (-10.0, -160.0), id="antipodes"),
    pytest.param((10.0, 180.0), (20.0, -170.0), id="starting on the antimeridian"),
    pytest.param((48.85, 2.35), (48.85, 2.35), id="no distance"),
    pytest.param((48.85, 2.35), (48.8501, 2.3501), id="a few metres"),
    pytest.param((0.0, -179.5), (0.0, 179.5), id="along the equator across the seam"),
]


@pytest.fixture(scope="module")
def opened(browser: Any, tmp_path_factory: pytest.TempPathFactory  # noqa: F811
           ) -> Iterator[Opened]:
    tables: Tables = sample_tables()
    page = render_page(tables.stops, tables.moves, tables.periods, title="arcs", tiles=None,
                       self_contained=True)
    o = open_page(browser, write_page(tmp_path_factory.mktemp("arcs"), page).as_uri())
    yield o
    o.page.context.close()


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_the_browser_draws_the_arc_python_computes(opened: Opened, a: tuple[float, float],
                                                   b: tuple[float, float]) -> None:
    drawn = opened.call("([a, b]) => window.itineraryMap.greatCircle(a, b)", [list(a), list(b)])
    expected = great_circle(a, b)
    assert [len(part) for part in drawn] == [len(part) for part in expected]
    flat = [c for part in drawn for point in part for c in point]
    assert flat == pytest.approx([c for part in expected for point in part for c in point],
                                 abs=2e-5)


def test_no_drawn_part_jumps_across_the_map(opened: Opened) -> None:
    """Within a part, consecutive vertices are never half a world apart in longitude."""
    for param in PAIRS:
        a, b = param.values
        for part in opened.call("([a, b]) => window.itineraryMap.greatCircle(a, b)",
                                [list(a), list(b)]):
            steps = [abs(q[1] - p[1]) for p, q in zip(part, part[1:], strict=False)]
            assert max(steps, default=0) < 180, param.id


def test_the_trail_is_drawn_from_the_ends_the_page_was_given(opened: Opened) -> None:
    """Playing to the end draws every move; a page error would mean a move without ends."""
    opened.call("window.itineraryMap.seek('1940-08-21')")
    assert opened.state()["trail"] > 0
    assert opened.errors == []


def test_page_file_is_the_same_bytes_in_two_processes(
        in_two_processes: Callable[[str], tuple[bytes, bytes]]) -> None:
    """The sample trip (a hostile note, an unplaced stop, a region, Julian labels) rendered in
    two interpreters with different hash seeds: the same page and assets, byte for byte."""
    first, second = in_two_processes(
        "import sys\n"
        "from browser import sample_tables\n"
        "from itinerary.outputs.page import render_page\n"
        "t = sample_tables()\n"
        "page = render_page(t.stops, t.moves, t.periods, title='arcs', tiles=None)\n"
        "sys.stdout.buffer.write(page.html.encode('utf-8'))\n"
        "for name in sorted(page.assets):\n"
        "    sys.stdout.buffer.write(name.encode() + b'\\0' + page.assets[name])\n")
    assert b"Vienna" in first and len(first) > 10_000  # a real page was written
    assert first == second
