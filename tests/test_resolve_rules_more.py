"""Issue 15, the remaining items: every suggestion is named with its kind the one way, by every
command; true ties keep refusing while plain cases answer (Passy, Galicia, Natal, Cádiz); a
misspelling on the first run is answered from the scan, as the whole index answers it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from itinerary.cli import main
from itinerary.moves.geodesy import arc_km
from itinerary.resolve import Candidate, Resolution, Resolver, geonames
from itinerary.resolve.normalise import key
from itinerary.resolve.rank import FUZZY_SEARCH_LIMIT, Context, decide
from itinerary.resolve.suggest import FIX, FIX_WITH_COUNTRY, describe, named, next_steps
from itinerary.resolve.table import _resolve_rows

KINDS = ("region", "city", "town", "village", "district", "island", "building", "capital")
# "Name (kind, CC)" or "Name (kind, CC-ADMIN1, 12.34, -5.67)": what every suggestion reads like
SUGGESTION = re.compile(r"[^();]+ \((?:" + "|".join(KINDS) + r"), [A-Z]{2}(?:-\w+)?"
                        r"(?:, -?\d+\.\d\d, -?\d+\.\d\d)?\)")


def suggestions_in(line: str) -> list[str]:
    """The suggestions a line names: after "did you mean", up to the way out."""
    tail = line.split("did you mean", 1)[1].lstrip(": ")
    tail = re.split(r"\?(?: |$)|; fix ", tail)[0]
    return [s.strip() for s in re.split(r" or |; ", tail) if s.strip()]


def test_one_formatter_names_kind_and_country_and_the_way_out() -> None:
    region = {"name": "Bretagne", "kind": "region", "country": "FR", "lat": 48.2, "lon": -2.9}
    assert describe(region) == "Bretagne (region, FR)"
    assert describe(region, where=True) == "Bretagne (region, FR, 48.20, -2.90)"
    # no kind known (your own coordinates, an online answer): where it came from instead
    assert describe({"name": "Yanovka", "country": "", "source": "override"}) == \
        "Yanovka (override)"
    twins = [{"name": "London", "kind": "town", "country": "US", "lat": 39.89, "lon": -83.45},
             {"name": "London", "kind": "town", "country": "US", "lat": 37.13, "lon": -84.08}]
    # namesakes that would read alike are told apart by their coordinates, even when only
    # one of them is shown
    assert named([region, *twins], limit=2) == ["Bretagne (region, FR)",
                                                "London (town, US, 39.89, -83.45)"]
    assert next_steps([region]) == f"did you mean Bretagne (region, FR)? {FIX}"
    assert next_steps([], has_country=True) == f"no suggestion; {FIX_WITH_COUNTRY}"


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("suggest")
    one = folder / "one.csv"
    one.write_text("place,start\nParis,1900\nViena,1907\nBretagn,1920\n", encoding="utf-8")
    two = folder / "two.csv"
    two.write_text("place,start,country\nLondon,1900,GB\nLodnon,1901,\n", encoding="utf-8")
    lives = folder / "lives.csv"
    lives.write_text("person,place,start\nAnna,Paris,1900\nAnna,Viena,1907\n"
                     "Ben,London,1900\nBen,Bretagn,1920\n", encoding="utf-8")
    return {"one": one, "two": two, "lives": lives, "out": folder}


def lines_of(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    main(list(args))
    out = capsys.readouterr()
    return (out.out + out.err).splitlines()


@pytest.mark.parametrize("command", ["build", "check", "build-lives", "check-lives",
                                     "build-two", "resolve", "resolve-name"])
def test_every_command_names_each_suggestion_with_its_kind_and_the_fix(
        command: str, tables: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tables["out"] / "page.html")
    args = {"build": ["build", str(tables["one"]), "-o", out],
            "check": ["check", str(tables["one"])],
            "build-lives": ["build", str(tables["lives"]), "-o", out],
            "check-lives": ["check", str(tables["lives"])],
            "build-two": ["build", str(tables["one"]), str(tables["two"]), "-o", out],
            "resolve": ["resolve", str(tables["one"])],
            "resolve-name": ["resolve", "--name", "Bretagn"]}[command]
    lines = [x for x in lines_of(capsys, *args) if "did you mean" in x]
    assert lines, command
    for line in lines:
        names = suggestions_in(line)
        assert names, line
        for name in names:
            assert SUGGESTION.fullmatch(name), (command, name, line)
        if "could not be placed" in line or line.startswith("unresolved"):
            assert line.rstrip().endswith((FIX, FIX + "; kept in the list, left off the map")), line
    text = "\n".join(lines)
    if command != "resolve-name":
        assert "Vienna (city, AT" in text or "Brittany (region, FR" in text, text


def test_build_check_and_resolve_name_the_same_suggestions(
        tables: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The same stop gets the same words from every command (resolve adds coordinates)."""
    def first(lines: list[str], place: str) -> list[str]:
        line = next(x for x in lines if f"'{place}'" in x and "did you mean" in x)
        return [re.sub(r", -?\d+\.\d\d, -?\d+\.\d\d\)$", ")", s) for s in suggestions_in(line)]

    out = str(tables["out"] / "same.html")
    built = lines_of(capsys, "build", str(tables["one"]), "-o", out)
    checked = lines_of(capsys, "check", str(tables["one"]))
    resolved = lines_of(capsys, "resolve", str(tables["one"]))
    for place in ("Viena", "Bretagn"):
        assert first(built, place) == first(checked, place) == first(resolved, place)[:3]


