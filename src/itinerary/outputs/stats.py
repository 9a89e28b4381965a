"""Numbers about a life in places: how many stops, how far, how long in each country.

``summary`` is the one source of these figures for the ``stats`` command and for the page's
panel, so the two always agree. Years per country are approximate by nature: a stop dated
"1898" counts as the whole year, and a stay's days are counted from its earliest possible
start to its latest possible end (overlapping stays in one country are counted once).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Protocol

import pandas as pd

DAYS_PER_YEAR = 365.25


class TripLike(Protocol):
    stops: pd.DataFrame
    moves: pd.DataFrame
    periods: pd.DataFrame


def summary(trip: TripLike) -> dict[str, Any]:
    """Counts, distances, years per country and the longest journey, JSON-ready.

    Distances are geodesic (the sum of the moves' ``distance_km``); a move counts in the period
    of the stop it arrives at. Years per country are approximate (see the module docstring).
    """
    stops, moves = trip.stops, trip.moves
    lives = {} if isinstance(trip, _Life) else _lives(trip)
    if lives:
        return {**summary(_Life(stops, moves, trip.periods)), **lives}
    placed = stops[_placed_mask(stops)]
    starts = [d for d in stops.get("start_min", pd.Series(dtype=str)) if _day(d)]
    ends = [d for d in stops.get("end_max", pd.Series(dtype=str)) if _day(d)]
    return {
        "stops": int(len(stops)),
        "placed": int(len(placed)),
        "places": len({_place_key(r) for _, r in placed.iterrows()}),
        "countries": len({c for c in placed.get("resolved_country", pd.Series(dtype=str))
                          if isinstance(c, str) and c}),
        "first": min(starts) if starts else None,
        "last": max(ends) if ends else None,
        "moves": int(len(moves)),
        "distance_km": _round(float(moves["distance_km"].sum()) if len(moves) else 0.0),
        "distance_by_period": distance_by_period(trip),
        "years_by_country": years_by_country(placed),
        "years_approximate": True,
        "longest_move": longest_move(stops, moves),
    }


class _Life:
    """A trip's tables, or one life's out of a trip of several."""

    def __init__(self, stops: pd.DataFrame, moves: pd.DataFrame, periods: pd.DataFrame):
        self.stops, self.moves, self.periods = stops, moves, periods


def _lives(trip: TripLike) -> dict[str, Any]:
    """For a trip of several lives: each life's own summary (``persons``, in the order given,
    with id, name and colour) and the encounters counted and listed; {} for one life."""
    from ..stages.persons import of_person, persons_of

    people = persons_of(trip.stops)
    if not people:
        return {}
    lives = []
    for person in people:
        life = _Life(*of_person(trip.stops, trip.moves, trip.periods, person["id"]))
        lives.append({**person, **summary(life)})
    encounters = getattr(trip, "encounters", None)
    if encounters is None:
        from ..moves.encounters import find_encounters

        encounters = find_encounters(trip.stops)
    listed = [{k: _plain(v) for k, v in row.items()} for row in encounters.to_dict("records")]
    met = sum(1 for e in listed if e["status"] == "met")
    return {"persons": lives,
            "encounters": {"total": len(listed), "met": met, "may_have_met": len(listed) - met,
                           "list": listed}}


def _plain(value: Any) -> Any:
    """A numpy number as the Python number JSON writes."""
    return value.item() if hasattr(value, "item") else value


def distance_by_period(trip: TripLike) -> list[dict[str, Any]]:
    """Kilometres travelled in each period (in the periods table's order, then unassigned)."""
    stops, moves = trip.stops, trip.moves
    if not len(moves) or "period" not in stops.columns:
        return []
    period_of = dict(zip(stops["seq"], stops["period"], strict=True)) if "seq" in stops else {}
    totals: dict[str, float] = {}
    for move in moves.to_dict("records"):
        period = period_of.get(move["to_seq"], "")
        period = period if isinstance(period, str) else ""
        totals[period] = totals.get(period, 0.0) + float(move["distance_km"])
    titles = {}
    order: list[str] = []
    periods = trip.periods
    if periods is not None and len(periods) and "id" in periods.columns:
        titles = dict(zip(periods["id"], periods.get("title", periods["id"]), strict=True))
        order = [p for p in periods["id"] if p in totals]
    order += sorted(p for p in totals if p not in order)
    return [{"period": p, "title": titles.get(p, p) or "(no period)", "km": _round(totals[p])}
            for p in order]


def years_by_country(placed: pd.DataFrame) -> list[dict[str, Any]]:
    """Approximate years in each country (ISO code), most first, ties by code."""
    if not len(placed) or "resolved_country" not in placed.columns:
        return []
    spans: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for _, r in placed.iterrows():
        country = r.get("resolved_country")
        first, last = _day(r.get("start_min")), _day(r.get("end_max"))
        if not isinstance(country, str) or not country or first is None:
            continue
        spans.setdefault(country, []).append((first, last if last and last >= first else first))
    days = {c: _union_days(s) for c, s in spans.items()}
    ranked = sorted(days.items(), key=lambda item: (-item[1], item[0]))
    return [{"country": c, "years": round(d / DAYS_PER_YEAR, 1)} for c, d in ranked]


def longest_move(stops: pd.DataFrame, moves: pd.DataFrame) -> dict[str, Any] | None:
    """The longest journey (the first of equals, in itinerary order)."""
    if not len(moves):
        return None
    i = int(moves["distance_km"].to_numpy().argmax())
    move = moves.iloc[i]
    names = dict(zip(stops["seq"], stops["place"], strict=True)) if "seq" in stops else {}
    return {
        "from": names.get(move["from_seq"], move["from_id"]),
        "to": names.get(move["to_seq"], move["to_id"]),
        "from_id": move["from_id"], "to_id": move["to_id"],
        "depart": move["depart"], "arrive": move["arrive"],
        "kind": move["kind"], "km": _round(float(move["distance_km"])),
    }


def format_text(data: dict[str, Any]) -> str:
    """The summary as aligned plain-text tables; for several lives, the whole, then each life,
    then the encounters."""
    if "persons" not in data:
        return _format_one(data)
    names = {p["id"]: p["name"] for p in data["persons"]}
    parts = [_format_one(data, detail=False)]  # per period and country: life by life below
    for person in data["persons"]:
        body = _format_one(person).rstrip("\n").split("\n")
        parts.append(f"{person['name']} ({person['id']})\n"
                     + "\n".join(f"  {line}" if line else "" for line in body) + "\n")
    found = data["encounters"]
    lines = [f"encounters       {found['total']} ({found['met']} met, "
             f"{found['may_have_met']} may have met)"]
    for e in found["list"]:
        span = e["start"] if e["start"] == e["end"] else f"{e['start']} to {e['end']}"
        lines.append(f"  {e['status']:<13} {e['place']}, {span}: "
                     f"{names.get(e['person_a'], e['person_a'])} and "
                     f"{names.get(e['person_b'], e['person_b'])} (#meeting={e['id']})")
    parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _format_one(data: dict[str, Any], *, detail: bool = True) -> str:
    lines = [
        f"stops            {data['stops']} ({data['placed']} on the map)",
        f"places           {data['places']}",
        f"countries        {data['countries']}",
        f"dates            {data['first'] or '?'} to {data['last'] or '?'}",
        f"moves            {data['moves']}",
        f"distance         {data['distance_km']:,.0f} km (geodesic)",
    ]
    longest = data["longest_move"]
    if longest:
        lines.append(f"longest journey  {longest['from']} to {longest['to']}, "
                     f"{longest['km']:,.0f} km ({longest['depart']} to {longest['arrive']})")
    if not detail:
        return "\n".join(lines) + "\n"
    if data["distance_by_period"]:
        lines += ["", "distance by period"]
        width = max(len(p["title"]) for p in data["distance_by_period"])
        lines += [f"  {p['title']:<{width}}  {p['km']:>9,.0f} km"
                  for p in data["distance_by_period"]]
    if data["years_by_country"]:
        lines += ["", "years by country (approximate: imprecise dates count in full)"]
        lines += [f"  {c['country']:<3} {c['years']:>5.1f}" for c in data["years_by_country"]]
    return "\n".join(lines) + "\n"


# --- helpers -----------------------------------------------------------------------------------

def _placed_mask(stops: pd.DataFrame) -> pd.Series:
    if "placed" in stops.columns:
        return stops["placed"].fillna(False).astype(bool)
    if {"lat", "lon"} <= set(stops.columns):
        return stops["lat"].notna() & stops["lon"].notna()
    return pd.Series(False, index=stops.index)


def _place_key(r: pd.Series) -> str:
    name = r.get("resolved_name")
    if isinstance(name, str) and name:
        return f"{name}|{r.get('resolved_country', '')}"
    return f"{round(float(r['lat']), 3)},{round(float(r['lon']), 3)}"


def _union_days(spans: list[tuple[dt.date, dt.date]]) -> int:
    """Days covered by a set of inclusive date ranges, each day counted once."""
    total, end = 0, None
    for first, last in sorted(spans):
        if end is None or first > end:
            total += (last - first).days + 1
            end = last
        elif last > end:
            total += (last - end).days
            end = last
    return total


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _round(km: float) -> float:
    return 0.0 if math.isnan(km) else round(km, 1)
