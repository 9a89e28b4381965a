"""Several lives on one map: Trotsky's table and the example Lenin table, through the pipeline,
the command line, the exports, the stats, the page data and the notebook API; one table alone
stays as it was."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from itinerary.cli import main
from itinerary.errors import InputError
from itinerary.pipeline import build_trip
from itinerary.stages.persons import PALETTE, lives_of, name_of

ROOT = Path(__file__).resolve().parent.parent
TROTSKY = ROOT / "data" / "places.csv"
LENIN = ROOT / "examples" / "lenin.csv"
KML = "{http://www.opengis.net/kml/2.2}"
GPX = "{http://www.topografix.com/GPX/1/1}"


@pytest.fixture(scope="module")
def both() -> Any:
    return build_trip([TROTSKY, LENIN], quiet=True)


def test_two_tables_make_two_lives(both: Any) -> None:
    assert list(both.persons["id"]) == ["trotsky", "lenin"]
    assert list(both.persons["name"]) == ["Trotsky", "Lenin"]
    assert list(both.persons["color"]) == list(PALETTE[:2])
    assert both.title == "Trotsky and Lenin"
    assert both.sources == (TROTSKY, LENIN)
    counts = both.stops["person"].value_counts()
    assert counts["trotsky"] == 58 and counts["lenin"] == 41
    assert list(both.stops["seq"]) == list(range(len(both.stops)))
    assert list(both.stops["start_min"]) == sorted(both.stops["start_min"])
    assert both.stops["id"].is_unique


def test_ids_both_lives_use_get_the_persons_id(both: Any) -> None:
    ids = set(both.stops["id"])
    assert {"trotsky-london-1902", "lenin-london-1902"} <= ids and "london-1902" not in ids
    assert "yanovka-1879" in ids and "simbirsk-1870" in ids  # used once: as written
    periods = set(both.periods["id"])
    assert {"trotsky-first-emigration", "lenin-first-emigration", "childhood", "youth"} <= periods
    assert set(both.stops["period"]) <= periods


def test_each_life_moves_on_its_own(both: Any) -> None:
    person_of = dict(zip(both.stops["seq"], both.stops["person"], strict=True))
    for move in both.moves.to_dict("records"):
        assert person_of[move["from_seq"]] == person_of[move["to_seq"]] == move["person"]
    alone = build_trip(LENIN, periods=ROOT / "examples" / "lenin.periods.csv", quiet=True)
    mine = both.moves[both.moves["person"] == "lenin"]
    assert list(mine["distance_km"]) == list(alone.moves["distance_km"])
    assert list(mine["kind"]) == list(alone.moves["kind"])


def test_one_table_alone_is_unchanged() -> None:
    trip = build_trip(TROTSKY, quiet=True)
    assert "person" not in trip.stops.columns and "person" not in trip.moves.columns
    assert trip.encounters.empty
    assert list(trip.persons["id"]) == ["trotsky"]
    assert "london-1902" in set(trip.stops["id"])
    from itinerary.outputs.exports import to_geojson
    from itinerary.outputs.page import page_data

    data = to_geojson(trip.stops, trip.moves, trip.periods)
    assert "persons" not in data
    assert all("person" not in f["properties"] for f in data["features"])
    page = page_data(trip.stops, trip.moves, trip.periods, title="T")
    assert page["persons"] == [] and page["encounters"] == []
    assert "person" not in page["stops"]


def test_a_person_column_is_several_lives(tmp_path: Path, both: Any) -> None:
    rows = []
    for path, name in ((TROTSKY, "Trotsky"), (LENIN, "Lenin")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                row["id"] = f"{name.lower()}-{row['id']}"
                rows.append({"Person": name, **{k: row.get(k, "") for k in
                                                ("id", "place", "country", "start", "end",
                                                 "calendar", "kind", "lat", "lon")}})
    table = tmp_path / "both.csv"
    with table.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    trip = build_trip(table, quiet=True, with_paths=False)
    assert list(trip.persons["name"]) == ["Trotsky", "Lenin"]
    assert "Person" not in trip.stops.columns
    assert list(trip.encounters["id"]) == list(both.encounters["id"])
    assert list(trip.encounters["status"]) == list(both.encounters["status"])


def test_periods_and_names_per_table(tmp_path: Path) -> None:
    lives = lives_of([TROTSKY, LENIN])
    assert lives[0].periods == ROOT / "data" / "periods.csv"
    assert lives[1].periods == ROOT / "examples" / "lenin.periods.csv"  # beside the table
    lives = lives_of([LENIN, TROTSKY], ["-"], ["V. I. Lenin"])
    assert lives[0].periods is None and lives[0].name == "V. I. Lenin"
    assert lives[1].periods == ROOT / "data" / "periods.csv"
    assert lives_of(LENIN)[0].periods is None  # one table: only --periods, as before
    assert name_of(Path("karl_marx.csv")) == "Karl Marx" and name_of(TROTSKY) == "Trotsky"
    with pytest.raises(InputError, match="names for 2"):
        lives_of([TROTSKY, LENIN], names=["a", "b", "c"])
    with pytest.raises(InputError, match="periods files for 1"):
        lives_of(LENIN, ["a.csv", "b.csv"])
    with pytest.raises(InputError, match="both called"):
        build_trip([LENIN, LENIN], quiet=True)


def export(fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", str(TROTSKY), str(LENIN), "--format", fmt]) == 0
    return capsys.readouterr().out


def test_exports_carry_the_person(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(export("geojson", capsys))
    assert [p["id"] for p in data["persons"]] == ["trotsky", "lenin"]
    kinds = {(f["properties"]["feature_type"], f["properties"]["person"])
             for f in data["features"]}
    assert kinds == {(t, p) for t in ("stop", "move") for p in ("trotsky", "lenin")}
    kml = ET.fromstring(export("kml", capsys).encode())
    folders = kml.findall(f"{KML}Document/{KML}Folder")
    assert [f.findtext(f"{KML}name") for f in folders] == ["Trotsky", "Lenin"]
    assert [g.findtext(f"{KML}name") for g in folders[1].findall(f"{KML}Folder")] == \
        ["Stops", "Moves"]
    assert len(folders[1].findall(f"{KML}Folder/{KML}Placemark")) == 41 + 39
    gpx = ET.fromstring(export("gpx", capsys).encode())
    assert [t.findtext(f"{GPX}name") for t in gpx.findall(f"{GPX}trk")] == ["Trotsky", "Lenin"]
    table = list(csv.DictReader(io.StringIO(export("csv", capsys))))
    assert {r["person"] for r in table} == {"trotsky", "lenin"}


def test_stats_per_person_and_encounters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(TROTSKY), str(LENIN), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["stops"] == 99
    assert [(p["id"], p["stops"]) for p in data["persons"]] == [("trotsky", 58), ("lenin", 41)]
    found = data["encounters"]
    assert found["total"] == len(found["list"]) == found["met"] + found["may_have_met"]
    assert "lenin-trotsky-london-1902" in {e["id"] for e in found["list"]}
    assert main(["stats", str(TROTSKY), str(LENIN)]) == 0
    text = capsys.readouterr().out
    assert "Lenin (lenin)" in text and "#meeting=lenin-trotsky-petrograd-1917" in text


def test_embed_opens_on_a_person(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["embed", str(TROTSKY), str(LENIN), "--person", "lenin", "--url", "tl.html",
                 "--format", "html"]) == 0
    assert 'src="tl.html#person=lenin&amp;embed"' in capsys.readouterr().out


def test_page_data_has_persons_and_encounters(both: Any) -> None:
    from itinerary.outputs.page import page_data

    data = page_data(both.stops, both.moves, both.periods, title=both.title)
    assert [p["id"] for p in data["persons"]] == ["trotsky", "lenin"]
    assert len(data["stops"]["person"]) == len(data["stops"]["seq"])
    assert set(data["moves"]["person"]) == {"trotsky", "lenin"}
    london = next(e for e in data["encounters"] if e["id"] == "lenin-trotsky-london-1902")
    first, second = (data["stops"]["seq"].index(s) for s in london["stops"])
    assert (data["stops"]["person"][first], data["stops"]["person"][second]) == \
        ("lenin", "trotsky")
    assert london["d0"] <= london["d1"] and london["status"] == "met"


def test_the_notebook_api(both: Any) -> None:
    import folium

    import itinerary

    trip = itinerary.load([TROTSKY, LENIN])
    assert list(trip.persons["id"]) == ["trotsky", "lenin"]
    assert list(trip.encounters["id"]) == list(both.encounters["id"])
    assert isinstance(trip.to_map(person="lenin"), folium.Map)
    with pytest.raises(ValueError, match="unknown person"):
        trip.to_map(person="stalin")
    narrowed = trip.select(date_from="1917", date_to="1917-12")
    assert set(narrowed.stops["person"]) == {"trotsky", "lenin"}
    assert "lenin-trotsky-petrograd-1917" in set(narrowed.encounters["id"])
