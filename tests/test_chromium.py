"""The one Chromium launcher (``itinerary.outputs.chromium.launch``): the flags every browser of
this project gets, and that the snapshot command, the page tests and the benchmarks all use it."""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import Any

import pytest

from itinerary.outputs import chromium

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"


def test_an_offline_browser_resolves_no_host_but_127_0_0_1() -> None:
    args = chromium.launch_args()
    assert args[0] == "--headless"
    for flag in ("--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--no-proxy-server", OFFLINE):
        assert flag in args
    assert OFFLINE not in chromium.launch_args(offline=False)
    assert "--no-proxy-server" in chromium.launch_args(offline=False)


def test_no_sandbox_only_for_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    assert "--no-sandbox" in chromium.launch_args()
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert "--no-sandbox" not in chromium.launch_args()


def test_extra_args_come_last_so_they_win() -> None:
    args = chromium.launch_args(extra_args=["--window-size=640,400", "--lang=de"])
    assert args[-2:] == ["--window-size=640,400", "--lang=de"]


class _FakePlaywright:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.chromium = self

    def launch(self, **kwargs: Any) -> str:
        self.calls.append(kwargs)
        return "the browser"


def test_launch_hands_playwright_our_executable_and_flags(tmp_path: Path) -> None:
    pw = _FakePlaywright()
    exe = tmp_path / "chromium"
    assert chromium.launch(pw, executable=exe, extra_args=["--x"]) == "the browser"
    (call,) = pw.calls
    assert call == {"executable_path": str(exe), "headless": True,
                    "args": chromium.launch_args(extra_args=["--x"])}


def test_launch_without_a_chromium_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chromium, "chromium_path", lambda: None)
    pw = _FakePlaywright()
    with pytest.raises(chromium.ChromiumMissing, match="apt-get install chromium"):
        chromium.launch(pw)
    assert pw.calls == []


@pytest.mark.parametrize("path", ["src/itinerary/commands/snapshot.py", "tests/browser.py",
                                  "benchmarks/browser_metrics.py"])
def test_every_browser_is_launched_by_the_one_launcher(path: str) -> None:
    """No other module calls ``<playwright>.chromium.launch(...)`` or spells launch flags."""
    source = (ROOT / path).read_text(encoding="utf-8")
    assert "--host-resolver-rules" not in source and "--disable-gpu" not in source
    calls = [node.func for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)]
    ours = [f for f in calls if (isinstance(f, ast.Name) and f.id == "launch")
            or (isinstance(f, ast.Attribute) and f.attr == "launch"
                and isinstance(f.value, ast.Name) and f.value.id == "chromium")]
    playwrights = [ast.unparse(f) for f in calls if isinstance(f, ast.Attribute)
                   and f.attr == "launch" and isinstance(f.value, ast.Attribute)]
    assert ours, f"{path} launches no browser through itinerary.outputs.chromium"
    assert playwrights == [], f"{path} launches Chromium itself: {playwrights}"
