"""Same input, same bytes: pages and exports do not depend on the run, the folder or hash seeds.

Each build runs in its own process, from a different working folder and with a different
``PYTHONHASHSEED`` (set iteration order changes with it), so anything that leaked a set order,
a path, a time or a random choice into an output would show here as a byte difference. Teachers
keep the pages in version control; a rebuild that changes nothing must change no byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPORT_FORMATS = ("geojson", "kml", "csv", "gpx")


def run_in(cwd: Path, seed: str, *args: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "itinerary", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by relative path (a stray or missing asset shows too)."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def twice(tmp_path: Path, *args: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Run the command in two fresh folders with different hash seeds; both output trees."""
    first, second = tmp_path / "first", tmp_path / "second" / "deeper"
    for folder, seed in ((first, "1"), (second, "4242")):
        folder.mkdir(parents=True)
        run_in(folder, seed, *args)
    return tree(first), tree(second)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.generate import write

    return write(1_000, tmp_path_factory.mktemp("synthetic"))


@pytest.mark.parametrize("extra", [(), ("--shared-assets",)], ids=["default", "shared-assets"])
def test_the_default_page_is_byte_identical_across_runs(tmp_path: Path,
                                                        extra: tuple[str, ...]) -> None:
    first, second = twice(tmp_path, "build", *extra)  # output/trotsky.html in each folder
    assert "output/trotsky.html" in first
    assert first == second


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_export_is_byte_identical_across_runs(tmp_path: Path, fmt: str) -> None:
    first, second = twice(tmp_path, "export", "-o", f"trip.{fmt}")
    assert list(first) == [f"trip.{fmt}"]
    assert first == second


def test_the_resolved_table_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first, second = twice(tmp_path, "resolve", "-o", "resolved.csv")
    assert first == second


@pytest.mark.parametrize("extra", [(), ("--shared-assets",)], ids=["default", "shared-assets"])
def test_a_thousand_stop_page_is_byte_identical_across_runs(
        tmp_path: Path, synthetic: tuple[Path, Path], extra: tuple[str, ...]) -> None:
    places, periods = synthetic
    first, second = twice(tmp_path, "build", str(places), "--periods", str(periods),
                          "-o", "big.html", *extra)
    assert "big.html" in first
    assert first == second


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_thousand_stop_exports_are_byte_identical_across_runs(
        tmp_path: Path, synthetic: tuple[Path, Path], fmt: str) -> None:
    places, periods = synthetic
    first, second = twice(tmp_path, "export", str(places), "--periods", str(periods),
                          "-o", f"big.{fmt}")
    assert first == second
