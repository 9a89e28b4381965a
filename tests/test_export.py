"""Exports: GeoJSON, KML, CSV and GPX of a small hand-built itinerary, and of the real one."""

from __future__ import annotations

import io
import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from itinerary import paths
from itinerary.model import DATE_COLUMNS, INPUT_COLUMNS, RESOLVED_COLUMNS
from itinerary.moves.derive import derive_moves
from itinerary.outputs.exports import (
    FORMATS,
    format_for,
    render,
    to_csv,
    to_geojson,
    to_gpx,
    to_kml,
    write_export,
)

pytestmark = pytest.mark.filterwarnings("ignore:Package `lxml` missing:UserWarning")

GPX = "{http://www.topografix.com/GPX/1/1}"
SIBERIA = {"type": "Polygon", "coordinates": [[[100.0, 55.0], [110.1234567, 55.0],
                                               [110.0, 60.0], [100.0, 55.0]]]}
ALTERNATIVES = [{"name": "Odessa", "country": "US", "lat": 31.84, "lon": -102.37,
                 "source": "geonames", "score": 0.9}]


def stop(seq: int, place: str, lat: float | None, lon: float | None, start: str, end: str,
         kind: str, **extra: object) -> dict[str, object]:
    """A fully resolved, ordered stop as the pipeline produces it (model.py columns)."""
    row: dict[str, object] = {column: "" for column in INPUT_COLUMNS}
    row.update({
        "row": seq + 2, "seq": seq, "id": f"s{seq}", "place": place, "start": start, "end": end,
        "kind": kind, "period": "early", "source": f"000_de749c8afbf07246.txt:{seq + 6}",
        "start_min": start, "start_max": start, "end_min": end or start, "end_max": end or start,
        "date_label": f"{start} – {end}" if end else start, "uncertain": False,
        "resolved_name": place, "resolved_country": "UA",
        "lat": math.nan if lat is None else lat, "lon": math.nan if lon is None else lon,
        "geo_source": "gazetteer" if lat is not None else "", "confidence": 0.9,
        "match": "exact" if lat is not None else "none", "alternatives": "[]", "area": "",
        "placed": lat is not None,
    })
    row.update(extra)
    return row


@pytest.fixture
def stops() -> pd.DataFrame:
    return pd.DataFrame([
        stop(0, "Yanovka", 47.3321123456, 32.8600004, "1879-11-07", "1888-08-31", "birth",
             note='Born "Lev" <b>Bronstein</b> & raised, on a farm', evidence="born in Yanovka"),
        stop(1, "Odessa", 46.4825, 30.7233, "1888-09-01", "1895-06-30", "school",
             alternatives=json.dumps(ALTERNATIVES), confidence=math.nan),
        stop(2, "Atlantis", None, None, "1896-01-01", "", "visit", resolved_country=""),
        stop(3, "Siberia", 57.5, 105.0, "1900-01-01", "1902-08-31", "exile",
             area=json.dumps(SIBERIA), resolved_country="RU", lat_override=57.123456789),
        stop(4, "Tokyo", 35.6762, 139.6503, "1903-01-01", "", "travel"),
        stop(5, "San Francisco", 37.7749, -122.4194, "1903-03-01", "", "travel",
             lesson_group="B"),
    ])


@pytest.fixture
def moves(stops: pd.DataFrame) -> pd.DataFrame:
    return derive_moves(stops)


@pytest.fixture
def periods() -> pd.DataFrame:
    return pd.DataFrame([{"id": "early", "title": "Childhood", "start": "1879", "end": "1895",
                          "color": "#1f77b4", "start_min": "1879-01-01",
                          "end_max": "1895-12-31"}])


# --- GeoJSON ---------------------------------------------------------------------------------

def _features(collection: dict, feature_type: str) -> list[dict]:
    return [f for f in collection["features"] if f["properties"]["feature_type"] == feature_type]


def test_geojson_is_a_feature_collection_of_every_stop_then_every_move(stops, moves) -> None:
    collection = to_geojson(stops, moves)
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    assert len(collection["features"]) == len(stops) + len(moves) == 6 + 4
    assert [f["properties"]["id"] for f in _features(collection, "stop")] == \
        [f"s{i}" for i in range(6)]


def test_geojson_points_are_lon_lat_at_five_decimals(stops, moves) -> None:
    yanovka = _features(to_geojson(stops, moves), "stop")[0]
    assert yanovka["geometry"] == {"type": "Point", "coordinates": [32.86, 47.33211]}


def test_geojson_keeps_an_unplaced_stop_with_null_geometry(stops, moves) -> None:
    atlantis = _features(to_geojson(stops, moves), "stop")[2]
    assert atlantis["geometry"] is None
    assert atlantis["properties"]["placed"] is False
    assert atlantis["properties"]["place"] == "Atlantis"


