"""The notebook API gives the same itinerary as the command line: ``load`` is the CLI's
pipeline, ``to_geojson`` its GeoJSON export, ``to_map`` a folium Map of the chosen stops."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path
from typing import Any

import folium
import pytest

from itinerary import load
from itinerary.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "data" / "places.csv"


@pytest.fixture(scope="module")
def trip() -> Any:
    return load(PLACES)


def export(tmp_path: Path, fmt: str, *args: str) -> Path:
    out = tmp_path / f"trip.{fmt}"
    assert main(["export", str(PLACES), "--format", fmt, "-o", str(out), *args]) == 0
    return out


def number(text: str) -> float:
    return float(text) if text else math.nan


def same_number(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, abs=1e-9)


def test_load_gives_the_stops_of_the_csv_export_in_the_same_order(trip: Any,
                                                                 tmp_path: Path) -> None:
    with export(tmp_path, "csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    stops = trip.stops
    assert list(stops["id"]) == [r["id"] for r in rows]
    assert list(stops["place"]) == [r["place"] for r in rows]
    assert list(stops["start_min"]) == [r["start_min"] for r in rows]
    for (lat, lon), r in zip(zip(stops["lat"], stops["lon"], strict=True), rows, strict=True):
        assert same_number(lat, number(r["lat"])) and same_number(lon, number(r["lon"])), r["id"]
    # and the ids are the file's, not invented: every row of data/places.csv is there once
    with PLACES.open(encoding="utf-8", newline="") as f:
        assert sorted(stops["id"]) == sorted(r["id"] for r in csv.DictReader(f))


def test_to_geojson_equals_the_cli_geojson_export(trip: Any, tmp_path: Path) -> None:
    exported = json.loads(export(tmp_path, "geojson").read_text(encoding="utf-8"))
    assert trip.to_geojson() == exported
    kinds = {f["properties"].get("feature_type") for f in exported["features"]}
    assert "stop" in kinds  # a real export, not an empty collection


def folium_payload(fmap: folium.Map) -> str:
    """The text the page hands to JSON.parse: the JS string literal in its rendered HTML."""
    page = fmap.get_root().render()
    match = re.search(r"var data=JSON\.parse\((\".*?\")\);", page)
    assert match, "the itinerary layer is missing from the page"
    return str(json.loads(match.group(1)))  # a JSON string literal is a JS string literal


def folium_stops(fmap: folium.Map) -> list[dict[str, Any]]:
    """The stops the map means to draw."""
    return list(json.loads(folium_payload(fmap))["stops"])


def test_to_map_of_one_period_draws_only_that_periods_stops(trip: Any) -> None:
    norway = trip.stops[trip.stops["period"] == "norway"]
    assert len(norway) >= 3
    fmap = trip.to_map(period="norway")
    assert isinstance(fmap, folium.Map)
    drawn = folium_stops(fmap)
    assert [s["id"] for s in drawn] == list(norway["id"])
    assert {s["place"] for s in drawn} == {"Norderhov", "Oslo", "Hurum"}
    # the whole life draws every placed stop
    everything = folium_stops(trip.to_map())
    assert len(everything) == int(trip.stops["placed"].sum()) > len(drawn)


def test_the_browser_can_parse_the_folium_layer_data(trip: Any) -> None:
    # JSON.parse accepts exactly what json.loads accepts.
    data = json.loads(folium_payload(trip.to_map(period="norway")))
    assert [s["id"] for s in data["stops"]] == list(
        trip.stops[trip.stops["period"] == "norway"]["id"])


def test_select_narrows_without_changing_the_loaded_trip(trip: Any) -> None:
    before = list(trip.stops["id"])
    mexico = trip.select("mexico")
    assert set(mexico.stops["period"]) == {"mexico"}
    assert list(trip.stops["id"]) == before


def test_the_notebook_summary_escapes_the_title() -> None:
    trip = load(PLACES, title='<img src=x onerror="alert(1)"> & Co')
    shown = trip._repr_html_()
    assert "<img" not in shown
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co" in shown
    assert f"{len(trip.stops)} stops" in shown


def test_to_html_is_the_self_contained_page(trip: Any) -> None:
    page = trip.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script src=" not in page and '<link rel="stylesheet"' not in page
    block = page.split('id="itinerary-data">', 1)[1].split("</script>", 1)[0]
    assert "hurum-1936" in json.loads(block)["stops"]["id"]


def test_text_that_looks_like_jinja_reaches_the_folium_page_literally(tmp_path: Path) -> None:
    """branca renders macro output a second time as Jinja; notes must survive it untouched."""
    table = tmp_path / "jinja.csv"
    table.write_text('place,start,note\nVienna,1907,"{{ 7*7 }} {% raw %} {# c #} </script>"\n',
                     encoding="utf-8")
    fmap = load(table).to_map()
    page = fmap.get_root().render()
    assert "7*7" in page  # not evaluated to 49 by the second pass
    (stop,) = json.loads(folium_payload(fmap))["stops"]
    assert stop["note"] == "{{ 7*7 }} {% raw %} {# c #} </script>"
    assert "</script>\"" not in page
