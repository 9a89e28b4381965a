"""Write a page and its assets: assets first, the page last, every file atomically.

A reader never sees a page that points at assets not yet written, and a failed run leaves the
previous page byte-for-byte intact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .atomic import write_bytes, write_text
from .errors import OutputError


class PageLike(Protocol):
    html: str
    assets: dict[str, bytes]


def ensure_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot create the output folder "
                          f"({exc.strerror or exc})") from exc


def write_page(out: Path, page: PageLike) -> None:
    ensure_dir(out.parent)
    for rel, data in sorted(page.assets.items()):
        target = out.parent / rel
        ensure_dir(target.parent)
        if target.exists() and target.read_bytes() == data:
            continue
        write_bytes(target, data)
    write_text(out, page.html)
