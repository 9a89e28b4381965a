"""Shared test set-up: each test session gets its own user cache, so no test reads a stale one;
tests that open the source article ask for it through the ``article_path`` fixture."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The article the Trotsky itinerary was curated from. It lives beside the repository (in the
# workspace's shared/seeds folder), not in it: a plain clone does not have it. data/places.csv
# cites it by name in its ``source`` column; only the tests that open it need the file itself.
ARTICLE = ROOT.parent / "shared" / "seeds" / "000_de749c8afbf07246.txt"
ARTICLE_MISSING = (
    "the source article ../shared/seeds/000_de749c8afbf07246.txt is not beside this clone; "
    "tests that read it are skipped (put the article at that path to run them)")


@pytest.fixture(scope="session")
def article_path() -> Path:
    """The source article's path, or a skip with a clear reason when it is not there."""
    if not ARTICLE.is_file():
        pytest.skip(ARTICLE_MISSING)
    return ARTICLE


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One cache for the session: the world-gazetteer index is built once, then reused."""
    if "ITINERARY_CACHE_DIR" not in os.environ or not os.environ.get("ITINERARY_KEEP_CACHE"):
        os.environ["ITINERARY_CACHE_DIR"] = str(tmp_path_factory.mktemp("itinerary-cache"))


def _other_hash_seeds() -> tuple[str, str]:
    """Two hash seeds, both different from this process's (random unless PYTHONHASHSEED set)."""
    mine = os.environ.get("PYTHONHASHSEED", "random")
    return tuple(s for s in ("1", "4242", "77") if s != mine)[:2]  # type: ignore[return-value]


@pytest.fixture
def in_two_processes(tmp_path: Path) -> Callable[[str], tuple[bytes, bytes]]:
    """Run a Python snippet in two fresh interpreters, from two different folders and with two
    different ``PYTHONHASHSEED`` values (neither this process's); return both stdouts.

    Determinism is only shown this way: calling a function twice in one process agrees with
    itself even when its output follows set order, a hash seed or a process-wide cache.
    """
    def run(code: str) -> tuple[bytes, bytes]:
        outputs = []
        for n, seed in enumerate(_other_hash_seeds()):
            folder = tmp_path / f"process-{n}" / ("deeper" * n)
            folder.mkdir(parents=True, exist_ok=True)
            done = subprocess.run(
                [sys.executable, "-c", code], cwd=folder, capture_output=True, timeout=600,
                env={**os.environ, "PYTHONHASHSEED": seed,
                     "PYTHONPATH": os.pathsep.join(filter(None, [
                         str(ROOT / "tests"), str(ROOT), os.environ.get("PYTHONPATH")]))})
            assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
            outputs.append(done.stdout)
        return outputs[0], outputs[1]
    return run
