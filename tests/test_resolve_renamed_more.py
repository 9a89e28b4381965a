"""More of the dated gazetteer (issue items 3-5): Soviet, German/Austrian, Ottoman and colonial
names with their years, historical regions over namesake towns, and names shared with a
better-known place, which never take it over."""

from __future__ import annotations

from pathlib import Path

import pytest

from itinerary.resolve import Resolver
from itinerary.resolve.historical import SHARED

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.csv"


@pytest.fixture(scope="module")
def r() -> Resolver:
    return Resolver(GAZETTEER)


@pytest.mark.parametrize(("name", "date", "now", "cc"), [
    ("Stalino", "1930", "Donetsk", "UA"), ("Molotov", "1950", "Perm", "RU"),
    ("Frunze", "1970", "Bishkek", "KG"), ("Kalinin", "1960", "Tver", "RU"),
    ("Sverdlovsk", "1960", "Yekaterinburg", "RU"), ("Stalingrad", "1942", "Volgograd", "RU"),
    ("Tsaritsyn", "1900", "Volgograd", "RU"), ("Laibach", "1900", "Ljubljana", "SI"),
    ("Agram", "1900", "Zagreb", "HR"), ("Litzmannstadt", "1942", "Łódź", "PL"),
    ("Memel", "1900", "Klaipėda", "LT"), ("Posen", "1900", "Poznań", "PL"),
    ("Salonica", "1912", "Thessaloniki", "GR"), ("Adrianople", "1913", "Edirne", "TR"),
    ("Léopoldville", "1950", "Kinshasa", "CD"), ("Stanleyville", "1960", "Kisangani", "CD"),
    ("Lourenço Marques", "1950", "Maputo", "MZ"), ("Tourane", "1900", "Da Nang", "VN"),
    ("Persia", "1900", "Iran", "IR"),
])
def test_a_former_name_at_a_date_of_its_use_is_the_place(r: Resolver, name: str, date: str,
                                                          now: str, cc: str) -> None:
    res = r.resolve(name, date=date)
    assert res.placed and (res.name, res.country) == (now, cc), res.error


@pytest.mark.parametrize(("name", "cc"), [
    ("Bohemia", "CZ"), ("Bessarabia", "MD"), ("Transvaal", "ZA"), ("Manchuria", "CN"),
    ("Saxony", "DE"), ("Tyrol", "AT"), ("Catalonia", "ES"), ("Transylvania", "RO"),
    ("Provence", "FR"), ("Bengal", "IN")])
def test_a_region_is_the_region_not_a_namesake_town(r: Resolver, name: str, cc: str) -> None:
    res = r.resolve(name, date="1900")
    assert res.placed and res.country == cc and res.source == "gazetteer", res.error


def test_bohemia_new_york_is_a_town_the_region_outranks(r: Resolver) -> None:
    assert any(c.country == "US" for c in r.geonames.candidates("Bohemia"))
    assert r.resolve("Bohemia").country == "CZ"


def test_a_name_of_two_places_is_ambiguous_until_the_context_says(r: Resolver) -> None:
    for name in ("Galicia", "Scutari"):
        assert r.resolve(name, date="1900").ambiguous
    lviv, coruna = [(49.84, 24.03)], [(43.36, -8.41)]
    assert r.resolve("Galicia", date="1900", near=lviv).name == "Galicia and Lodomeria"
    assert r.resolve("Galicia", date="1900", near=coruna).country == "ES"
    assert r.resolve("Galicia", date="1936").country == "ES"   # the crown land was gone
    assert r.resolve("Scutari", date="1900", country="AL").name == "Shkodër"
    assert r.resolve("Scutari", date="1854", near=[(41.01, 28.98)]).name == "Üsküdar"


def test_a_shared_name_never_takes_over_the_better_known_place(r: Resolver) -> None:
    assert {(row.split(",")[0], row.split(",")[1]) for row in GAZETTEER.read_text(
        encoding="utf-8").splitlines() if row.split(",")[7:8] == [SHARED]} >= {
        ("kitchener", "Berlin"), ("harare", "Salisbury"), ("kwazulu-natal", "Natal")}
    for date in ("1900", "1914", None):
        assert r.resolve("Berlin", date=date).country == "DE"
    ontario = [(43.65, -79.38), (43.26, -79.87)]   # Toronto, Hamilton
    assert r.resolve("Berlin", date="1910", near=ontario).name == "Kitchener"
    assert not r.resolve("Salisbury", date="1960").placed            # England or Rhodesia?
    assert r.resolve("Salisbury", date="1960", country="ZW").name == "Harare"
    assert r.resolve("Salisbury", date="1960", near=[(51.07, -1.79)]).country == "GB"
    assert r.resolve("Natal", date="1895").ambiguous   # the colony, or the city? context says
    assert r.resolve("Natal", date="1895", near=[(-29.86, 31.03)]).country != "BR"   # Durban
    assert r.resolve("Natal", date="1895", country="ZA").name == "KwaZulu-Natal"
