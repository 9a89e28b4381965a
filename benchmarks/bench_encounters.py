"""Encounters between many lives: how long ``find_encounters`` takes, and what it finds.

    python -m benchmarks.bench_encounters            # 10 x 1,000 and 10 x 10,000 stops
    python -m benchmarks.bench_encounters --lives 10 --stops 1000 --repeat 7

Synthetic lives walk among real cities (the GeoNames cities the resolver uses, via
``generate.cities``), preferring nearby ones, over the same seventy years, so that their paths
cross the way a generation of émigrés' did: "europe" draws them from every European city of
100,000 or more, "crowded" from thirty cities only (many encounters: the cost then grows with
what is found). The stops are dated by the pipeline's own date stage (``dates.normalise``); the
places are given as coordinates, so the resolver is not what is measured. For comparison, the
same pairs are counted by brute force over every pair of stops of two lives (numpy, one life
pair at a time), the 45 million comparisons the sweep avoids. Prints a Markdown table; the
issue asks for ten lives of 1,000 stops in under a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

import numpy as np
import pandas as pd

from itinerary.model import PERSON
from itinerary.moves import geodesy
from itinerary.moves.encounters import ENCOUNTER_KM, MET, find_encounters
from itinerary.stages import dates

from .common import table
from .generate import cities


def synthetic_lives(lives: int, stops: int, *, crowded: bool = False, seed: int = 1917
                    ) -> pd.DataFrame:
    """``lives`` walks of ``stops`` dated stays each, 1850-1920, ordered like a trip."""
    rng = random.Random(seed)
    pool = [c for c in cities() if 35 <= c[2] <= 62 and -10 <= c[3] <= 40]
    if crowded:
        pool = pool[:: max(1, len(pool) // 30)][:30]
    first, last = dt.date(1850, 1, 1).toordinal(), dt.date(1920, 12, 31).toordinal()
    mean = (last - first) / stops
    columns: dict[str, list] = {k: [] for k in ("person", "id", "place", "start", "end",
                                                "calendar", "lat", "lon")}
    for life in range(lives):
        day, here = first + rng.randrange(int(mean)), rng.randrange(len(pool))
        for i in range(stops):
            stay = max(0, int(rng.expovariate(1 / (mean * 0.8))))
            name, _, lat, lon = pool[here]
            start = dt.date.fromordinal(day)
            exact = rng.random() < 0.8  # a fifth of the stays dated to the month only
            columns["person"].append(f"p{life}")
            columns["id"].append(f"p{life}-{i}")
            columns["place"].append(name)
            columns["start"].append(start.isoformat() if exact else start.isoformat()[:7])
            columns["end"].append(dt.date.fromordinal(day + stay).isoformat())
            columns["calendar"].append("")
            columns["lat"].append(lat)
            columns["lon"].append(lon)
            day += stay + rng.randint(1, max(1, int(mean * 0.4)))
            step = rng.randint(-8, 8) if rng.random() < 0.9 else rng.randrange(len(pool))
            here = min(len(pool) - 1, max(0, here + step)) if abs(step) <= 8 else step
    frame = pd.DataFrame(columns)
    frame.insert(0, "row", range(2, len(frame) + 2))
    frame["placed"] = True
    frame["area"] = ""
    frame = dates.normalise(frame)
    frame = frame.sort_values("start_min", kind="mergesort").reset_index(drop=True)
    frame.insert(0, "seq", range(len(frame)))
    return frame


def brute_force(stops: pd.DataFrame) -> tuple[int, float]:
    """Pairs of stops of two lives that overlap in time and are within about ENCOUNTER_KM
    (the same prefilter as the sweep, before the geodesic decides), compared all with all."""
    began = time.perf_counter()
    units = geodesy.units(stops["lat"].to_numpy(float), stops["lon"].to_numpy(float))
    lo = stops["start_min"].to_numpy("datetime64[D]")
    hi = stops["end_max"].to_numpy("datetime64[D]")
    near = np.cos(ENCOUNTER_KM * 1.01 / geodesy.EARTH_RADIUS_KM)
    groups = [np.flatnonzero((stops[PERSON] == p).to_numpy()) for p in stops[PERSON].unique()]
    count = 0
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            close = units[a] @ units[b].T >= near
            overlap = (np.maximum.outer(lo[a], lo[b]) <= np.minimum.outer(hi[a], hi[b]))
            count += int((close & overlap).sum())
    return count, time.perf_counter() - began


def measure(lives: int, stops: int, crowded: bool, repeat: int) -> list[object]:
    frame = synthetic_lives(lives, stops, crowded=crowded)
    times = []
    found = pd.DataFrame()
    for _ in range(repeat):
        began = time.perf_counter()
        found = find_encounters(frame)
        times.append(time.perf_counter() - began)
    pairs, brute = brute_force(frame) if lives * stops <= 20_000 else (None, None)
    met = int((found["status"] == MET).sum())
    return [f"{lives} x {stops:,}", "crowded (30 cities)" if crowded else "europe",
            f"{statistics.median(times) * 1000:,.0f} ms", f"{max(times) * 1000:,.0f} ms",
            f"{len(found):,} ({met:,} met)",
            f"{pairs:,} pairs in {brute * 1000:,.0f} ms" if brute is not None else "-"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lives", type=int, nargs="*", default=[10])
    parser.add_argument("--stops", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = [measure(lives, stops, crowded, args.repeat)
            for lives in args.lives for stops in args.stops for crowded in (False, True)]
    print(table(["lives x stops", "places", "find_encounters (median)", "slowest",
                 "encounters", "brute force (every pair)"], rows))


if __name__ == "__main__":
    main()
