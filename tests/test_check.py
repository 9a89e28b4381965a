"""``itinerary check``: the build pipeline without rendering, then the plausibility review.

It prints a summary of the table, then every stop it could not place and every plausibility
warning, one line each naming file, row and column; ``--strict`` turns warnings into errors.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from itinerary import pipeline
from itinerary.pipeline import build_trip

ROOT = Path(__file__).resolve().parent.parent


#: Something for every check to say: overrides near and far, an unknown place, a region, Old
#: Style and vague dates, seasons, a stay split over two rows, a journey too fast, a long gap.
MIXED = """\
place,start,end,calendar,kind,source,lat,lon,country,move
Paris,1900-01-01,1900-01-01,,,s,,,,
Moscow,1900-01-02,,,prison,s,,,,
Paris,1901~,1902?,,,,40.0,-3.7,,
Xyzzyville,1902-21,,,,s,,,,
Siberia,1902-07%,1903-22,julian,exile,s,,,,
Zürich,1903-05,,,escape,s,47.37,8.54,ch,
Zürich,1903-05-02,,,,s,,,,return
London,1903-05-01,1903-12-31,,,s,,,gb,
Versailles,1903-06,1903-07,,,,,,,
New York City,1925,,,,s,,,,
"""


def check(*args: str, flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *flags, "-m", "itinerary", "check", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False,
                          env=dict(os.environ))


def test_check_is_the_build_pipeline_without_rendering(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    """One orchestrator: check asks ``build_trip`` for the table, and renders nothing."""
    table = tmp_path / "mixed.csv"
    table.write_text(MIXED, encoding="utf-8")
    calls: list[object] = []

    def spy(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        return build_trip(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build_trip", spy)
    from itinerary.cli import main

    assert main(["check", str(table)]) == 0
    assert calls == [[str(table)]]
    assert not list(tmp_path.glob("*.html"))


def test_the_summary_counts_what_the_table_holds(tmp_path: Path) -> None:
    table = tmp_path / "mixed.csv"
    table.write_text(MIXED, encoding="utf-8")
    done = check(str(table))
    lines = done.stdout.splitlines()
    assert lines[2] == "  periods:     none (no periods file given)"
    # Paris 1 January 1900 is the earliest day; New York ends last, in 1925: each at the
    # precision written (not "31 December 1925", a day the table never gave)
    assert lines[3].startswith("  dates:       1 January 1900 – 1925 (1 Old Style,")
    assert lines[5].startswith("  places:      9 of 10 stops placed (")





def test_several_lives_are_checked_together_and_reviewed_one_by_one(tmp_path: Path) -> None:
    """Two people far apart at the same time is history, not a mistake: each life is reviewed
    on its own, so no 'overlapping stays' warning compares one person with another."""
    (tmp_path / "anna.csv").write_text("place,start,end,source\nParis,1900,1905,s\n",
                                       encoding="utf-8")
    (tmp_path / "boris.csv").write_text("place,start,end,source\nMoscow,1900,1905,s\n",
                                        encoding="utf-8")
    done = check(str(tmp_path / "anna.csv"), str(tmp_path / "boris.csv"))
    assert done.returncode == 0, done.stderr
    assert "  lives:       Anna (1 stops), Boris (1 stops)" in done.stdout.splitlines()
    assert "overlap" not in done.stderr
    alone = tmp_path / "both.csv"
    alone.write_text("place,start,end,source\nParis,1900,1905,s\nMoscow,1900,1905,s\n",
                     encoding="utf-8")
    assert "apart" in check(str(alone)).stderr  # one life in two places: the review says so
