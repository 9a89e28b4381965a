"""Ranking: turn a name's candidates into one answer, or an honest "ambiguous".

Scores are in units of log10(population): a tenfold larger town scores 1 more. Other evidence
is expressed in the same unit, so the rules read as trade-offs:

* how the name met the place (``tier_term``): its main name (0), after normalising (-0.3), an
  alternate name (-0.5: GeoNames alternates come in dozens of languages and are not curated),
  both (-0.8), a misspelling (-1, and -1 per 10 points of similarity below 100);
* the curated historical gazetteer outranks GeoNames outright (+10) — but a name with years of
  use earns that only at a date inside them ("York" is Toronto in 1820, not in 1950 nor
  undated), and a name it marks as shared with a better-known place (Berlin, Ontario) never
  (it ranks as an alternate name: the namesake wins unless the context says otherwise); the
  country hint filters (-20 for any other country); a name not in use at the
  stop's date is never the answer (``out_of_years``: "Bytown" in 1900 is not placed, and says
  when it was Ottawa's name) but stays a rival at a thousandth of its weight (-3), so that a
  namesake does not win in its place;
* context (neighbouring stops, ``near``): -3 per tenfold distance — a place 10x nearer beats
  one 1000x larger, because an itinerary moves between nearby places far more often than not;
* a national capital by its own name counts as ten times its size (``CAPITAL_BONUS``);
* a place of unknown size counts as a village of 1,000, a region as a million people
  (``REGION_LOG_POP``: Natal in 1900 is the colony or the Brazilian city, not the city alone);
  a region's name with years of use competes with an undated namesake of the gazetteer when
  the stop has no date (``score``'s ``curated_rival``: "Galicia" alone is Spain's or Austria's).

A name met only as another name of a place at a neighbour's own place ("Passy", Paris's 16th
arrondissement, right after Paris) must also win without that neighbour: a table hardly names
one place twice in a row, and Passy, Haute-Savoie is as likely.

A winner must lead the runner-up (a different place, > 25 km away) by a factor 10 when its
main name matched, by a factor 100 when only an alternate name did; otherwise the answer is
ambiguous, never a confident guess. Distances are great-circle arcs (``moves.geodesy.arc_km``).

A misspelling (fuzzy match) must moreover be confirmed by the stop's context (``confirmed``):
a placed neighbour within ``FUZZY_NEAR_KM``, and the country hint when there is one; a hint
alone is not enough. Otherwise
it stays a suggestion: "Brittany" is never silently Britton, South Dakota.

``renamed`` says whether the table's name is another name of the place (a former name from
the gazetteer's dated names, or an alternate name), so that the page may write "Petrograd, now
Saint Petersburg" — but never for a spelling fix or a fuller form of the same name.
"""

from __future__ import annotations

import math

from ..moves.geodesy import arc_km
from .base import Candidate, Resolution
from .suggest import FIX_DATE, describe, settle

