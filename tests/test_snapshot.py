"""``itinerary snapshot``: a PNG of the map (or one period of it) for slides, made with Debian's
Chromium; without a Chromium it says how to get one and exits 1."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from itinerary.cli import main
from itinerary.outputs import chromium

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LAND, SEA = (244, 240, 228), (207, 223, 232)  # the offline atlas basemap (basemap.js)
CURRENT = (0xFF, 0xD5, 0x4A)  # the traveller's ring around the current stop (layers.js)


def snapshot(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # A process of its own: Playwright's sync API runs once per process, and the test session
    # may already hold the shared browser.
    return subprocess.run([sys.executable, "-m", "itinerary", "snapshot", "-o", str(out),
                           "--width", "640", "--height", "400", *args],
                          capture_output=True, text=True, timeout=300, env=os.environ.copy())


def pixels(png: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and RGB pixels of an 8-bit non-interlaced RGB(A) PNG (as Chromium writes)."""
    assert png[:8] == PNG_SIGNATURE
    pos, idat, header = 8, b"", b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        previous = line
    out = [tuple(row[x * channels:x * channels + 3]) for row in rows for x in range(width)]
    return width, height, out


@pytest.mark.browser
def test_a_period_snapshot_is_a_real_picture_of_that_period(tmp_path: Path) -> None:
    if chromium.chromium_path() is None:
        pytest.skip("no Chromium on this machine")
    norway, mexico = tmp_path / "norway.png", tmp_path / "sub" / "mexico.png"
    result = snapshot(norway, "--period", "norway")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"wrote {norway} (640x400)"
    width, height, image = pixels(norway.read_bytes())
    assert (width, height) == (640, 400)
    # Not blank: many colours (land, sea, markers, text) ...
    assert len(set(image)) > 50
    # ... and on the map itself (below the period chips): the atlas (land and sea), and the
    # period's current stop, ringed in the traveller's yellow.
    assert colour_pixels(image, width, LAND) > 2000 and colour_pixels(image, width, SEA) > 2000
    assert colour_pixels(image, width, CURRENT) > 20
    # Another period is another picture (the output folder is created as needed).
    assert snapshot(mexico, "--period", "mexico").returncode == 0
    _, _, other = pixels(mexico.read_bytes())
    assert other != image
    assert colour_pixels(other, width, CURRENT) > 20
    # Norway's view is mostly sea (the North Sea and the Baltic), Mexico's mostly land
    assert colour_pixels(image, width, SEA) > colour_pixels(other, width, SEA)


def colour_pixels(image: list[tuple[int, ...]], width: int, colour: tuple[int, int, int]) -> int:
    """Pixels close to ``colour`` in rows 90-290: inside the map, below the header."""
    area = image[90 * width:290 * width]
    return sum(1 for px in area if sum(abs(a - b) for a, b in zip(px, colour, strict=True)) < 40)


def test_without_chromium_it_says_how_to_get_one_and_exits_1(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ITINERARY_CHROMIUM", str(tmp_path / "no-such-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH either
    real_access = os.access
    monkeypatch.setattr(os, "access",  # and Debian's /usr/bin/chromium is "not installed"
                        lambda p, mode: str(p) != "/usr/bin/chromium" and real_access(p, mode))
    assert chromium.chromium_path() is None
    out = tmp_path / "map.png"
    assert main(["snapshot", "--period", "norway", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Chromium" in err and "apt-get install chromium" in err and "ITINERARY_CHROMIUM" in err
    assert not out.exists()


def test_itinerary_chromium_wins_when_it_is_an_executable(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "my-chromium"
    mine.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv("ITINERARY_CHROMIUM", str(mine))
    assert chromium.chromium_path() != mine  # not executable: skipped
    mine.chmod(0o755)
    assert chromium.chromium_path() == mine
