"""Start-up: ``itinerary --help``, ``check`` and ``build`` of the Trotsky map in fresh processes,
side by side with the bare import of the libraries a folium-based tool would load.

Each repetition runs every command once, in turn, so a burst of load on the machine touches
all of them alike; the medians and their ratios are the result.

    python -m benchmarks.bench_startup [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .common import PY, log, median, ms, table, timed


@dataclass
class Startup:
    medians: dict[str, float]
    check_imports: list[tuple[str, float]]  # (package, seconds) heaviest imports of `check`

    def ratio(self, a: str, b: str) -> float:
        return self.medians[a] / self.medians[b]


IMPORT_FOUR = "import folium, pandas, geopy, shapely"
IMPORT_THREE = "import pandas, geopy, shapely"


def itinerary_command() -> list[str]:
    """The ``itinerary`` script the package installs, as users run it (``python -m`` adds
    runpy's ~9 ms); ``python -m itinerary`` where it is not installed."""
    script = Path(PY).with_name("itinerary")
    return [str(script)] if script.exists() else [PY, "-m", "itinerary"]


def commands(out: Path) -> dict[str, list[str]]:
    cli = itinerary_command()
    return {
        "python -c pass": [PY, "-c", "pass"],
        "itinerary --help": [*cli, "--help"],
        "itinerary check": [*cli, "check"],
        "itinerary build": [*cli, "build", "-o", str(out / "trotsky.html")],
        IMPORT_FOUR: [PY, "-c", IMPORT_FOUR],
        IMPORT_THREE: [PY, "-c", IMPORT_THREE],
    }


def compile_package() -> None:
    """Write our modules' bytecode first, as an installed wheel has it: with
    PYTHONDONTWRITEBYTECODE set (as on this machine) an editable checkout would otherwise
    compile every module again in every timed process."""
    import itinerary

    timed([PY, "-m", "compileall", "-q", str(Path(itinerary.__file__).parent)])


def measure(repeat: int = 5) -> Startup:
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        cmds = commands(Path(tmp))
        for cmd in cmds.values():  # warm the disk cache and the resolver's caches
            timed(cmd)
        runs: dict[str, list[float]] = {name: [] for name in cmds}
        for r in range(repeat):
            log(f"start-up: round {r + 1}/{repeat}")
            for name, cmd in cmds.items():
                runs[name].append(timed(cmd)[0])
        _, done = timed([PY, "-X", "importtime", "-m", "itinerary", "check"])  # same imports
    return Startup({k: median(v) for k, v in runs.items()}, heaviest_imports(done.stderr))


def heaviest_imports(importtime: str, top: int = 5) -> list[tuple[str, float]]:
    """Third-party packages by cumulative import time, counted where our own code (or the
    start-up) imports them, so nested imports are not counted twice."""
    entries = []
    for line in importtime.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| ( *)(\S+)$", line)
        if m:
            entries.append((len(m.group(2)) // 2, m.group(3), int(m.group(1)) / 1e6))
    found: dict[str, float] = {}
    stack: list[tuple[int, str]] = []
    for level, name, seconds in reversed(entries):  # importtime lists children first
        while stack and stack[-1][0] >= level:
            stack.pop()
        ours = all(a.split(".")[0] in ("itinerary", "runpy") for _, a in stack)
        package = name.split(".")[0]
        if ours and package not in ("itinerary", "runpy"):
            found[package] = found.get(package, 0.0) + seconds
        stack.append((level, name))
    return sorted(found.items(), key=lambda kv: -kv[1])[:top]


def report(s: Startup) -> str:
    rows = [(name, ms(t)) for name, t in s.medians.items()]
    ratios = [
        ("`itinerary build` (Trotsky) ÷ bare import of folium+pandas+geopy+shapely",
         f"**{s.ratio('itinerary build', IMPORT_FOUR):.2f}×**", "≤ 1.2×"),
        ("`itinerary build` (Trotsky) ÷ bare import of pandas+geopy+shapely",
         f"**{s.ratio('itinerary build', IMPORT_THREE):.2f}×**", "-"),
        ("`itinerary --help` ÷ `python -c pass`",
         f"{s.ratio('itinerary --help', 'python -c pass'):.1f}×", "-"),
        ("`itinerary check` ÷ `python -c pass`",
         f"{s.ratio('itinerary check', 'python -c pass'):.1f}×", "-"),
    ]
    heavy = ", ".join(f"{name} {t * 1000:.0f} ms" for name, t in s.check_imports)
    return "\n\n".join([
        table(("ratio (same run, medians)", "measured", "target"), ratios),
        table(("fresh process, wall clock incl. Python start-up", "median"), rows),
        f"Heaviest imports of `itinerary check` (`python -X importtime`, one run): {heavy}.",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    print(report(measure(args.repeat)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
