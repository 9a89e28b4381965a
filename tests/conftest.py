"""Shared test set-up: each test session gets its own user cache, so no test reads a stale one;
tests that open the source article ask for it through the ``article_path`` fixture."""

from __future__ import annotations

import os
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
