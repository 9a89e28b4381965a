"""Several lives on one map: which tables make which lives, and how their stops are joined.

A lesson compares people: Lenin and Trotsky before 1917, Marx and Engels. The lives come either
as several tables (``itinerary build trotsky.csv lenin.csv``), one life each, named by
``--name`` (in order) or by the file name ("lenin.csv" is "Lenin", the bundled table
"Trotsky"), or as one table with a ``person`` column (any letter case) naming each row's life.

Each life keeps its own periods file: ``--periods`` is given once per table, in the order of
the tables (``-`` for none); a table without one in that list uses ``<stem>.periods.csv``
beside it when that file exists (``examples/lenin.periods.csv`` for ``examples/lenin.csv``),
and the bundled table its own. One table alone keeps exactly today's rule (only ``--periods``,
or the bundled table's).

Each life's stops are loaded, dated and resolved as one table is today; then they are joined:
every stop and move carries its ``person`` (the id), an id that two lives both use
(``london-1902``) becomes ``<person>-<id>`` in each (``trotsky-london-1902``), and so does a
period id; the stops are ordered by time across the lives (ties: the order the lives were given,
then the file order), and the moves are derived within each life. The persons table
(``model.PERSON_COLUMNS``) also travels with the stops as ``stops.attrs["persons"]``, so the
outputs that are given the stops alone (the page, the exports) know names and colours.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd

from ..errors import InputError, Problem
from ..model import PERSON, PERSON_COLUMNS, ROW, SORT_KEY
from .cells import text
from .inputs import is_default, resolve_inputs

#: The colour of each life, in the order the lives were given (Tableau 10: distinct for most
#: forms of colour blindness in its first four, and none is a period's default grey).
PALETTE: Final = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                  "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f")
DEFAULT_NAME: Final = "Trotsky"  # the bundled table's life
PERIODS_SUFFIX: Final = ".periods.csv"  # lenin.csv -> lenin.periods.csv beside it
NO_PERIODS: Final = "-"  # --periods - : this table has no periods file


@dataclass(frozen=True)
class Life:
    """One table to read: the file, its periods file, and the name given with ``--name``."""

    table: Path
    periods: Path | None
    name: str | None = None


def lives_of(tables: str | Path | Sequence[str | Path] | None,
             periods: str | Path | Sequence[str | Path | None] | None = None,
             names: Sequence[str] = ()) -> list[Life]:
    """The tables to read, each with its periods file and given name (see the module
    docstring); no table is the bundled one. Raises ``InputError`` for more ``--periods`` or
    ``--name`` than tables."""
    paths: list[Path | None] = [Path(t) for t in _listed(tables)] or [None]
    given = _listed(periods)
    problems = []
    if len(given) > len(paths):
        problems.append(Problem("--periods", f"{len(given)} periods files for {len(paths)} "
                                "table(s)", expected="one --periods per table, in order "
                                "(- for a table without one)"))
    if len(names) > len(paths):
        problems.append(Problem("--name", f"{len(names)} names for {len(paths)} table(s)",
                                expected="one --name per table, in order"))
    if problems:
        raise InputError(problems)
    lives = []
    for i, path in enumerate(paths):
        chosen = given[i] if i < len(given) else None
        explicit = chosen is not None and str(chosen) not in ("", NO_PERIODS)
        table, period_file = resolve_inputs(path, chosen if explicit else None)
        if chosen is None and period_file is None and len(paths) > 1:
            beside = table.with_name(table.stem + PERIODS_SUFFIX)
            period_file = beside if beside.is_file() else None
        if chosen is not None and not explicit:
            period_file = None
        name = names[i].strip() if i < len(names) and names[i].strip() else None
        lives.append(Life(table, period_file, name))
    return lives


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str | Path):
        return [value]
    return list(value)


def name_of(table: Path) -> str:
    """The name of a life from its file: "lenin.csv" is "Lenin", "karl_marx.csv" "Karl Marx"."""
    if is_default(table):
        return DEFAULT_NAME
    words = table.stem.replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Person"


def person_id(name: str) -> str:
    """The id of a life: its name as a slug ("Karl Marx" -> "karl-marx")."""
    from .load import slug

    return slug(name)[:40] or "person"


def person_column(stops: pd.DataFrame) -> str | None:
    """The table's own ``person`` column (any letter case), if it has one."""
    for name in stops.columns:
        if str(name).strip().casefold() == PERSON:
            return str(name)
    return None


def split_table(stops: pd.DataFrame, life: Life, file: str) -> list[tuple[str, pd.DataFrame]]:
    """A table's lives as (name, its stops): the ``person`` column's names in order of first
    appearance, or the whole table named by ``--name`` or its file. A row with an empty
    ``person`` cell is a problem."""
    column = person_column(stops)
    if column is None:
        return [(life.name or name_of(life.table), stops)]
    names = [text(v) for v in stops[column].tolist()]
    empty = [Problem(file, "no person given", int(row), column, "",
                     "the name of the life this row belongs to, e.g. Lenin")
             for row, name in zip(stops[ROW].tolist(), names, strict=True) if not name]
    if empty:
        raise InputError(empty)
    stops = stops.drop(columns=[column])
    order = list(dict.fromkeys(names))
    return [(name, stops[[n == name for n in names]]) for name in order]


