"""Write files so that a failed or killed run never leaves a half-written output."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import OutputError


def make_folder(directory: Path, target: Path | None = None) -> None:
    """Create ``directory`` (and its parents) for ``target``; one clear OutputError if we cannot.

    The message names what the user asked to write (``target``, else the folder) and why, in
    words: "notes.txt is a file, not a folder" rather than a bare "File exists".
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{target or directory}: cannot write here "
                          f"({folder_problem(directory, exc)})") from exc


def folder_problem(directory: Path, exc: OSError) -> str:
    """Why nothing can be created in ``directory``, for a person."""
    for folder in (directory, *directory.parents):
        if folder.exists() and not folder.is_dir():
            return f"{folder} is a file, not a folder"
    if directory.is_dir() and exc.errno == errno.ENOENT:
        return f"{directory} does not accept new files"
    reason = exc.strerror or str(exc)
    return reason if directory.is_dir() else f"cannot create the folder {directory}: {reason}"


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    The rename is atomic on POSIX, so readers see the old bytes or the new ones, never a mix.
    The temporary file is dot-prefixed (``.NAME.*.tmp``) so it is never taken for an output,
    and removed on any failure the process lives to see. A missing folder is created.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    make_folder(directory, target)
    import tempfile  # not at the top: it pulls in random and hashlib, which check never needs

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({folder_problem(directory, exc)})"
                          ) from exc
    try:
        with (os.fdopen(fd, mode) if "b" in mode
              else os.fdopen(fd, mode, encoding="utf-8", newline="")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: could not be written ({exc.strerror or exc})") from exc
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    with atomic_open(path, "w") as fh:
        fh.write(text)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(data)
