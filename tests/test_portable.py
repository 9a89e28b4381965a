"""One portable file by default: ``itinerary build`` writes a page that works when copied
anywhere alone (every script, style and the data inlined, each script allowed by its CSP
hash); ``--shared-assets`` keeps the page plus an ``itinerary_files/`` folder for sites with
many maps. The build message says which, and what to do with it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from browser import browser, wait_for  # noqa: F401
from itinerary.cli import main

ASSETS = "itinerary_files"


def build(capsys: pytest.CaptureFixture[str], out: Path, *extra: str) -> str:
    assert main(["build", "-o", str(out), *extra]) == 0
    return capsys.readouterr().err


def test_the_default_build_is_one_file_and_says_so(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site" / "trotsky.html"
    said = build(capsys, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["trotsky.html"]
    kb = round(out.stat().st_size / 1000)
    assert said.splitlines()[0] == (f"wrote {out} ({kb} KB, one file: open it in a browser or "
                                    "send it as it is)")
    assert "58 stops, 58 on the map" in said
    html = out.read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link" not in html and ASSETS not in html


def test_self_contained_is_still_accepted_and_is_the_default(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(capsys, tmp_path / "a" / "t.html")
    build(capsys, tmp_path / "b" / "t.html", "--self-contained")
    assert (tmp_path / "a" / "t.html").read_bytes() == (tmp_path / "b" / "t.html").read_bytes()
    with pytest.raises(SystemExit):
        main(["build", "--self-contained", "--shared-assets", "-o", str(tmp_path / "c.html")])


def test_help_says_which_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "send it as it is (the default)" in text
    assert "--shared-assets" in text and "must travel with the page" in text


def test_shared_assets_writes_the_folder_and_says_it_must_travel(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site" / "trotsky.html"
    said = build(capsys, out, "--shared-assets")
    folder = out.parent / ASSETS
    assert folder.is_dir() and (folder / "leaflet.js").is_file()
    assert f'<script src="{ASSETS}/leaflet.js">' in out.read_text(encoding="utf-8")
    first = said.splitlines()[0]
    assert first.startswith(f"wrote {out} (") and f"{folder}/" in first
    assert "copy or upload both together" in first


def test_a_page_to_standard_output_is_one_file_even_with_shared_assets(
        capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-o", "-", "--shared-assets"]) == 0
    out, err = capfd.readouterr()
    assert out.startswith("<!DOCTYPE html>") and ASSETS not in out
    assert err.startswith("wrote standard output (") and "one file" in err


def test_the_notebook_api_writes_one_file_or_the_folder(tmp_path: Path) -> None:
    from itinerary.api import load

    trip = load()
    one = trip.save(tmp_path / "one" / "t.html")
    assert sorted(p.name for p in one.parent.iterdir()) == ["t.html"]
    assert one.read_text(encoding="utf-8") == trip.to_html()
    shared = trip.save(tmp_path / "shared" / "t.html", shared_assets=True)
    assert (shared.parent / ASSETS / "leaflet.js").is_file()


@pytest.mark.browser
def test_the_default_page_copied_alone_opens_offline_with_the_map_drawn(
        browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    built = tmp_path / "output" / "trotsky.html"
    build(capsys, built, "--no-tiles")  # online tiles would be requests, by choice
    alone = tmp_path / "somewhere" / "else" / "map.html"  # an empty folder, far from output/
    alone.parent.mkdir(parents=True)
    shutil.copy(built, alone)
    shutil.rmtree(built.parent)  # nothing left to lean on
    assert [p.name for p in alone.parent.iterdir()] == ["map.html"]

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_offline(True)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    failed: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
               else r.abort())
    try:
        page.goto(alone.as_uri())
        wait_for(page, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
        page.wait_for_timeout(500)
        state = page.evaluate("window.itineraryMap.state()")
        assert len(state["visibleStopIds"]) == 58 and state["stopId"] == "yanovka-1879"
        drawn = page.evaluate("""() => {
            const map = document.querySelector('#map.leaflet-container');
            if (!map) return 0;
            let painted = 0;
            for (const c of map.querySelectorAll('canvas')) {
                if (!c.width || !c.height) continue;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                for (let i = 3; i < d.length; i += 16) if (d[i] > 0) painted++;
            }
            return painted + map.querySelectorAll('img.leaflet-tile-loaded').length;
        }""")
        assert drawn > 1000  # the land and the places are painted
        assert page.locator("#stops li.item").count() == 58
        assert page.locator("#date").inner_text()  # the clock runs
        assert errors == []
        assert failed == []
        assert requests == [alone.as_uri()]
    finally:
        context.close()