def join_lives(lives: list[tuple[str, pd.DataFrame, pd.DataFrame]]
               ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Each life as (name, its stops, its periods), in order, joined into one stops table with a
    ``person`` column, one periods table (with ``person`` too) and the persons table.

    Ids two lives share get their person's id in front, in every life that uses them; two
    lives of one name are a problem."""
    ids = [person_id(name) for name, _, _ in lives]
    twice = [i for i, n in Counter(ids).items() if n > 1]
    if twice:
        raise InputError([Problem("--name", f"two lives are both called {i!r}",
                                  expected="a different name for each life (--name NAME)")
                          for i in twice])
    persons = pd.DataFrame({"id": ids, "name": [name for name, _, _ in lives],
                            "color": [PALETTE[i % len(PALETTE)] for i in range(len(lives))]},
                           columns=list(PERSON_COLUMNS))
    stop_ids = _shared([set(map(text, s["id"])) for _, s, _ in lives])
    period_ids = _shared([set(map(text, p["id"])) for _, _, p in lives])
    stop_parts, period_parts = [], []
    for pid, (_, stops, periods) in zip(ids, lives, strict=True):
        stops = stops.copy()
        stops["id"] = [f"{pid}-{i}" if i in stop_ids else i for i in map(text, stops["id"])]
        if "period" in stops.columns:
            stops["period"] = [f"{pid}-{p}" if p in period_ids else p
                               for p in map(text, stops["period"])]
        stops[PERSON] = pid
        stop_parts.append(stops)
        periods = periods.copy()
        periods["id"] = [f"{pid}-{p}" if p in period_ids else p for p in map(text, periods["id"])]
        periods[PERSON] = pid
        period_parts.append(periods)
    stops = pd.concat(stop_parts, ignore_index=True)
    periods = pd.concat(period_parts, ignore_index=True)
    stops.attrs = {"persons": persons.to_dict("records")}
    return stops, periods, persons


def _shared(sets: list[set[str]]) -> set[str]:
    seen: Counter[str] = Counter()
    for values in sets:
        seen.update(values)
    return {v for v, n in seen.items() if n > 1 and v}


def order_lives(stops: pd.DataFrame) -> pd.DataFrame:
    """Time order across the lives (earliest possible start; ties keep the order the lives were
    given, then each file's order: the joined table is already in that order); ``seq`` 0..n-1."""
    ordered = stops.sort_values(SORT_KEY, kind="mergesort").reset_index(drop=True)
    ordered.insert(0, "seq", range(len(ordered)))
    return ordered


def moves_by_person(stops: pd.DataFrame, *, paths: bool = True) -> pd.DataFrame:
    """Each life's moves (``derive_moves`` on its own stops, whose ``seq`` are the trip's),
    with ``person``, in order of arrival."""
    from ..moves.derive import derive_moves

    parts = []
    for pid in dict.fromkeys(stops[PERSON].tolist()):
        moves = derive_moves(stops[stops[PERSON] == pid], paths=paths)
        moves[PERSON] = pid
        parts.append(moves)
    if not parts:
        return derive_moves(stops, paths=paths).assign(**{PERSON: ""})
    moves = pd.concat(parts, ignore_index=True)
    return moves.sort_values(["to_seq", "from_seq"], kind="stable").reset_index(drop=True)


def persons_of(stops: pd.DataFrame | None) -> list[dict[str, str]]:
    """The persons of a stops table (``model.PERSON_COLUMNS`` as dicts), in the order given;
    [] for one life without a ``person`` column. From ``stops.attrs``, else from the column
    (a table read back from a file): names from the ids, colours in order of appearance."""
    if stops is None or PERSON not in stops.columns:
        return []
    known = stops.attrs.get("persons")
    present = list(dict.fromkeys(text(p) for p in stops[PERSON].tolist()))
    if known and all(isinstance(p, dict) for p in known):
        ids = {p.get("id") for p in known}
        if all(p in ids for p in present):
            return [{k: str(p.get(k, "")) for k in PERSON_COLUMNS} for p in known]
    return [{"id": p, "name": " ".join(w[:1].upper() + w[1:] for w in p.split("-")),
             "color": PALETTE[i % len(PALETTE)]} for i, p in enumerate(present)]


def single_person(table: Path, name: str | None = None) -> pd.DataFrame:
    """The persons table of one life (no ``person`` column in its stops)."""
    name = name or name_of(table)
    return pd.DataFrame({"id": [person_id(name)], "name": [name], "color": [PALETTE[0]]},
                        columns=list(PERSON_COLUMNS))


def title_of(names: Sequence[str]) -> str:
    """"Trotsky and Lenin", "Marx, Engels and Lenin": the default title of several lives."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def of_person(trip_stops: pd.DataFrame, trip_moves: pd.DataFrame, periods: pd.DataFrame,
              person: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """One life's stops, moves and periods out of a trip of several (its ``seq`` kept)."""
    if PERSON not in trip_stops.columns:
        return trip_stops, trip_moves, periods
    stops = trip_stops[trip_stops[PERSON] == person]
    moves = trip_moves[trip_moves[PERSON] == person] if PERSON in trip_moves.columns \
        else trip_moves
    if PERSON in periods.columns:
        periods = periods[periods[PERSON] == person]
    return stops, moves, periods