MARGIN_PRIMARY = 1.0
MARGIN_ALTERNATE = 2.0
SAME_PLACE_KM = 25.0
GAZETTEER_BONUS = 10.0
HINT_PENALTY = 20.0
INVALID_NAME_PENALTY = 3.0
FUZZY_NEAR_KM = 150.0    # a misspelling is confirmed by a placed neighbour this close
SPELLING_SIMILARITY = 0.8  # names this alike (OSA, 0-1) are spellings of one name
DISTANCE_WEIGHT = 3.0
UNKNOWN_LOG_POP = 3.0    # a place of unknown size counts as a village of 1,000
# A region (an area) of unknown size counts as a million people: it holds many towns, so a
# town's name does not outweigh it (Natal in 1900: the colony, or the Brazilian city of 900,000?
# Either; the date or the neighbours must say), yet a region's mere alternate name does not
# outweigh a city of millions either.
REGION_LOG_POP = 6.0
# A national capital met by its own name counts as ten times its size: a bare "Rome" or
# "Athens" is the capital an author means, not Rome, Georgia (GeoNames counts Athens's
# municipality, 664,000, against Athens, Georgia's 127,000). Today's capitals (GeoNames).
CAPITAL_BONUS = 1.0
FUZZY_ACCEPT = 80.0      # similarity to accept a misspelling: 1 edit in 5+ letters, 2 in 10+
FUZZY_SEARCH_CUTOFF = 0.6  # a name this alike (0-1) to a misspelling is worth suggesting
FUZZY_SEARCH_LIMIT = 12    # so many of the most alike names of each source are considered
FUZZY_CLOSE = 5.0        # another name within this many points (same edit count) is too close
FUZZY_POINTS_PER_UNIT = 10.0  # a misspelling's score: -1 per this many points below 100
MAX_ALTERNATIVES = 8
# A village (fewer people than this, or of unknown size) that is a name's only answer, and
# lies farther than FAR_KM from every placed stop around it, is likely a namesake of a place
# the offline data lacks ("Borge" of Amundsen's Norway found only as a Spanish village of 947,
# 2,500 km from Christiania): it is suggested, not placed (``far_village``).
VILLAGE_POPULATION = 2_000
FAR_KM = 1_000.0

#: How the name met the place, in score units (see ``tier_term``).
TIER_TERMS = {"exact": 0.0, "normalised": -0.3, "alternate": -0.5, "online": 0.0,
              "override": 0.0, "fuzzy": -1.0}
_CONFIDENCE = {"exact": 0.95, "normalised": 0.85, "alternate": 0.85, "fuzzy": 0.6,
               "online": 0.7, "override": 1.0}
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}

# A degree of latitude on the mean sphere (111.195 km), rounded down. No arc between two
# latitudes is shorter than the meridian arc between them, so points further apart in latitude
# than KM / KM_PER_DEGREE_LAT are surely more than KM apart: their distance need not be computed.
KM_PER_DEGREE_LAT = 110.5




class Context:
    """What is known about a stop besides its name."""

    __slots__ = ("country", "year", "near")

    def __init__(self, country: str | None = None, year: int | None = None,
                 near: list[tuple[float, float]] | None = None) -> None:
        code = (country or "").strip().upper()
        self.country: str | None = _COUNTRY_ALIASES.get(code, code) or None
        self.year = year
        self.near: list[tuple[float, float]] = [] if near is None else near

    def __repr__(self) -> str:
        return f"Context(country={self.country!r}, year={self.year!r}, near={self.near!r})"


def tier_term(tier: str, primary: bool, fuzzy_score: float | None = None) -> float:
    """How the name met the place, in score units: ``TIER_TERMS[tier]``; a normalised match
    through an alternate name pays the alternate's term too; a misspelling pays for each point
    of similarity it lacks."""
    term = TIER_TERMS.get(tier, 0.0)
    if tier == "normalised" and not primary:
        term += TIER_TERMS["alternate"]
    if tier == "fuzzy" and fuzzy_score is not None:
        term -= (100.0 - fuzzy_score) / FUZZY_POINTS_PER_UNIT
    return term


def nearest_km(point: tuple[float, float], near: list[tuple[float, float]]) -> float:
    """The distance from ``point`` to the nearest of ``near`` (inf when there is none)."""
    best = math.inf
    for p in near:
        if abs(p[0] - point[0]) * KM_PER_DEGREE_LAT < best:  # else surely no nearer
            best = min(best, arc_km(point, p))
    return best


