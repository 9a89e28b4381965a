"""Write a page and its assets: assets first, the page last, every file atomically.

A reader never sees a page that points at assets not yet written, and a failed run leaves the
previous page byte-for-byte intact. A page sent to a stream (``-o -``, a pipe, a device) has
nowhere to put files beside it, so it must be self-contained.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Protocol

from ..errors import OutputError
from .atomic import is_stream, make_folder, write_bytes, write_text


class PageLike(Protocol):
    html: str
    assets: dict[str, bytes]


def ensure_dir(directory: Path) -> None:
    """Create the output folder if we can. If we cannot, say nothing yet: the atomic write that
    follows fails with one message naming the file the user asked for (not just its folder)."""
    with contextlib.suppress(OutputError):
        make_folder(directory)


def write_page(out: Path, page: PageLike) -> None:
    """Every error names the page the user asked for, even when an asset beside it failed."""
    if is_stream(out):
        if page.assets:
            raise OutputError(f"{out}: a page sent to a pipe or device cannot have its files "
                              "beside it (build it as one file: without --shared-assets)")
        write_text(out, page.html)
        return
    make_folder(out.parent, out)
    for rel, data in sorted(page.assets.items()):
        target = out.parent / rel
        try:
            make_folder(target.parent, out)
            if target.is_file() and target.read_bytes() == data:
                continue
            write_bytes(target, data)
        except OutputError as exc:
            if str(exc).startswith(f"{out}:"):
                raise
            raise OutputError(f"{out}: cannot write here ({exc})") from exc
    write_text(out, page.html)
