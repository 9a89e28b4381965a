"""The two records of the resolver: a source's Candidate and the final Resolution."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

MATCHES = ("override", "exact", "alternate", "normalised", "fuzzy", "online", "none")


def in_use(valid_from: int | None, valid_to: int | None, year: int | None) -> bool | None:
    """Whether a name with these years of use (inclusive; None: open) was in use in ``year``;
    None when the year or the name's years are unknown."""
    if year is None or (valid_from is None and valid_to is None):
        return None
    lo = valid_from if valid_from is not None else -math.inf
    hi = valid_to if valid_to is not None else math.inf
    return lo <= year <= hi


@dataclass(slots=True)
class Candidate:
    """One place a source offers for a name, with what the ranking needs to judge it.

    ``tier`` says how the name met the place: exact (its main name), alternate (another of its
    names), normalised (only after transliteration/punctuation folding), fuzzy, online, override.
    ``primary`` is True when the met name is the place's main name (exactly or normalised);
    names met only through alternates are multilingual and uncurated, so they must win by more.
    ``area`` is "ne:XX" or WKT, for regions; ``score`` is filled by the ranking.
    """

    name: str
    country: str
    lat: float
    lon: float
    source: str
    tier: str
    ident: str
    primary: bool = True
    matched: str = ""
    population: int | None = None
    feature: str = ""
    area: str = ""
    valid_from: int | None = None
    valid_to: int | None = None
    admin1: str = ""
    fuzzy_score: float | None = None
    score: float = 0.0

    @property
    def dated(self) -> bool:
        """Whether the met name has years of use (a former or later name)."""
        return self.valid_from is not None or self.valid_to is not None

    def valid_at(self, year: int | None) -> bool | None:
        """Whether the met name was in use in ``year`` (None when nothing is known)."""
        return in_use(self.valid_from, self.valid_to, year)

    def as_alternative(self) -> dict[str, Any]:
        """The candidate as a runner-up in a Resolution's ``alternatives``."""
        return {"name": self.name, "country": self.country, "lat": round(self.lat, 5),
                "lon": round(self.lon, 5), "source": self.source, "score": round(self.score, 3)}

    def copy(self) -> Candidate:
        """A shallow copy (fields are plain values): ranking writes into candidates, so a
        cached list is ranked as copies. (Field by field: ``dataclasses.replace`` takes 10 µs,
        and a table's questions copy their candidates thousands of times.)"""
        return Candidate(self.name, self.country, self.lat, self.lon, self.source, self.tier,
                         self.ident, self.primary, self.matched, self.population,
                         self.feature, self.area, self.valid_from, self.valid_to,
                         self.admin1, self.fuzzy_score, self.score)


@dataclass(slots=True)
class Resolution:
    """The resolver's answer for one name, with its provenance.

    ``name``/``lat``/``lon`` are None when the name is unresolved or ambiguous; ``alternatives``
    then lists the candidates and ``suggestions`` says what a person could write instead.
    ``area_geojson`` is the GeoJSON geometry text for regions, else "" (see ``area``);
    ``feature`` is city, village, region, ... when the source says. Answers are shared between
    rows: change a copy (``dataclasses.replace``), never an answer given out.
    """

    query: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    source: str | None = None
    confidence: float = 0.0
    match: str = "none"
    score: float | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    area_geojson: str = ""
    ambiguous: bool = False
    error: str | None = None
    suggestions: list[str] = field(default_factory=list)
    feature: str = ""
    #: the query is a former (or other) name of the place: "Petrograd", now Saint Petersburg.
    #: False for the place's own name, a spelling of it ("Odessa"/"Odesa"), a fuller form
    #: ("New York"/"New York City") and an approximate match ("Stokholm"): see rank.renamed
    renamed: bool = False
    #: an approximate match the stop's context did not confirm (no country hint agreeing, no
    #: placed neighbour near it): not placed; resolve_table asks again with the neighbours
    unconfirmed: bool = False

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def area(self) -> Any:
        """The region's shapely geometry, built only when asked for (None for a point):
        resolving itself never imports shapely."""
        if not self.area_geojson:
            return None
        from .areas import geojson_geometry

        return geojson_geometry(self.area_geojson)

    @area.setter
    def area(self, geom: Any) -> None:
        from .areas import geometry_to_geojson

        self.area_geojson = geometry_to_geojson(geom) if geom is not None else ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the area as a GeoJSON geometry)."""
        data: dict[str, Any] = {
            "query": self.query, "name": self.name, "country": self.country,
            "lat": self.lat, "lon": self.lon, "source": self.source,
            "confidence": self.confidence, "match": self.match, "score": self.score,
            "alternatives": self.alternatives, "ambiguous": self.ambiguous,
            "renamed": self.renamed,
        }
        if self.area_geojson:
            import json

            data["area"] = json.loads(self.area_geojson)
        if self.error:
            data["error"] = self.error
            data["suggestions"] = self.suggestions
        return data
