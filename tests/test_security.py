"""Hostile text in every field a teacher can type: it is shown, never run.

Each line of ``xss_payloads.txt`` is a classic attack (script tags, ``</script>`` break-outs,
event-handler attributes, ``javascript:`` URLs, Jinja syntax, line separators, entities, CSS and
``<base>``/``<meta refresh>`` tricks, our own ``@@PLACEHOLDERS@@``). ``PWN_PORT`` is replaced by
the port of a local listener, so a payload that managed to fetch anything would show up there.

The same table is built through the real command line, as the default one self-contained
file and as a page with its shared assets (``--shared-assets``), and opened in headless
Chromium from ``file://``. A student's whole visit is replayed (every stop card, every period,
every marker hovered, a little playback) and then we prove: no dialog, ``window.__pwned``
never called, no request to the listener or anywhere else, no Content-Security-Policy
violation, the same elements as a build of harmless text, and every payload visible as its
literal text. The pages are also opened with the CSP removed, so the
escaping is shown to hold on its own and not only because the CSP blocks what slipped through.
"""

from __future__ import annotations

import csv
import html as htmlmod
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from browser import browser, leaflet_offline, wait_for  # noqa: F401 - session fixture
from itinerary.outputs.page import PAGE_SCRIPTS
from itinerary.outputs.records import rows

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")
FIELDS = ("id", "place", "note", "evidence", "source", "period id", "period title",
          "page title")


def read_payloads(port: int | str = "PWN_PORT") -> list[str]:
    """One payload per line. Split on ``\\n`` only: a payload contains U+2028 on purpose."""
    text = PAYLOAD_FILE.read_text(encoding="utf-8")
    return [line.replace("PWN_PORT", str(port)) for line in text.split("\n") if line]


# --- a listener that records every request ------------------------------------------------------

@dataclass
class Listener:
    port: int
    hits: list[str]


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Listener(server.server_address[1], hits)
    finally:
        server.shutdown()
        server.server_close()


# --- the hostile table, built by the real command line -------------------------------------------

def write_tables(directory: Path, texts: list[str]) -> tuple[Path, Path]:
    """Row k carries text k in id, place, note, evidence, source and period (with lat/lon, since
    such a place cannot be found); a second row per text puts it in the note, evidence and
    source of a place the gazetteer knows (Vienna). One period per text, titled with it."""
    directory.mkdir(parents=True, exist_ok=True)
    places, periods = directory / "places.csv", directory / "periods.csv"
    with places.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "place", "start", "period", "kind", "note", "source", "evidence",
                      "lat", "lon"])
        for k, text in enumerate(texts):
            out.writerow([text, text, str(1800 + k), text, "visit", text, text, text,
                          str(36 + (k % 6) * 4), str(-10 + (k // 6) * 8)])
        for k, text in enumerate(texts):
            out.writerow([f"vienna-{k}", "Vienna", str(1900 + k), text, "residence", text,
                          text, text, "", ""])
    with periods.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "title", "start", "end"])
        for k, text in enumerate(texts):
            out.writerow([text, text, str(1800 + k), str(1900 + k)])
    return places, periods


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "itinerary", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=os.environ.copy(), timeout=600)


def build(directory: Path, texts: list[str], title: str, *extra: str) -> Path:
    places, periods = write_tables(directory, texts)
    out = directory / ("map.html" if "--shared-assets" in extra else "one.html")
    done = run_cli("build", str(places), "--periods", str(periods), "--title", title,
                   "-o", str(out), *extra)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return out


def without_csp(page: Path) -> Path:
    """The same page with its Content-Security-Policy removed (assets stay beside it)."""
    text = page.read_text(encoding="utf-8")
    stripped, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "", text)
    assert n == 1
    target = page.with_name(page.stem + "-nocsp.html")
    target.write_text(stripped, encoding="utf-8")
    return target


@dataclass
class Site:
    payloads: list[str]
    title: str
    pages: dict[str, Path]  # variant -> hostile page
    clean: dict[str, Path]  # variant -> the same table with harmless text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, listener: Listener) -> Site:
    root = tmp_path_factory.mktemp("hostile")
    payloads = read_payloads(listener.port)
    title = " | ".join(payloads)
    harmless = [f"harmless text {k}" for k in range(len(payloads))]
    pages: dict[str, Path] = {}
    clean: dict[str, Path] = {}
    for variant, extra in (("default", ()), ("shared-assets", ("--shared-assets",))):
        pages[variant] = build(root / "hostile", payloads, title, *extra)
        clean[variant] = build(root / "clean", harmless, "harmless title", *extra)
        pages[variant + " without CSP"] = without_csp(pages[variant])
        clean[variant + " without CSP"] = without_csp(clean[variant])
    return Site(payloads, title, pages, clean)


