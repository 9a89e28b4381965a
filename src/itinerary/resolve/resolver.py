"""The chain of sources and the two-step answer: offline gazetteers, then (if asked) online.

Order: (a) the row's own coordinates, (b) the curated historical gazetteer, (c) GeoNames,
(d) an online geocoder through geopy. The override (a) is used only when (b)-(d) cannot find
the place confidently — a confident gazetteer answer wins and the override is kept as an
alternative; otherwise the override wins with source "override". Fuzzy matching runs only when
no source knows the name in any spelling.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..gcpause import paused_gc
from .base import Candidate, Resolution
from .geonames import FirstRunIndex, GeonamesIndex, open_index
from .historical import HistoricalGazetteer
from .normalise import key, similar_keys
from .rank import (
    FUZZY_ACCEPT,
    FUZZY_CLOSE,
    FUZZY_SEARCH_LIMIT,
    MAX_ALTERNATIVES,
    Context,
    alternative,
    confirmed,
    decide,
    label,
    rank,
)

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
CONFIDENT = ("exact", "alternate", "normalised")


def year_of(date: str | _dt.date | None) -> int | None:
    """The year of an ISO/EDTF date string or a date (None when there is none)."""
    if date is None:
        return None
    if isinstance(date, _dt.date):
        return date.year
    m = _YEAR.search(str(date))
    return int(m.group(1)) if m else None


class Resolver:
    """Resolves names through the chain; reuse one instance for many names."""

    def __init__(self, gazetteer: HistoricalGazetteer | str | Path | None = None,
                 geonames: GeonamesIndex | FirstRunIndex | None = None, answers: Any = None
                 ) -> None:
        """``gazetteer``: a CSV path (default data/gazetteer.csv); ``answers``: the
        online answer cache (default: in the user cache dir)."""
        self.gazetteer = (gazetteer if isinstance(gazetteer, HistoricalGazetteer)
                          else HistoricalGazetteer(gazetteer))
        self._geonames = geonames
        self._answers = answers
        self._online: dict[str, Any] = {}
        self._resembles: dict[str, dict[str, float]] = {}  # (see _resembled)

    @property
    def geonames(self) -> GeonamesIndex | FirstRunIndex:
        """The GeoNames index; before it is built, a first run's scan (geonames.open_index)."""
        if self._geonames is None:
            self._geonames = open_index()
        return self._geonames

    # --- candidates -------------------------------------------------------------------
    def candidates(self, name: str, year: int | None = None) -> list[Candidate]:
        """Offline candidates from the gazetteer and GeoNames, any spelling but fuzzy."""
        return self.gazetteer.candidates(name, year) + self.geonames.candidates(name, year)

    def knows(self, name: str) -> bool:
        """Whether ``candidates(name)`` would find anything (without building them all)."""
        return bool(self.gazetteer.candidates(name)) or self.geonames.knows(name)

    def fuzzy_candidates(self, name: str, country: str | None = None) -> list[Candidate]:
        """Places whose names look like ``name``: edit similarity (0-100) on the loose key.

        Optimal-string-alignment distance counts a swap of two letters as one edit, so
        "Lodnon" is as close to "London" as to "Lodno" — a tie, hence no guess.
        """
        hits = self._resembled(name)
        out: list[Candidate] = []
        if not hits:
            return out
        geo = self.geonames.lookup_many(hits)
        for k, sc in hits.items():
            for c in self.gazetteer.candidates(k) + geo.get(k, []):
                if country and c.country != country:
                    continue
                c.tier, c.fuzzy_score, c.matched = "fuzzy", float(sc), k
                out.append(c)
        return out

    def _resembled(self, name: str) -> dict[str, float]:
        """The lookup keys most like ``name``'s, with their similarity (0-100): the
        gazetteer's and GeoNames' (which answers from its own pool: a first run's scan has
        no index to ask). Remembered: a table asks again with the neighbours."""
        qkey = key(name)
        if len(qkey) < 3:
            return {}
        if (hits := self._resembles.get(qkey)) is not None:
            return hits
        similar = getattr(self.geonames, "similar", None) or (
            lambda q, limit: similar_keys(q, self.geonames.fuzzy_keys(), limit))
        hits = {}
        for k, sim in [*similar_keys(qkey, list(self.gazetteer.names()), FUZZY_SEARCH_LIMIT),
                       *similar(qkey, FUZZY_SEARCH_LIMIT)]:
            hits[k] = max(round(100.0 * sim, 1), hits.get(k, 0.0))
        self._resembles[qkey] = hits
        return hits

    def prefetch(self, names: Iterable[str]) -> None:
        """Look ``names`` up together before they are resolved one by one: GeoNames' batched
        probes (on a first run, one scan of its data file), then, in one go too, the names
        that the misspelt ones (those no source knows in any spelling) resemble."""
        prefetch = getattr(self.geonames, "prefetch", None)
        if not prefetch:
            return
        todo = list(dict.fromkeys(n for n in names if n))
        prefetch(todo)
        resembled = {k: None for n in todo if not self.knows(n) for k in self._resembled(n)}
        if resembled:
            prefetch(resembled)

    # --- answers ----------------------------------------------------------------------
    def resolve(self, name: str, *, country: str | None = None,
                date: str | _dt.date | None = None,
                near: tuple[float, float] | list[tuple[float, float]] | None = None,
                online: bool | str = False,
                override: tuple[float, float] | None = None) -> Resolution:
        query = str(name).strip()
        points = [near] if isinstance(near, tuple) else list(near or [])
        if override is not None:
            points = [*points, override]
        ctx = Context(country=country, year=year_of(date), near=points)
        if not query:
            res = Resolution(query=query, error="empty place name")
        else:
            res = decide(query, self.candidates(query, ctx.year), ctx)
            if not res.placed and not res.ambiguous and not res.alternatives:
                res = self._fuzzy(query, ctx) or res
        if online and res.match not in CONFIDENT:
            res = self._ask_online(res, ctx, online)
        if override is not None:
            res = apply_override(res, override)
        return res

    @paused_gc()
    def resolve_many(self, names: Iterable[str], countries: Iterable[str | None] | None = None,
                     *, date: str | _dt.date | None = None) -> list[Resolution]:
        """``[resolve(n, country=c, date=date) for n, c in zip(names, countries)]``, with the
        names looked up together first and each distinct (name, country) answered once
        (repeats share one Resolution: treat answers as read-only)."""
        queries = [str(n).strip() for n in names]
        hints = [None] * len(queries) if countries is None else [c or None for c in countries]
        if len(hints) != len(queries):
            raise ValueError("one country (or None) per name")
        self.prefetch(queries)
        answers: dict[tuple[str, str | None], Resolution] = {}
        out = []
        for question in zip(queries, hints, strict=True):
            res = answers.get(question)
            if res is None:
                res = answers[question] = self.resolve(question[0], country=question[1],
                                                       date=date)
            out.append(res)
        return out

    def _fuzzy(self, query: str, ctx: Context) -> Resolution | None:
        """A misspelling is accepted only when clearly closer to one name than to any other.

        Places sharing the best-matching name are then ranked as usual (Vienna, Austria
        beats Vienna, Virginia); another name within 5 points is a close second, so the
        answer is a list of suggestions, not a guess. The one close place must then be
        confirmed by the stop's context (``rank.confirmed``: the country hint, a placed
        neighbour within ``FUZZY_NEAR_KM``); if not, it is the first suggestion, marked
        ``unconfirmed`` so that resolve_table asks again once the neighbours are placed.
        """
        cands = self.fuzzy_candidates(query, ctx.country)
        if not cands:
            return None
        ranked = rank(cands, ctx)
        top = max(c.fuzzy_score or 0.0 for c in ranked)
        best_key = min(c.matched for c in cands if c.fuzzy_score == top)
        best_group = [c for c in cands if c.matched == best_key]
        close = [c for c in ranked
                 if c.matched != best_key and (c.fuzzy_score or 0.0) >= top - FUZZY_CLOSE]
        by_closeness = sorted(ranked, key=lambda c: (-(c.fuzzy_score or 0.0), -c.score, c.ident))
        labels = list(dict.fromkeys(label(c) for c in by_closeness))[:MAX_ALTERNATIVES]
        unconfirmed = False
        if top >= FUZZY_ACCEPT and not close:
            res = decide(query, best_group, ctx)
            if res.placed and confirmed(res, ctx):
                res.alternatives = [alternative(c) for c in by_closeness
                                    if (c.lat, c.lon) != (res.lat, res.lon)][:MAX_ALTERNATIVES]
                return res
            if res.placed:  # one close candidate, but nothing in the stop's context agrees
                unconfirmed = True
                first = [c for c in by_closeness if (c.lat, c.lon) == (res.lat, res.lon)][:1]
                by_closeness = first + [c for c in by_closeness if c not in first]
                labels = list(dict.fromkeys(label(c) for c in by_closeness))[:MAX_ALTERNATIVES]
        return Resolution(
            query=query,
            alternatives=[alternative(c) for c in by_closeness[:MAX_ALTERNATIVES]],
            suggestions=labels, ambiguous=bool(close) and top >= FUZZY_ACCEPT,
            unconfirmed=unconfirmed,
            error=f"no place named {query!r}; did you mean {' or '.join(labels[:3])}?")

    def _ask_online(self, res: Resolution, ctx: Context, service: bool | str) -> Resolution:
        from .online import OnlineSource

        name = "nominatim" if service is True else str(service).lower()
        if name not in self._online:
            self._online[name] = OnlineSource(name, cache=self._answers)
        source = self._online[name]
        cands = source.candidates(res.query, country=ctx.country)
        if not cands:
            return res
        answer = decide(res.query, cands[:1], ctx)
        if not answer.placed:
            return res
        answer.alternatives = [*answer.alternatives, *res.alternatives][:MAX_ALTERNATIVES]
        return answer


