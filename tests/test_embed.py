"""Embedding the map in a lesson page: the ``itinerary embed`` snippet, the hash options it
writes (``#period=ID&embed``), and the compact mode in small frames."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Opened, browser, http_server, open_page, wait_for  # noqa: F401
from itinerary.cli import main


def embed(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["embed", *args])
    out, err = capsys.readouterr()
    return code, out, err


def iframe_src(text: str) -> str:
    match = re.search(r'<iframe src="([^"]*)"', text)
    assert match, text
    return html.unescape(match.group(1))


# --- the snippet ---------------------------------------------------------------------------------

def test_a_period_snippet_opens_that_period_in_compact_mode(capsys: pytest.CaptureFixture[str],
                                                            ) -> None:
    code, out, err = embed(capsys, "--period", "norway", "--url", "maps/trotsky.html")
    assert code == 0 and err == ""
    assert iframe_src(out) == "maps/trotsky.html#period=norway&embed"
    assert 'title="Leon Trotsky, 1879–1940: Final exile: Norway"' in out
    # The Markdown version: the same raw iframe plus a plain link for renderers that strip HTML.
    link = re.search(r"\[Open the map: [^\]]*Norway\]\(([^)]*)\)", out)
    assert link and link.group(1) == "maps/trotsky.html#period=norway&embed"


def test_a_stop_snippet_and_the_full_page_variant(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = embed(capsys, "--stop", "hurum-1936", "--format", "html")
    assert code == 0
    assert out.count("<iframe") == 1 and "[Open the map" not in out
    assert iframe_src(out) == "trotsky.html#stop=hurum-1936&embed"
    code, out, _ = embed(capsys, "--stop", "hurum-1936", "--full", "--format", "markdown")
    assert iframe_src(out) == "trotsky.html#stop=hurum-1936"


@pytest.mark.parametrize("option, value", [("--period", "nope"), ("--stop", "atlantis-1900")])
def test_an_unknown_id_is_bad_input_in_one_line(capsys: pytest.CaptureFixture[str], option: str,
                                                value: str) -> None:
    code, out, err = embed(capsys, option, value)
    assert code == 2 and out == ""
    # A period is refused as build and export refuse it (naming the periods file); a stop as --stop.
    where = "periods.csv" if option == "--period" else f"{option}:"
    assert err.count("\n") == 1 and err.startswith("error: ") and where in err.split(" unknown")[0]
    assert repr(value) in err


def test_the_url_and_size_cannot_break_out_of_the_attribute(capsys: pytest.CaptureFixture[str],
                                                           ) -> None:
    code, out, _ = embed(capsys, "--url", 'x.html"><script>alert(1)</script>',
                         "--height", '1" onload="x', "--format", "html")
    assert code == 0
    assert "<script>" not in out and 'onload="' not in out
    assert iframe_src(out) == 'x.html"><script>alert(1)</script>#embed'


# --- the hash options in a browser -----------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Trotsky map as `itinerary build --self-contained` writes it, beside frame pages."""
    root = tmp_path_factory.mktemp("embed-site")
    assert main(["build", "-o", str(root / "trotsky.html"), "--self-contained",
                 "--no-tiles"]) == 0
    for w, h in [(600, 400), (360, 640)]:
        (root / f"frame-{w}x{h}.html").write_text(
            "<!DOCTYPE html><title>frame</title><style>body{margin:8px}</style>"
            f'<iframe id="f" src="trotsky.html#period=norway&embed" width="{w}" height="{h}" '
            'style="border:0" title="map"></iframe>', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with http_server(site) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("fragment", ["period=siberian-exile&embed", "embed&period=siberian-exile"])
def test_period_and_embed_combine_in_either_order(browser: Any, site: Path,  # noqa: F811
                                                  fragment: str) -> None:
    o = open_page(browser, (site / "trotsky.html").as_uri() + "#" + fragment)
    try:
        state = o.state()
        assert state["period"] == "siberian-exile"
        assert state["visibleStopIds"][0] == "ust-kut-1900"
        assert o.call("document.documentElement.classList.contains('embed')")
        assert o.call("getComputedStyle(document.querySelector('.side')).display") == "none"
        assert o.errors == []
    finally:
        o.page.context.close()


@pytest.mark.browser
def test_a_stop_in_the_hash_with_embed(browser: Any, site: Path) -> None:  # noqa: F811
    o = open_page(browser, (site / "trotsky.html").as_uri() + "#stop=hurum-1936&embed")
    try:
        assert o.state()["stopId"] == "hurum-1936"
        assert o.call("document.documentElement.classList.contains('embed')")
    finally:
        o.page.context.close()


CONTROLS = ["#prev", "#play", "#next", "#slider", "#date", "#speed", "#realtime", "#periods",
            "#map", ".leaflet-control-zoom-in", ".leaflet-control-zoom-out"]


@pytest.mark.browser
@pytest.mark.parametrize("size", [(600, 400), (360, 640)])
def test_small_frames_keep_every_control_inside_and_usable(browser: Any, server: str,  # noqa: F811
                                                           size: tuple[int, int]) -> None:
    w, h = size
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{server}/frame-{w}x{h}.html")
        frame = page.frame_locator("#f")
        inner = next(f for f in page.frames if f.url.endswith("embed"))
        wait_for(inner, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
        assert inner.evaluate("[innerWidth, innerHeight]") == [w, h]
        # Nothing spills out of the frame: the page does not scroll in either direction ...
        assert inner.evaluate("document.documentElement.scrollHeight") <= h
        assert inner.evaluate("document.documentElement.scrollWidth") <= w
        # ... every control lies wholly inside it, and the map keeps a useful size.
        for selector in CONTROLS:
            box = inner.evaluate("s => { const r = document.querySelector(s)"
                                 ".getBoundingClientRect(); return [r.left, r.top, r.right, "
                                 "r.bottom]; }", selector)
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= w and box[3] <= h, (selector, box)
            assert box[2] - box[0] > 0 and box[3] - box[1] > 0, (selector, box)
        map_box = inner.evaluate("(() => { const r = document.getElementById('map')"
                                 ".getBoundingClientRect(); return [r.width, r.height]; })()")
        assert map_box[0] >= w - 1 and map_box[1] >= 0.45 * h
        # The chips row scrolls sideways rather than being cut off: the last chip can be reached.
        frame.locator(".period").last.scroll_into_view_if_needed()
        frame.locator(".period").last.click()
        assert inner.evaluate("window.itineraryMap.state().period") == "mexico"
        frame.locator("#next").click()
        assert inner.evaluate("window.itineraryMap.state().stopId") == "coyoacan-1937"
    finally:
        context.close()
