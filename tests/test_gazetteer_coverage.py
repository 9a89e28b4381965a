"""The historical gazetteer's breadth (issue 15, item 3): several hundred dated names of renamed
places, exonyms, former countries and historical regions, each place citing a GeoNames id or a
manual reason; the stop's date chooses among them, through the real resolver."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from itinerary.resolve import Resolver
from itinerary.resolve.historical import SHARED

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.csv"
FIRST_YEAR, LAST_YEAR = 1600, 2030  # a gazetteer of the 19th and 20th centuries, and around


def _rows() -> list[dict[str, str]]:
    with open(GAZETTEER, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()
CANONICAL = {r["key"]: r for r in reversed(ROWS)}  # the first row of each key
NAMES = [r for r in ROWS if CANONICAL[r["key"]] is not r]  # every other row: another name
DATED = [r for r in NAMES if r["from"] or r["to"]]


@pytest.fixture(scope="module")
def r() -> Resolver:
    return Resolver()  # as shipped: data/gazetteer.csv (with the regions beside it)


def test_several_hundred_dated_names_over_hundreds_of_places() -> None:
    assert len(DATED) >= 400, len(DATED)
    assert len({row["key"] for row in DATED}) >= 250
    assert len(CANONICAL) >= 250


@pytest.mark.parametrize("name", [
    # the issue's own list, family by family
    "Leningrad", "Stalingrad", "Kuybyshev", "Gorky", "Sverdlovsk", "Stalino", "Molotov",
    "Frunze", "Kalinin", "Zhdanov", "Lemberg", "Czernowitz", "Pressburg", "Laibach", "Agram",
    "Breslau", "Königsberg", "Danzig", "Litzmannstadt", "Constantinople", "Smyrna", "Salonica",
    "Adrianople", "Scutari", "Léopoldville", "Stanleyville", "Stanley Falls", "Salisbury",
    "Lourenço Marques", "Batavia", "Keijō", "Port Arthur", "Canton", "Peking", "Tourane",
    "Bombay", "Madras", "New Amsterdam", "Bytown", "York", "Berlin", "Siam", "Persia",
    "Ceylon", "Formosa", "Bohemia", "Galicia", "Bessarabia", "Upper Silesia", "Transvaal",
    "Natal"])
def test_every_name_the_issue_lists_is_there(name: str) -> None:
    assert any(row["name"] == name for row in ROWS)


def test_every_place_cites_a_geonames_id_or_states_why_it_is_manual() -> None:
    for key, row in CANONICAL.items():
        source = row["coord_source"]
        assert re.fullmatch(r"geonames:\d+", source) or (
            source.startswith("manual: ") and len(source) > 30), f"{key}: {source!r}"


def test_every_range_of_years_is_valid_and_a_name_used_twice_has_no_overlap() -> None:
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for row in NAMES:
        lo, hi = (int(row[c]) if row[c] else None for c in ("from", "to"))
        for year in (lo, hi):
            assert year is None or FIRST_YEAR <= year <= LAST_YEAR, row
        assert lo is None or hi is None or lo <= hi, row
        spans[row["key"], row["name"]].append((lo or -10**4, hi or 10**4))
    for (key, name), ranges in spans.items():
        ranges.sort()
        for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
            assert end <= start, f"{key}: {name} {ranges}"


def test_a_shared_name_is_another_place_s_name_too() -> None:
    """A name marked shared is shared indeed: another gazetteer place or a GeoNames namesake
    of it exists (else the mark only hides the place)."""
    r = Resolver(GAZETTEER)
    for row in NAMES:
        if row["feature"] == SHARED:
            others = [c for c in r.candidates(row["name"])
                      if c.ident != f"gazetteer:{row['key']}"]
            assert others, row


# name, a year it was in use, a year it was not, the place's modern name, country
RENAMINGS = [
    ("Leningrad", 1950, 1900, "Saint Petersburg", "RU"),
    ("Stalingrad", 1942, 1970, "Volgograd", "RU"),
    ("Kuybyshev", 1950, 1900, "Samara", "RU"),
    ("Lemberg", 1910, 1930, "Lviv", "UA"),
    ("Sverdlovsk", 1960, 1900, "Yekaterinburg", "RU"),
    ("Gorky", 1960, 1900, "Nizhniy Novgorod", "RU"),
    ("Stalino", 1930, 1970, "Donetsk", "UA"),
    ("Frunze", 1970, 1900, "Bishkek", "KG"),
    ("Zhdanov", 1960, 1920, "Mariupol", "UA"),
    ("Vyatka", 1900, 1950, "Kirov", "RU"),
    ("Chkalov", 1950, 1970, "Orenburg", "RU"),
    ("Voroshilovgrad", 1940, 1925, "Luhansk", "UA"),
    ("Dnipropetrovsk", 1960, 1900, "Dnipro", "UA"),
    ("Zinovyevsk", 1930, 1950, "Kropyvnytskyi", "UA"),
    ("Ordzhonikidze", 1960, 1900, "Vladikavkaz", "RU"),
    ("Stalinabad", 1950, 1970, "Dushanbe", "TJ"),
    ("Kirovabad", 1950, 1900, "Ganja", "AZ"),
    ("Tselinograd", 1970, 1950, "Astana", "KZ"),
    ("Novonikolayevsk", 1910, 1950, "Novosibirsk", "RU"),
    ("Viipuri", 1930, 1960, "Vyborg", "RU"),
    ("Dorpat", 1880, 1960, "Tartu", "EE"),
    ("Mitau", 1900, 1960, "Jelgava", "LV"),
    ("Dvinsk", 1900, 1960, "Daugavpils", "LV"),
    ("Kovno", 1900, 1960, "Kaunas", "LT"),
    ("Königsberg", 1900, 1960, "Kaliningrad", "RU"),
    ("Tilsit", 1900, 1960, "Sovetsk (Kaliningrad Oblast)", "RU"),
    ("Klausenburg", 1900, 1960, "Cluj-Napoca", "RO"),
    ("Brünn", 1900, 1960, "Brno", "CZ"),
    ("Stettin", 1900, 1960, "Szczecin", "PL"),
    ("Fiume", 1930, 1960, "Rijeka", "HR"),
    ("Monastir", 1900, 1960, "Bitola", "MK"),
    ("Angora", 1920, 1960, "Ankara", "TR"),
    ("Üsküb", 1900, 1960, "Skopje", "MK"),
    ("Smyrna", 1900, 1960, "İzmir", "TR"),
    ("Élisabethville", 1950, 1980, "Lubumbashi", "CD"),
    ("Fort-Lamy", 1950, 1990, "N'Djamena", "TD"),
    ("Hsinking", 1940, 1960, "Changchun", "CN"),
    ("Rangoon", 1900, 2000, "Yangon", "MM"),
    ("Cawnpore", 1900, 2000, "Kanpur", "IN"),
    ("New Amsterdam", 1650, 1900, "New York City", "US"),
    ("Ciudad Trujillo", 1950, 1970, "Santo Domingo", "DO"),
    ("Karl-Marx-Stadt", 1970, 1930, "Chemnitz", "DE"),
    ("Titograd", 1960, 1930, "Podgorica", "ME"),
]


@pytest.mark.parametrize(("name", "inside", "outside", "now", "cc"), RENAMINGS)
def test_the_stop_s_date_chooses_a_former_name(r: Resolver, name: str, inside: int,
                                                outside: int, now: str, cc: str) -> None:
    """At a date of its use the name is the place, from the gazetteer; at another date the
    gazetteer's name is out of its years and gives the place no precedence: the answer, if
    any, comes from elsewhere (GeoNames' own other names, a namesake) or is refused."""
    res = r.resolve(name, date=str(inside))
    assert res.placed and (res.name, res.country, res.source) == (now, cc, "gazetteer"), (
        res.error)
    ours = [c for c in r.gazetteer.candidates(name, outside) if c.name == now]
    assert ours and ours[0].valid_at(outside) is False
    later = r.resolve(name, date=str(outside))
    assert not (later.placed and later.source == "gazetteer"), (later.name, later.source)


def test_a_former_name_out_of_its_years_is_not_placed_and_says_when_it_was_used(
        r: Resolver) -> None:
    """The stop's date chooses: Bytown in 1900 is no candidate (Ottawa had that name
    1826-1855), so the stop is not placed, and the message says when the name was used, names
    the place, and says what to do."""
    assert r.resolve("Bytown", date="1840").name == "Ottawa"
    after = r.resolve("Bytown", date="1900")
    assert not after.placed
    assert "not in use in 1900" in after.error and "Ottawa's name 1826–1855" in after.error
    assert "write the name of the time" in after.error
    assert after.suggestions[0].startswith("Ottawa (city, CA")
    assert r.resolve("Bytown").name == "Ottawa"          # no date: nothing rules it out


@pytest.mark.parametrize(("name", "date"), [
    ("Leningrad", "1900"), ("Petrograd", "1913"), ("Constantinople", "1935"),
    ("Kristiania", "1930"), ("Stalingrad", "1970"),
])
def test_another_source_s_undated_other_name_does_not_bring_a_stale_name_back(
        r: Resolver, name: str, date: str) -> None:
    """GeoNames lists these names among the places' other names, with no years; the
    gazetteer's years still rule them out, and the place is not silently replaced by a
    namesake (Kristiania, 1930, is not the Copenhagen quarter either)."""
    res = r.resolve(name, date=date)
    assert not res.placed and f"not in use in {date}" in res.error, (res.name, res.country)


def test_a_place_s_own_name_is_understood_at_any_date(r: Resolver) -> None:
    """Main names have no years: "Oslo" in 1900 (then Kristiania) is still Oslo."""
    res = r.resolve("Oslo", date="1900")
    assert (res.name, res.country) == ("Oslo", "NO")


def test_build_names_the_years_of_a_stale_name_and_the_place(tmp_path: Path) -> None:
    table = tmp_path / "life.csv"
    table.write_text("place,start,end\nOttawa,1900,1901\nBytown,1902,1903\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "itinerary", "build", str(table), "-o",
                           str(tmp_path / "map.html")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if "'Bytown'" in x)
    assert "row 3" in line, line
    assert "did you mean Ottawa (city, CA, called Bytown 1826–1855)?" in line, line
    assert line.endswith("write the name of the time, check the date, or give lat/lon; "
                         "kept in the list, left off the map"), line


def test_lemberg_kuybyshev_york_natal_and_the_two_scutaris(r: Resolver) -> None:
    assert r.resolve("Lemberg", date="1910").name == "Lviv"
    assert r.resolve("Kuybyshev", date="1950").name == "Samara"
    assert r.resolve("York", date="1820", country="CA").name == "Toronto"
    assert r.resolve("York", date="1950", country="GB").country == "GB"
    assert r.resolve("Natal", date="1900", country="ZA").name == "KwaZulu-Natal"
    alone = r.resolve("Natal", date="1900")      # the colony, or refused: never silently Brazil
    assert alone.country != "BR" and (alone.name == "KwaZulu-Natal" or not alone.placed)
    assert r.resolve("Natal", date="1900", country="BR").country == "BR"
    assert r.resolve("Scutari", date="1900", country="AL").name == "Shkodër"
    assert r.resolve("Scutari", date="1900", country="TR").name == "Üsküdar"


def test_shared_names_need_the_context(r: Resolver) -> None:
    """Kronstadt is the naval base unless the row says Romania (Braşov); Port Arthur is
    Lüshun unless it says Canada (Thunder Bay); Marburg is Maribor only in Slovenia."""
    assert r.resolve("Kronstadt", date="1921").name == "Kronstadt"
    assert r.resolve("Kronstadt", date="1900", country="RO").name == "Braşov"
    assert r.resolve("Port Arthur", date="1904").name == "Lüshun"
    assert r.resolve("Port Arthur", date="1920", country="CA").name == "Thunder Bay"
    assert r.resolve("Marburg", date="1900").name != "Maribor"
    assert r.resolve("Marburg", date="1900", country="SI").name == "Maribor"
    assert not r.resolve("Trotsk", date="1926").placed   # Gatchina and Chapayevsk, both


@pytest.mark.parametrize(("name", "date", "now", "cc"), [
    ("Siam", "1900", "Thailand", "TH"), ("Formosa", "1900", "Taiwan", "TW"),
    ("Abyssinia", "1935", "Ethiopia", "ET"), ("Burma", "1940", "Myanmar", "MM"),
    ("Mesopotamia", "1917", "Iraq", "IQ"), ("Rhodesia", "1960", "Zimbabwe", "ZW"),
    ("Bechuanaland", "1950", "Botswana", "BW"), ("Nyasaland", "1950", "Malawi", "MW"),
    ("Belgian Congo", "1950", "Democratic Republic of the Congo", "CD"),
    ("Dutch East Indies", "1930", "Indonesia", "ID"), ("Gold Coast", "1950", "Ghana", "GH"),
    ("Dahomey", "1900", "Republic of Benin", "BJ"), ("Tanganyika", "1950", "Tanzania", "TZ"),
    ("Moravia", "1900", "Moravia", "CZ"), ("Bukovina", "1900", "Bukovina", "UA"),
    ("Courland", "1900", "Courland", "LV"), ("Livonia", "1900", "Livonia", "LV"),
    ("East Prussia", "1930", "East Prussia", "PL"), ("Prussia", "1900", "Prussia", "DE"),
    ("Orange Free State", "1890", "Free State", "ZA"), ("Tonkin", "1900", "Tonkin", "VN"),
    ("Annam", "1900", "Annam", "VN"), ("Cochinchina", "1900", "Cochinchina", "VN"),
    ("Indochina", "1930", "French Indochina", "VN"),
])
def test_countries_and_historical_regions_are_areas(r: Resolver, name: str, date: str,
                                                    now: str, cc: str) -> None:
    res = r.resolve(name, date=date)
    assert res.placed and (res.name, res.country) == (now, cc), res.error
    assert res.area_geojson, "a country or region is drawn as an area"


def test_benin_before_1975_is_not_the_republic(r: Resolver) -> None:
    assert r.resolve("Benin", date="1990").name == "Republic of Benin"
    assert r.resolve("Benin", date="1897").country != "BJ"   # the kingdom: Benin City, NG


@pytest.mark.parametrize(("name", "cc"), [
    ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Cymru", "GB"), ("Ulster", "GB"),
    ("Northern Ireland", "GB"), ("Punjab", "PK"), ("Panjab", "PK"), ("Pendjab", "PK"),
    ("Holland", "NL"), ("Tuscany", "IT"), ("Toscana", "IT"), ("Lombardy", "IT"),
    ("Lombardia", "IT"), ("Flanders", "BE"), ("Vlaanderen", "BE"), ("Wallonia", "BE"),
    ("Wallonie", "BE"), ("Andalusia", "ES"), ("Andalucía", "ES"), ("Burgundy", "FR"),
    ("Bourgogne", "FR"), ("Alsace", "FR"), ("Elsass", "FR"), ("Lorraine", "FR"),
    ("Lothringen", "FR"), ("Silesia", "PL"), ("Schlesien", "PL"), ("Śląsk", "PL"),
    ("Pomerania", "PL"), ("Pommern", "PL"), ("Pomorze", "PL"), ("Westphalia", "DE"),
    ("Westfalen", "DE"), ("Veneto", "IT"), ("Venetia", "IT"), ("Sicily", "IT"), ("Sicilia", "IT"),
    ("Morelos", "MX"), ("Yucatán", "MX"), ("Yucatan", "MX"), ("Sonora", "MX"),
])
def test_a_region_a_teacher_types_is_its_area(r: Resolver, name: str, cc: str) -> None:
    """GeoNames alone answered these with a US or Canadian town, or with nothing."""
    from shapely.geometry import Point, shape
    res = r.resolve(name, date="1900")
    assert res.placed and res.country == cc
    assert res.area_geojson, "a region is drawn as an area"
    assert shape(json.loads(res.area_geojson)).contains(Point(res.lon, res.lat))


def test_england_is_no_longer_a_us_town(r: Resolver) -> None:
    res = r.resolve("England", date="1900")
    assert (res.name, res.country, res.source) == ("England", "GB", "gazetteer")
