"""Outputs into streams, and the mode an output gets (issue "Hardening", items 1 and 6).

A regular file is replaced atomically (``test_faults.py``); anything else given to ``-o`` is
written straight into: ``-`` (standard output), a character device, a FIFO, ``/dev/stdout``.
Replacing those by renaming a file over them would turn ``/dev/null`` into a regular file (as
root) and leave a FIFO's reader with nothing. A replaced file keeps its mode; a new one gets
what the umask allows.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from itinerary.outputs import atomic, chromium

ROOT = Path(__file__).resolve().parent.parent
TINY = "place,start,end\nVienna,1907,1914\nParis,1914,1916\n"


def run(*args: str, cwd: Path = ROOT, preexec_fn: Callable[[], None] | None = None,
        stdout: int | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "itinerary", *args], cwd=cwd,
                          stdout=subprocess.PIPE if stdout is None else stdout,
                          stderr=subprocess.PIPE, env=os.environ.copy(),
                          preexec_fn=preexec_fn, timeout=600)


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.csv"
    path.write_text(TINY, encoding="utf-8")
    return path


def null_device(tmp_path: Path) -> Path:
    """A character device that discards what is written to it: a private copy of /dev/null
    when we may make one (root), so a regression cannot break the machine's own."""
    private = tmp_path / "null"
    try:
        os.mknod(private, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError:  # not root: /dev/null cannot be replaced by us anyway
        return Path("/dev/null")
    return private


class FifoReader(threading.Thread):
    """Reads a FIFO to its end in the background, as a shell's ``cat fifo`` would."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path, self.data = path, b""

    def run(self) -> None:
        with open(self.path, "rb") as fh:
            self.data = fh.read()


COMMANDS = {
    "build": ("build", "{table}", "--self-contained"),
    "export": ("export", "{table}", "--format", "geojson"),
    "resolve": ("resolve", "{table}"),
}


def reference(tmp_path: Path, name: str, table: Path, suffix: str) -> bytes:
    out = tmp_path / f"reference.{suffix}"
    args = [a.replace("{table}", str(table)) for a in COMMANDS[name]]
    done = run(*args, "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


# --- devices and FIFOs ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_fifo_reader_gets_the_whole_output_and_the_fifo_stays(tmp_path: Path, table: Path,
                                                                name: str) -> None:
    expected = reference(tmp_path, name, table, "out")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    reader.start()
    args = [a.replace("{table}", str(table)) for a in COMMANDS[name]]
    done = run(*args, "-o", str(fifo))
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert not reader.is_alive()
    assert reader.data == expected
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "reference.out", "tiny.csv"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_writing_to_the_null_device_keeps_it_a_device(tmp_path: Path, table: Path,
                                                      name: str) -> None:
    device = null_device(tmp_path)
    args = [a.replace("{table}", str(table)) for a in COMMANDS[name]]
    done = run(*args, "-o", str(device))
    assert done.returncode == 0, done.stderr
    info = os.lstat(device)
    assert stat.S_ISCHR(info.st_mode)
    assert info.st_rdev == os.makedev(1, 3)
    assert not [p for p in device.parent.iterdir() if p.name.startswith(".null.")]


def test_the_atomic_writer_writes_into_a_fifo_in_process(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    reader.start()
    atomic.write_bytes(fifo, b"\x00binary\xff" * 1000)
    reader.join(timeout=60)
    assert reader.data == b"\x00binary\xff" * 1000
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_what_is_a_stream() -> None:
    assert atomic.is_stream("-")
    assert atomic.is_stream("/dev/null")
    assert atomic.is_stream("/dev/stdout")  # a link into /proc/self/fd, whatever it holds
    assert not atomic.is_stream(ROOT / "pyproject.toml")
    assert not atomic.is_stream(ROOT / "no such output.html")
    assert not atomic.is_stream(ROOT)  # a folder: the atomic writer refuses it by name


# --- standard output ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_standard_output_gets_the_output(tmp_path: Path, table: Path, name: str,
                                         target: str) -> None:
    expected = reference(tmp_path, name, table, "out")
    args = [a.replace("{table}", str(table)) for a in COMMANDS[name]]
    done = run(*args, "-o", target)
    assert done.returncode == 0, done.stderr
    if name == "resolve" and target != "-":  # its report comes first on stdout, then the table
        assert done.stdout.endswith(expected)
    else:
        assert done.stdout == expected
    assert os.path.islink("/dev/stdout")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reference.out", "tiny.csv"]


def test_dev_stdout_redirected_to_a_file_appends_to_it(tmp_path: Path, table: Path) -> None:
    expected = reference(tmp_path, "export", table, "geojson")
    log = tmp_path / "log.txt"
    log.write_bytes(b"earlier line\n")
    with open(log, "ab") as fh:
        done = run("export", str(table), "--format", "geojson", "-o", "/dev/stdout",
                   stdout=fh.fileno())
    assert done.returncode == 0, done.stderr
    assert log.read_bytes() == b"earlier line\n" + expected


def test_build_to_standard_output_is_self_contained(tmp_path: Path, table: Path) -> None:
    done = run("build", str(table), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = done.stdout.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "_files/" not in page  # nothing refers to files beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.csv"]  # no asset folder


def test_extract_to_standard_output(tmp_path: Path) -> None:
    bio = tmp_path / "bio.txt"
    bio.write_text("In 1902 he escaped to London.\n", encoding="utf-8")
    to_file = run("extract", str(bio), "-o", str(tmp_path / "draft.csv"))
    assert to_file.returncode == 0, to_file.stderr
    done = run("extract", str(bio), "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (tmp_path / "draft.csv").read_bytes()
    assert b"London" in done.stdout


def test_snapshot_to_a_fifo(tmp_path: Path, table: Path) -> None:
    if chromium.chromium_path() is None or not chromium.playwright_available():
        pytest.skip(chromium.HOW_TO_GET)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    reader.start()
    done = run("snapshot", str(table), "-o", str(fifo), "--width", "320", "--height", "200")
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert reader.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# --- modes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "out.csv"
    target.write_text("earlier", encoding="utf-8")
    target.chmod(mode)
    atomic.write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_replaced_file_keeps_its_mode_through_the_command_line(tmp_path: Path,
                                                                 table: Path) -> None:
    out = tmp_path / "trip.csv"
    out.write_text("earlier", encoding="utf-8")
    out.chmod(0o600)
    done = run("export", str(table), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("seq,")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("mask", [0o077, 0o027, 0o002])
def test_a_new_file_follows_the_umask(tmp_path: Path, table: Path, mask: int) -> None:
    out = tmp_path / "trip.csv"
    done = run("export", str(table), "-o", str(out), preexec_fn=lambda: os.umask(mask) and None)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_a_new_file_follows_the_umask_in_process(tmp_path: Path) -> None:
    earlier = os.umask(0o027)
    try:
        atomic.write_text(tmp_path / "map.html", "<!DOCTYPE html>")
        assert atomic.umask() == 0o027
    finally:
        os.umask(earlier)
    assert stat.S_IMODE((tmp_path / "map.html").stat().st_mode) == 0o640


def test_a_link_to_an_output_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("earlier", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    atomic.write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == "real.csv"
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
