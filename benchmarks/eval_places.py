"""How often the resolver puts a stop at the right place: right / wrong / not placed.

    python -m benchmarks.eval_places [--set tuning|heldout|all] [--verbose]

The sets are in ``tests/eval/``: lives of other people typed as a teacher would (only
``place,start,end``, the names their sources use; rows of one ``life`` are one table, resolved
together so neighbouring stops count), and renamed-place questions with a date (one row each).
Each row carries the expected point and a tolerance in km, written from general knowledge, not
from the resolver's output. A stop is *right* when placed within the tolerance, *wrong* when
placed elsewhere (the failure that matters: a silent wrong place on the map), *not placed*
otherwise. ``tuning.csv`` may be used to tune the resolver; ``heldout.csv`` must not be.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "eval"
SETS = ("tuning", "heldout")


@dataclass
class Outcome:
    life: str
    place: str
    start: str
    verdict: str          # right, wrong, unplaced
    got: str              # what the resolver answered
    km: float | None      # distance from the expected point, when placed


def read_set(name: str) -> list[dict[str, str]]:
    with open(EVAL_DIR / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def evaluate(rows: list[dict[str, str]]) -> list[Outcome]:
    """Resolve each life as one table (the pipeline's core) and judge every row."""
    from itinerary.moves.geodesy import arc_km
    from itinerary.resolve.table import _resolve_rows

    lives: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        lives.setdefault(row["life"], []).append(row)
    out: list[Outcome] = []
    for life, stops in lives.items():
        answers = _resolve_rows([s["place"] for s in stops],
                                [s.get("country", "") for s in stops],
                                [s["start"] for s in stops], [None] * len(stops))
        for s, res in zip(stops, answers, strict=True):
            if not res.placed:
                out.append(Outcome(life, s["place"], s["start"], "unplaced",
                                   (res.error or "")[:90], None))
                continue
            assert res.lat is not None and res.lon is not None
            km = arc_km((res.lat, res.lon), (float(s["lat"]), float(s["lon"])))
            verdict = "right" if km <= float(s["tol_km"]) else "wrong"
            got = f"{res.name} ({res.country}) [{res.source}/{res.match}]"
            out.append(Outcome(life, s["place"], s["start"], verdict, got, km))
    return out


def counts(outcomes: list[Outcome]) -> dict[str, int]:
    c = {"right": 0, "wrong": 0, "unplaced": 0}
    for o in outcomes:
        c[o.verdict] += 1
    return c


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list every wrong and unplaced row")
    args = parser.parse_args(argv)
    names = SETS if args.set == "all" else (args.set,)
    print("| set | places | right | wrong | not placed |")
    print("| --- | ---: | ---: | ---: | ---: |")
    details = []
    for name in names:
        outcomes = evaluate(read_set(name))
        c = counts(outcomes)
        print(f"| {name} | {len(outcomes)} | {c['right']} | {c['wrong']} | {c['unplaced']} |")
        details += [(name, o) for o in outcomes if o.verdict != "right"]
    if args.verbose:
        for name, o in details:
            km = f" {o.km:.0f} km off" if o.km is not None else ""
            print(f"{name}: {o.verdict:8} {o.life}: {o.place!r} {o.start}: {o.got}{km}",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
