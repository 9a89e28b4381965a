"""Many lives: ten synthetic itineraries of 1,000 stops each on one map, played in Chromium.

Ten tables from ``generate.write`` (a different seed each, so ten different walks) are built
into one page; Chromium then measures the time until it is interactive and the frame times
while playing from the start and after seeking to 90 % of the timeline, as ``bench_scale``
does for one life (``browser_metrics.measure``). Target: p95 frame at 90 % ≤ 20 ms.

    python -m benchmarks.bench_lives [--lives 10] [--stops 1000] [--play-ms 5000]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from . import generate
from .browser_metrics import PageRun, chromium, measure
from .common import WORK, cli_with_peak, http_server, log, ms, secs, size, table

LIVES = WORK / "lives"


def write_lives(lives: int, stops: int) -> list[Path]:
    """``life_01.csv`` ... with ``life_01.periods.csv`` beside each (found by the build)."""
    tables = []
    for k in range(1, lives + 1):
        places, periods = generate.write(stops, LIVES / "tmp", seed=1879 + k)
        table_path = LIVES / f"life_{k:02d}.csv"
        shutil.move(places, table_path)
        shutil.move(periods, LIVES / f"life_{k:02d}.periods.csv")
        tables.append(table_path)
    shutil.rmtree(LIVES / "tmp", ignore_errors=True)
    return tables


def run(lives: int, stops: int, play_ms: int) -> tuple[float, float, int, PageRun]:
    tables = write_lives(lives, stops)
    out = LIVES / "pages" / f"lives_{lives}x{stops}.html"
    log(f"lives: building {lives} lives of {stops:,} stops")
    build_s, peak_mb = cli_with_peak(["build", *map(str, tables), "-o", str(out),
                                      "--no-tiles", "--shared-assets"])
    with http_server(out.parent) as base, chromium() as browser:
        log("lives: playing in Chromium")
        page = measure(browser, f"{base}/{out.name}", ours=True, play_ms=play_ms)
    return build_s, peak_mb, out.stat().st_size, page


def report(lives: int, stops: int, build_s: float, peak_mb: float, html_bytes: int,
           page: PageRun, target_ms: float = 20.0) -> str:
    late_p95 = page.late[1]
    verdict = "yes" if late_p95 <= target_ms else "no"
    return table(
        ("lives × stops", "build", "peak memory", "page", "interactive",
         "frames from the start (median / p95)", "frames at 90 % (median / p95)",
         f"p95 at 90 % ≤ {target_ms:.0f} ms"),
        [(f"{lives} × {stops:,}", secs(build_s), f"{peak_mb:,.0f} MB", size(html_bytes),
          ms(page.interactive_ms / 1000), f"{page.start[0]:.1f} / {page.start[1]:.1f} ms",
          f"{page.late[0]:.1f} / {late_p95:.1f} ms", verdict)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lives", type=int, default=10)
    ap.add_argument("--stops", type=int, default=1_000)
    ap.add_argument("--play-ms", type=int, default=5_000)
    args = ap.parse_args(argv)
    build_s, peak_mb, html_bytes, page = run(args.lives, args.stops, args.play_ms)
    print(report(args.lives, args.stops, build_s, peak_mb, html_bytes, page))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
