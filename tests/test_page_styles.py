"""One style table for the kinds of move: the page and the notebook view draw each move, and the
page its legend, from ``itinerary.moves.kinds.MOVE_STYLES`` as it reaches them in the data.

The page draws its lines on canvas, so what it strokes is recorded (colour, dash, width); the
folium view draws SVG paths, whose attributes are read directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import browser, leaflet_offline, sample_tables, wait_for, write_page  # noqa: F401
from itinerary.moves.kinds import MOVE_STYLES
from itinerary.outputs.folium_view import to_folium
from itinerary.outputs.page import page_data, render_page

pytestmark = pytest.mark.browser

FORCED = MOVE_STYLES["forced"]

# Every stroke the page's canvases make, with the style it is made in.
RECORD_STROKES = """
window.__strokes = [];
(function () {
  var proto = CanvasRenderingContext2D.prototype, stroke = proto.stroke;
  proto.stroke = function () {
    window.__strokes.push({ color: String(this.strokeStyle), dash: this.getLineDash().join(' '),
                            width: this.lineWidth });
    return stroke.apply(this, arguments);
  };
}());
"""


def test_the_page_data_carries_the_style_table() -> None:
    t = sample_tables()
    assert page_data(t.stops, t.moves, t.periods, title="T")["moveStyles"] == MOVE_STYLES
    assert set(t.moves["kind"]) == {"forced", "escape", "travel"}  # what the tests below see


@pytest.fixture(scope="module", params=["default", "self-contained"])
def page_file(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    t = sample_tables()
    page = render_page(t.stops, t.moves, t.periods, title="Trotsky", tiles=None,
                       self_contained=request.param == "self-contained")
    return write_page(tmp_path_factory.mktemp("styles"), page)


@pytest.fixture
def shown(browser: Any, page_file: Path) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_STROKES)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    wait_for(page, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
    yield page
    assert errors == []
    context.close()


def test_a_forced_move_is_drawn_in_the_forced_style(shown: Any) -> None:
    shown.evaluate("window.itineraryMap.seek('1940-08-21')")  # the whole trail
    wait_for(shown, f"window.__strokes.some(s => s.color === '{FORCED['color']}')")
    strokes = shown.evaluate("window.__strokes")
    forced = [s for s in strokes if s["color"] == FORCED["color"]]
    assert forced and all(s["dash"] == FORCED["dash"] and s["width"] == FORCED["weight"]
                          for s in forced), forced
    for kind in ("escape", "travel"):  # (a period's region may share a colour: no "all")
        style = MOVE_STYLES[kind]
        assert any(s["color"] == style["color"] and s["dash"] == style["dash"]
                   and s["width"] == style["weight"] for s in strokes), (kind, strokes)
    # and the layer objects say the same: the trail's forced lines carry the table's style
    options = shown.evaluate("""() => { const out = [];
        window.itineraryMap.map.eachLayer(l => { if (l instanceof L.Polyline && l.options.color
            && !(l instanceof L.Polygon)) out.push([l.options.color, l.options.dashArray]); });
        return out; }""")
    assert [FORCED["color"], FORCED["dash"]] in options


def test_the_move_under_way_is_drawn_bolder_in_its_kinds_colour_and_dash(shown: Any) -> None:
    shown.evaluate("window.itineraryMap.seek('1900-01-15')")  # Odessa prison -> Ust-Kut: forced
    assert shown.evaluate("window.itineraryMap.state().moving") is True
    current = shown.evaluate("""() => { let out = null;
        window.itineraryMap.map.eachLayer(l => {
          if (l instanceof L.Polyline && l.options.renderer &&
              l.options.renderer.options.pane === 'current') out = l.options; });
        return out && [out.color, out.dashArray, out.weight]; }""")
    assert current == [FORCED["color"], FORCED["dash"], FORCED["weight"] + 3]
    bold = FORCED["weight"] + 3
    wait_for(shown, f"window.__strokes.some(s => s.width === {bold})")
    assert {(s["color"], s["dash"]) for s in shown.evaluate("window.__strokes")
            if s["width"] == bold} == {(FORCED["color"], FORCED["dash"])}


def test_the_legend_draws_each_kind_from_the_table(shown: Any) -> None:
    legend = shown.evaluate("""() => Array.from(document.querySelectorAll(
        '#legend-moves li[data-kind]')).map(li => { const line = li.querySelector('svg line');
        return { kind: li.dataset.kind, label: li.textContent.trim(),
                 color: line.getAttribute('stroke'),
                 dash: line.getAttribute('stroke-dasharray') || '',
                 width: Number(line.getAttribute('stroke-width')) }; })""")
    assert legend == [{"kind": kind, "label": style["label"], "color": style["color"],
                       "dash": style["dash"], "width": style["weight"]}
                      for kind, style in MOVE_STYLES.items()]


# --- the notebook view ----------------------------------------------------------------------------

def test_the_folium_view_draws_a_forced_move_in_the_forced_style(browser: Any,  # noqa: F811
                                                                  tmp_path: Path) -> None:
    t = sample_tables()
    target = tmp_path / "notebook.html"
    target.write_text(to_folium(t.stops, t.moves, t.periods).get_root().render(),
                      encoding="utf-8")

    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", leaflet_offline)
    try:
        page.goto(target.as_uri())
        wait_for(page, "document.querySelectorAll('path.leaflet-interactive').length > 0")
        paths = page.evaluate("""() => Array.from(document.querySelectorAll(
            'path.leaflet-interactive')).map(p => ({ color: p.getAttribute('stroke'),
              dash: p.getAttribute('stroke-dasharray') || '',
              width: Number(p.getAttribute('stroke-width')) }))""")
    finally:
        context.close()
    for kind in sorted(set(t.moves["kind"])):
        style = MOVE_STYLES[kind]
        drawn = [p for p in paths if p["color"] == style["color"]]
        assert drawn, (kind, paths)
        assert all(p["dash"] == style["dash"] and p["width"] == style["weight"]
                   for p in drawn), (kind, drawn)