def score(c: Candidate, ctx: Context, curated_rival: bool = False) -> float:
    """A candidate's score in context (see the module docstring for the units).

    ``curated_rival``: ``c`` is a region's name with years of use, and an undated name of the
    gazetteer meets the query too. A region's name outlives its state in historians' use, so a
    stop without a date cannot rule it out: it competes with the undated one on equal terms
    ("Galicia": Spain's, or the Austrian crown land of 1772-1918?), and only the date, a hint
    or the neighbours can choose. (A town's former name does not: undated "York" is England's,
    not Toronto's of 1793-1834.)
    """
    if c.population:
        s = math.log10(c.population + 1)
    else:
        s = REGION_LOG_POP if is_region(c) else UNKNOWN_LOG_POP
    s += tier_term(c.tier, c.primary, c.fuzzy_score)
    if c.feature == "capital" and c.primary:
        s += CAPITAL_BONUS
    valid = c.valid_at(ctx.year)
    if c.source == "gazetteer" and c.primary and (
            valid or (valid is None and (not c.dated or curated_rival))):
        s += GAZETTEER_BONUS
    if ctx.country and c.country != ctx.country:
        s -= HINT_PENALTY
    if valid is False:
        s -= INVALID_NAME_PENALTY
    if ctx.near:
        s -= DISTANCE_WEIGHT * math.log10(1.0 + nearest_km((c.lat, c.lon), ctx.near))
    return s


def is_region(c: Candidate) -> bool:
    """Whether ``c`` is an area (a region, a country) rather than a town."""
    return bool(c.area) or c.feature == "region"


def rank(cands: list[Candidate], ctx: Context) -> list[Candidate]:
    """Score, sort (ties by identifier, so output is deterministic) and fold duplicates.

    Two candidates within 25 km are one place (GeoNames lists "London" and "City of London";
    the gazetteer and GeoNames both know Kyiv): the better-ranked one stands for both, and
    takes the other's population when it knows none.
    """
    curated = any(c.source == "gazetteer" and c.primary and not c.dated for c in cands)
    for c in cands:
        c.score = score(c, ctx, curated and c.dated and is_region(c))
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.score, c.ident)):  # (stable: then input order)
        twin = next((k for k in kept if abs(k.lat - c.lat) * KM_PER_DEGREE_LAT <= SAME_PLACE_KM
                     and arc_km((k.lat, k.lon), (c.lat, c.lon)) <= SAME_PLACE_KM), None)
        if twin is None:
            kept.append(c)
        elif twin.population is None and c.population:
            twin.population = c.population
    return kept


def decide(query: str, cands: list[Candidate], ctx: Context) -> Resolution:
    """The answer for ``query`` from its (already gathered) candidates."""
    stale = out_of_years(cands, ctx.year)
    dated = [c for c in cands if c.valid_at(ctx.year) is False]
    ranked = rank(cands, ctx)
    if not ranked:
        return Resolution(query=query, error=f"no place named {query!r} was found")
    alternatives = [alternative(c) for c in ranked[:MAX_ALTERNATIVES]]
    best = ranked[0]
    if best.ident in stale:
        for alt, c in zip(alternatives, ranked, strict=False):
            used = next((d for d in dated if arc_km((c.lat, c.lon), (d.lat, d.lon))
                         <= SAME_PLACE_KM), None) if c.ident in stale else None
            if used is not None:
                alt["called"] = f"{used.matched or query} {_years(used)}"
        return Resolution(query=query, alternatives=alternatives, suggestions=_labels(ranked),
                          error=_out_of_years(query, dated, ctx.year))
    if ctx.country and best.country != ctx.country:
        found = ", ".join(sorted({c.country for c in ranked}))
        return Resolution(
            query=query, alternatives=alternatives, suggestions=_labels(ranked),
            error=f"no place named {query!r} in {ctx.country} (found in {found})")
    margin = best.score - ranked[1].score if len(ranked) > 1 else math.inf
    need = MARGIN_PRIMARY if best.primary else MARGIN_ALTERNATE
    close_to = ranked
    if margin >= need and not best.primary and ctx.near and len(ranked) > 1:
        # Met only by another name, at a neighbour's own place ("Passy", Paris's 16th
        # arrondissement, right after Paris): a table hardly names one place twice in a row,
        # so that neighbour is no evidence for it; it must win without it (Passy, Haute-Savoie,
        # where Marie Curie died, is as likely).
        away = [p for p in ctx.near if arc_km((best.lat, best.lon), p) > SAME_PLACE_KM]
        if len(away) < len(ctx.near):
            alone = rank([c.copy() for c in cands], Context(ctx.country, ctx.year, away))
            if (alone[0].ident != best.ident
                    or (len(alone) > 1 and alone[0].score - alone[1].score < need)):
                margin, close_to = 0.0, alone
                best = alone[0]
    if margin < need:
        tied = [c for c in close_to if best.score - c.score < need]
        close = _labels(tied)
        way_out = settle(bool(ctx.country), ctx.year is not None,
                         len({c.country for c in tied}) > 1)
        return Resolution(
            query=query, alternatives=alternatives, ambiguous=True, score=round(best.score, 3),
            suggestions=close, error=f"{query!r} is ambiguous: {' or '.join(close[:3])}; {way_out}")
    return _resolved(query, best, alternatives[1:], margin, ctx)


