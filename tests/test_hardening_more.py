"""More hostile and unlucky inputs (issue "Hardening", items 10-16 and the smaller ones): each
gets one clear line and a non-zero exit, never an internal error, and no good output is lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from itinerary.cli import main

ROOT = Path(__file__).resolve().parent.parent


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("warning:")]


# --- 10. one rule for unknown periods ------------------------------------------------------------

def test_snapshot_refuses_an_unknown_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from itinerary.commands import snapshot

    def no_picture(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("no picture for an unknown period")

    monkeypatch.setattr(snapshot, "_screenshot", no_picture)
    out = tmp_path / "map.png"
    assert main(["snapshot", "--period", "nosuch", "-o", str(out)]) == 2
    err = errors(capsys.readouterr().err)
    assert len(err) == 1 and "unknown period 'nosuch'" in err[0] and "norway" in err[0]
    assert not out.exists()


def test_embed_refuses_an_unknown_period_with_the_build_message(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["embed", "--period", "nosuch"]) == 2
    embed_err = errors(capsys.readouterr().err)
    assert main(["export", "--format", "kml", "--period", "nosuch"]) == 2
    export_err = errors(capsys.readouterr().err)
    assert embed_err == export_err and len(embed_err) == 1


@pytest.mark.parametrize("width", ["0", "-5", "abc", "100000"])
def test_snapshot_width_out_of_range_is_an_argument_error(
        width: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["snapshot", "--width", width, "-o", str(tmp_path / "m.png")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--width" in err and "internal error" not in err


# --- 11. names and titles of bytes that are not UTF-8 --------------------------------------------

@pytest.fixture
def latin1_named(tmp_path: Path) -> Path:
    """examples/marx.csv under the name b"caf\\xe9.csv" (Latin-1 bytes, as an old disk has)."""
    import os

    if sys.platform == "darwin":
        pytest.skip("macOS file names are always UTF-8")
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.csv"))
    path.write_bytes((ROOT / "examples" / "marx.csv").read_bytes())
    return path


@pytest.mark.parametrize("fmt", ["kml", "gpx", "geojson"])
def test_an_export_of_a_file_named_in_latin1_says_what_it_can(
        latin1_named: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = latin1_named.parent / f"out.{fmt}"
    assert main(["export", str(latin1_named), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    if fmt != "geojson":
        assert "<name>caf\ufffd</name>" in text
    assert "internal error" not in capsys.readouterr().err


def test_a_page_of_a_file_named_in_latin1_and_a_title_of_such_bytes(
        latin1_named: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    out = latin1_named.parent / "page.html"
    assert main(["build", str(latin1_named), "-o", str(out)]) == 0
    assert "<title>caf\ufffd" in out.read_text(encoding="utf-8")
    title = os.fsdecode(b"T\xffrier")
    assert main(["build", str(latin1_named), "--title", title, "-o", str(out)]) == 0
    assert "<title>T\ufffdrier" in out.read_text(encoding="utf-8")
    assert main(["export", str(latin1_named), "--title", title, "--format", "kml",
                 "-o", str(out.with_suffix(".kml"))]) == 0
    assert "<name>T\ufffdrier</name>" in out.with_suffix(".kml").read_text(encoding="utf-8")
    assert main(["embed", str(latin1_named), "--format", "html"]) == 0
    assert 'title="caf\ufffd"' in capsys.readouterr().out