def apply_override(res: Resolution, override: tuple[float, float]) -> Resolution:
    """The row's coordinates win only when the gazetteers found nothing confidently.

    Returns a new Resolution: answers are shared between rows, so ``res`` is left as it was.
    """
    entry = {"name": res.query, "country": "", "lat": float(override[0]),
             "lon": float(override[1]), "source": "override", "score": None}
    if res.placed and res.match in (*CONFIDENT, "online"):
        return replace(res, alternatives=[entry, *res.alternatives])
    others = ([{"name": res.name, "country": res.country, "lat": res.lat, "lon": res.lon,
                "source": res.source, "score": res.score}] if res.placed else [])
    return Resolution(query=res.query, name=res.query, country=None, lat=float(override[0]),
                      lon=float(override[1]), source="override", confidence=1.0,
                      match="override",
                      alternatives=[*others, *res.alternatives][:MAX_ALTERNATIVES])


_DEFAULT: dict[tuple[str, str], Resolver] = {}


def default_resolver(gazetteer: str | Path | None = None) -> Resolver:
    """One shared resolver per (gazetteer, cache dir): the index stays open between calls."""
    from ..paths import cache_dir, gazetteer_path

    ident = (str(gazetteer or gazetteer_path()), str(cache_dir()))
    if ident not in _DEFAULT:
        _DEFAULT[ident] = Resolver(gazetteer)
    return _DEFAULT[ident]


def resolve_name(name: str, *, country: str | None = None,
                 date: str | _dt.date | None = None,
                 near: tuple[float, float] | None = None,
                 online: bool | str = False) -> Resolution:
    """Resolve one place name (see the package docstring for the rules)."""
    return default_resolver().resolve(name, country=country, date=date, near=near,
                                      online=online)