def out_of_years(cands: list[Candidate], year: int | None) -> set[str]:
    """The candidates (identifiers) whose met name was not in use at the stop's date: the
    gazetteer's dated names outside their years ("Bytown" in 1900, "Leningrad" in 1900), and
    another source's place met by an alternate name at such a place (GeoNames lists
    "Leningrad" among Saint Petersburg's names, undated: the gazetteer knows its years).

    Such a place may not be the answer, but it stays a rival: "Kristiania" in 1930 is not
    Oslo, nor therefore the Copenhagen quarter of that name. A place's own name is never stale
    (the gazetteer gives main names no years: "Oslo" in 1900 is understood)."""
    dated = [c for c in cands if c.valid_at(year) is False]
    if not dated:
        return set()
    return {c.ident for c in cands if c.valid_at(year) is False or (not c.primary and any(
        arc_km((c.lat, c.lon), (d.lat, d.lon)) <= SAME_PLACE_KM for d in dated))}


def _out_of_years(query: str, stale: list[Candidate], year: int | None) -> str:
    """Why a name that was only in use at other dates is not placed, and what to do."""
    used = "; ".join(dict.fromkeys(
        f"{c.name}'s name {_years(c)}" for c in stale[:SUGGESTIONS_NAMED]))
    return f"{query!r} was not in use in {year} ({used}): {FIX_DATE}"


SUGGESTIONS_NAMED = 3  # places named in an out-of-years message


def _years(c: Candidate) -> str:
    if c.valid_from is None:
        return f"until {c.valid_to}"
    if c.valid_to is None:
        return f"from {c.valid_from}"
    return f"{c.valid_from}–{c.valid_to}"


def far_village(c: Candidate, near: list[tuple[float, float]]) -> float | None:
    """The distance to the nearest of ``near`` when ``c`` is a village that far from all of
    them (see ``VILLAGE_POPULATION``); else None. Areas, cities and capitals are exempt: a
    journey's far leg leads to a city, a region or a capital (Grytviken, South Georgia's, of a
    few dozen people) far more often than to somebody else's village."""
    if is_region(c) or c.feature == "capital" or (c.population or 0) >= VILLAGE_POPULATION \
            or not near:
        return None
    km = nearest_km((c.lat, c.lon), near)
    return km if km > FAR_KM else None


def confirmed(res: Resolution, ctx: Context) -> bool:
    """Whether the context confirms an approximate match placed at ``res``: a placed
    neighbour within ``FUZZY_NEAR_KM``, and the country hint (if any) agreeing. A hint alone
    does not: a country as large as Russia or China holds a namesake for most misspellings
    ("Khabarova" is not Khabarovsk)."""
    if not res.placed or not ctx.near:
        return False
    if ctx.country is not None and res.country != ctx.country:
        return False
    return nearest_km((res.lat, res.lon), ctx.near) <= FUZZY_NEAR_KM  # type: ignore[arg-type]


