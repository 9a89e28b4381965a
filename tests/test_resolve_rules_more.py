"""Issue 15, the remaining items: every suggestion is named with its kind the one way, by every
command; true ties keep refusing while plain cases answer (Passy, Galicia, Natal, Cádiz); a
misspelling on the first run is answered from the scan, as the whole index answers it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from itinerary.cli import main
from itinerary.resolve.suggest import FIX, FIX_WITH_COUNTRY, describe, named, next_steps

KINDS = ("region", "city", "town", "village", "district", "island", "building")
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
