"""Find Debian's Chromium and the offline launch flags; shared by ``snapshot`` and the tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--no-proxy-server",
]

HOW_TO_GET = (
    "snapshot needs Chromium and Playwright: on Debian/Ubuntu run "
    "'sudo apt-get install chromium' and 'pip install playwright' "
    "(or set ITINERARY_CHROMIUM to a Chromium executable); no browser is downloaded"
)


def chromium_path() -> Path | None:
    """Debian's /usr/bin/chromium, or ITINERARY_CHROMIUM; never a downloaded browser."""
    candidates = [os.environ.get("ITINERARY_CHROMIUM"), "/usr/bin/chromium",
                  shutil.which("chromium"), shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def playwright_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True
