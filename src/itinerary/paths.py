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


def regions_path() -> Path:
    """Natural Earth's named regions and first-order divisions (scripts/derive_regions.py),
    read after the curated gazetteer."""
    return data_dir() / "regions.csv"


def cache_dir() -> Path:
    """The user cache (compact gazetteer index, geocoder answers, land outline):
    ``ITINERARY_CACHE_DIR``, else the platform's user cache folder. When that cannot be used (it
    is a file, it is not writable, there is no home folder) a private temporary folder is used
    instead, with one warning line: the cache only saves time, so the run goes on."""
    import os

    override = os.environ.get("ITINERARY_CACHE_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs  # only here: a few ms of every command's start-up otherwise

        path = Path(platformdirs.user_cache_dir("itinerary"))
    problem = _unusable(path)
    if problem is None:
        return path
    fallback = _temporary_cache()
    if (path, fallback) not in _WARNED:
        _WARNED.add((path, fallback))
        import logging

        how = ("set ITINERARY_CACHE_DIR to a writable folder" if override or path.is_absolute()
               else "set HOME, or ITINERARY_CACHE_DIR to a writable folder")
        logging.getLogger("itinerary").warning(
            "the cache folder %s cannot be used (%s); using %s for this run (%s)",
            path, problem, fallback, how)
    return fallback


_WARNED: set[tuple[Path, Path]] = set()
_TEMPORARY: list[Path] = []


def _unusable(path: Path) -> str | None:
    """Why ``path`` cannot be the cache folder, or None when it can (it is made if need be)."""
    import os

    if not path.is_absolute():  # "~/.cache/...": no HOME and no entry in the user database
        return "no home folder: HOME is not set"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return "it is a file, not a folder"
    except NotADirectoryError:
        return "a part of the path is a file, not a folder"
    except OSError as exc:
        return exc.strerror or str(exc)
    except RuntimeError:  # pathlib on a link loop
        return "a symbolic link loop"
    if not path.is_dir():
        return "it is a file, not a folder"
    if not os.access(path, os.W_OK | os.X_OK):
        return "it is not writable"
    return None


def _temporary_cache() -> Path:
    """A cache folder of this user's in the temporary folder (made private; a fresh one when
    the usual one belongs to someone else), the same for the whole process."""
    if _TEMPORARY:
        return _TEMPORARY[0]
    import os
    import stat
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    path = Path(tempfile.gettempdir()) / f"itinerary-cache-{uid}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = path.lstat()
        mine = (stat.S_ISDIR(info.st_mode) and (not hasattr(os, "getuid") or info.st_uid == uid)
                and not info.st_mode & 0o022)
    except OSError:
        mine = False
    if not mine or _unusable(path) is not None:
        path = Path(tempfile.mkdtemp(prefix="itinerary-cache-"))
    _TEMPORARY.append(path)
    return path


def safe_text(text: str) -> str:
    """``text`` writable as UTF-8: the bytes of a file name (or an argument) that were not UTF-8,
    which Python keeps as lone surrogates ("caf\\udce9.csv" for b"caf\\xe9.csv"), become U+FFFD,
    so a title taken from such a name can be written to a page, KML, GPX or the terminal."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no file name holds: replace it too
        return text.encode("utf-8", "replace").decode("utf-8")
