"""The place evaluation (benchmarks/eval_places.py) on its tuning set: never a wrong place.

Only the tuning set is asserted; the held-out sets are reported by the script, never tuned on,
so no count of them is fixed here: the fresh one is only checked to be well-formed, and the
scoring is checked on a slice of it.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the benchmarks package

from benchmarks.eval_places import (  # noqa: E402
    COLUMNS,
    EVAL_DIR,
    SET_FILES,
    VERDICTS,
    counts,
    evaluate,
    read_set,
    report,
)


def test_no_stop_of_the_tuning_set_is_placed_wrongly() -> None:
    outcomes = evaluate(read_set("tuning"))
    wrong = [(o.life, o.place, o.got) for o in outcomes if o.verdict == "wrong"]
    assert wrong == []
    assert counts(outcomes)["right"] >= 0.9 * len(outcomes)


def test_the_held_out_set_is_separate_from_the_tuning_set() -> None:
    tuning = {(r["place"], r["start"]) for r in read_set("tuning")}
    heldout = {(r["place"], r["start"]) for r in read_set("heldout")}
    assert len(tuning) >= 60 and len(heldout) >= 60
    assert not tuning & heldout


@pytest.mark.parametrize("name", ["fresh", "final", "blind", "blind3"])
def test_the_fresh_held_out_sets_are_well_formed(name: str) -> None:
    from itinerary.stages.dates import parse_date

    with open(EVAL_DIR / SET_FILES[name], encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == COLUMNS
    rows = read_set(name)
    lives = {r["life"] for r in rows}
    assert len(rows) >= 150 and len(lives) >= 12
    others = [s for s in SET_FILES if s != name]
    assert not lives & {r["life"] for s in others for r in read_set(s)}
    for r in rows:
        where = (r["life"], r["place"], r["start"])
        assert None not in r.values() and None not in r, where  # no short or long line
        assert r["place"].strip() and r["note"].strip(), where
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, where
        assert 10 <= float(r["tol_km"]) <= 2000, where
        assert re.fullmatch(r"([A-Z]{2})?", r["country"]), where
        start = parse_date(r["start"])
        if r["end"]:
            assert parse_date(r["end"]).latest >= start.earliest, where


def test_the_evaluation_judges_a_slice_end_to_end() -> None:
    """Five stops of one life, the same five with the truth moved to the far side of the
    earth, and a name no place has (its note still naming Zamość): each verdict follows from
    the distance alone, and what is in the offline data follows the names and the truth."""
    rows = [r for r in read_set("fresh") if r["life"] == "luxemburg"][:5]
    far = [{**r, "lat": str(-float(r["lat"])), "lon": str(float(r["lon"]) - 180),
            "life": "far"} for r in rows]
    nowhere = {**rows[0], "place": "Qxzvbnwq", "life": "nowhere"}
    outcomes = evaluate([*rows, *far, nowhere])
    assert len(outcomes) == 11
    near, moved, lost = outcomes[:5], outcomes[5:10], outcomes[10]
    for o, m, r in zip(near, moved, rows, strict=True):
        assert o.verdict in VERDICTS and not m.offline  # the antipodes here are open sea
        if o.verdict == "unplaced":
            assert m.verdict == "unplaced" and o.km is None
        else:
            assert o.km is not None and m.km is not None
            assert (o.verdict == "right") == (o.km <= float(r["tol_km"])) and m.verdict == "wrong"
            assert abs(o.km + m.km - 20015) < 30  # a point and its antipode: half the globe
    assert lost.verdict == "unplaced" and lost.offline  # the data has it by the note's name
    assert lost.got.startswith("'Qxzvbnwq' could not be placed; ")
    assert lost.got.endswith("left off the map")
    text = report({"fresh": outcomes})
    assert "| fresh | 11 |" in text and "### fresh: not placed" in text
    assert "- nowhere: 'Qxzvbnwq' " in text
    c = counts(outcomes)
    assert c["right"] + c["wrong"] + c["unplaced"] == 11 and c["offline_right"] <= c["offline"]
