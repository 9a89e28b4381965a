"""The two value types of the resolver: a gazetteer's Candidate and the final Resolution.

Plain classes with ``__slots__`` rather than dataclasses: a batch makes one Resolution per
distinct name (tens of thousands), and importing ``dataclasses`` (with ``typing`` and
``inspect``) would cost every command's start-up. Both compare field by field and print like
dataclasses, which is what the tests and callers rely on.
"""

from __future__ import annotations

import math

from ..values import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_LAZY_LISTS = frozenset({"alternatives", "suggestions"})
MATCHES = ("override", "exact", "alternate", "normalised", "fuzzy", "online", "none")


def label(name: str, country: str, admin1: str, lat: float, lon: float) -> str:
    """How a person tells namesakes apart: "Amherst (CA-07, 45.83, -64.20)"."""
    region = f"{country}-{admin1}" if admin1 else country
    return f"{name} ({region}, {lat:.2f}, {lon:.2f})"


def alternative(name: str, country: str, lat: float, lon: float, source: str,
                score: float) -> dict[str, Any]:
    """A runner-up as listed in a Resolution's ``alternatives``."""
    return {"name": name, "country": country, "lat": round(lat, 5), "lon": round(lon, 5),
            "source": source, "score": round(score, 3)}


class Candidate(Record):
    """One place a source offers for a name, with what the ranking needs to judge it.

    ``tier`` says how the name met the place: exact (its main name), alternate (another of its
    names), normalised (only after transliteration/punctuation folding), fuzzy, online, override.
    ``primary`` is True when the met name is the place's main name (exactly or normalised);
    names met only through alternates are multilingual and uncurated, so they must win by more.
    ``area`` is "ne:XX" or WKT, for regions; ``score`` is filled by the ranking.
    """

    __slots__ = ("name", "country", "lat", "lon", "source", "tier", "ident", "primary",
                 "matched", "population", "feature", "area", "valid_from", "valid_to",
                 "admin1", "fuzzy_score", "score")

    def __init__(self, name: str, country: str, lat: float, lon: float, source: str,
                 tier: str, ident: str, primary: bool = True, matched: str = "",
                 population: int | None = None, feature: str = "", area: str = "",
                 valid_from: int | None = None, valid_to: int | None = None,
                 admin1: str = "", fuzzy_score: float | None = None,
                 score: float = 0.0) -> None:
        self.name = name
        self.country = country
        self.lat = lat
        self.lon = lon
        self.source = source
        self.tier = tier
        self.ident = ident
        self.primary = primary
        self.matched = matched
        self.population = population
        self.feature = feature
        self.area = area
        self.valid_from = valid_from
        self.valid_to = valid_to
        self.admin1 = admin1
        self.fuzzy_score = fuzzy_score
        self.score = score

    def valid_at(self, year: int | None) -> bool | None:
        """Whether the met name was in use in ``year`` (None when nothing is known)."""
        if year is None or (self.valid_from is None and self.valid_to is None):
            return None
        lo = self.valid_from if self.valid_from is not None else -math.inf
        hi = self.valid_to if self.valid_to is not None else math.inf
        return lo <= year <= hi

    def label(self) -> str:
        """How a person tells namesakes apart: "Amherst (CA-07, 45.83, -64.20)"."""
        return label(self.name, self.country, self.admin1, self.lat, self.lon)

    def as_alternative(self) -> dict[str, Any]:
        return alternative(self.name, self.country, self.lat, self.lon, self.source,
                           self.score)

    def copy(self) -> Candidate:
        """A shallow copy (fields are plain values): ranking writes into candidates, so a
        cached list is ranked as copies."""
        return Candidate(self.name, self.country, self.lat, self.lon, self.source, self.tier,
                         self.ident, self.primary, self.matched, self.population,
                         self.feature, self.area, self.valid_from, self.valid_to,
                         self.admin1, self.fuzzy_score, self.score)


class Resolution(Record):
    """The resolver's answer for one name, with its provenance.

    ``name``/``lat``/``lon`` are None when the name is unresolved or ambiguous; ``alternatives``
    then lists the candidates and ``suggestions`` says what a person could write instead.
    ``area_geojson`` is the GeoJSON geometry text for regions, else "" (see ``area``);
    ``feature`` is city, village, region, ... when the source says.
    """

    __slots__ = ("query", "name", "country", "lat", "lon", "source", "confidence", "match",
                 "score", "alternatives", "area_geojson", "ambiguous", "error", "suggestions",
                 "feature")

    def __init__(self, query: str, name: str | None = None, country: str | None = None,
                 lat: float | None = None, lon: float | None = None,
                 source: str | None = None, confidence: float = 0.0, match: str = "none",
                 score: float | None = None, alternatives: list[dict[str, Any]] | None = None,
                 area_geojson: str = "", ambiguous: bool = False, error: str | None = None,
                 suggestions: list[str] | None = None, feature: str = "") -> None:
        self.query = query
        self.name = name
        self.country = country
        self.lat = lat
        self.lon = lon
        self.source = source
        self.confidence = confidence
        self.match = match
        self.score = score
        if alternatives is not None:  # else made on first use (see __getattr__)
            self.alternatives = alternatives
        self.area_geojson = area_geojson
        self.ambiguous = ambiguous
        self.error = error
        if suggestions is not None:
            self.suggestions = suggestions
        self.feature = feature

    if not TYPE_CHECKING:  # (hidden from mypy, which would then accept any attribute)
        def __getattr__(self, name: str) -> list:
            """An empty ``alternatives`` or ``suggestions`` list, made when first asked for:
            most answers have neither, and a batch of 50,000 names would otherwise make (and
            have the garbage collector walk) 100,000 empty lists."""
            if name in _LAZY_LISTS:
                value: list = []
                setattr(self, name, value)
                return value
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def replace(self, **changes: Any) -> Resolution:
        """A copy with some fields changed (what ``dataclasses.replace`` did): answers are
        shared between rows, so they are never changed in place once given out."""
        values = {f: getattr(self, f) for f in self.__slots__}
        values.update(changes)
        return Resolution(**values)

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
        }
        if self.area_geojson:
            import json

            data["area"] = json.loads(self.area_geojson)
        if self.error:
            data["error"] = self.error
            data["suggestions"] = self.suggestions
        return data
