"""Write files so that a failed or killed run never leaves a half-written output.

A regular file (or a name with nothing there yet) is written atomically: a temporary file
beside it, renamed over it only when complete. Anything else is a stream and is written
straight into: ``-`` (standard output), a character device (``/dev/null``, a terminal), a pipe
or FIFO, and the ``/dev/stdout``-style links into ``/proc``. Renaming a file over those would
replace the device or the pipe with a regular file, and the reader would get nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import OutputError

#: The name that means standard output for every command's ``-o``.
STDOUT: str = "-"


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


def _through_proc(path: str) -> bool:
    """Whether ``path`` is, or links through, ``/proc`` or ``/dev/fd`` (``/dev/stdout`` is a
    link to ``/proc/self/fd/1``): a descriptor the process already holds, whatever it is."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        if current.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current),
                                                os.readlink(current)))
    return False


def is_stream(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is to be written straight into rather than replaced: ``-``, a
    character or block device, a pipe or FIFO, a socket, or a link to a descriptor."""
    name = os.fspath(path)
    if name == STDOUT:
        return True
    try:
        mode = os.stat(name).st_mode
    except OSError:  # nothing there yet (or unreachable): the atomic writer says why
        return False
    if stat.S_ISDIR(mode):
        return False  # the atomic writer refuses it with a message naming it
    return not stat.S_ISREG(mode) or _through_proc(name)


def umask() -> int:
    """The process's umask, read without changing it where /proc tells it."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status",
                                                       encoding="ascii") as fh:
        for line in fh:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # no /proc: the only portable way is to set it and set it back
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _stream(target: str, mode: str) -> Iterator[IO]:
    """Write straight into a stream: nothing to rename, nothing to keep."""
    try:
        opened: contextlib.AbstractContextManager[IO]
        if target == STDOUT:
            opened = _stdout(mode)
        else:
            # No O_CREAT (it exists) and no O_TRUNC; O_APPEND keeps what a shell's ">>" (or
            # an earlier write) put in a regular file reached through /dev/stdout.
            fd = os.open(target, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
            opened = (os.fdopen(fd, "wb") if "b" in mode
                      else os.fdopen(fd, "w", encoding="utf-8", newline=""))
        with opened as out:
            yield out
    except BrokenPipeError:
        raise  # the reader went away: the command line stops quietly, as other tools do
    except OSError as exc:
        raise OutputError(f"{target}: could not be written ({exc.strerror or exc})") from exc


@contextlib.contextmanager
def _stdout(mode: str) -> Iterator[IO]:
    """Standard output, in UTF-8 whatever the locale, left open for whoever writes next."""
    import io

    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # replaced by a text-only stream (a test's capture): use it as it is
        yield sys.stdout
        sys.stdout.flush()
        return
    sys.stdout.flush()
    if "b" in mode:
        yield buffer
        buffer.flush()
        return
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield text
        text.flush()
    finally:
        text.detach()  # without closing standard output


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    The rename is atomic on POSIX, so readers see the old bytes or the new ones, never a mix.
    The temporary file is dot-prefixed (``.NAME.*.tmp``) so it is never taken for an output,
    and removed on any failure the process lives to see. A missing folder is created.

    The new file keeps the mode (and, where we may, the owner) of the file it replaces; a new
    file gets what the umask allows (0666 & ~umask), as ``open`` would have given it. A link
    to a regular file is followed: the file it points at is replaced, the link stays. A stream
    (``-``, a device, a pipe: :func:`is_stream`) is written straight into instead.
    """
    if is_stream(path):
        with _stream(os.fspath(path), mode) as fh:
            yield fh
        return
    shown = target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    directory = target.parent if str(target.parent) else Path(".")
    make_folder(directory, shown)
    import tempfile  # not at the top: it pulls in random and hashlib, which check never needs

    try:
        earlier: os.stat_result | None = os.stat(target)
    except OSError:
        earlier = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write here ({folder_problem(directory, exc)})"
                          ) from exc
    try:
        with (os.fdopen(fd, mode) if "b" in mode
              else os.fdopen(fd, mode, encoding="utf-8", newline="")) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if earlier is not None and stat.S_ISREG(earlier.st_mode):
            if (earlier.st_uid, earlier.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.chown(tmp, earlier.st_uid, earlier.st_gid)
            os.chmod(tmp, stat.S_IMODE(earlier.st_mode))
        else:
            os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{shown}: could not be written ({exc.strerror or exc})") from exc
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    with atomic_open(path, "w") as fh:
        fh.write(text)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(data)
