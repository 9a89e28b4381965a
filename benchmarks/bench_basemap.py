"""The offline basemap's cost: page size, time to interactive on a slow CPU, frames at scale.

* The self-contained Trotsky page (``itinerary build --self-contained``): its size, and the time
  until it is interactive (``browser_metrics``: the first frame painted after
  ``window.itineraryMap`` exists, from the start of navigation) in Chromium with the CPU
  throttled 4x through DevTools (``Emulation.setCPUThrottlingRate``), the median of fresh loads.
* With ``--stops N``: a synthetic itinerary of N stops played in Chromium (not throttled, as in
  ``bench_scale``), the median and p95 frame time after seeking to 90 % of the timeline.

    python -m benchmarks.bench_basemap [--loads 7] [--rate 4] [--stops 10000]
                                       [--baseline OLD.html]

``--baseline`` measures another self-contained page (e.g. one built from an earlier commit)
alongside, load for load in turn, so both see the same load on a shared machine.

Offline: every page is served from 127.0.0.1 and Chromium resolves no other host.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from . import generate
from .browser_metrics import READY_PROBE, _play, _wait_for_interactive, chromium
from .common import WORK, cli_with_peak, http_server, log, median, size

OUT = WORK / "basemap"


def build_trotsky() -> Path:
    out = OUT / "trotsky.html"
    cli_with_peak(["build", "--self-contained", "-o", str(out)])
    return out


def load_once(browser: Any, url: str, *, rate: float) -> float:
    """Time to interactive of one fresh load with the CPU slowed ``rate`` times."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
        page.add_init_script(READY_PROBE)
        page.goto(url, wait_until="commit")
        ms = _wait_for_interactive(page, 120_000)
        cdp.detach()
        return ms
    finally:
        context.close()


def interactive_ms(browser: Any, urls: list[str], *, rate: float, loads: int
                   ) -> list[list[float]]:
    """Time to interactive of ``loads`` fresh loads of each page, the pages in turn."""
    times: list[list[float]] = [[] for _ in urls]
    for _ in range(loads):
        for i, url in enumerate(urls):
            times[i].append(load_once(browser, url, rate=rate))
    return times


def frames_at_scale(browser: Any, base: str, page: Path, play_ms: int) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = context.new_page()
        tab.set_default_timeout(180_000)
        tab.add_init_script(READY_PROBE)
        tab.goto(f"{base}/{page.relative_to(OUT).as_posix()}", wait_until="commit")
        _wait_for_interactive(tab, 180_000)
        return _play(tab, play_ms, ours=True, fraction=0.9)
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loads", type=int, default=7)
    ap.add_argument("--rate", type=float, default=4.0, help="CPU throttling rate")
    ap.add_argument("--stops", type=int, default=0, help="also play N synthetic stops")
    ap.add_argument("--play-ms", type=int, default=5_000)
    ap.add_argument("--baseline", type=Path, help="another page to measure alongside")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    log("basemap: building the self-contained Trotsky page")
    trotsky = build_trotsky()
    big = None
    if args.stops:
        places, periods = generate.write(args.stops, WORK / "data")
        big = OUT / f"synthetic_{args.stops}" / "page.html"
        log(f"basemap: building {args.stops:,} stops")
        t = time.perf_counter()
        cli_with_peak(["build", str(places), "--periods", str(periods), "-o", str(big)])
        log(f"basemap: built in {time.perf_counter() - t:.1f} s")
    pages = {"this build": trotsky}
    if args.baseline:
        pages["baseline"] = OUT / "baseline.html"
        pages["baseline"].write_bytes(args.baseline.read_bytes())
    with http_server(OUT) as base, chromium() as browser:
        urls = [f"{base}/{page.name}" for page in pages.values()]
        all_times = interactive_ms(browser, urls, rate=args.rate, loads=args.loads)
        for (name, page), times in zip(pages.items(), all_times, strict=True):
            print(f"{name}: self-contained Trotsky page {size(page.stat().st_size)} "
                  f"({page.stat().st_size:,} bytes); interactive at {args.rate:g}x CPU "
                  f"throttling: median {median(times):.0f} ms "
                  f"(loads: {', '.join(f'{t:.0f}' for t in times)})")
        if big is not None:
            med, p95 = frames_at_scale(browser, base, big, args.play_ms)
            print(f"{args.stops:,} stops, frames at 90 % of the timeline: median {med:.1f} ms, "
                  f"p95 {p95:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
