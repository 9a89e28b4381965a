"""The first run on a fresh machine: ``itinerary build`` of a 20-stop table (Karl Marx's life,
examples/marx.csv, with two places misspelt as a teacher might: "Colonge", "Manchestr") with an
empty user cache, against the old first run (the whole GeoNames index built before any answer)
and a warm run. The misspellings need the fuzzy search, which once built the whole index first.

Each repetition uses a new cache folder (``ITINERARY_CACHE_DIR``, as the tests do):

* *first run*: the build with no index; it answers from one scan of the data file and starts
  the whole index's build in the background as it exits;
* *index build*: that background build, waited for (a first run before this change paid it
  inside the build, before any output);
* *old first run*: index build + warm run, what a first run cost before;
* *warm run*: the same build once the index exists.

    python -m benchmarks.bench_first_run [--repeat N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from .bench_startup import itinerary_command
from .common import ROOT, WORK, log, median, secs, table, timed

SOURCE = ROOT / "examples" / "marx.csv"
TABLE = WORK / "marx-misspelt.csv"
MISSPELT = {"Cologne,DE,1842": "Colonge,DE,1842", "Manchester,GB": "Manchestr,GB"}
LIMIT = 5.0  # seconds: the bound for a first build


def write_table() -> Path:
    """examples/marx.csv with the misspellings of ``MISSPELT`` (each once)."""
    text = SOURCE.read_text(encoding="utf-8")
    for right, wrong in MISSPELT.items():
        if right not in text:
            raise RuntimeError(f"{SOURCE} no longer has {right!r}")
        text = text.replace(right, wrong, 1)
    WORK.mkdir(exist_ok=True)
    TABLE.write_text(text, encoding="utf-8")
    return TABLE


def index_file(cache: Path) -> list[Path]:
    return [p for p in cache.glob("geonames-*.sqlite3") if p.is_file()]


def wait_for_index(cache: Path, timeout: float = 600.0) -> float:
    """Seconds until the background build has written the index into ``cache``."""
    t = time.perf_counter()
    while not index_file(cache):
        if time.perf_counter() - t > timeout:
            raise RuntimeError(f"no index in {cache} after {timeout:.0f} s")
        time.sleep(0.1)
    return time.perf_counter() - t


def one(folder: Path) -> dict[str, float]:
    import os

    cache = folder / "cache"
    cache.mkdir()
    cmd = [*itinerary_command(), "build", str(TABLE), "-o", str(folder / "marx.html")]
    os.environ["ITINERARY_CACHE_DIR"] = str(cache)
    try:
        first, done = timed(cmd)
        index = wait_for_index(cache)
        warm, again = timed(cmd)
    finally:
        del os.environ["ITINERARY_CACHE_DIR"]
    # each misspelling is matched (confirmed by the country and a neighbour) or suggested
    # ("Manchestr": Manchester or Lanchester, and London is 260 km away), the same both times
    said = done.stderr.count("matched approximately") + done.stderr.count("could not be placed")
    if said != len(MISSPELT) or done.stderr != again.stderr or done.stdout.splitlines()[-1:] \
            != again.stdout.splitlines()[-1:]:
        raise RuntimeError("the first and the warm run disagree on the misspellings:\n"
                           f"{done.stderr}\n---\n{again.stderr}")
    return {"first run": first, "index build (background)": index,
            "old first run (index + warm)": index + warm, "warm run": warm}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    write_table()
    runs: list[dict[str, float]] = []
    for n in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="itinerary-first-run-") as tmp:
            runs.append(one(Path(tmp)))
        log(f"run {n + 1}: " + ", ".join(f"{k} {secs(v)}" for k, v in runs[-1].items()))
    rows = [[k, secs(median([r[k] for r in runs])), secs(min(r[k] for r in runs)),
             secs(max(r[k] for r in runs))] for k in runs[0]]
    print(table(["", "median", "min", "max"], rows))
    first = median([r["first run"] for r in runs])
    print(f"\nfirst build of {TABLE.name} ({args.repeat} runs, fresh cache each): "
          f"{secs(first)} (bound {LIMIT:.0f} s: {'met' if first <= LIMIT else 'NOT met'})")
    return 0 if first <= LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main())
