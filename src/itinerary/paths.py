"""Where the bundled data lives, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "outputs" / "static"


@cache
def data_dir() -> Path:
    """``itinerary/_data`` in a wheel (hatch force-include), else ``data/`` of the checkout."""
    bundled = PACKAGE_DIR / "_data"
    if (bundled / "places.csv").exists():
        return bundled
    return PACKAGE_DIR.parent.parent / "data"


def default_places() -> Path:
    return data_dir() / "places.csv"


def default_periods() -> Path:
    return data_dir() / "periods.csv"


def gazetteer_path() -> Path:
    return data_dir() / "gazetteer.csv"


def cache_dir() -> Path:
    """The user cache (compact gazetteer index, geocoder answers, land outline)."""
    import os

    override = os.environ.get("ITINERARY_CACHE_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs  # only here: a few ms of every command's start-up otherwise

        path = Path(platformdirs.user_cache_dir("itinerary"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def safe_text(text: str) -> str:
    """``text`` writable as UTF-8: the bytes of a file name (or an argument) that were not UTF-8,
    which Python keeps as lone surrogates ("caf\\udce9.csv" for b"caf\\xe9.csv"), become U+FFFD,
    so a title taken from such a name can be written to a page, KML, GPX or the terminal."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no file name holds: replace it too
        return text.encode("utf-8", "replace").decode("utf-8")
