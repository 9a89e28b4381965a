"""The ``itinerary`` command line: one thin layer over the same core as the notebook API.

Only the standard library is imported here, so ``itinerary --help`` answers at once; each command
imports pandas, folium and friends inside its ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from . import __version__
from .commands import COMMANDS


def _columns() -> int:
    """``shutil.get_terminal_size().columns`` without importing shutil, which argparse does
    for every parser it builds (5 ms: a tenth of ``itinerary --help``)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help is wrapped to the terminal as usual; sub-parsers are of
    the same class (argparse's default), so every command gets it."""

    def _get_formatter(self) -> argparse.HelpFormatter:
        return self.formatter_class(prog=self.prog, width=_columns() - 2)  # type: ignore[call-arg]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that command's sub-parser (importing and building all
    eight costs a third of ``itinerary check``'s start-up)."""
    parser = Parser(
        prog="itinerary",
        description="Turn the dated places of a life into an animated, filterable map.",
    )
    parser.add_argument("--version", action="version", version=f"itinerary {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only in COMMANDS else COMMANDS:
        try:
            module = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(f"commands.{name}"):
                continue  # command not available in this build
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(next((a for a in argv if a in COMMANDS), None))
    args = parser.parse_args(argv)
    args.debug = bool(getattr(args, "debug", False)) or "--debug" in argv
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    from .errors import InputError, OutputError, ResolveError

    _warnings_to_stderr()
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        if args.debug:
            raise
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    except OutputError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ResolveError as exc:
        if args.debug:
            raise
        for line in str(exc).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: earlier outputs are left as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except (OSError, RuntimeError) as exc:  # a path the system refuses: one line naming it
        said = _path_problem(exc)
        if args.debug or said is None:
            raise
        print(f"error: {said}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug, not bad input: still one line, the traceback on request
        if args.debug:
            raise
        print(f"error: internal error: {type(exc).__name__}: {exc} "
              "(run again with --debug for the traceback)", file=sys.stderr)
        return 3


def _path_problem(exc: BaseException) -> str | None:
    """What went wrong with which path, when the system refused one (a link loop, a folder
    where a file was expected, no permission); None for anything else (a bug: internal error)."""
    if isinstance(exc, RuntimeError):  # pathlib's resolve() in Python 3.11
        text = str(exc)
        if not text.startswith("Symlink loop from "):
            return None
        return (f"{text.removeprefix('Symlink loop from ').strip(chr(39))}: is a symbolic link "
                "that leads back to itself (a link loop) (expected the path of the file itself, "
                "or a link to it)")
    if not isinstance(exc, OSError) or exc.filename is None:
        return None
    import errno

    name = os.fsdecode(exc.filename)
    what = {errno.ELOOP: "is a symbolic link that leads back to itself (a link loop)",
            errno.EACCES: "permission denied (expected a path you may read and write)",
            errno.EPERM: "permission denied (expected a path you may read and write)",
            errno.ENOTDIR: "a part of this path is a file, not a folder",
            errno.EISDIR: "is a folder, not a file",
            errno.ENOSPC: "no space left on the device (free some space and run again)",
            errno.EROFS: "is on a read-only file system (expected a writable place)",
            errno.ENOENT: "no such file or folder"}.get(exc.errno or 0)
    return f"{name}: {what or exc.strerror or exc}"


def _warnings_to_stderr() -> None:
    """What the library logs (a damaged cache rebuilt, an online answer rejected) reaches the
    user as one ``warning:`` line each, whatever the command."""
    import logging

    class Stderr(logging.Handler):  # the stderr of the moment (tests and notebooks swap it)
        def emit(self, record: logging.LogRecord) -> None:
            print(self.format(record), file=sys.stderr)

    log = logging.getLogger("itinerary")
    if not log.handlers:
        handler = Stderr()
        handler.setFormatter(logging.Formatter("warning: %(message)s"))
        log.addHandler(handler)
        log.propagate = False


if __name__ == "__main__":
    raise SystemExit(main())