def test_geojson_draws_a_region_as_its_area_rounded(stops, moves) -> None:
    siberia = _features(to_geojson(stops, moves), "stop")[3]
    assert siberia["geometry"]["type"] == "Polygon"
    assert siberia["geometry"]["coordinates"][0][1] == [110.12346, 55.0]


def test_geojson_stop_properties(stops, moves, periods) -> None:
    props = _features(to_geojson(stops, moves, periods), "stop")[1]["properties"]
    expected = {
        "feature_type": "stop", "id": "s1", "seq": 1, "place": "Odessa",
        "resolved_name": "Odessa", "country": "UA", "start": "1888-09-01", "end": "1895-06-30",
        "date_label": "1888-09-01 – 1895-06-30", "period": "early", "period_title": "Childhood",
        "period_color": "#1f77b4", "kind": "school", "source": "000_de749c8afbf07246.txt:7",
        "geo_source": "gazetteer", "confidence": None, "match": "exact", "placed": True,
    }
    assert {key: props[key] for key in expected} == expected
    assert props["alternatives"] == ALTERNATIVES  # parsed, not JSON text inside JSON


def test_geojson_lists_the_periods_as_a_legend(stops, moves, periods) -> None:
    collection = to_geojson(stops, moves, periods)
    assert collection["periods"] == [{"id": "early", "title": "Childhood", "start": "1879-01-01",
                                      "end": "1895-12-31", "color": "#1f77b4"}]
    assert "periods" not in to_geojson(stops, moves)


