"""How a place the resolver could not place is reported: its suggestions, each named the one way
("Bretagne (region, FR)"), and the way out. Every message goes through here (``build``,
``check``, ``resolve`` of a table or of one ``--name``, the resolver's own errors), so a
teacher reads the same words wherever the stop comes up.

A suggestion is a runner-up as ``rank.alternative`` gives it: ``name``, ``kind`` (region, city,
town ...), ``country`` (or ``CC-admin1``), ``lat``, ``lon``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

SUGGESTIONS = 3  # suggestions named in a "could not be placed" line
FIX = "fix the spelling, add a country, or give lat/lon"
FIX_WITH_COUNTRY = "fix the spelling or the country, or give lat/lon"  # (it has one)
FIX_DATE = "write the name of the time, check the date, or give lat/lon"  # a name out of use


def describe(alt: Mapping[str, Any], where: bool = False) -> str:
    """"Name (kind, CC)", as much of it as is known (where the kind is not, the source: your
    coordinates are "override"); ``where``: with the coordinates too ("Springfield (city, US,
    37.20, -93.30)"), to tell namesakes apart; and the years a name out of use at the stop's
    date was the place's ("Ottawa (city, CA, called Bytown 1826–1855)")."""
    what = [str(x) for x in (alt.get("kind") or alt.get("source"), alt.get("country")) if x]
    lat, lon = alt.get("lat"), alt.get("lon")
    if where and isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        what.append(f"{lat:.2f}, {lon:.2f}")
    if alt.get("called"):  # the stop's name was this place's in other years
        what.append(f"called {alt['called']}")
    return f"{alt['name']} ({', '.join(what)})" if what else str(alt["name"])


def named(alternatives: Sequence[Mapping[str, Any]], limit: int = SUGGESTIONS,
          where: bool = False) -> list[str]:
    """The first ``limit`` suggestions described, each once; namesakes that would read alike
    get their coordinates (all of them do with ``where``)."""
    alts = [a for a in alternatives if a.get("name")]
    plain = [describe(a) for a in alts]
    out = [describe(a, where=where or plain.count(p) > 1) for a, p in zip(alts, plain,
                                                                          strict=True)]
    return list(dict.fromkeys(out))[:limit]


def way_out(has_country: bool, alternatives: Sequence[Mapping[str, Any]] = ()) -> str:
    """What to do about it; a row that has a country is not asked to add one, and a name out
    of use at the stop's date is not a spelling to fix."""
    if alternatives and alternatives[0].get("called"):
        return FIX_DATE
    return FIX_WITH_COUNTRY if has_country else FIX


def settle(has_country: bool, has_date: bool, countries_differ: bool) -> str:
    """What would settle a tie between places of the same name: a country code only when the
    row has none and the tied places lie in different countries, a date only when it has
    none, coordinates always (two Springfields of the US with a date: only coordinates)."""
    asks = [what for what, useful in (("a country code", not has_country and countries_differ),
                                      ("a date", not has_date)) if useful]
    given = [what for what, known in (("the country", has_country), ("the date", has_date))
             if known]
    if not asks:
        were = "were" if len(given) > 1 else "was"
        return f"give coordinates ({' and '.join(given)} {were} given)" if given \
            else "give coordinates"
    ask = f"add {', '.join(asks)} or coordinates"
    return f"{ask} (the country was given)" if has_country else ask


def next_steps(alternatives: Sequence[Mapping[str, Any]], has_country: bool = False,
               limit: int = SUGGESTIONS) -> str:
    """The end of a "could not be placed" line: "did you mean A or B? " and the way out."""
    names = named(alternatives, limit)
    hint = f"did you mean {' or '.join(names)}? " if names else "no suggestion; "
    return hint + way_out(has_country, alternatives)
