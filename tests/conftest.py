"""Shared test set-up: each test session gets its own user cache, so no test reads a stale one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_de749c8afbf07246.txt"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One cache for the session: the world-gazetteer index is built once, then reused."""
    if "ITINERARY_CACHE_DIR" not in os.environ or not os.environ.get("ITINERARY_KEEP_CACHE"):
        os.environ["ITINERARY_CACHE_DIR"] = str(tmp_path_factory.mktemp("itinerary-cache"))