def embedded_data(page: Path) -> dict[str, Any]:
    text = page.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="itinerary-data">(.*?)</script>',
                      text, re.S)
    assert match
    data = dict(json.loads(match.group(1)))
    return {**data, "stops": rows(data["stops"]), "moves": rows(data["moves"])}


# --- without a browser ---------------------------------------------------------------------------

def test_there_are_at_least_twenty_payloads_and_each_is_one_line() -> None:
    payloads = read_payloads()
    assert len(payloads) >= 20
    assert len(set(payloads)) == len(payloads)
    assert any("\u2028" in p for p in payloads)  # a line separator that is not a line end


def test_built_pages_keep_every_payload_as_data(site: Site) -> None:
    for variant in ("default", "shared-assets"):
        text = site.pages[variant].read_text(encoding="utf-8")
        # the only </script> tags are the page's own; data cannot close a script element
        # data, land outline, Leaflet and the page's own scripts: all script elements our own
        assert text.count("</script>") == 3 + len(PAGE_SCRIPTS)
        assert len(re.findall(r'<meta http-equiv="Content-Security-Policy" content="[^"]+">',
                              text)) == 1
        data = embedded_data(site.pages[variant])
        stops = data["stops"]
        by_id = {s["id"]: s for s in stops}
        for k, payload in enumerate(site.payloads):
            assert by_id[payload]["name"] == payload
            for field in ("note", "evidence", "source", "period"):
                assert by_id[payload][field] == payload
                assert by_id[f"vienna-{k}"][field] == payload
        assert [p["title"] for p in data["periods"]] == site.payloads
        assert data["title"] == site.title


def test_the_title_is_escaped_text_in_the_head(site: Site) -> None:
    text = site.pages["default"].read_text(encoding="utf-8")
    shown = text.split("<title>", 1)[1].split("</title>", 1)[0]
    assert htmlmod.unescape(shown) == site.title
    assert "<" not in shown and ">" not in shown


def test_jinja_syntax_is_never_evaluated(site: Site) -> None:
    data = embedded_data(site.pages["default"])
    jinja = [p for p in site.payloads if "{{" in p or "{%" in p]
    assert jinja
    notes = {s["note"] for s in data["stops"]}
    assert set(jinja) <= notes
    assert not any("49" in n for n in notes)


# --- in Chromium --------------------------------------------------------------------------------

GUARD = """
window.__pwnedCalls = [];
window.__pwned = function (n) { window.__pwnedCalls.push(String(n)); };
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""

# Every element of the page by tag, leaving out Leaflet's tile images (they depend on loading)
# and the place labels (how many fit depends on the names' lengths); a label must be a plain
# DIV of text, else it is counted as what it is.
TAG_COUNTS = """() => {
  const counts = {};
  for (const el of document.querySelectorAll('*')) {
    if (el.closest('.leaflet-tile-pane')) continue;
    const label = el.parentElement && el.parentElement.classList.contains('leaflet-labels-pane');
    if (label && el.tagName === 'DIV' && el.children.length === 0) continue;
    counts[el.tagName] = (counts[el.tagName] || 0) + 1;
  }
  return counts;
}"""
# (a title attribute is a tooltip, never followed: the heading's carries the title as text)
HANDLER_ATTRIBUTES = """() => Array.from(document.querySelectorAll('*')).flatMap(el =>
  Array.from(el.attributes).filter(a => a.name.startsWith('on') ||
    (a.name !== 'title' && /javascript:/i.test(a.value)))
    .map(a => el.tagName + ' ' + a.name))"""
# Open every stop's card in turn (as the list buttons do) and read what it shows.
OPEN_EVERY_CARD = """ids => Object.fromEntries(ids.map(id => {
  const text = sel => { const e = document.querySelector(sel); return e ? e.textContent : null; };
  const went = window.itineraryMap.goToStop(id);
  return [id, { went: went, at: window.itineraryMap.state().stopId,
    title: text('#card-title'), note: text('#card .note'),
    evidence: text('#card blockquote p'), source: text('#card figcaption') }];
}))"""


@dataclass
class Visit:
    """What a page did during a student's visit."""

    dialogs: list[str]
    requests: list[str]
    console: list[str]
    pwned: list[str]
    csp: list[str]
    tags: dict[str, int]
    handlers: list[str]
    cards: dict[str, dict[str, Any]]
    list_names: list[str]
    period_titles: list[str]
    tooltips: list[str | None]
    heading: str
    document_title: str


