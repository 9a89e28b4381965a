"""Source b: the project's curated historical gazetteer (data/gazetteer.csv).

One row per NAME; rows sharing a ``key`` are one place; the first row of a key is its
canonical modern name and carries the coordinates. ``from``/``to`` are the years a name was in
use, so "Petrograd" is known to mean Saint Petersburg in 1917 and to be an anachronism in 1850.
Read with the csv module (no pandas): a fresh process must answer quickly.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InputError, Problem
from .base import Candidate
from .normalise import fold, index_key, query_fold, query_keys

COLUMNS = ("key", "name", "from", "to", "country", "lat", "lon", "feature", "area",
           "coord_source")


def _problem(path: Path, message: str, row: int | None = None,
             column: str | None = None) -> Problem:
    return Problem(file=str(path), message=message, row=row, column=column)


class _Name:
    __slots__ = ("key", "name", "canonical", "valid_from", "valid_to")

    def __init__(self, key: str, name: str, canonical: bool, valid_from: int | None,
                 valid_to: int | None) -> None:
        self.key, self.name, self.canonical = key, name, canonical
        self.valid_from, self.valid_to = valid_from, valid_to


class _Place:
    __slots__ = ("key", "name", "country", "lat", "lon", "feature", "area")

    def __init__(self, key: str, name: str, country: str, lat: float, lon: float,
                 feature: str, area: str) -> None:
        self.key, self.name, self.country = key, name, country
        self.lat, self.lon, self.feature, self.area = lat, lon, feature, area


def _year(text: str) -> int | None:
    text = text.strip()
    return int(text[:4].lstrip("+")) if text[:4].lstrip("+-").isdigit() else None


class HistoricalGazetteer:
    """Curated names (with their years of use) of the places of the project's dataset."""

    source = "gazetteer"

    def __init__(self, path: str | Path | None = None) -> None:
        from ..paths import gazetteer_path

        self.path = Path(path) if path is not None else gazetteer_path()
        self.places: dict[str, _Place] = {}
        self._by_key: dict[str, list[_Name]] = {}
        self._fuzzy_names: dict[str, str] = {}
        if self.path.exists():
            self._read()

    def _read(self) -> None:
        problems: list[Problem] = []
        with open(self.path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in ("key", "name", "lat", "lon") if c not in header]
            if missing:
                raise InputError([_problem(self.path, "the gazetteer lacks column(s) "
                                                  + ", ".join(missing))])
            for lineno, row in enumerate(reader, start=2):
                key, name = (row.get("key") or "").strip(), (row.get("name") or "").strip()
                if not key or not name:
                    problems.append(_problem(self.path, "empty key or name", lineno))
                    continue
                canonical = key not in self.places
                if canonical:
                    try:
                        lat, lon = float(row["lat"]), float(row["lon"])
                    except (TypeError, ValueError):
                        problems.append(_problem(self.path, f"the first row of key {key!r} "
                                                 "needs numeric lat/lon", lineno, "lat"))
                        continue
                    self.places[key] = _Place(key, name, (row.get("country") or "").strip().upper(),
                                              lat, lon, (row.get("feature") or "").strip(),
                                              (row.get("area") or "").strip())
                entry = _Name(key, name, canonical, _year(row.get("from") or ""),
                              _year(row.get("to") or ""))
                self._by_key.setdefault(index_key(name), []).append(entry)
                self._fuzzy_names.setdefault(index_key(name), name)
        if problems:
            raise InputError(problems)

    def names(self) -> dict[str, str]:
        """Index key -> a name, for fuzzy suggestions."""
        return self._fuzzy_names

    def candidates(self, query: str, year: int | None = None) -> list[Candidate]:
        """Every place one of whose names meets ``query``, one candidate per place.

        When a place has several rows that meet the query, the best is kept: exact spelling
        over normalised, and a name in use at ``year`` over one that was not.
        """
        entries = [e for k in query_keys(query) for e in self._by_key.get(k, ())]
        if not entries:
            return []
        qfold = query_fold(query)
        best: dict[str, tuple[tuple[int, int, int], _Name]] = {}
        for entry in entries:
            exact = fold(entry.name) == qfold
            valid = _valid(entry, year)
            rank = (int(exact), int(valid is not False), int(entry.canonical))
            if entry.key not in best or rank > best[entry.key][0]:
                best[entry.key] = (rank, entry)
        out = []
        for key in sorted(best):
            rank, entry = best[key]
            exact = bool(rank[0])
            place = self.places[key]
            tier = ("exact" if entry.canonical else "alternate") if exact else "normalised"
            out.append(Candidate(
                name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                source=self.source, tier=tier, ident=f"gazetteer:{key}",
                primary=True, matched=entry.name, feature=place.feature,
                area=place.area, valid_from=entry.valid_from, valid_to=entry.valid_to,
            ))
        return out


def has_dated_names(gazetteer: HistoricalGazetteer, query: str) -> bool:
    """Whether any gazetteer name meeting ``query`` has years of use (so the answer for
    ``query`` may depend on the stop's date)."""
    return any(entry.valid_from is not None or entry.valid_to is not None
               for k in query_keys(query) for entry in gazetteer._by_key.get(k, ()))


def _valid(entry: _Name, year: int | None) -> bool | None:
    if year is None or (entry.valid_from is None and entry.valid_to is None):
        return None
    lo = entry.valid_from if entry.valid_from is not None else -10**9
    hi = entry.valid_to if entry.valid_to is not None else 10**9
    return lo <= year <= hi
