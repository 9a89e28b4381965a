"""Shared helpers: fresh processes timed from outside, their peak memory, medians, tables."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WORK = ROOT / ".benchmarks"  # generated tables and pages (git-ignored)

# Peak resident memory of the process itself. Not ru_maxrss of the child: after fork+exec
# Linux carries the parent's high-water mark into it, and the runner itself is large.
PEAK = "int([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"

# Run the real command line in-process and report its peak memory (kB) on the last line of
# stderr; the wall time measured outside includes Python's start-up, as a user would see it.
CLI_WITH_PEAK = (
    "import sys\n"
    "from itinerary.cli import main\n"
    "code = main(sys.argv[1:])\n"
    f"print('VmHWM', {PEAK}, file=sys.stderr)\n"
    "raise SystemExit(code)\n"
)


def env() -> dict[str, str]:
    """The user's environment, plus ``src`` on the path when the package is not installed."""
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), out.get("PYTHONPATH")]))
    return out


def timed(cmd: Sequence[str], *, check: bool = True) -> tuple[float, subprocess.CompletedProcess]:
    """Wall-clock seconds of a fresh process, and its result."""
    t = time.perf_counter()
    done = subprocess.run(list(cmd), capture_output=True, text=True, cwd=ROOT, env=env())
    wall = time.perf_counter() - t
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return wall, done


def cli_with_peak(args: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``itinerary ARGS`` in a fresh process."""
    wall, done = timed([PY, "-c", CLI_WITH_PEAK, *args])
    line = [x for x in done.stderr.splitlines() if x.startswith("VmHWM ")][-1]
    return wall, int(line.split()[1]) / 1024


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:,.1f} s" if seconds >= 10 else f"{seconds:,.2f} s"


def size(n_bytes: float) -> str:
    if n_bytes >= 1e6:
        return f"{n_bytes / 1e6:,.1f} MB"
    return f"{n_bytes / 1e3:,.0f} kB"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def http_server(directory: Path) -> Iterator[str]:
    """Serve ``directory`` quietly on 127.0.0.1 (a free port) and yield its base URL: the
    tests and benchmarks load pages over HTTP, as a lesson page's iframe does."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
