"""Every "could not be placed" line names the suggestions, what each is, and the way out
(build, check, resolve; one life and several); an ambiguity never asks for a country that was
given."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from itinerary.pipeline import next_steps, unplaced_lines
from itinerary.resolve.base import Candidate
from itinerary.resolve.rank import Context, alternative, decide, kind, label

FIX = "fix the spelling, add a country, or give lat/lon"
FIX_WITH_COUNTRY = "fix the spelling or the country, or give lat/lon"


def cand(name: str, cc: str, pop: int, **kw: object) -> Candidate:
    admin1 = str(kw.pop("admin1", ""))
    return Candidate(name, cc, 40.0, -80.0 - len(admin1), "geonames", "exact",
                     f"geonames:{pop}{admin1}", population=pop, admin1=admin1,
                     **kw)  # type: ignore[arg-type]


def test_a_candidate_says_what_it_is() -> None:
    assert kind(cand("Springfield", "US", 160_000)) == "city"
    assert kind(cand("Springfield", "US", 5_000)) == "town"
    region = Candidate("Brittany", "FR", 48.2, -2.9, "gazetteer", "exact", "g:1",
                       feature="region", area="ne:FR")
    assert kind(region) == "region"
    assert label(region) == "Brittany (region, FR, 48.20, -2.90)"
    assert alternative(region)["kind"] == "region"


def test_an_ambiguity_asks_for_a_country_only_when_none_was_given() -> None:
    both = [cand("Springfield", "US", 160_000, admin1="MO"),
            cand("Springfield", "US", 160_000, admin1="MAS")]
    given = decide("Springfield", [c.copy() for c in both], Context(country="US"))
    assert given.ambiguous and "add a country code" not in (given.error or "")
    assert (given.error or "").endswith("add a date or coordinates (the country was given)")
    # both in the US: a country code would not tell them apart
    none = decide("Springfield", [c.copy() for c in both], Context())
    assert none.ambiguous and (none.error or "").endswith("; add a date or coordinates")
    apart = [cand("Springfield", "US", 160_000, admin1="IL"),
             cand("Springfield", "AU", 160_000, admin1="QLD")]
    undated = decide("Springfield", [c.copy() for c in apart], Context())
    assert (undated.error or "").endswith("; add a country code, a date or coordinates")
    dated = decide("Springfield", [c.copy() for c in apart], Context(year=1900))
    assert (dated.error or "").endswith("; add a country code or coordinates")
    settled = decide("Springfield", [c.copy() for c in both], Context(country="US", year=1900))
    assert (settled.error or "").endswith(
        "; give coordinates (the country and the date were given)")


def test_the_line_names_up_to_three_suggestions_with_their_kind_and_the_fix() -> None:
    alts = [{"name": "Vienna", "country": "AT", "kind": "city", "lat": 48.2, "lon": 16.4},
            {"name": "Vienne", "country": "FR", "kind": "town", "lat": 45.5, "lon": 4.9}]
    rows = pd.DataFrame({"row": [3, 2], "place": ["Viena", "Xyzzy"],
                         "alternatives": [json.dumps(alts), "[]"], "country": ["", "AT"]})
    assert unplaced_lines("t.csv", rows) == [
        f"t.csv, row 2, column 'place': 'Xyzzy' could not be placed; no suggestion; "
        f"{FIX_WITH_COUNTRY}",
        "t.csv, row 3, column 'place': 'Viena' could not be placed; did you mean Vienna "
        f"(city, AT) or Vienne (town, FR)? {FIX}"]
    same = [{"name": "Springfield", "country": "US", "kind": "city", "lat": 37.2, "lon": -93.3},
            {"name": "Springfield", "country": "US", "kind": "city", "lat": 42.1, "lon": -72.6}]
    assert next_steps(same) == ("did you mean Springfield (city, US, 37.20, -93.30) or "
                                f"Springfield (city, US, 42.10, -72.60)? {FIX}")


def run(*args: str, cache: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itinerary", *args], capture_output=True,
                          text=True, timeout=600)


def test_every_command_and_several_lives_give_the_next_steps(tmp_path: Path) -> None:
    one = tmp_path / "one.csv"
    one.write_text("place,start\nParis,1900\nViena,1907\n", encoding="utf-8")
    many = tmp_path / "many.csv"
    many.write_text("person,place,start\nAnna,Paris,1900\nAnna,Viena,1907\n"
                    "Ben,London,1900\nBen,Viena,1907\n", encoding="utf-8")
    for args in (["check", str(one)], ["check", str(many)],
                 ["build", str(one), "-o", str(tmp_path / "one.html")],
                 ["build", str(many), "-o", str(tmp_path / "many.html")]):
        done = run(*args)
        lines = [x for x in done.stderr.splitlines() if "could not be placed" in x]
        assert lines, (args, done.stderr)
        for line in lines:
            assert "did you mean Vienna (city, AT) or Vienne (town, FR)?" in line, line
            assert FIX in line, line
    done = run("resolve", str(one))
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("unresolved:")]
    assert "Vienna (city, AT, 48.21, 16.37)" in line and line.endswith(FIX)
    done = run("resolve", "--name", "Viena")
    assert "did you mean: Vienna (city, AT-09" in done.stderr and FIX in done.stderr
