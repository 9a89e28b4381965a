"""The offline atlas basemap: shipped data (land, lakes, rivers, label points), its derivation
from Natural Earth, and the page's tile options (none by default, so no request at all)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import LineString, Point, Polygon

from browser import sample_tables
from itinerary.outputs import basemap
from itinerary.outputs.page import render_page, tile_layer_of

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "derive_basemap.py"
NATURAL_EARTH = ROOT.parent / "shared" / "naturalearth"
LEVEL_NAMES = ["110m", "50m"]


def _levels() -> dict[str, dict[str, Any]]:
    return {level["name"]: level for level in basemap.basemap_data()["levels"]}


def _rings(level: dict[str, Any], layer: str) -> list[list[tuple[float, float]]]:
    return [basemap.decode(text, level["q"]) for text in level[layer]]


def _inside(rings: list[list[tuple[float, float]]], lon: float, lat: float) -> bool:
    """Even-odd over all rings of a layer, as the page fills them."""
    point = Point(lon, lat)
    return sum(1 for r in rings if len(r) >= 3 and Polygon(r).contains(point)) % 2 == 1


@pytest.fixture(scope="module")
def rings() -> dict[tuple[str, str], list[list[tuple[float, float]]]]:
    levels = _levels()
    return {(name, layer): _rings(levels[name], layer)
            for name in LEVEL_NAMES for layer in ("land", "lakes", "rivers", "minorRivers")}


# --- the shipped data -----------------------------------------------------------------------------

def test_two_levels_of_detail_coarse_first() -> None:
    levels = basemap.basemap_data()["levels"]
    assert [level["name"] for level in levels] == LEVEL_NAMES
    assert levels[0]["minZoom"] == 0 and 3 <= levels[1]["minZoom"] <= 4
    assert levels[0]["q"] <= levels[1]["q"] == 100  # the detailed level on a 0.01° grid
    for level in levels:
        assert level["land"] and level["lakes"] and level["rivers"]
        assert all(isinstance(t, str) and t for layer in ("land", "lakes", "rivers")
                   for t in level[layer])


def test_the_encoding_round_trips() -> None:
    spec = importlib.util.spec_from_file_location("derive_basemap", SCRIPT)
    assert spec and spec.loader
    derive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(derive)
    points = [(3762, 5576), (3760, 5579), (-18000, -9000), (18000, 9000), (0, 0), (1, -1)]
    text = derive.encode(points)
    assert derive.decode(text) == points
    assert basemap.decode(text, 100) == [(x / 100, y / 100) for x, y in points]
    assert re.fullmatch(r"[?-~]*", text)  # printable ASCII 63..126: no quote, no "<"


@pytest.mark.parametrize("level", LEVEL_NAMES)
@pytest.mark.parametrize("name, lon, lat", [
    ("Moscow", 37.62, 55.76), ("Paris", 2.35, 48.86), ("Mexico City", -99.13, 19.43),
    ("London", -0.13, 51.51), ("Ust-Kut", 105.76, 56.79), ("Irkutsk", 104.3, 52.3),
])
def test_the_places_of_the_story_are_on_land(rings: Any, level: str, name: str, lon: float,
                                              lat: float) -> None:
    assert _inside(rings[level, "land"], lon, lat), name
    assert not _inside(rings[level, "lakes"], lon, lat), name


@pytest.mark.parametrize("level", LEVEL_NAMES)
@pytest.mark.parametrize("name, lon, lat", [
    ("mid Atlantic", -30.0, 40.0), ("Pacific", -150.0, 0.0), ("Black Sea", 34.0, 43.5),
    ("Caspian Sea", 51.0, 42.0), ("Baltic Sea", 19.5, 57.0),
])
def test_seas_are_water(rings: Any, level: str, name: str, lon: float, lat: float) -> None:
    assert not _inside(rings[level, "land"], lon, lat), name


@pytest.mark.parametrize("level", LEVEL_NAMES)
@pytest.mark.parametrize("name, lon, lat", [
    ("Lake Baikal", 108.2, 53.5), ("Lake Ladoga", 31.5, 60.8),
])
def test_the_great_lakes_of_the_story_are_water(rings: Any, level: str, name: str, lon: float,
                                                lat: float) -> None:
    assert _inside(rings[level, "land"], lon, lat)  # lakes lie on the land ...
    assert _inside(rings[level, "lakes"], lon, lat), name  # ... and are drawn over it


def _near(lines: list[list[tuple[float, float]]], lon: float, lat: float, degrees: float
          ) -> bool:
    point = Point(lon, lat)
    return any(len(line) >= 2 and LineString(line).distance(point) < degrees for line in lines)


@pytest.mark.parametrize("level", LEVEL_NAMES)
def test_the_lena_and_the_angara_flow_past_the_siberian_exile(rings: Any, level: str) -> None:
    major = rings[level, "rivers"]
    assert _near(major, 105.76, 56.79, 0.3)  # the Lena at Ust-Kut
    assert _near(major, 105.4, 55.3, 0.4)  # ... and at Verkholensk
    assert _near(major, 101.6, 56.2, 0.4)  # the Angara at Bratsk
    assert _near(major, 18.9, 47.5, 0.3)  # the Danube at Budapest


def test_the_data_is_small_enough_for_a_page() -> None:
    total = sum((basemap.BASEMAP_DIR / name).stat().st_size
                for name in (*basemap.LEVEL_FILES, basemap.LABELS_FILE))
    assert total < 450_000
    assert (basemap.BASEMAP_DIR / "SOURCE.md").read_text(encoding="utf-8").count("Natural Earth")


# --- labels -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def labels() -> list[dict[str, Any]]:
    return basemap.labels()


def _label(labels: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    found = [a for a in labels if a["kind"] == kind and a["name"] == name]
    assert found, f"no {kind} label {name!r}"
    return found[0]


def test_every_label_has_the_documented_fields(labels: list[dict[str, Any]]) -> None:
    assert {a["kind"] for a in labels} == {"sea", "lake", "river", "town", "region"}
    for a in labels:
        assert set(a) == {"kind", "name", "names", "lat", "lon", "minZoom", "rank"}
        assert a["name"] and a["name"].strip() == a["name"] and "  " not in a["name"]
        assert -90 <= a["lat"] <= 90 and -180 <= a["lon"] <= 180
        assert 0 <= a["minZoom"] <= 10 and isinstance(a["rank"], int) and a["rank"] >= 0
        assert set(a["names"]) <= {"de", "fr", "es", "ru", "uk"}
        assert all(v and v != a["name"] for v in a["names"].values())


@pytest.mark.parametrize("kind, name, lat, lon", [
    ("sea", "Black Sea", 43.5, 34.0), ("sea", "Baltic Sea", 58.0, 20.0),
    ("lake", "Lake Baikal", 53.5, 108.0), ("lake", "Lake Ladoga", 60.8, 31.5),
    ("river", "Lena", 62.0, 120.0), ("river", "Angara", 57.0, 100.0),
    ("river", "Volga", 52.0, 46.0), ("river", "Danube", 46.0, 19.0),
    ("town", "Moscow", 55.75, 37.62), ("town", "Irkutsk", 52.3, 104.3),
    ("region", "Siberia", 62.0, 90.0), ("region", "Scandinavia", 64.0, 16.0),
])
def test_the_labels_of_the_story_are_near_where_they_belong(
        labels: list[dict[str, Any]], kind: str, name: str, lat: float, lon: float) -> None:
    found = [a for a in labels if a["kind"] == kind and a["name"] == name]
    assert found, f"no {kind} label {name!r}"
    assert min(abs(a["lat"] - lat) + abs(a["lon"] - lon) for a in found) < 16


def test_labels_carry_other_languages_and_rank_the_great_first(
        labels: list[dict[str, Any]]) -> None:
    moscow = _label(labels, "town", "Moscow")
    assert moscow["names"]["de"] == "Moskau" and moscow["names"]["ru"] == "Москва"
    assert _label(labels, "sea", "Black Sea")["names"]["fr"] == "Mer Noire"
    assert moscow["minZoom"] < 3 and moscow["rank"] == 0
    assert _label(labels, "town", "Irkutsk")["minZoom"] > moscow["minZoom"]
    # the seas and lakes show from the world view, the rivers a little later
    assert _label(labels, "lake", "Lake Baikal")["minZoom"] <= 3
    assert [a["minZoom"] for a in labels] == sorted(a["minZoom"] for a in labels)


def test_the_sea_points_are_in_the_sea_and_the_lake_points_in_the_lakes(
        labels: list[dict[str, Any]], rings: Any) -> None:
    for a in labels:
        if a["kind"] == "sea" and a["minZoom"] <= 4:
            assert not _inside(rings["50m", "land"], a["lon"], a["lat"]), a["name"]
    for name in ("Lake Baikal", "Lake Ladoga", "Lake Onega"):
        a = _label(labels, "lake", name)
        assert _inside(rings["50m", "lakes"], a["lon"], a["lat"]), name


# --- the page -----------------------------------------------------------------------------------

def _embedded(html: str, block: str) -> Any:
    match = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', html,
                      re.S)
    assert match, block
    return json.loads(match.group(1))


def test_the_page_carries_the_basemap_and_basemap_js() -> None:
    t = sample_tables()
    page = render_page(t.stops, t.moves, t.periods, title="T", self_contained=True)
    assert _embedded(page.html, "itinerary-basemap") == json.loads(
        json.dumps(basemap.basemap_data()))
    assert "itinerary-land" not in page.html
    assert "itineraryPage.basemap" in page.html or "it.basemap = {" in page.html


def test_the_default_page_allows_no_tile_host() -> None:
    t = sample_tables()
    page = render_page(t.stops, t.moves, t.periods, title="T", self_contained=True)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page.html)
    assert csp
    assert "img-src 'self' data:;" in csp.group(1)
    assert "connect-src 'none'" in csp.group(1)
    assert "https:" not in csp.group(1) and "http:" not in csp.group(1)
    assert _embedded(page.html, "itinerary-data")["tiles"] is None


@pytest.mark.parametrize("tiles, attribution, host, shown", [
    ("OpenStreetMap.Mapnik", None, "https://tile.openstreetmap.org", "OpenStreetMap"),
    ("https://tiles.example.org/{z}/{x}/{y}.png", "Tiles: the school's own server",
     "https://tiles.example.org", "Tiles: the school&#x27;s own server"),
    ("https://{s}.tiles.example.org/base/{z}/{y}/{x}.png", None, "https://*.tiles.example.org",
     "tiles.example.org"),
])
def test_tiles_are_an_option_and_the_csp_allows_exactly_their_host(
        tiles: str, attribution: str | None, host: str, shown: str) -> None:
    t = sample_tables()
    page = render_page(t.stops, t.moves, t.periods, title="T", tiles=tiles,
                       tiles_attribution=attribution)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page.html)
    assert csp and f"img-src 'self' data: {host};" in csp.group(1)
    data = _embedded(page.html, "itinerary-data")["tiles"]
    assert data["host"] == host and shown in data["attribution"]


def test_a_tile_attribution_is_text_not_markup() -> None:
    layer = tile_layer_of("https://x.example.org/{z}/{x}/{y}.png",
                          '<img src=x onerror="alert(1)"> & co')
    assert layer and "<" not in layer["attribution"] and "&amp; co" in layer["attribution"]


@pytest.mark.parametrize("bad", [
    "No.Such.Provider", "https://x.example.org/tiles.png", "javascript://x/{z}/{x}/{y}",
    "https://x.example.org/{z}/{x}/{y}.png\" onerror=", "Thunderforest.OpenCycleMap",
])
def test_a_wrong_tile_option_is_refused_with_what_to_give(bad: str) -> None:
    with pytest.raises(ValueError, match="expected|API key"):
        tile_layer_of(bad)


def test_build_takes_tiles_and_keeps_no_tiles(tmp_path: Path) -> None:
    from itinerary.cli import main

    out = tmp_path / "t.html"
    assert main(["build", "-o", str(out), "--self-contained", "--no-tiles"]) == 0
    assert _embedded(out.read_text(encoding="utf-8"), "itinerary-data")["tiles"] is None
    assert main(["build", "-o", str(out), "--self-contained",
                 "--tiles", "OpenStreetMap.Mapnik"]) == 0
    text = out.read_text(encoding="utf-8")
    assert _embedded(text, "itinerary-data")["tiles"]["name"] == "OpenStreetMap.Mapnik"
    assert "https://tile.openstreetmap.org" in text
    assert main(["build", "-o", str(tmp_path / "bad.html"), "--tiles", "Nope.Nope"]) == 2
    assert not (tmp_path / "bad.html").exists()


# --- without Natural Earth, and the derivation ----------------------------------------------------

AUDIT = """
import sys
def refuse(event, args):
    if event == "open" and "naturalearth" in str(args[0]) and "outputs" not in str(args[0]):
        raise PermissionError(f"opened {args[0]}")
