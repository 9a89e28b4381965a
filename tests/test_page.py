"""The page builder without a browser: what data reaches the page, and how safely."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date

import pandas as pd
import pytest

from browser import HOSTILE_NOTE, Tables, sample_tables, stop_ids
from itinerary.outputs.page import PAGE_SCRIPTS, json_for_script, page_data, render_page
from itinerary.outputs.records import rows


@pytest.fixture(scope="module")
def tables() -> Tables:
    return sample_tables()


def embedded_json(html: str, element_id: str) -> object:
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert match, f"no #{element_id} block"
    return json.loads(match.group(1))


# --- escaping -----------------------------------------------------------------------------------

def test_script_end_tag_in_a_note_cannot_close_the_data_block(tables: Tables) -> None:
    html = render_page(tables.stops, tables.moves, tables.periods, title="t", tiles=None).html
    block = html.split('id="itinerary-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\u2028" not in block
    data = embedded_json(html, "itinerary-data")
    assert isinstance(data, dict)
    notes = [note for note in data["stops"]["note"] if note]
    assert notes == [HOSTILE_NOTE]  # the text survives the round trip unchanged


def test_json_for_script_escapes_markup_characters_and_line_separators() -> None:
    text = json_for_script({"a": "</script><!-- & \u2028\u2029"})
    assert text == ('{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}')
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029"}


def test_title_is_html_escaped_and_template_syntax_stays_literal(tables: Tables) -> None:
    page = render_page(tables.stops, tables.moves, tables.periods,
                       title="<b>Trotsky</b> {{ 7*7 }} @@DATA@@", tiles=None)
    assert "<title>&lt;b&gt;Trotsky&lt;/b&gt; {{ 7*7 }} @@DATA@@</title>" in page.html
    assert "<b>Trotsky</b>" not in page.html
    assert "49" not in page.html.split("<title>", 1)[1].split("</title>", 1)[0]
    # placeholders in substituted text are not substituted again
    assert page.html.count('id="itinerary-data">{') == 1  # (a script's comment names it too)


# --- determinism and modes ------------------------------------------------------------------------

@pytest.mark.parametrize("one_file", [True, False], ids=["default", "shared assets"])
def test_same_input_gives_the_same_bytes(tables: Tables, one_file: bool) -> None:
    first = render_page(tables.stops, tables.moves, tables.periods, title="T",
                        self_contained=one_file)
    again = sample_tables()
    second = render_page(again.stops, again.moves, again.periods, title="T",
                         self_contained=one_file)
    assert first.html == second.html
    assert first.assets == second.assets


def test_shared_assets_mode_references_assets_relatively(tables: Tables) -> None:
    page = render_page(tables.stops, tables.moves, tables.periods, title="T",
                       self_contained=False)
    assert sorted(page.assets) == sorted(
        ["itinerary_files/itinerary.css", "itinerary_files/leaflet.css",
         "itinerary_files/leaflet.js"] + [f"itinerary_files/{name}" for name in PAGE_SCRIPTS])
    for name in page.assets:
        assert f'"{name}"' in page.html
    # plain scripts, no build step: Leaflet, then the page's own in their order
    assert re.findall(r'<script src="itinerary_files/([^"]+)"', page.html) == [
        "leaflet.js", *PAGE_SCRIPTS]
    assert b"sourceMappingURL" not in page.assets["itinerary_files/leaflet.js"]
    assert b"Leaflet 1.9.4" in page.assets["itinerary_files/leaflet.js"]


def test_the_default_page_is_one_file_and_its_scripts_are_allowed_by_hash(
        tables: Tables) -> None:
    page = render_page(tables.stops, tables.moves, tables.periods, title="T")
    assert page == render_page(tables.stops, tables.moves, tables.periods, title="T",
                               self_contained=True)
    assert page.assets == {}
    assert "itinerary_files" not in page.html and "<link" not in page.html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page.html)
    assert csp
    bodies = re.findall(r"<script>(.*?)</script>", page.html, re.S)
    assert len(bodies) == 1 + len(PAGE_SCRIPTS)  # leaflet.js and the page's own scripts
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp.group(1)
    assert "unsafe-eval" not in csp.group(1)
    assert "script-src 'self' 'sha256-" in csp.group(1)


def test_csp_allows_only_the_chosen_tile_host(tables: Tables) -> None:
    with_tiles = render_page(tables.stops, tables.moves, tables.periods, title="T",
                             tiles="OpenStreetMap.Mapnik").html
    without = render_page(tables.stops, tables.moves, tables.periods, title="T", tiles=None).html
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in with_tiles
    assert "img-src 'self' data:;" in without
    data = embedded_json(with_tiles, "itinerary-data")
    assert isinstance(data, dict)
    assert data["tiles"]["url"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in data["tiles"]["attribution"]
    assert embedded_json(without, "itinerary-data")["tiles"] is None  # type: ignore[index]


def test_embed_build_marks_the_document(tables: Tables) -> None:
    assert '<html lang="en" class="embed">' in render_page(
        tables.stops, tables.moves, tables.periods, title="T", embed=True, tiles=None).html
    assert '<html lang="en" class="">' in render_page(
        tables.stops, tables.moves, tables.periods, title="T", tiles=None).html


# --- page_data ----------------------------------------------------------------------------------

def test_places_visited_twice_are_one_place_with_two_visits(tables: Tables) -> None:
    data = page_data(tables.stops, tables.moves, tables.periods, title="T")
    by_id = {s["id"]: s for s in rows(data["stops"])}
    moscow = data["places"][by_id["moscow"]["place_index"]]
    assert moscow["visits"] == [by_id["moscow"]["seq"], by_id["moscow2"]["seq"]]
    # Odessa (school) and Odessa prison share coordinates and today's name: one marker
    assert by_id["odessa"]["place_index"] == by_id["prison"]["place_index"]
    assert len(data["places"]) == len(set(data["stops"]["place_index"]) - {None})


def test_unplaced_stops_are_listed_but_have_no_place(tables: Tables) -> None:
    data = page_data(tables.stops, tables.moves, tables.periods, title="T")
    assert data["stops"]["id"] == stop_ids()
    atlantis = next(s for s in rows(data["stops"]) if s["id"] == "nowhere")
    assert atlantis["placed"] is False
    assert atlantis["place_index"] is None and atlantis["lat"] is None


def test_dates_carry_day_numbers_so_the_browser_needs_no_date_arithmetic(tables: Tables) -> None:
    data = page_data(tables.stops, tables.moves, tables.periods, title="T")
    born = rows(data["stops"])[0]
    assert born["d0"] == date(1879, 11, 7).toordinal() == born["d1"]
    assert born["label"] == "26 October (7 November) 1879"
    assert born["calendar"] == "julian"
    move = rows(data["moves"])[0]
    departs = dict(zip(tables.moves["from_seq"], tables.moves["depart"], strict=True))
    assert move["d0"] == date.fromisoformat(departs[move["from_seq"]]).toordinal()
    period = data["periods"][0]
    assert (period["d0"], period["d1"]) == (date(1879, 11, 7).toordinal(),
                                            date(1902, 9, 30).toordinal())


def test_regions_reach_the_page_as_geojson_on_their_place(tables: Tables) -> None:
    data = page_data(tables.stops, tables.moves, tables.periods, title="T")
    odessa = next(s for s in rows(data["stops"]) if s["id"] == "odessa")
    area = data["places"][odessa["place_index"]]["area"]
    assert area["type"] == "Polygon" and len(area["coordinates"][0]) == 5


def test_moves_keep_their_kind_and_distance_but_send_no_path(tables: Tables) -> None:
    data = page_data(tables.stops, tables.moves, tables.periods, title="T")
    ids = dict(zip(data["stops"]["seq"], data["stops"]["id"], strict=True))
    escape = next(m for m in rows(data["moves"]) if ids[m["from_seq"]] == "ustkut")
    assert escape["kind"] == "escape" and ids[escape["to_seq"]] == "london"
    assert escape["km"] == pytest.approx(6229.2, abs=1)
    assert "path" not in escape  # the browser draws the arc from the two ends


def test_stops_and_moves_travel_as_columns_of_equal_length(tables: Tables) -> None:
    data = page_data(tables.stops, tables.moves, tables.periods, title="T")
    for table in (data["stops"], data["moves"]):
        lengths = {name: len(values) for name, values in table.items()}
        assert len(set(lengths.values())) == 1, lengths
    assert len(data["stops"]["seq"]) == len(tables.stops)
    assert len(data["moves"]["kind"]) == len(tables.moves)


def test_empty_tables_still_make_a_page() -> None:
    empty = pd.DataFrame()
    data = page_data(empty, empty, empty, title="Nothing yet")
    assert rows(data["stops"]) == rows(data["moves"]) == data["periods"] == data["places"] == []
    assert "Nothing yet" in render_page(empty, empty, empty, title="Nothing yet", tiles=None).html


def test_missing_values_become_json_null_not_nan(tables: Tables) -> None:
    html = render_page(tables.stops, tables.moves, tables.periods, title="T", tiles=None).html
    block = html.split('id="itinerary-data">', 1)[1].split("</script>", 1)[0]
    assert "NaN" not in block