def test_the_resolve_table_names_the_runners_up_with_their_kind(
        tables: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    lines = lines_of(capsys, "resolve", str(tables["one"]))
    (paris,) = [x for x in lines if x.startswith("Paris ")]
    runners_up = paris.split("  ")[-1].removesuffix(" ...").split("; ")
    assert runners_up and all(SUGGESTION.fullmatch(r) for r in runners_up), paris


# --- true ties refuse, plain cases answer -------------------------------------------------

PARIS, SALLANCHES, DURBAN = (48.85, 2.35), (45.94, 6.63), (-29.86, 31.03)
KRAKOW, CORUNA = (50.06, 19.94), (43.36, -8.41)


def cand(name: str, cc: str, lat: float, lon: float, pop: int | None, *, tier: str = "exact",
         primary: bool = True, source: str = "geonames", **kw: object) -> Candidate:
    return Candidate(name, cc, lat, lon, source, tier, f"{source}:{name}:{cc}", primary,
                     population=pop, **kw)  # type: ignore[arg-type]


def test_a_neighbour_at_the_places_own_place_is_no_evidence_for_another_name_of_it() -> None:
    """"Passy" right after Paris: Paris's 16th arrondissement (met by another name, 5 km from
    the neighbour) or Passy, Haute-Savoie? Nearness alone must not decide."""
    def passy() -> list[Candidate]:
        return [cand("Paris 16 Passy", "FR", 48.86, 2.28, 159_386, tier="alternate",
                     primary=False),
                cand("Passy", "FR", 45.92, 6.70, 11_613)]

    after_paris = decide("Passy", passy(), Context(near=[PARIS]))
    assert after_paris.ambiguous and not after_paris.placed
    assert any("Paris 16 Passy" in s for s in after_paris.suggestions)
    assert any(s.startswith("Passy (town, FR") for s in after_paris.suggestions)
    # a neighbour elsewhere is evidence as before: by Sallanches it is Haute-Savoie's
    assert decide("Passy", passy(), Context(near=[SALLANCHES])).lat == 45.92
    # and the place's main name, met next to its neighbour, is answered (Sceaux after Paris)
    sceaux = [cand("Sceaux", "FR", 48.78, 2.29, 21_511), cand("Sceaux", "FR", 47.6, -0.3, 800)]
    assert decide("Sceaux", sceaux, Context(near=[PARIS])).lat == 48.78


def test_a_region_of_unknown_size_is_not_outweighed_by_a_town() -> None:
    """Natal: the colony (a region of the gazetteer, no population) or the Brazilian city?"""
    def natal() -> list[Candidate]:
        return [cand("Natal", "BR", -5.79, -35.21, 896_708),
                cand("KwaZulu-Natal", "ZA", -28.7, 30.6, None, tier="alternate", primary=False,
                     source="gazetteer", feature="region", valid_from=1843, valid_to=1994)]

    assert decide("Natal", natal(), Context(year=1900)).ambiguous
    assert decide("Natal", natal(), Context(year=2000)).country == "BR"   # the name had gone
    assert decide("Natal", natal(), Context(year=1900, country="ZA")).country == "ZA"
    assert decide("Natal", natal(), Context(year=1900, near=[DURBAN])).country == "ZA"
    # a town of unknown size still counts as a village
    village = cand("Natal", "ZA", -28.7, 30.6, None, tier="alternate", primary=False,
                   source="gazetteer", feature="village")
    assert decide("Natal", [natal()[0], village], Context(year=1900)).country == "BR"


def test_an_undated_region_name_with_years_competes_with_its_undated_namesake() -> None:
    def galicia() -> list[Candidate]:
        return [cand("Galicia", "ES", 42.75, -7.9, None, source="gazetteer", feature="region"),
                cand("Galicia and Lodomeria", "PL", 49.8, 22.3, None, tier="alternate",
                     source="gazetteer", feature="region", valid_from=1772, valid_to=1918)]

    assert decide("Galicia", galicia(), Context()).ambiguous
    assert decide("Galicia", galicia(), Context(year=1936)).country == "ES"
    assert decide("Galicia", galicia(), Context(country="ES")).country == "ES"
    assert decide("Galicia", galicia(), Context(near=[KRAKOW])).country == "PL"
    assert decide("Galicia", galicia(), Context(near=[CORUNA])).country == "ES"
    # a town's former name does not compete when undated: York is England's, not Toronto's
    york = [cand("York", "GB", 53.96, -1.08, 150_000, source="gazetteer", feature="city"),
            cand("Toronto", "CA", 43.7, -79.4, 2_600_000, tier="alternate",
                 source="gazetteer", feature="city", valid_from=1793, valid_to=1834)]
    assert decide("York", york, Context()).country == "GB"


@pytest.fixture(scope="module")
def r() -> Resolver:
    return Resolver()


def placed_at(res: Resolution, point: tuple[float, float], km: float) -> bool:
    return res.placed and arc_km((res.lat, res.lon), point) <= km  # type: ignore[arg-type]


def test_the_real_data_cases(r: Resolver) -> None:
    cadiz = r.resolve("Cádiz", date="1812")
    assert cadiz.ambiguous and {s.split(" (")[1][6:8] for s in cadiz.suggestions[:2]} == {
        "ES", "PH"}, cadiz.suggestions
    assert placed_at(r.resolve("Cádiz", date="1812", country="ES"), (36.53, -6.29), 20)
    passy = r.resolve("Passy", date="1934", near=[PARIS])
    assert passy.ambiguous and any("Paris 16 Passy" in s for s in passy.suggestions)
    assert any(s.startswith("Passy (town, FR-84") for s in passy.suggestions), passy.suggestions
    assert placed_at(r.resolve("Passy", date="1934", near=[SALLANCHES]), (45.92, 6.70), 15)
    galicia = r.resolve("Galicia")
    assert galicia.ambiguous and any("ES" in s for s in galicia.suggestions) and any(
        "Lodomeria" in s for s in galicia.suggestions)
    assert r.resolve("Galicia", country="ES").country == "ES"
    assert r.resolve("Galicia", date="1901", near=[KRAKOW]).name == "Galicia and Lodomeria"
    natal = r.resolve("Natal", date="1900")
    assert natal.ambiguous and any("KwaZulu-Natal" in s for s in natal.suggestions)
    assert r.resolve("Natal", date="1900", country="ZA").name == "KwaZulu-Natal"
    assert r.resolve("Natal", date="1900", country="BR").country == "BR"
    assert r.resolve("Natal", date="2000").country == "BR"
    assert r.resolve("Natal", date="1894", near=[DURBAN]).name == "KwaZulu-Natal"


def test_passy_in_a_table_is_refused_after_paris_and_placed_by_sallanches(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paris = tmp_path / "curie.csv"
    paris.write_text("place,start,end\nWarsaw,1867,1891\nParis,1891,1934\nPassy,1934,\n",
                     encoding="utf-8")
    (line,) = [x for x in lines_of(capsys, "check", str(paris)) if "could not be placed" in x]
    assert "'Passy'" in line and "Paris 16 Passy (city, FR)" in line
    assert "Passy (town, FR)" in line and line.endswith(FIX)
    alps = tmp_path / "alps.csv"
    alps.write_text("place,start,end\nParis,1891,1934\nSallanches,1934,\nPassy,1934,\n",
                    encoding="utf-8")
    assert not [x for x in lines_of(capsys, "check", str(alps)) if "could not be placed" in x]


# --- a misspelling on the first run ---------------------------------------------------------

@pytest.fixture(scope="module")
def full() -> geonames.GeonamesIndex:
    return geonames.GeonamesIndex()   # the session's index, built once


def first_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> geonames.FirstRunIndex:
    """A first run's source whose every answer must come from the scan of the data file."""
    def whole(self: geonames.FirstRunIndex) -> geonames.GeonamesIndex:
        raise AssertionError("the first run needed the whole index")

    monkeypatch.setattr(geonames.FirstRunIndex, "full", property(whole))
    return geonames.FirstRunIndex(tmp_path / "missing.sqlite3", build_at_exit=False)


def test_the_first_runs_fuzzy_pool_is_the_whole_indexs(full: geonames.GeonamesIndex) -> None:
    pool = geonames.data_file().fuzzy_pool()
    assert pool is not None
    assert {k for k in pool.keys if pool.is_key(k)} == set(full.fuzzy_keys())


MISSPELT = ["Lodnon", "Colonge", "Manchestr", "Viena", "Stokholm", "Bretagn", "St Petrsburg",
            "Saint Petersbrg", "The Hauge", "Populaton", "Brittany", "Sorbonne", "Ft Wiliam"]


def test_a_misspelling_on_the_first_run_is_answered_as_by_the_index(
        tmp_path: Path, full: geonames.GeonamesIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = first_run(tmp_path, monkeypatch)
    for name in MISSPELT:
        qkey = key(name)
        assert scan.similar(qkey, FUZZY_SEARCH_LIMIT) == full.similar(qkey, FUZZY_SEARCH_LIMIT)

    def answers(geo: object) -> list[tuple]:
        places = ["Trier", "Bonn", "Colonge", "Paris", "Brussels", "Manchestr", "London",
                  "Lodnon", "Stokholm", "Viena"]
        hints = ["DE", "DE", "DE", "FR", "BE", "GB", "GB", "", "", ""]
        rows = _resolve_rows(places, hints, ["1840"] * len(places), [None] * len(places),
                             resolver=Resolver(geonames=geo))  # type: ignore[arg-type]
        return [(r.query, r.name, r.lat, r.lon, r.match, r.confidence, r.error,
                 r.suggestions, r.alternatives) for r in rows]

    first = answers(first_run(tmp_path, monkeypatch))
    assert first == answers(full)
    # "Colonge" has Bonn beside it; "Manchestr" only Brussels and London, too far to confirm it
    assert [q for q, _, _, _, match, *_ in first if match == "fuzzy"] == ["Colonge"]


# --- a capital is the place an author means by its bare name (item 5) ----------------------

@pytest.mark.parametrize(("name", "country"), [("Rome", "IT"), ("Athens", "GR"),
                                               ("Washington", "US"), ("Bern", "CH")])
def test_a_national_capital_by_its_own_name_is_answered(name: str, country: str) -> None:
    """Rome, Italy against Lomé (whose GeoNames names include "Rome") and Rome, Georgia;
    Athens against Athens, Georgia; the capital is the answer with no other context."""
    res = Resolver().resolve(name, date="1901")
    assert res.placed and res.country == country, res.error
    assert res.feature == "capital"


def test_only_the_biggest_namesake_in_the_capital_s_country_is_the_capital() -> None:
    capitals = [c for c in geonames.GeonamesIndex().candidates("Washington")
                if c.feature == "capital"]
    assert [(c.country, c.admin1) for c in capitals] == [("US", "DC")]


def test_a_capital_met_by_another_of_its_names_earns_nothing() -> None:
    """Lomé's GeoNames names include "Rome": by that name it is not the capital meant."""
    rome = {c.country: c for c in geonames.GeonamesIndex().candidates("Rome")
            if c.country in ("IT", "TG")}
    assert rome["IT"].feature == "capital" and rome["TG"].feature == ""
    assert geonames.GeonamesIndex().candidates("Lomé")[0].feature == "capital"
    ranked = decide("Rome", geonames.GeonamesIndex().candidates("Rome"), Context(year=1901))
    assert (ranked.name, ranked.country) == ("Rome", "IT")
    assert describe(ranked.alternatives[0]).startswith("Lomé (city, TG")


# --- a spelling of the main name is the main name, not another name ---------------------------

def test_the_main_name_without_its_accents_is_still_the_main_name(r: Resolver) -> None:
    """GeoNames lists "Valparaiso" among Valparaíso's other names; met so, the Chilean city
    was an alternate name and needed a hundredfold lead over Valparaiso, Indiana. Its main
    name met without the accent ranks it as the main name: tenfold is enough."""
    chile = next(c for c in geonames.GeonamesIndex().candidates("Valparaiso")
                 if c.country == "CL")
    assert (chile.tier, chile.primary) == ("normalised", True)
    assert placed_at(r.resolve("Valparaiso", date="1834", near=[(-51.75, -59.0)]),
                     (-33.05, -71.62), 20)
    # another name that is not a spelling of the main one stays an alternate name
    assert [(c.tier, c.primary) for c in geonames.GeonamesIndex().candidates("Petrograd")
            if c.country == "RU"][:1] == [("alternate", False)]