def _wgs84_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The geodesic on WGS-84 from geographiclib's own reference ellipsoid, to 0.1 km as the
    exports write it: computed here, not taken from the code under test."""
    from geographiclib.geodesic import Geodesic

    return round(Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"] / 1000.0, 1)


def test_geojson_moves_are_lines_and_split_at_the_antimeridian(stops, moves) -> None:
    lines = _features(to_geojson(stops, moves), "move")
    assert [f["properties"]["kind"] for f in lines] == ["travel", "forced", "escape", "travel"]
    first = lines[0]
    assert first["geometry"]["type"] == "LineString"
    assert first["geometry"]["coordinates"][0] == [32.86, 47.33211]      # lon, lat
    assert first["geometry"]["coordinates"][-1] == [30.7233, 46.4825]
    assert first["properties"] == {
        "feature_type": "move", "from_id": "s0", "to_id": "s1", "from_seq": 0, "to_seq": 1,
        "depart": "1888-08-31", "arrive": "1888-09-01", "kind": "travel",
        "distance_km": _wgs84_km(47.33211, 32.86, 46.4825, 30.7233),  # Yanovka to Odessa
    }
    pacific = lines[-1]
    assert pacific["geometry"]["type"] == "MultiLineString"
    west, east = pacific["geometry"]["coordinates"]
    assert west[-1][0] == 180.0 and east[0][0] == -180.0


def test_geojson_text_is_strict_json_and_identical_every_time(stops, moves, periods) -> None:
    text = render("geojson", stops, moves, periods)
    assert "NaN" not in text
    parsed = json.loads(text)
    assert parsed["features"][0]["properties"]["note"] == \
        'Born "Lev" <b>Bronstein</b> & raised, on a farm'
    assert render("geojson", stops.copy(), moves.copy(), periods.copy()) == text


# --- KML -------------------------------------------------------------------------------------

def _kml_folders(text: str) -> dict[str, list]:
    from fastkml import KML

    document = KML.from_string(text).features[0]
    return {folder.name: list(folder.features) for folder in document.features}


def test_kml_has_a_folder_of_placed_stops_and_a_folder_of_moves(stops, moves) -> None:
    folders = _kml_folders(to_kml(stops, moves, title="Trotsky"))
    assert list(folders) == ["Stops", "Moves"]
    assert [p.name for p in folders["Stops"]] == [
        'Yanovka', "Odessa", "Siberia", "Tokyo", "San Francisco"]
    assert [p.name for p in folders["Moves"]] == [
        "Yanovka → Odessa", "Odessa → Siberia", "Siberia → Tokyo", "Tokyo → San Francisco"]


def test_kml_stops_have_a_time_span_and_moves_the_arrival_time(stops, moves) -> None:
    folders = _kml_folders(to_kml(stops, moves))
    yanovka = folders["Stops"][0]
    assert str(yanovka.times.begin.dt) == "1879-11-07"
    assert str(yanovka.times.end.dt) == "1888-08-31"
    assert (yanovka.geometry.x, yanovka.geometry.y) == (32.86, 47.33211)
    assert [str(m.times.timestamp.dt) for m in folders["Moves"]] == \
        ["1888-09-01", "1900-01-01", "1903-01-01", "1903-03-01"]
    assert type(folders["Moves"][-1].geometry).__name__ == "MultiLineString"


def test_kml_escapes_user_text_and_keeps_it_out_of_the_balloon_html(stops, moves) -> None:
    text = to_kml(stops.assign(place=stops["place"].str.replace("Odessa", "Odessa <i>&")),
                  moves)
    root = ET.fromstring(text)  # well-formed despite <, & and quotes in the data
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    names = [e.text for e in root.iterfind(".//k:Folder/k:Placemark/k:name", ns)]
    assert "Odessa <i>&" in names
    description = root.find(".//k:Placemark/k:description", ns)
    assert description is not None and description.text is not None
    assert description.text.split("<br>")[1] == \
        "Born &quot;Lev&quot; &lt;b&gt;Bronstein&lt;/b&gt; &amp; raised, on a farm"


def test_kml_drops_characters_xml_cannot_carry(stops, moves) -> None:
    text = to_kml(stops.assign(place=stops["place"] + "\x0b\x00"), moves)
    assert ET.fromstring(text) is not None


# --- CSV -------------------------------------------------------------------------------------

def test_csv_round_trips_with_pandas(stops) -> None:
    back = pd.read_csv(io.StringIO(to_csv(stops)), keep_default_na=False, dtype=str)
    assert len(back) == len(stops)
    assert back.loc[0, "note"] == 'Born "Lev" <b>Bronstein</b> & raised, on a farm'
    assert back.loc[1, "alternatives"] == json.dumps(ALTERNATIVES)
    assert back.loc[0, "lat"] == "47.33211" and back.loc[0, "lon"] == "32.86"
    assert back.loc[2, "lat"] == ""
    assert back.loc[3, "lat_override"] == "57.12346"   # the teacher's own coordinates too
    assert back.loc[5, "lesson_group"] == "B"      # the teacher's own column survives


def test_csv_puts_input_columns_first_then_dates_then_resolution(stops) -> None:
    header = to_csv(stops).splitlines()[0].split(",")
    assert header[:4] == ["seq", "row", "place", "start"]
    assert header.index("lesson_group") < header.index(DATE_COLUMNS[0])
    assert header.index(DATE_COLUMNS[-1]) < header.index(RESOLVED_COLUMNS[0])
    assert len(header) == len(set(header))


# --- GPX -------------------------------------------------------------------------------------

def test_gpx_has_a_waypoint_per_placed_stop_and_a_segment_per_move_part(stops, moves) -> None:
    root = ET.fromstring(to_gpx(stops, moves))
    assert root.tag == f"{GPX}gpx" and root.get("version") == "1.1"
    waypoints = root.findall(f"{GPX}wpt")
    assert [w.findtext(f"{GPX}name") for w in waypoints] == [
        "Yanovka", "Odessa", "Siberia", "Tokyo", "San Francisco"]
    assert (waypoints[0].get("lat"), waypoints[0].get("lon")) == ("47.33211", "32.86")
    assert waypoints[0].findtext(f"{GPX}time") == "1879-11-07T00:00:00Z"  # before 1970
    (track,) = root.findall(f"{GPX}trk")
    segments = track.findall(f"{GPX}trkseg")
    assert len(segments) == sum(len(path) for path in moves["path"]) == 5


def test_gpx_track_points_carry_departure_and_arrival_times(stops, moves) -> None:
    root = ET.fromstring(to_gpx(stops, moves))
    first = root.find(f"{GPX}trk/{GPX}trkseg")
    assert first is not None
    points = first.findall(f"{GPX}trkpt")
    assert points[0].findtext(f"{GPX}time") == "1888-08-31T00:00:00Z"
    assert points[-1].findtext(f"{GPX}time") == "1888-09-01T00:00:00Z"
    assert all(p.find(f"{GPX}time") is None for p in points[1:-1])


# --- writing ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_write_export_writes_the_same_bytes_it_renders(fmt, stops, moves, periods,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder" / f"trip.{fmt}"
    write_export(fmt, stops, moves, periods, out)
    assert out.read_text(encoding="utf-8") == render(fmt, stops, moves, periods)
    assert list(out.parent.iterdir()) == [out]     # no temporary file left behind


def test_write_export_without_a_file_writes_to_stdout(stops, moves, capsys) -> None:
    write_export("csv", stops, moves, None, None)
    assert capsys.readouterr().out == to_csv(stops)


def test_an_unknown_format_is_refused(stops, moves) -> None:
    with pytest.raises(ValueError, match="shapefile"):
        render("shapefile", stops, moves)


@pytest.mark.parametrize(("name", "expected"), [
    ("trip.geojson", "geojson"), ("trip.JSON", "geojson"), ("a/b.kml", "kml"),
    ("t.gpx", "gpx"), ("t.csv", "csv"), ("t.txt", None), ("noext", None),
])
def test_format_follows_the_output_file_name(name: str, expected: str | None) -> None:
    assert format_for(name) == expected


# --- the command, and the real itinerary -----------------------------------------------------

def test_export_command_without_a_format_says_so_in_one_line(capsys) -> None:
    from itinerary.cli import main

    assert main(["export"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--format" in err[0]


TINY = (
    "place,start,end,kind,lat,lon\n"
    "Vienna,1907-10,1914-08,residence,48.2082,16.3738\n"
    '"Paris, <b>France</b>",1914-11,1916-09,work,48.8566,2.3522\n'
    "Cadiz,1916-11,,prison,36.5271,-6.2886\n"
)


def test_export_command_writes_a_teachers_table_in_the_format_of_the_file_name(
        tmp_path: Path, capsys) -> None:
    from itinerary.cli import main

    table = tmp_path / "lesson.csv"
    table.write_text(TINY, encoding="utf-8")
    out = tmp_path / "lesson.geojson"
    assert main(["export", str(table), "-o", str(out)]) == 0
    collection = json.loads(out.read_text(encoding="utf-8"))
    stops_ = _features(collection, "stop")
    assert [f["properties"]["place"] for f in stops_] == ["Vienna", "Paris, <b>France</b>",
                                                          "Cadiz"]
    assert [f["properties"]["kind"] for f in _features(collection, "move")] == \
        ["travel", "forced"]
    assert "wrote" in capsys.readouterr().err


def test_export_command_on_bad_input_exits_2_and_leaves_the_old_file(tmp_path: Path,
                                                                    capsys) -> None:
    from itinerary.cli import main

    out = tmp_path / "trip.kml"
    out.write_text("previous export", encoding="utf-8")
    assert main(["export", str(tmp_path / "missing.csv"), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.csv" in err[0]
    assert out.read_text(encoding="utf-8") == "previous export"


needs_default_data = pytest.mark.skipif(
    not paths.default_places().exists(), reason="bundled places.csv not written yet")


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every format of the bundled itinerary, via the command line."""
    from itinerary.cli import main

    out = tmp_path_factory.mktemp("exports")
    result = {}
    for fmt in FORMATS:
        target = out / f"trotsky.{fmt}"
        assert main(["export", "--format", fmt, "-o", str(target)]) == 0
        result[fmt] = target.read_bytes()
    return result


