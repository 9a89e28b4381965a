"""The page in each language, in a real (headless, offline) Chromium: no English word of the
catalogue shows or is announced on a page in another language, and the numbers, dates and
plural forms the browser writes as it plays are exactly those Python (Babel, CLDR) writes.

Trotsky's life (data/places.csv with its periods) is played, stepped through stop by stop,
filtered by a period, its list, card, tooltips and (in the embed) its note opened, and with
Lenin's life beside it (examples/lenin.csv) its people and meetings; every text a
reader sees or hears is collected: the visible text, aria-label, title, aria-valuetext, the
aria-live regions, the options and the document's title. The table's own words (places, notes,
quotations, sources, period titles, the title, the basemap's names) are English in this table and
are taken out first: only the page's own words are checked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel import Locale

from browser import Opened, browser, open_page, sample_tables, write_page  # noqa: F401
from itinerary import i18n
from itinerary.i18n.cldr import format_number
from itinerary.outputs.page import render_page
from itinerary.stages.dates import format_date, parse_date

pytestmark = pytest.mark.browser
LANGS = i18n.languages()
OTHERS = [lang for lang in LANGS if lang != i18n.DEFAULT]
FIELD = re.compile(r"\{\w+\}")
ROOT = Path(__file__).resolve().parents[1]

#: Every text a reader sees or hears, as one list of strings.
COLLECT = """() => {
  const out = [document.title, document.body.innerText];
  for (const e of document.querySelectorAll('[aria-label], [title], [aria-valuetext]')) {
    for (const a of ['aria-label', 'title', 'aria-valuetext']) {
      if (e.hasAttribute(a)) out.push(e.getAttribute(a));
    }
  }
  for (const e of document.querySelectorAll('[aria-live], option, .leaflet-tooltip')) {
    out.push(e.textContent);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def trip() -> Any:
    from itinerary.pipeline import build_trip

    return build_trip(None, quiet=True)


@pytest.fixture(scope="module")
def site(trip: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from itinerary.cli import main

    root = tmp_path_factory.mktemp("i18n")
    t = sample_tables(note="")
    for lang in LANGS:
        write_page(root, render_page(trip.stops, trip.moves, trip.periods, title=trip.title,
                                     lang=lang), f"trotsky-{lang}.html")
        write_page(root, render_page(t.stops, t.moves, t.periods, title="Trotsky", lang=lang),
                   f"sample-{lang}.html")
    for lang in OTHERS:  # several lives: the people, their meetings
        assert main(["build", str(ROOT / "data" / "places.csv"), str(ROOT / "examples" /
                     "lenin.csv"), "-o", str(root / f"lives-{lang}.html"), "--no-tiles",
                     "--lang", lang]) == 0
    return root


def page_data(path: Path) -> dict[str, Any]:
    html = path.read_text(encoding="utf-8")
    return dict(json.loads(html.split('id="itinerary-data">', 1)[1].split("</script>", 1)[0]))


def table_words(path: Path) -> list[str]:
    """The table's own texts on the page (and the basemap's names), longest first."""
    data = page_data(path)
    words: set[str] = {str(data.get("title", ""))}
    for column in ("name", "today", "note", "evidence", "source", "label", "matched", "country"):
        words.update(str(v) for v in data["stops"].get(column, []) if v)
    words.update(str(p["title"]) for p in data["periods"])
    words.update(str(p["name"]) for p in data.get("persons", []))
    words.update(str(e["place"]) for e in data.get("encounters", []))
    from itinerary.outputs.basemap import basemap_json

    labels = json.loads(basemap_json())["labels"]
    words.update(str(n) for n in labels["name"] if n)
    for names in labels.get("names", {}).values():
        words.update(str(n) for n in names if n)
    return sorted((w for w in words if w.strip()), key=len, reverse=True)


def english_pieces(lang: str) -> dict[str, list[str]]:
    """key -> the parts of each English message (its {fields} taken out) longer than three
    characters, for the messages that differ from the language's own."""
    english, own = i18n.catalogue("en"), i18n.catalogue(lang)
    out: dict[str, list[str]] = {}
    for key, text in english.items():
        if key.startswith("date.") or text == own[key]:
            continue
        forms = [text] if isinstance(text, str) else list(text.values())
        pieces = [p.strip() for form in forms for p in FIELD.split(form)]
        if kept := [p for p in pieces if len(p) > 3]:
            out[key] = kept
    return out


def leaks(texts: list[str], strip: list[str], lang: str) -> dict[str, list[str]]:
    """The English pieces found in ``texts`` once the table's words are taken out, with where."""
    blob = "\n".join(texts)
    for word in strip:
        blob = blob.replace(word, "\0")
    found: dict[str, list[str]] = {}
    for key, pieces in english_pieces(lang).items():
        for piece in pieces:
            pattern = ((r"(?<!\w)" if piece[0].isalnum() else "") + re.escape(piece) +
                       (r"(?!\w)" if piece[-1].isalnum() else ""))
            for m in re.finditer(pattern, blob):
                found.setdefault(f"{key}: {piece!r}", []).append(
                    blob[max(0, m.start() - 40):m.end() + 40].replace("\0", "·"))
    return found


def tour(o: Opened) -> list[str]:
    """Play, step through every stop (its card and list entry), choose a period, show the
    tooltips of a place with several visits and of a line: the texts seen on the way."""
    seen: list[str] = []
    o.call("window.itineraryMap.play()")
    o.page.wait_for_timeout(600)
    seen += o.call(COLLECT)  # playing: the pause button's words, the clock between stops
    o.call("window.itineraryMap.pause()")
    for stop in o.call("window.itineraryPage.stops.map(s => s.id || String(s.seq))"):
        o.call("id => window.itineraryMap.goToStop(id)", stop)
        seen += o.call("""() => [document.getElementById('card').innerText,
            document.getElementById('live').textContent,
            document.getElementById('slider').getAttribute('aria-valuetext')]""")
    o.call("""() => { const it = window.itineraryPage;
        const many = it.placeMarkers[it.places.findIndex(p => p.visits.length > 1)];
        if (many) many.fire('mouseover', {latlng: many.getLatLng()}, true);
        const line = it.state.trail[0];
        if (line) line.openTooltip(line.getCenter()); }""")
    seen += o.call(COLLECT)
    for meeting in o.call("window.itineraryPage.encounters.map(e => e.id)")[:12]:
        o.call("id => window.itineraryMap.goToMeeting(id)", meeting)
        seen += o.call("""() => [document.getElementById('card').innerText,
            document.getElementById('live').textContent]""")
    if o.call("window.itineraryPage.manyLives"):
        seen += o.call(COLLECT)  # the people's chips, the legend's lives, the meetings' list
        o.page.locator("#persons button.period").nth(1).click()
        seen.append(o.call("document.getElementById('live').textContent"))
    o.page.locator("#periods button.period").nth(2).click()
    o.call("window.itineraryMap.next()")
    seen += o.call(COLLECT)
    o.call("window.itineraryMap.seek('1905-06-01')")  # between two stops: the clock's month
    seen += o.call(COLLECT)
    return seen


@pytest.fixture
def opened(browser: Any, site: Path, request: pytest.FixtureRequest  # noqa: F811
           ) -> Iterator[Opened]:
    name, fragment, size = request.param
    o = open_page(browser, (site / name).as_uri() + fragment, viewport=size)
    yield o
    o.page.context.close()


def pages(kind: str) -> list[Any]:
    return [pytest.param((f"{kind}-{lang}.html", "", (1280, 800)), lang, id=f"{kind}-{lang}")
            for lang in OTHERS]


@pytest.mark.parametrize(("opened", "lang"), pages("trotsky") + pages("sample") + pages("lives"),
                         indirect=["opened"])
def test_no_english_word_shows_or_is_announced(opened: Opened, lang: str, site: Path) -> None:
    path = site / opened.page.url.rsplit("/", 1)[1].split("#")[0]
    seen = tour(opened)
    assert opened.call("document.documentElement.lang") == lang
    found = leaks(seen, table_words(path), lang)
    assert found == {}, "English on the page:\n" + "\n".join(
        f"  {k}: {v[:3]}" for k, v in found.items())
    assert opened.errors == []


@pytest.mark.parametrize(("opened", "lang"), [
    pytest.param((f"trotsky-{lang}.html", "#period=norway&embed", (600, 400)), lang,
                 id=f"embed-{lang}") for lang in OTHERS], indirect=["opened"])
def test_the_embed_and_its_note_have_no_english_word(opened: Opened, lang: str,
                                                     site: Path) -> None:
    opened.page.locator("#now-note").click()
    assert opened.page.locator("#note-panel").is_visible()
    seen = opened.call(COLLECT)
    found = leaks(seen, table_words(site / f"trotsky-{lang}.html"), lang)
    assert found == {}, found
    # the compact controls stay in the frame, whatever the language's words
    right = opened.call("""() => Math.max(...['#prev', '#play', '#next', '#slider', '#date',
        '#speed', '#realtime'].map(s => document.querySelector(s).getBoundingClientRect().right))
        """)
    assert right <= 600


# --- numbers, dates and plurals: the browser writes what Python writes -------------------------

NUMBERS = (0, 7, 999, 1000, 5000, 70794, 1234567, 2.5, 3.5, 999.5)
DAYS = ("1879-11-07", "1905-01-22", "1917-10-25", "1940-08-21", "1902-05-01", "1888-12-31")
COUNTS = (*range(31), 101, 111, 1001)


@pytest.mark.parametrize(("opened", "lang"), [
    pytest.param((f"sample-{lang}.html", "", (800, 600)), lang, id=lang) for lang in LANGS],
    indirect=["opened"])
def test_numbers_dates_and_plurals_are_babels(opened: Opened, lang: str) -> None:
    numbers = opened.call("ns => ns.map(n => window.itineraryPage.number(n))", list(NUMBERS))
    assert numbers == [format_number(n, lang) for n in NUMBERS]

    ordinals = [dt.date.fromisoformat(d).toordinal() for d in DAYS]
    days = opened.call("ns => ns.map(n => window.itineraryPage.dayText(n))", ordinals)
    months = opened.call("ns => ns.map(n => window.itineraryPage.monthText(n))", ordinals)
    assert days == [format_date(parse_date(d), lang) for d in DAYS]
    assert months == [format_date(parse_date(d[:7]), lang) for d in DAYS]

    rule = Locale.parse(i18n.meta(lang)["cldr"]).plural_form
    forms = i18n.catalogue(lang)["card.visits"]
    written = opened.call("ns => ns.map(n => window.itineraryPage.plural('card.visits', n))",
                          list(COUNTS))
    assert written == [forms[rule(n)].format(n=format_number(n, lang)) for n in COUNTS]
    assert opened.errors == []
