"""The place evaluation (benchmarks/eval_places.py) on its tuning set: never a wrong place.

Only the tuning set is asserted; the held-out set is reported by the script, never tuned on,
so no count of it is fixed here.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the benchmarks package

from benchmarks.eval_places import counts, evaluate, read_set  # noqa: E402


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