def renamed(query: str, best: Candidate) -> bool:
    """Whether ``query`` is another name of ``best`` (not its own name in another spelling).

    A gazetteer name with years of use is a former or later name (Petrograd, Lemberg,
    Brest-Litovsk). Another name met exactly (GeoNames' alternates, the gazetteer's undated
    other names) counts unless it is merely a spelling of the place's name: the same loose
    key, one contained in the other ("New York" / "New York City", "Gorki" /
    "Gorki-Leninskiye"), or alike to ``SPELLING_SIMILARITY`` ("Odessa" / "Odesa"). A fuzzy,
    online or override match never does.
    """
    if best.tier not in ("alternate", "normalised") or (best.tier == "normalised"
                                                         and best.primary
                                                         and best.source != "gazetteer"):
        return False
    if best.source == "gazetteer" and best.dated:
        return True
    from .normalise import key

    a, b = key(best.matched or query), key(best.name)
    if not a or not b or a in b or b in a:
        return False
    return 1.0 - _osa(a, b) / max(len(a), len(b)) < SPELLING_SIMILARITY


def _osa(a: str, b: str) -> int:
    """Optimal-string-alignment distance (edits, a swap of neighbours being one), as the
    fuzzy search's rapidfuzz scorer counts them; here without importing rapidfuzz."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _confidence(best: Candidate, margin: float) -> float:
    conf = _CONFIDENCE.get(best.tier, 0.5)
    if best.tier == "normalised" and not best.primary:
        conf -= 0.05
    if best.tier == "fuzzy" and best.fuzzy_score is not None:
        conf *= best.fuzzy_score / 100.0
    if best.source == "gazetteer":
        conf += 0.05
    if margin != math.inf:
        conf *= min(1.0, 0.85 + 0.075 * margin)
    return round(min(1.0, conf), 3)


def _resolved(query: str, best: Candidate, alternatives: list[dict], margin: float,
              ctx: Context) -> Resolution:
    res = Resolution(
        query=query, name=best.name, country=best.country, lat=best.lat, lon=best.lon,
        source=best.source,
        confidence=_confidence(best, margin),
        match=best.tier, score=round(best.score, 3), alternatives=alternatives,
        feature=best.feature, renamed=renamed(query, best))
    if best.area:
        from .areas import area_of

        area = area_of(best.area)
        res.area_geojson = area.geojson
        if not area.covers(best.lat, best.lon):  # the marker must sit inside
            res.lat, res.lon = area.point
    return res


def _labels(cands: list[Candidate]) -> list[str]:
    return list(dict.fromkeys(label(c) for c in cands[:MAX_ALTERNATIVES]))


CITY_POPULATION = 100_000  # a GeoNames place from this size on is called a city, else a town


def kind(c: Candidate) -> str:
    """What a candidate is, in a word: the gazetteer's feature (region, city, village ...);
    for GeoNames, whose places are all towns and cities, a city from ``CITY_POPULATION``;
    else (an online answer) a place."""
    if c.feature:
        return c.feature
    if is_region(c):
        return "region"
    if c.source == "geonames":
        return "city" if (c.population or 0) >= CITY_POPULATION else "town"
    return "place"


def label(c: Candidate) -> str:
    """How a person tells namesakes apart: "Amherst (town, CA-07, 45.83, -64.20)" (the one
    formatter, ``suggest.describe``, with the first-level division and the coordinates)."""
    region = f"{c.country}-{c.admin1}" if c.admin1 else c.country
    return describe({"name": c.name, "kind": kind(c), "country": region, "lat": c.lat,
                     "lon": c.lon}, where=True)


def alternative(c: Candidate) -> dict:
    """``c`` as a runner-up in a Resolution's ``alternatives``, with its ``kind``."""
    out = c.as_alternative()
    out["kind"] = kind(c)
    return out
