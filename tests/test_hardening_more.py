"""More hostile and unlucky inputs (issue "Hardening", items 10-16 and the smaller ones): each
gets one clear line and a non-zero exit, never an internal error, and no good output is lost."""

from __future__ import annotations

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