def display_name(stop: dict[str, Any]) -> str:
    """As the page names a stop: 'Petrograd, now Saint Petersburg' when the name changed."""
    if stop["today"] and stop["today"].lower() != stop["name"].lower():
        return f"{stop['name']}, now {stop['today']}"
    return str(stop["name"] or stop["today"])


def visit(browser: Any, page_path: Path) -> Visit:  # noqa: F811
    # Tall: the long hostile title wraps over many lines and pushes the map down.
    context = browser.new_context(viewport={"width": 1280, "height": 2400})
    context.add_init_script(GUARD)
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    console: list[str] = []
    # No request interception: Chromium's --host-resolver-rules already resolve every host but
    # 127.0.0.1 to nothing (offline), and every request is still seen by the "request" event.

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text))

    try:
        page.goto(page_path.as_uri())
        wait_for(page, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
        tags = dict(page.evaluate(TAG_COUNTS))
        data = embedded_data(page_path)
        cards = dict(page.evaluate(OPEN_EVERY_CARD, [s["id"] for s in data["stops"]]))
        list_names = list(page.evaluate(
            "() => Array.from(document.querySelectorAll('#stops .where'), e => e.textContent)"))
        period_titles = list(page.evaluate(
            "() => Array.from(document.querySelectorAll('#periods button.period'),"
            " b => b.textContent)"))
        chosen = page.evaluate("""ids => ids.map(id => { window.itineraryMap.setPeriod(id);
            return window.itineraryMap.state().period; })""", [p["id"] for p in data["periods"]])
        assert chosen == [p["id"] for p in data["periods"]]
        page.evaluate("window.itineraryMap.setPeriod(null)")
        tooltips = hover_every_place(page, data)
        page.select_option("#speed", "4")
        page.evaluate("window.itineraryMap.play()")
        page.wait_for_timeout(1500)
        page.evaluate("window.itineraryMap.pause()")
        page.locator("#stops button.stop").first.click()  # and a real click, for good measure
        page.wait_for_timeout(200)
        return Visit(
            dialogs=dialogs, requests=requests, console=console,
            pwned=list(page.evaluate("window.__pwnedCalls")),
            csp=list(page.evaluate("window.__cspViolations")),
            tags=tags, handlers=list(page.evaluate(HANDLER_ATTRIBUTES)), cards=cards,
            list_names=list_names, period_titles=period_titles, tooltips=tooltips,
            heading=page.locator("#title").text_content() or "",
            document_title=page.title(),
        )
    finally:
        context.close()


def hover_every_place(page: Any, data: dict[str, Any]) -> list[str | None]:
    """Point the mouse at place markers (on a canvas), in the whole-life view, and read the
    tooltip each opens."""
    points = page.evaluate("""places => places.map(p => { const m = window.itineraryMap.map;
        const q = m.latLngToContainerPoint([p.lat, p.lon]);
        const r = m.getContainer().getBoundingClientRect();
        return [r.left + q.x, r.top + q.y]; })""", data["places"])
    texts = []
    for x, y in points[:8]:  # a few are enough; each hover waits for Leaflet's throttle
        page.mouse.move(x, y)
        page.wait_for_timeout(300)
        texts.append(page.evaluate(
            "() => { const t = document.querySelector('.leaflet-tooltip .tip strong');"
            " return t ? t.textContent : null; }"))
    return texts


@pytest.fixture(scope="module")
def visits(browser: Any, site: Site) -> dict[str, Visit]:  # noqa: F811
    return {variant: visit(browser, path) for variant, path in site.pages.items()}


@pytest.fixture(scope="module")
def clean_visits(browser: Any, site: Site) -> dict[str, Visit]:  # noqa: F811
    return {variant: visit(browser, path) for variant, path in site.clean.items()}


VARIANTS = ("default", "shared-assets", "default without CSP", "shared-assets without CSP")


@pytest.mark.browser
@pytest.mark.parametrize("variant", VARIANTS)
def test_no_payload_runs(visits: dict[str, Visit], listener: Listener, variant: str) -> None:
    seen = visits[variant]
    assert seen.pwned == []
    assert seen.dialogs == []
    assert [u for u in seen.requests if "pwned" in u or "127.0.0.1" in u] == []
    assert listener.hits == []
    assert seen.handlers == []


@pytest.mark.browser
@pytest.mark.parametrize("variant", VARIANTS)
def test_no_element_is_injected(visits: dict[str, Visit], clean_visits: dict[str, Visit],
                                variant: str) -> None:
    assert visits[variant].tags == clean_visits[variant].tags
    for tag in ("IMG", "IFRAME", "OBJECT", "VIDEO", "BASE", "FORM", "DETAILS", "MATH"):
        assert tag not in visits[variant].tags


@pytest.mark.browser
@pytest.mark.parametrize("variant", ["default", "shared-assets"])
def test_the_page_works_under_its_csp_without_violations(visits: dict[str, Visit],
                                                         variant: str) -> None:
    seen = visits[variant]
    assert seen.csp == []
    assert [m for m in seen.console if "Content Security Policy" in m] == []


@pytest.mark.browser
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_payload_is_shown_as_its_literal_text(site: Site, visits: dict[str, Visit],
                                                    variant: str) -> None:
    seen = visits[variant]
    data = embedded_data(site.pages[variant])
    stops = {s["id"]: s for s in data["stops"]}
    for k, payload in enumerate(site.payloads):
        for sid in (payload, f"vienna-{k}"):
            card = seen.cards[sid]
            assert card["went"] is True and card["at"] == sid
            assert card["note"] == payload
            assert card["evidence"] == f"“{payload}”"
            assert card["source"] == f"Source: {payload}"
            assert card["title"] == display_name(stops[sid])
        assert seen.cards[payload]["title"].startswith(payload)
    assert seen.list_names == [display_name(s) for s in data["stops"]]
    assert seen.period_titles == ["Whole life", *site.payloads]
    assert seen.heading == site.title
    assert seen.document_title == site.title


@pytest.mark.browser
@pytest.mark.parametrize("variant", VARIANTS)
def test_marker_tooltips_show_place_names_as_text(site: Site, visits: dict[str, Visit],
                                                  variant: str) -> None:
    data = embedded_data(site.pages[variant])
    first = {s["seq"]: s for s in data["stops"]}
    expected = [display_name(first[p["visits"][0]]) for p in data["places"]]
    shown = visits[variant].tooltips
    assert len(shown) == 8
    assert shown == expected[:8]


# --- names of JavaScript object properties ------------------------------------------------------

PROPERTY_NAMES = ("__proto__", "constructor", "toString", "hasOwnProperty")


@pytest.mark.browser
def test_ids_named_like_object_properties_work(browser: Any,  # noqa: F811
                                               tmp_path: Path) -> None:
    places = tmp_path / "places.csv"
    periods = tmp_path / "periods.csv"
    cities = ("Vienna", "Paris", "London", "Zürich")
    places.write_text("id,place,start,period\n" + "".join(
        f"{name},{city},{1900 + k},{name}\n"
        for k, (name, city) in enumerate(zip(PROPERTY_NAMES, cities, strict=True))),
        encoding="utf-8")
    periods.write_text("id,title,start,end\n" + "".join(
        f"{name},Period {name},{1900 + k},{1900 + k}\n" for k, name in enumerate(PROPERTY_NAMES)),
        encoding="utf-8")
    out = tmp_path / "map.html"
    done = run_cli("build", str(places), "--periods", str(periods), "--no-tiles",
                   "--self-contained", "-o", str(out))
    assert done.returncode == 0, done.stderr
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(out.as_uri())
        wait_for(page, "window.itineraryMap && window.itineraryMap.state().stopId !== null")
        for name in PROPERTY_NAMES:
            assert page.evaluate("id => window.itineraryMap.goToStop(id)", name) is True
            assert page.evaluate("window.itineraryMap.state().stopId") == name
        for name in PROPERTY_NAMES:
            page.evaluate("id => window.itineraryMap.setPeriod(id)", name)
            assert page.evaluate("window.itineraryMap.state().period") == name
        assert errors == []
    finally:
        context.close()


# --- the notebook view (folium) -----------------------------------------------------------------

JINJA_NOTES = ("{{ 7*7 }} and {{ config }}", "{% raw %} never closed",
               "</script><img src=x onerror=window.__pwned(1)> {# comment #}")


@pytest.fixture(scope="module")
def folium_html(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """``load(path).to_map()`` of a table whose notes are Jinja and markup, rendered both ways a
    notebook does."""
    import itinerary

    folder = tmp_path_factory.mktemp("folium")
    table = folder / "places.csv"
    with table.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["place", "start", "note"])
        for city, year, note in zip(("Vienna", "Paris", "London"), (1907, 1914, 1902),
                                    JINJA_NOTES, strict=True):
            out.writerow([city, year, note])
    fmap = itinerary.load(table).to_map()
    return {"root": fmap.get_root().render(), "repr": fmap._repr_html_()}


def folium_payload(html: str) -> dict[str, Any]:
    """The layer's data: a JSON string literal holding the JSON of the stops and moves."""
    match = re.search(r"JSON\.parse\((\"(?:[^\"\\]|\\.)*\")\)", html)
    assert match, "no layer data in the folium page"
    return dict(json.loads(json.loads(match.group(1))))


def test_folium_view_keeps_jinja_and_markup_in_notes_literal(
        folium_html: dict[str, str]) -> None:
    root = folium_html["root"]
    notes = sorted(s["note"] for s in folium_payload(root)["stops"])
    assert notes == sorted(JINJA_NOTES)
    # in the notebook cell the page sits HTML-escaped in an iframe's srcdoc (or a data: URL)
    shown = htmlmod.unescape(folium_html["repr"])
    assert sorted(s["note"] for s in folium_payload(shown)["stops"]) == sorted(JINJA_NOTES)
    assert "49 and" not in root


@pytest.mark.browser
def test_folium_popups_show_the_notes_as_text(browser: Any,  # noqa: F811
                                              folium_html: dict[str, str],
                                              tmp_path: Path) -> None:

    page_file = tmp_path / "notebook.html"
    page_file.write_text(folium_html["root"], encoding="utf-8")
    context = browser.new_context()
    context.add_init_script(GUARD)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.route("**/*", leaflet_offline)
    try:
        page.goto(page_file.as_uri())
        popups = page.evaluate("""() => {
            const name = Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k));
            const texts = [];
            window[name].eachLayer(layer => {
              if (!layer.getPopup || !layer.getPopup()) return;
              layer.openPopup();
              texts.push(layer.getPopup().getElement()
                .querySelector('.leaflet-popup-content').textContent);
              layer.closePopup();
            });
            return texts; }""")
        assert len(popups) == len(JINJA_NOTES), popups
        for note in JINJA_NOTES:
            assert sum(note in text for text in popups) == 1, popups
        assert page.evaluate("window.__pwnedCalls") == []
        assert page.evaluate("document.querySelectorAll('.leaflet-popup-pane img').length") == 0
        assert dialogs == []
    finally:
        context.close()


# --- exports ----------------------------------------------------------------------------------

def test_exports_carry_hostile_text_as_text(tmp_path: Path) -> None:
    """GeoJSON, GPX and CSV give the text back unchanged; KML balloons (HTML shown by Google
    Earth) hold it escaped, with our own <br> as the only markup."""
    import xml.etree.ElementTree as ET

    payloads = read_payloads()
    places, periods = write_tables(tmp_path, payloads)
    out = {}
    for fmt in ("geojson", "kml", "gpx", "csv"):
        out[fmt] = tmp_path / f"trip.{fmt}"
        done = run_cli("export", str(places), "--periods", str(periods), "-o", str(out[fmt]))
        assert done.returncode == 0, done.stderr
    features = json.loads(out["geojson"].read_text(encoding="utf-8"))["features"]
    notes = [f["properties"].get("note") for f in features if f["geometry"]
             and f["geometry"]["type"] == "Point"]
    assert sorted(notes) == sorted(payloads * 2)
    # CSV: a note a spreadsheet would run as a formula is written quoted, and reads back
    # through itinerary's loader as the note given (outputs/spreadsheet.py)
    from itinerary.outputs.spreadsheet import FORMULA_START, restore
    from itinerary.stages.load import read_table

    with out["csv"].open(newline="", encoding="utf-8") as fh:
        written = [r["note"] for r in csv.DictReader(fh)]
    assert not [note for note in written if note.startswith(FORMULA_START)]
    assert sorted(map(restore, written)) == sorted(payloads * 2)
    assert sorted(read_table(out["csv"])["note"]) == sorted(payloads * 2)
    gpx_text = [e.text for e in ET.parse(out["gpx"]).iter() if e.text]
    kml = ET.parse(out["kml"])
    balloons = [e.text or "" for e in kml.iter() if e.tag.endswith("description")]
    assert balloons
    for balloon in balloons:
        assert set(re.findall(r"<\s*/?\s*([a-zA-Z]+)", balloon)) <= {"br"}
    for payload in payloads:
        assert any(payload in text for text in gpx_text)
        assert sum(htmlmod.escape(payload) in b for b in balloons) >= 2
