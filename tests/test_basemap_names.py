"""The atlas labels in the page's language: the curated table ``scripts/basemap_names.csv``
(seas, lakes, rivers, regions) and CLDR's exemplar cities for towns Natural Earth does not name
in a language (Ukrainian above all), as written into ``labels.json`` by
``scripts/derive_basemap.py``."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from itinerary.outputs import basemap

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "scripts" / "basemap_names.csv"
SCRIPT = ROOT / "scripts" / "derive_basemap.py"
LANGUAGES = ("de", "fr", "es", "ru", "uk")
#: The table covers every sea, lake, river and region label shown from zoom 4 or before
#: (413 names; to zoom 5 it would be 592).
COVERED_ZOOM = 4.0
#: Cells left empty on purpose: no atlas name known well enough to show it to pupils (the
#: page shows the English name there). Obscure Antarctic, Arctic and headwater names.
LEFT_EMPTY = {
    ("lake", "Lake Srednye Kuyto"): {"de", "fr", "es"},
    ("lake", "O. Yarroto Vtoroye"): set(LANGUAGES),
    ("lake", "Razzaza Lake"): {"ru", "uk"},
    ("region", "American Highland"): set(LANGUAGES),
    ("region", "Barren Grounds"): set(LANGUAGES),
    ("region", "Hollick-Kenyon Plateau"): {"ru", "uk"},
    ("region", "North Slope"): {"ru", "uk"},
    ("region", "Planalto Central"): {"ru", "uk"},
    ("region", "Pontic Steppe"): {"ru", "uk"},
    ("river", "Barwon"): {"ru", "uk"},
    ("river", "Damietta Branch"): {"uk"},
    ("river", "Damqogkanbab"): {"ru", "uk"},
    ("river", "Nmai"): {"ru", "uk"},
    ("river", "Rosetta Branch"): {"uk"},
    ("river", "Shiquan"): {"ru", "uk"},
    ("river", "Tuotuo"): {"ru", "uk"},
    ("river", "Za"): {"ru", "uk"},
}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def labels() -> list[dict[str, Any]]:
    return basemap.labels()


def _names(labels: list[dict[str, Any]], kind: str, name: str) -> dict[str, str]:
    found = [a for a in labels if a["kind"] == kind and a["name"] == name]
    assert found, f"no {kind} label {name!r}"
    return dict(found[0]["names"])


def test_the_table_is_sorted_unique_and_names_only_labels_that_exist(
        rows: list[dict[str, str]], labels: list[dict[str, Any]]) -> None:
    text = TABLE.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "kind,name,de,fr,es,ru,uk"
    keys = [(r["kind"], r["name"]) for r in rows]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    known = {(a["kind"], a["name"]) for a in labels if a["kind"] != "town"}
    assert set(keys) <= known, sorted(set(keys) - known)  # no stale row
    for row in rows:
        for lang in LANGUAGES:
            assert row[lang] == row[lang].strip() and "  " not in row[lang], row


def test_every_label_to_the_covered_zoom_has_a_name_in_every_language(
        rows: list[dict[str, str]], labels: list[dict[str, Any]]) -> None:
    table = {(r["kind"], r["name"]): r for r in rows}
    missing = []
    for a in labels:
        if a["kind"] == "town" or a["minZoom"] > COVERED_ZOOM:
            continue
        key = (a["kind"], a["name"])
        assert key in table, f"no row for {key}"
        empty = {lang for lang in LANGUAGES
                 if not table[key][lang] and not a["names"].get(lang)}
        if empty != LEFT_EMPTY.get(key, set()):
            missing.append((key, sorted(empty)))
    assert missing == []
    # the allow-list is the table's own empty cells, nothing more
    for key, langs in LEFT_EMPTY.items():
        assert {lang for lang in LANGUAGES if not table[key][lang]} == langs, key


def test_the_table_is_what_the_labels_carry(rows: list[dict[str, str]],
                                           labels: list[dict[str, Any]]) -> None:
    """A cell wins over Natural Earth; one equal to the English name is not repeated."""
    table = {(r["kind"], r["name"]): r for r in rows}
    for a in labels:
        row = table.get((a["kind"], a["name"]))
        if row is None:
            continue
        for lang in LANGUAGES:
            if row[lang]:
                expected = "" if row[lang] == a["name"] else row[lang]
                assert a["names"].get(lang, "") == expected, (a["name"], lang)


@pytest.mark.parametrize("kind, name, lang, expected", [
    ("sea", "Black Sea", "ru", "Чёрное море"), ("sea", "Black Sea", "uk", "Чорне море"),
    ("sea", "Black Sea", "es", "Mar Negro"), ("sea", "Black Sea", "fr", "Mer Noire"),
    ("sea", "North Atlantic Ocean", "ru", "Северная часть Атлантического океана"),
    ("sea", "North Atlantic Ocean", "de", "Nordatlantik"),
    ("sea", "Indian Ocean", "fr", "Océan Indien"),  # Natural Earth's "Ocean Indien" corrected
    ("region", "Siberia", "de", "Sibirien"), ("region", "Siberia", "ru", "Сибирь"),
    ("region", "Siberia", "uk", "Сибір"), ("region", "Ural Mountains", "ru", "Уральские горы"),
    ("region", "Ural Mountains", "de", "Ural"),
    ("region", "Balkan Pen.", "ru", "Балканский полуостров"),
    ("lake", "Lake Baikal", "uk", "Озеро Байкал"), ("river", "Lena", "ru", "Лена"),
    ("river", "Danube", "de", "Donau"),
])
def test_the_story_labels_read_in_the_language(labels: list[dict[str, Any]], kind: str,
                                               name: str, lang: str, expected: str) -> None:
    assert _names(labels, kind, name)[lang] == expected


def test_towns_take_cldr_exemplar_cities_where_natural_earth_has_none(
        labels: list[dict[str, Any]]) -> None:
    kiev = _names(labels, "town", "Kiev")
    assert kiev["uk"] == "Київ" and kiev["ru"] == "Киев"  # CLDR; Natural Earth's own ru
    assert _names(labels, "town", "Moscow")["uk"] == "Москва"
    assert _names(labels, "town", "Irkutsk")["uk"] == "Іркутськ"
    assert _names(labels, "town", "Vienna")["uk"] == "Відень"
    assert "uk" not in _names(labels, "town", "Jayapura")  # CLDR's "Джайпур" is Jaipur
    towns = [a for a in labels if a["kind"] == "town"]
    assert sum(1 for a in towns if a["names"].get("uk")) > 200


def _derive_module() -> Any:
    spec = importlib.util.spec_from_file_location("derive_basemap", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_time_zone_names_a_town_only_nearby_and_by_the_same_english_name() -> None:
    derive = _derive_module()
    assert derive._tz_degrees("+5026") == pytest.approx(50 + 26 / 60)
    assert derive._tz_degrees("+0303107") == pytest.approx(30 + 31 / 60 + 7 / 3600)
    assert derive._tz_degrees("-3352") == pytest.approx(-(33 + 52 / 60))

    def town(name: str, lat: float, lon: float) -> dict[str, Any]:
        return {"kind": "town", "name": name, "names": {"ru": "Киев"}, "lat": lat, "lon": lon,
                "_own": {"ru"}, "_english": {derive._fold(name)}}

    near, far, other = town("Kiev", 50.43, 30.52), town("Kiev", 50.9, 30.52), \
        town("Brovary", 50.51, 30.79)
    derive.apply_cldr_cities([near, far, other])
    assert near["names"]["uk"] == "Київ" and near["names"]["ru"] == "Киев"  # NE's ru kept
    assert "uk" not in far["names"]  # 52 km from the zone's point
    assert "uk" not in other["names"]  # near, but another name