@needs_default_data
def test_real_geojson_is_valid(exports: dict[str, bytes]) -> None:
    from itinerary.pipeline import build_trip

    trip = build_trip(quiet=True)
    collection = json.loads(exports["geojson"])
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(trip.stops) + len(trip.moves)
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry and geometry["type"] == "Point":
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    starts = [f["properties"]["start"] for f in _features(collection, "stop")]
    assert starts == list(trip.stops["start_min"])
    assert min(starts).startswith("1879-")      # ISO dates, no epoch timestamps: 1879 fits


@needs_default_data
def test_real_kml_parses_with_fastkml(exports: dict[str, bytes]) -> None:
    folders = _kml_folders(exports["kml"].decode("utf-8"))
    assert len(folders["Stops"]) > 10 and len(folders["Moves"]) > 10


@needs_default_data
def test_real_csv_round_trips(exports: dict[str, bytes]) -> None:
    back = pd.read_csv(io.BytesIO(exports["csv"]), keep_default_na=False, dtype=str)
    assert list(back["seq"]) == [str(i) for i in range(len(back))]
    assert back.to_csv(index=False, lineterminator="\n").encode() == exports["csv"]


@needs_default_data
def test_real_exports_are_the_same_bytes_in_other_processes(
        exports: dict[str, bytes], in_two_processes: Callable[[str], tuple[bytes, bytes]]
) -> None:
    """Every format exported again by two fresh interpreters, from other folders and with other
    hash seeds than this test process: the same bytes as this process's exports. (Exporting
    twice in one process would agree even if a set's order or a cache leaked into the file.)"""
    first, second = in_two_processes(
        "import pathlib, sys\n"
        "from itinerary.cli import main\n"
        f"for fmt in {list(exports)!r}:\n"
        "    assert main(['export', '-o', f'again.{fmt}']) == 0  # format from the file name\n"
        "    sys.stdout.buffer.write(pathlib.Path(f'again.{fmt}').read_bytes() + b'\\0')\n")
    ours = b"".join(data + b"\0" for data in exports.values())
    assert first == ours
    assert second == ours
