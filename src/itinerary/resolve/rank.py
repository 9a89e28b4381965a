"""Ranking: turn a name's candidates into one answer, or an honest "ambiguous".

Scores are in units of log10(population): a tenfold larger town scores 1 more. Other evidence
is expressed in the same unit, so the rules read as trade-offs:

* how the name met the place: its main name (0), after normalising (-0.3), an alternate name
  (-0.5: GeoNames alternates come in dozens of languages and are not curated), both (-0.8);
* the curated historical gazetteer outranks GeoNames outright (+10), the country hint filters
  (-20 for any other country), a gazetteer name not in use at the stop's date costs a factor 10;
* context (neighbouring stops, ``near``): -3 per tenfold distance — a place 10x nearer beats
  one 1000x larger, because an itinerary moves between nearby places far more often than not.

A winner must lead the runner-up (a different place, > 25 km away) by a factor 10 when its
main name matched, by a factor 100 when only an alternate name did; otherwise the answer is
ambiguous, never a confident guess.
"""

from __future__ import annotations

import math
from functools import cache
from math import asin, sin, sqrt

from .base import Candidate, Resolution, label

MARGIN_PRIMARY = 1.0
MARGIN_ALTERNATE = 2.0
SAME_PLACE_KM = 25.0
GAZETTEER_BONUS = 10.0
HINT_PENALTY = 20.0
INVALID_NAME_PENALTY = 1.0
DISTANCE_WEIGHT = 3.0
UNKNOWN_LOG_POP = 3.0
FUZZY_ACCEPT = 80.0      # similarity to accept a misspelling: 1 edit in 5+ letters, 2 in 10+
FUZZY_CLOSE = 5.0        # another name within this many points (same edit count) is too close
MAX_ALTERNATIVES = 8

# Two places further apart in latitude alone than this are more than SAME_PLACE_KM apart
# (an arc is at least its latitude span): skips most haversines in big candidate lists.
_SAME_PLACE_LAT = math.degrees(SAME_PLACE_KM / 6371.0088) * (1 + 1e-6)

_TIER = {"exact": 0.0, "normalised": -0.3, "alternate": -0.5, "online": 0.0, "override": 0.0,
         "fuzzy": -1.0}
_CONFIDENCE = {"exact": 0.95, "normalised": 0.85, "alternate": 0.85, "fuzzy": 0.6,
               "online": 0.7, "override": 1.0}
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}


class Context:
    """What is known about a stop besides its name."""

    __slots__ = ("country", "year", "near", "_near_trig")

    def __init__(self, country: str | None = None, year: int | None = None,
                 near: list[tuple[float, float]] | None = None) -> None:
        code = (country or "").strip().upper()
        self.country: str | None = _COUNTRY_ALIASES.get(code, code) or None
        self.year = year
        self.near: list[tuple[float, float]] = [] if near is None else near
        self._near_trig: list[tuple[float, float, float]] | None = None

    def __repr__(self) -> str:
        return f"Context(country={self.country!r}, year={self.year!r}, near={self.near!r})"

    def near_trig(self) -> list[tuple[float, float, float]]:
        """The ``near`` points' trigonometry, computed once for all candidates."""
        if self._near_trig is None:
            self._near_trig = [_trig(p[0], p[1]) for p in self.near]
        return self._near_trig


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine; ample for ranking, no geopy import needed)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


_Trig = tuple[float, float, float]  # latitude and longitude in radians, cos(latitude)


def _trig(lat: float, lon: float) -> _Trig:
    rlat = math.radians(lat)
    return rlat, math.radians(lon), math.cos(rlat)


