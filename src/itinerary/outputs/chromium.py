"""Find Debian's Chromium and the offline launch flags; shared by ``snapshot`` and the tests."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
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