sys.addaudithook(refuse)
sys.path.insert(0, sys.argv[1])
from browser import sample_tables
from itinerary.outputs.basemap import basemap_data, labels
from itinerary.outputs.page import render_page
t = sample_tables()
page = render_page(t.stops, t.moves, t.periods, title="T", self_contained=True)
assert 'id="itinerary-basemap"' in page.html and len(labels()) > 1000
print(len(basemap_data()["levels"]))
"""


def test_the_package_data_loads_without_natural_earth() -> None:
    """A build reads only the derived files in the package, never ../shared/naturalearth."""
    done = subprocess.run([sys.executable, "-c", AUDIT, str(ROOT / "tests")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "2"
    assert basemap.BASEMAP_DIR.is_relative_to(Path(basemap.__file__).parent)


@pytest.fixture(scope="module")
def natural_earth() -> Path:
    if not (NATURAL_EARTH / "ne_110m_land.json").exists():
        pytest.skip(f"Natural Earth GeoJSON not found at {NATURAL_EARTH} (only the derivation "
                    "needs it; the package ships the derived files)")
    return NATURAL_EARTH


def test_the_derivation_is_deterministic_and_the_shipped_files_are_its_output(
        natural_earth: Path, tmp_path: Path) -> None:
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        done = subprocess.run([sys.executable, str(SCRIPT), str(natural_earth), "-o", str(out)],
                              capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == sorted((*basemap.LEVEL_FILES, basemap.LABELS_FILE))
    for name, data in outputs[0].items():
        assert (basemap.BASEMAP_DIR / name).read_bytes() == data, f"{name} is not up to date"
