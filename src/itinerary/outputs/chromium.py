"""The one Chromium launcher: Debian's Chromium, found and launched with the same flags by
``itinerary snapshot``, the page tests (``tests/browser.py``) and the browser benchmarks.

No browser is ever downloaded: the executable is ``ITINERARY_CHROMIUM`` or Debian's
``/usr/bin/chromium`` (see :func:`chromium_path`), and Playwright only drives it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Quiet and reproducible: no GPU, no background fetches (component updates, sync, field trials),
# no first-run dialogs, no proxy picked up from the environment.
QUIET_FLAGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-proxy-server",
)
# Offline: every host name fails to resolve except 127.0.0.1, where the tests serve pages; a
# page that reaches for the internet fails fast instead of hanging, as on a school laptop.
OFFLINE_FLAGS = ("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",)

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


class ChromiumMissing(RuntimeError):
    """No Chromium executable on this machine; the message says how to get one."""


def launch_args(*, offline: bool = True, extra_args: Sequence[str] = (),
                headless: bool = True) -> list[str]:
    """The command-line flags every Chromium of this project gets, in order.

    ``--no-sandbox`` is given when running as root, where Chromium refuses to start with its
    sandbox (Playwright adds it anyway unless asked for ``chromium_sandbox=True``).
    ``extra_args`` come last, so a caller's flag wins over ours.
    """
    args = ["--headless"] if headless else []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    args.extend(QUIET_FLAGS)
    if offline:
        args.extend(OFFLINE_FLAGS)
    args.extend(extra_args)
    return args


def launch(playwright: Any, *, offline: bool = True, extra_args: Sequence[str] = (),
           headless: bool = True, executable: Path | str | None = None) -> Any:
    """Launch Chromium through a started Playwright (``sync_playwright().start()`` or the
    object a ``with sync_playwright() as pw`` block gives) and return the browser; the caller
    closes it. ``offline`` (the default) lets the browser reach 127.0.0.1 only.

    Raises :class:`ChromiumMissing` (with :data:`HOW_TO_GET`) when no Chromium is installed.
    """
    path = Path(executable) if executable is not None else chromium_path()
    if path is None:
        raise ChromiumMissing(HOW_TO_GET)
    return playwright.chromium.launch(
        executable_path=str(path), headless=headless,
        args=launch_args(offline=offline, extra_args=extra_args, headless=headless))


def playwright_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True