def _distance(a: _Trig, b: _Trig) -> float:
    """``distance_km`` from precomputed trigonometry: the same arithmetic, the same result,
    without converting each point again for every pair it is part of."""
    h = sin((b[0] - a[0]) / 2) ** 2 + a[2] * b[2] * sin((b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * asin(sqrt(h) if h < 1.0 else 1.0)


def score(c: Candidate, ctx: Context) -> float:
    """A candidate's score in context (see the module docstring for the units)."""
    return _score(c, ctx.country, ctx.year, ctx.near_trig() if ctx.near else None,
                  _trig(c.lat, c.lon) if ctx.near else None)


def _score(c: Candidate, country: str | None, year: int | None, near: list[_Trig] | None,
           here: _Trig | None) -> float:
    pop = math.log10(c.population + 1) if c.population else UNKNOWN_LOG_POP
    tier = c.tier
    s = pop + _TIER.get(tier, 0.0)
    if tier == "normalised" and not c.primary:
        s -= 0.5
    if tier == "fuzzy" and c.fuzzy_score is not None:
        s -= (100.0 - c.fuzzy_score) / 10.0
    if c.source == "gazetteer":
        s += GAZETTEER_BONUS
    if country and c.country != country:
        s -= HINT_PENALTY
    if year is not None and (c.valid_from is not None or c.valid_to is not None) \
            and c.valid_at(year) is False:
        s -= INVALID_NAME_PENALTY
    if near and here is not None:
        rlat, rlon, cos_lat = here
        d = math.inf
        for plat, plon, cos_p in near:  # min of _distance(here, p), inlined: the hot loop
            h = sin((plat - rlat) / 2) ** 2 + cos_lat * cos_p * sin((plon - rlon) / 2) ** 2
            km = 2 * 6371.0088 * asin(sqrt(h) if h < 1.0 else 1.0)
            if km < d:
                d = km
        s -= DISTANCE_WEIGHT * math.log10(1.0 + d)
    return s


FOLD_BY_LATITUDE = 16  # from this many candidates on, look for twins among nearby latitudes only


def rank(cands: list[Candidate], ctx: Context) -> list[Candidate]:
    """Score, sort (ties by identifier, so output is deterministic) and fold duplicates.

    Two candidates within 25 km are one place (GeoNames lists "London" and "City of London";
    the gazetteer and GeoNames both know Kyiv): the better-ranked one stands for both.
    """
    country, year = ctx.country, ctx.year
    near = ctx.near_trig() if ctx.near else None
    if len(cands) < 2:  # nothing to sort or fold
        for c in cands:
            c.score = _score(c, country, year, near, _trig(c.lat, c.lon) if near else None)
        return list(cands)
    trig = [_trig(c.lat, c.lon) for c in cands]
    keyed = []
    for i, c in enumerate(cands):
        c.score = _score(c, country, year, near, trig[i])
        keyed.append((-c.score, c.ident, i))
    keyed.sort()  # by score, then identifier, then input order (as a stable sort would)
    order = [k[2] for k in keyed]
    return [cands[i] for i in (_fold_by_latitude(cands, order, trig)
                               if len(cands) >= FOLD_BY_LATITUDE
                               else _fold(cands, order, trig))]


def _fold(cands: list[Candidate], order: list[int], trig: list[_Trig]) -> list[int]:
    """Positions of the kept candidates: each the best-ranked place within 25 km."""
    kept: list[int] = []
    for i in order:
        c = cands[i]
        lat, here = c.lat, trig[i]
        for j in kept:
            k = cands[j]
            if abs(k.lat - lat) <= _SAME_PLACE_LAT and _distance(trig[j], here) <= SAME_PLACE_KM:
                if k.population is None and c.population:
                    k.population = c.population
                break
        else:
            kept.append(i)
    return kept


def _fold_by_latitude(cands: list[Candidate], order: list[int], trig: list[_Trig]
                      ) -> list[int]:
    """``_fold`` for long lists ("Santa Cruz": 130 places): the same first twin in rank
    order, searched only among kept places in the neighbouring latitude bands."""
    width = 2 * _SAME_PLACE_LAT  # a twin is at most half a band away: in this band or the next
    kept: list[int] = []
    bands: dict[int, list[int]] = {}  # band -> positions in kept, increasing
    for i in order:
        c = cands[i]
        lat, here = c.lat, trig[i]
        band = math.floor(lat / width)
        twin = None
        for b in (band - 1, band, band + 1):
            for pos in bands.get(b, ()):
                if twin is not None and pos > twin:
                    break
                j = kept[pos]
                if abs(cands[j].lat - lat) <= _SAME_PLACE_LAT \
                        and _distance(trig[j], here) <= SAME_PLACE_KM:
                    twin = pos
                    break
        if twin is None:
            bands.setdefault(band, []).append(len(kept))
            kept.append(i)
        elif (k := cands[kept[twin]]).population is None and c.population:
            k.population = c.population
    return kept


def decide(query: str, cands: list[Candidate], ctx: Context) -> Resolution:
    """The answer for ``query`` from its (already gathered) candidates."""
    ranked = rank(cands, ctx)
    if not ranked:
        return Resolution(query=query, error=f"no place named {query!r} was found")
    alternatives = [c.as_alternative() for c in ranked[:MAX_ALTERNATIVES]]
    if ctx.country and ranked[0].country != ctx.country:
        return _elsewhere(query, alternatives, _labels(ranked), ctx.country,
                          {c.country for c in ranked})
    best = ranked[0]
    rivals = [c for c in ranked[1:] if c.score > -math.inf]
    margin = best.score - rivals[0].score if rivals else math.inf
    need = MARGIN_PRIMARY if best.primary else MARGIN_ALTERNATE
    if margin < need:
        close = [c for c in ranked if best.score - c.score < need]
        return _ambiguous(query, alternatives, round(best.score, 3),
                          [c.label() for c in close[:MAX_ALTERNATIVES]])
    return _resolved(query, best, alternatives[1:], margin, ctx)


def _elsewhere(query: str, alternatives: list[dict], labels: list[str], country: str,
               found: set[str]) -> Resolution:
    return Resolution(
        query=query, alternatives=alternatives, suggestions=labels,
        error=f"no place named {query!r} in {country} (found in {', '.join(sorted(found))})")


def _ambiguous(query: str, alternatives: list[dict], score: float, each: list[str]
               ) -> Resolution:
    """``score``: the best score, rounded."""
    return Resolution(
        query=query, alternatives=alternatives, ambiguous=True, score=score,
        suggestions=list(dict.fromkeys(each)),
        error=(f"{query!r} is ambiguous: {' or '.join(dict.fromkeys(each[:3]))}; "
               "add a country code, a date or coordinates"))


def _confidence(tier: str, primary: bool, source: str, fuzzy_score: float | None,
                invalid: bool, margin: float) -> float:
    conf = _CONFIDENCE.get(tier, 0.5)
    if tier == "normalised" and not primary:
        conf -= 0.05
    if tier == "fuzzy" and fuzzy_score is not None:
        conf *= fuzzy_score / 100.0
    if source == "gazetteer":
        conf += 0.05
    if invalid:
        conf *= 0.85
    if margin != math.inf:
        conf *= min(1.0, 0.85 + 0.075 * margin)
    return round(min(1.0, conf), 3)


def _resolved(query: str, best: Candidate, alternatives: list[dict], margin: float,
              ctx: Context) -> Resolution:
    res = Resolution(
        query, best.name, best.country, best.lat, best.lon, best.source,
        _confidence(best.tier, best.primary, best.source, best.fuzzy_score,
                    best.valid_at(ctx.year) is False, margin),
        best.tier, round(best.score, 3), alternatives, "", False, None, None, best.feature)
    if best.area:
        from .areas import area_of

        area = area_of(best.area)
        res.area_geojson = area.geojson
        if not area.covers(best.lat, best.lon):  # the marker must sit inside
            res.lat, res.lon = area.point
    return res


# --- the batch path: GeoNames rows ranked as they are ---------------------------------------
# A row is what GeonamesIndex.matches_many gives per place met: ``(place, tier, primary)``,
# ``place`` as in the index's places table: (geonameid, name, country, admin1, lat, lon,
# population, population_term, population_term rounded to 3 places, lat and lon rounded to 5
# places or None when they are already).
Row = tuple[tuple, str, int]
# a place's tier by how its names met the query: 2 if one is spelt as the query + 1 if that is
# its main name (the ``met`` of geonames' lookups)
MET_TIERS = ("normalised", "normalised", "alternate", "exact")


def population_term(population: int | None) -> float:
    """The population's part of a score (``_score``'s first term)."""
    return math.log10(population + 1) if population else UNKNOWN_LOG_POP


def decide_rows(query: str, rows: list[Row], ctx: Context, source: str = "geonames"
                ) -> Resolution:
    """``decide(query, candidates of rows, ctx)`` without making the candidates.

    A batch of names mostly unknown to the historical gazetteer is GeoNames alone, and most
    names meet one place: one score and one Resolution, no Candidate objects. The same rules
    and the same arithmetic as ``rank``/``decide`` (tests compare both on thousands of
    names); only for lists shorter than ``FOLD_BY_LATITUDE`` and without ``near`` context.
    """
    if ctx.near or len(rows) >= FOLD_BY_LATITUDE:
        raise ValueError("decide_rows: no near context, fewer than FOLD_BY_LATITUDE rows")
    if not rows:
        return Resolution(query=query, error=f"no place named {query!r} was found")
    if len(rows) > 1:
        return _decide_many_rows(query, rows, ctx.country, source)
    place, tier, primary = rows[0]
    if ctx.country and place[2] != ctx.country:
        s = place[7] + _TIER[tier] - (0.5 if tier == "normalised" and not primary else 0.0)
        return _elsewhere(query, [_alternative(place, source, _round3(s - HINT_PENALTY))],
                          [label(place[1], place[2], place[3], place[4], place[5])],
                          ctx.country, {place[2]})
    return _alone(query, place, tier, primary, source)


def _alone(query: str, place: tuple, tier: str, primary: int, source: str) -> Resolution:
    """The answer when ``place`` is the only place met (in the hinted country, if any)."""
    s = place[7] + _TIER[tier]
    if tier == "normalised" and not primary:
        s -= 0.5
    return Resolution(query, place[1], place[2], place[4], place[5], source,
                      _sure(tier, primary, source), tier,
                      place[8] if s == place[7] else _round3(s),  # an exact match: precomputed
                      None, "", False, None, None, "")


@cache
def _sure(tier: str, primary: int, source: str) -> float:
    """The confidence of a place met alone (no runner-up, no date, no fuzzy score)."""
    return _confidence(tier, bool(primary), source, None, False, math.inf)


def _alternative(place: tuple, source: str, rounded: float) -> dict:
    """``alternative()`` with the place's precomputed rounded coordinates."""
    lat5, lon5 = place[9], place[10]
    return {"name": place[1], "country": place[2],
            "lat": place[4] if lat5 is None else lat5, "lon": place[5] if lon5 is None else lon5,
            "source": source, "score": rounded}


def _round3(x: float) -> float:
    """``round(x, 3)``, exactly, in a third of the time (it rounds through a decimal string).

    For |1000x| < 1e9 the product is off by < 1e-7, so unless it lies within 1e-6 of a half
    (then, and for 0, which must keep its sign, Python decides) its nearest integer n is that
    of the exact value, and n / 1000 (one correctly rounded division) is the double nearest the
    decimal n/1000: what ``round`` returns.
    """
    y = x * 1000.0
    if -1e9 < y < 1e9:
        n = round(y)
        if n and -0.499999 < y - n < 0.499999:
            return n / 1000
    return round(x, 3)


def _by_score(row: tuple) -> float:
    return row[0]


def _decide_many_rows(query: str, rows: list[Row], country: str | None, source: str
                      ) -> Resolution:
    scored = []
    for place, tier, primary in rows:
        s = place[7] + _TIER[tier]
        if tier == "normalised" and not primary:
            s -= 0.5
        if country and place[2] != country:
            s -= HINT_PENALTY
        scored.append((s, place, tier, primary))
    if len(scored) == 2:  # the usual list: two namesakes
        a, b = scored
        if a[0] < b[0] or a[0] == b[0] and f"{source}:{a[1][0]}" > f"{source}:{b[1][0]}":
            scored.reverse()
    else:
        scored.sort(key=_by_score, reverse=True)
        for i in range(1, len(scored)):
            if scored[i][0] == scored[i - 1][0]:  # a tie: by identifier, as rank does
                scored.sort(key=lambda r: (-r[0], f"{source}:{r[1][0]}"))
                break
    # fold twins (rank's _fold: the best-ranked place within 25 km stands for both)
    ranked: list[tuple[float, tuple, str, int]] = []
    trig: list[_Trig | None] = []
    for row in scored:
        place = row[1]
        lat = place[4]
        here = None
        for j, kept in enumerate(ranked):
            if abs(kept[1][4] - lat) <= _SAME_PLACE_LAT:
                if here is None:
                    here = _trig(lat, place[5])
                there = trig[j]
                if there is None:
                    there = trig[j] = _trig(kept[1][4], kept[1][5])
                if _distance(there, here) <= SAME_PLACE_KM:
                    break
        else:
            ranked.append(row)
            trig.append(here)
    alternatives = [_alternative(p, source, p[8] if s == p[7] else _round3(s))
                    for s, p, _, _ in ranked[:MAX_ALTERNATIVES]]
    best_s, best, tier, primary = ranked[0]
    if country and best[2] != country:
        return _elsewhere(query, alternatives,
                          list(dict.fromkeys(label(p[1], p[2], p[3], p[4], p[5])
                                             for _, p, _, _ in ranked[:MAX_ALTERNATIVES])),
                          country, {p[2] for _, p, _, _ in ranked})
    margin = best_s - ranked[1][0] if len(ranked) > 1 else math.inf
    need = MARGIN_PRIMARY if primary else MARGIN_ALTERNATE
    if margin < need:
        return _ambiguous(query, alternatives, alternatives[0]["score"],
                          [label(p[1], p[2], p[3], p[4], p[5])
                           for s, p, _, _ in ranked[:MAX_ALTERNATIVES] if best_s - s < need])
    return Resolution(
        query, best[1], best[2], best[4], best[5], source,
        _confidence(tier, bool(primary), source, None, False, margin), tier,
        alternatives[0]["score"], alternatives[1:], "", False, None, None, "")


def _labels(cands: list[Candidate]) -> list[str]:
    return list(dict.fromkeys(c.label() for c in cands[:MAX_ALTERNATIVES]))


# --- ready answers: a spelling's answer kept beside the index -------------------------------
# Without context (no ``near``, no gazetteer entry, a country hint that every place met
# agrees with), a name's answer depends on its spelling (``fold``) alone: its keys and the way
# its folded form meets each place are functions of it. So the answer of every spelling can
# be made once (by ``decide_rows``, or ``decide`` for long lists) and kept as a tuple:
#   one place:   (key, country, name, lat, lon, confidence, match, score)
#   more places: (key, countries, name, country, lat, lon, confidence, match, score,
#                 alternatives as (name, country, lat, lon, score), ambiguous,
#                 the error after the query's repr or None, suggestions)
# ``key`` is None when it equals the spelling (plain one-word names).


def spelling_record(spelling: str, key: str, countries: set[str], res: Resolution
                    ) -> tuple | None:
    """The ready answer ``res`` for ``spelling`` among places in ``countries`` (None: leave
    it to the ranking)."""
    stored = None if key == spelling else key
    if len(countries) == 1 and res.placed and not res.alternatives:  # (one place, most often)
        return (stored, res.country, res.name, res.lat, res.lon, res.confidence, res.match,
                res.score)
    rest = None
    if res.error is not None:
        head = repr(spelling)
        if not res.error.startswith(head):
            return None
        rest = res.error[len(head):]
    return (stored, tuple(sorted(countries)), res.name, res.country, res.lat, res.lon,
            res.confidence, res.match, res.score,
            tuple((a["name"], a["country"], a["lat"], a["lon"], a["score"])
                  for a in res.alternatives),
            res.ambiguous, rest, tuple(res.suggestions))


def spelling_answer(query: str, record: tuple, country: str | None) -> Resolution | None:
    """The Resolution a ``spelling_record`` stands for (None: the hint disagrees with a place,
    so the ranking must decide)."""
    if len(record) == 8:  # one place
        if country and record[1] != country:
            return None
        return Resolution(query, record[2], record[1], record[3], record[4], "geonames",
                          record[5], record[6], record[7], None, "", False, None, None, "")
    (_, countries, name, cc, lat, lon, confidence, match, score, alternatives, ambiguous,
     rest, suggestions) = record
    if country and (len(countries) > 1 or countries[0] != country):
        return None
    return Resolution(
        query, name, cc, lat, lon, None if name is None else "geonames", confidence, match,
        score, [{"name": a[0], "country": a[1], "lat": a[2], "lon": a[3], "source": "geonames",
                 "score": a[4]} for a in alternatives],
        "", ambiguous, None if rest is None else repr(query) + rest, list(suggestions), "")
