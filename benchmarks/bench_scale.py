"""Scale: synthetic itineraries of 1,000 to 100,000 stops, built and played in headless Chromium.

For each size: build time and peak memory of ``itinerary build`` in a fresh process, the page's
size, and in Chromium the time until the map is interactive and the frame times while playing
(from the start, and after seeking to 90 % of the timeline), next to the TimestampedGeoJson-style
baseline page of the same data (see ``naive_page``).

    python -m benchmarks.bench_scale [--sizes 1000 10000 100000] [--naive-max 10000]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from . import generate, naive_page
from .browser_metrics import PageRun, chromium, measure
from .common import WORK, cli_with_peak, http_server, log, median, ms, secs, size, table

PAGES = WORK / "pages"


@dataclass
class Size:
    n: int
    build_s: float
    peak_mb: float
    html_bytes: int
    asset_bytes: int
    ours: PageRun | None = None
    naive: PageRun | None = None
    naive_bytes: int = 0
    notes: list[str] = field(default_factory=list)


def build(n: int, repeat: int) -> tuple[Size, Path]:
    places, periods = generate.write(n, WORK / "data")
    out_dir = PAGES / f"ours_{n}"
    out = out_dir / f"synthetic_{n}.html"
    runs = []
    for r in range(repeat):
        log(f"scale: building {n:,} stops ({r + 1}/{repeat})")
        runs.append(cli_with_peak(["build", str(places), "--periods", str(periods),
                                   "-o", str(out), "--no-tiles", "--shared-assets"]))
    assets = sum(p.stat().st_size for p in (out_dir / "itinerary_files").iterdir())
    return Size(n, median([w for w, _ in runs]), max(m for _, m in runs),
                out.stat().st_size, assets), out


def measure_sizes(sizes: list[int], *, naive_max: int, repeat: int, play_ms: int
                  ) -> list[Size]:
    results = []
    for n in sizes:
        result, page = build(n, repeat if n <= 10_000 else 1)
        naive = None
        if n <= naive_max:
            naive = naive_page.write(page, PAGES / f"naive_{n}")
            result.naive_bytes = naive.stat().st_size
        results.append((result, page, naive))
    with http_server(PAGES) as base, chromium() as browser:
        for result, page, naive in results:
            log(f"scale: playing {result.n:,} stops in Chromium")
            result.ours = measure(browser, f"{base}/{page.parent.name}/{page.name}", ours=True,
                                  play_ms=play_ms)
            if naive is not None:
                log(f"scale: playing the baseline page of {result.n:,} stops")
                result.naive = measure(browser, f"{base}/{naive.parent.name}/{naive.name}",
                                       ours=False, play_ms=play_ms)
    return [r for r, _, _ in results]


def _frames(run: PageRun | None, which: str) -> str:
    if run is None:
        return "not run"
    median_ms, p95_ms = getattr(run, which)
    return f"{median_ms:.1f} / {p95_ms:.1f} ms"


def report(results: list[Size]) -> str:
    page_rows = []
    for r in results:
        page_rows.append((f"{r.n:,}", "ours", ms(r.ours.interactive_ms / 1000) if r.ours else "-",
                          _frames(r.ours, "start"), _frames(r.ours, "late"),
                          f"{r.ours.heap_mb:.0f} MB" if r.ours and r.ours.heap_mb else "-"))
        if r.naive:
            page_rows.append(("", "baseline (TimestampedGeoJson-style)",
                              ms(r.naive.interactive_ms / 1000), _frames(r.naive, "start"),
                              _frames(r.naive, "late"),
                              f"{r.naive.heap_mb:.0f} MB" if r.naive.heap_mb else "-"))
        else:
            page_rows.append(("", "baseline", "not run (too slow at this size)", "-", "-", "-"))
    ratio_rows = []
    for r in results:
        if r.ours and r.naive:
            ratio_rows.append((
                f"{r.n:,}",
                f"{r.naive.interactive_ms / r.ours.interactive_ms:.1f}×",
                f"{r.naive.start[1] / r.ours.start[1]:.1f}×",
                f"{r.naive.late[1] / r.ours.late[1]:.1f}×"))
    first = results[0]
    growth = []
    for r in results:
        k = r.n / first.n
        growth.append((f"{r.n:,}", secs(r.build_s), f"{r.build_s / first.build_s:.1f}× ({k:.0f}×)",
                       f"{r.peak_mb:,.0f} MB", f"{r.peak_mb / first.peak_mb:.1f}×",
                       size(r.html_bytes), f"{r.html_bytes / first.html_bytes:.1f}×",
                       f"{r.html_bytes / r.n:,.0f} B"))
    return "\n\n".join(filter(None, [
        table(("stops", "baseline ÷ ours: time to interactive", "p95 frame, start",
               "p95 frame, at 90 %"), ratio_rows) if ratio_rows else "",
        table(("stops", "page", "interactive", "frames from the start (median / p95)",
               "frames at 90 % (median / p95)", "JS heap"), page_rows),
        table(("stops", "build", "growth (stops ×)", "peak memory", "growth", "page",
               "growth", "page per stop"), growth),
    ]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--naive-max", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--play-ms", type=int, default=5_000)
    args = ap.parse_args(argv)
    print(report(measure_sizes(args.sizes, naive_max=args.naive_max, repeat=args.repeat,
                               play_ms=args.play_ms)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
