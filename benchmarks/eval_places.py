"""How often the resolver puts a stop at the right place: right / wrong / not placed.

    python -m benchmarks.eval_places [--set tuning|heldout|fresh|final|blind|blind3|all] [-v]

The sets are in ``tests/eval/``: lives of other people typed as a teacher would (only
``place,start,end`` and sometimes a country, the names their sources use; rows of one ``life``
are one table, resolved together so neighbouring stops count), and renamed-place questions with
a date (one row each). Each row carries the expected point and a tolerance in km, written from
general knowledge, not from the resolver's output. A stop is *right* when placed within the
tolerance, *wrong* when placed elsewhere (the failure that matters: a silent wrong place on the
map), *not placed* otherwise (left off the map, with the line the user reads).

``tuning.csv`` may be used to tune the resolver. ``heldout.csv`` was meant not to be, but names
from it went into the gazetteer, so it is no longer independent. ``heldout_fresh.csv`` (15 lives,
228 stops) was written from general knowledge before its author looked at the gazetteer or
the resolver's data, and must never be tuned on: no name from it goes into the data because it
failed here. ``heldout_final.csv`` (16 lives), ``heldout_blind.csv`` (20 lives, 273 stops)
and ``heldout_blind3.csv`` (20 lives, 290 stops) were written by helpers who opened nothing
of the repository; each is run once after the last change it measures, and is no longer blind
after that (the figures say which run).

*In the offline data* (the denominator of "right among places the data has"): a stop's place is
there when the offline sources (``Resolver.candidates``: the gazetteer with its regions, and
GeoNames) offer, for a name the stop could be written as, a place within the stop's tolerance of
the true point. The names a stop could be written as are its ``place`` and its ``note``'s modern
name (the note up to any parenthesis, a leading "the" dropped), at any date.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from itinerary.resolve.resolver import Resolver

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "eval"
SET_FILES = {"tuning": "tuning.csv", "heldout": "heldout.csv", "fresh": "heldout_fresh.csv",
             "final": "heldout_final.csv", "blind": "heldout_blind.csv",
             "blind3": "heldout_blind3.csv"}
SETS = tuple(SET_FILES)
COLUMNS = ("life", "place", "start", "end", "country", "lat", "lon", "tol_km", "note")
VERDICTS = ("right", "wrong", "unplaced")


@dataclass
class Outcome:
    life: str
    place: str
    start: str
    verdict: str          # right, wrong, unplaced
    got: str              # what the resolver answered, or the line the user reads
    km: float | None      # distance from the expected point, when placed
    offline: bool         # the place is in the offline data (module docstring)


def read_set(name: str) -> list[dict[str, str]]:
    with open(EVAL_DIR / SET_FILES[name], encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def name_forms(row: dict[str, str]) -> list[str]:
    """The names a stop could be written as: as typed, and the note's modern name."""
    modern = re.sub(r"^the\s+", "", (row.get("note") or "").split("(")[0].strip(), flags=re.I)
    return list(dict.fromkeys(n for n in (row["place"].strip(), modern) if n))


def in_offline_data(resolver: Resolver, row: dict[str, str]) -> bool:
    """Whether an offline source has the stop's place under one of its names (see above)."""
    from itinerary.moves.geodesy import arc_km

    truth, tol = (float(row["lat"]), float(row["lon"])), float(row["tol_km"])
    return any(arc_km((c.lat, c.lon), truth) <= tol
               for name in name_forms(row) for c in resolver.candidates(name))


def unplaced_message(place: str, alternatives: list[dict], has_country: bool) -> str:
    """The warning ``build`` prints for the stop, without the file and row."""
    from itinerary.resolve.suggest import next_steps

    return (f"{place!r} could not be placed; {next_steps(alternatives, has_country)}; "
            "kept in the list, left off the map")


def evaluate(rows: list[dict[str, str]], resolver: Resolver | None = None) -> list[Outcome]:
    """Resolve each life as one table (the pipeline's core) and judge every row."""
    from itinerary.moves.geodesy import arc_km
    from itinerary.resolve.resolver import default_resolver
    from itinerary.resolve.table import _resolve_rows

    r = resolver or default_resolver()
    lives: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        lives.setdefault(row["life"], []).append(row)
    out: list[Outcome] = []
    for life, stops in lives.items():
        answers = _resolve_rows([s["place"] for s in stops],
                                [s.get("country", "") for s in stops],
                                [s["start"] for s in stops], [None] * len(stops),
                                progress=False, resolver=r)
        for s, res in zip(stops, answers, strict=True):
            offline = in_offline_data(r, s)
            if not res.placed:
                msg = unplaced_message(s["place"], res.alternatives, bool(s.get("country")))
                out.append(Outcome(life, s["place"], s["start"], "unplaced", msg, None,
                                   offline))
                continue
            assert res.lat is not None and res.lon is not None
            km = arc_km((res.lat, res.lon), (float(s["lat"]), float(s["lon"])))
            verdict = "right" if km <= float(s["tol_km"]) else "wrong"
            got = f"{res.name} ({res.country}) [{res.source}/{res.match}]"
            out.append(Outcome(life, s["place"], s["start"], verdict, got, km, offline))
    return out


def counts(outcomes: Iterable[Outcome]) -> dict[str, int]:
    """right / wrong / unplaced, and ``offline``, ``offline_right``: the places in the offline
    data and how many of them were placed right."""
    c = dict.fromkeys((*VERDICTS, "offline", "offline_right"), 0)
    for o in outcomes:
        c[o.verdict] += 1
        c["offline"] += o.offline
        c["offline_right"] += o.offline and o.verdict == "right"
    return c


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


HEADER = ("| {what} | stops | right | wrong | not placed | in offline data | right of those |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: |")


def _line(what: str, outcomes: list[Outcome]) -> str:
    c = counts(outcomes)
    return (f"| {what} | {len(outcomes)} | {c['right']} | {c['wrong']} | {c['unplaced']} | "
            f"{c['offline']} | {c['offline_right']} ({_pct(c['offline_right'], c['offline'])})"
            " |")


def report(results: dict[str, list[Outcome]], verbose: bool = False) -> str:
    """The totals, each set's lives, then every wrong and every unplaced stop."""
    lines = [HEADER.format(what="set")]
    lines += [_line(name, outcomes) for name, outcomes in results.items()]
    for name, outcomes in results.items():
        lives: dict[str, list[Outcome]] = {}
        for o in outcomes:
            lives.setdefault(o.life, []).append(o)
        singles = [o for group in lives.values() if len(group) == 1 for o in group]
        lines += ["", f"### {name}: by life", HEADER.format(what="life")]
        lines += [_line(life, group) for life, group in lives.items() if len(group) > 1]
        if singles:
            lines.append(_line(f"{len(singles)} one-row questions", singles))
        shown = VERDICTS if verbose else VERDICTS[1:]
        for verdict in shown:
            rows = [o for o in outcomes if o.verdict == verdict]
            title = {"right": "right", "wrong": "wrong", "unplaced": "not placed"}[verdict]
            lines += ["", f"### {name}: {title} ({len(rows)})"]
            for o in rows:
                km = f", {o.km:.0f} km off" if o.km is not None else ""
                where = "" if o.offline else " (not in the offline data)"
                lines.append(f"- {o.life}: {o.place!r} {o.start}: {o.got}{km}{where}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list the stops placed right too")
    args = parser.parse_args(argv)
    names = SETS if args.set == "all" else (args.set,)
    print(report({name: evaluate(read_set(name)) for name in names}, args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
