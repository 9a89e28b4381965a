"""The message catalogues (``itinerary/i18n/locales/*.json``) without a browser: each language
has every English message with the same ``{fields}``, plural messages with exactly the CLDR
categories of the language, no empty text; the page's words all come from them (every key the
page's scripts and template use exists, every English key is used), and a rendered page has
``<html lang>`` and no placeholder left.

The browser side (no English word on a page in another language) is test_i18n_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.units import format_unit

from browser import sample_tables
from itinerary import i18n
from itinerary.i18n.cldr import format_number
from itinerary.model import KINDS, MOVE_KINDS
from itinerary.outputs.page import render_page

LANGS = i18n.languages()
OTHERS = [lang for lang in LANGS if lang != i18n.DEFAULT]
SRC = Path(i18n.__file__).resolve().parent.parent
STATIC = SRC / "outputs" / "static"
FIELD = re.compile(r"\{(\w+)\}")


#: Python writes a season with the fields year, next and next2 ("winter 1917–18"; stages/dates.py).
SEASONS = ("date.spring", "date.summer", "date.autumn", "date.winter")
SEASON_FIELDS = {"year", "next", "next2"}


def raw(lang: str) -> dict:
    return json.loads((i18n.LOCALES_DIR / f"{lang}.json").read_text(encoding="utf-8"))


ENGLISH = {k: v for k, v in raw("en").items() if k != "_meta"}


def texts(value: str | dict) -> list[str]:
    return [value] if isinstance(value, str) else list(value.values())


def fields(text: str) -> set[str]:
    return set(FIELD.findall(text))


def plural_tags(lang: str) -> set[str]:
    return set(Locale.parse(i18n.meta(lang)["cldr"]).plural_form.tags) | {"other"}


# --- the catalogues --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", OTHERS)
def test_every_catalogue_has_exactly_the_english_keys(lang: str) -> None:
    own = set(raw(lang)) - {"_meta"}
    assert sorted(set(ENGLISH) - own) == [], "missing"
    assert sorted(own - set(ENGLISH)) == [], "not in English"


@pytest.mark.parametrize("lang", LANGS)
def test_meta_names_the_language_and_a_locale_babel_knows(lang: str) -> None:
    meta = raw(lang)["_meta"]
    assert meta["name"].strip()
    assert Locale.parse(meta["cldr"]).language == lang


@pytest.mark.parametrize("lang", OTHERS)
def test_each_message_has_the_fields_of_its_english_one(lang: str) -> None:
    own = raw(lang)
    wrong = {}
    for key, english in ENGLISH.items():
        want = set().union(*(fields(t) for t in texts(english)))
        got = [fields(t) for t in texts(own[key])]
        if key in SEASONS:  # the year and the next, whole or in two digits: either will do
            ok = all(g <= SEASON_FIELDS and "year" in g for g in got)
        else:
            ok = all(g == want for g in got)
        if not ok:
            wrong[key] = (sorted(want), [sorted(g) for g in got])
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGS)
def test_plural_messages_have_exactly_the_languages_cldr_categories(lang: str) -> None:
    plural = {k: v for k, v in raw(lang).items() if k != "_meta" and isinstance(v, dict)}
    assert plural, "the page counts visits: some messages are plural"
    assert {k for k, v in ENGLISH.items() if isinstance(v, dict)} == set(plural)
    for key, forms in plural.items():
        assert set(forms) == plural_tags(lang), key


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_is_empty(lang: str) -> None:
    empty = [k for k, v in raw(lang).items() if k != "_meta"
             for t in texts(v) if not isinstance(t, str) or not t.strip()]
    assert empty == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_distance_is_written_as_babel_writes_kilometres(lang: str) -> None:
    locale = Locale.parse(i18n.meta(lang)["cldr"])
    for n in (0, 7, 1060, 70794):
        page = i18n.message(lang, "unit.km", n=format_number(n, lang))
        assert page == format_unit(n, "length-kilometer", length="short", locale=locale)


# --- the page uses them, and only them -------------------------------------------------------

NAMESPACES = sorted({k.split(".", 1)[0] for k in ENGLISH})
#: A quoted key in the page's scripts: 'card.matched'; a family looked up by its kind ends
#: with a dot: 'kind.' + s.kind.
QUOTED = re.compile("['\"]((?:" + "|".join(NAMESPACES) + r")\.[a-z0-9_.]*)['\"]")


def page_keys() -> tuple[set[str], set[str]]:
    """(keys, families): the message keys the template and scripts name."""
    keys: set[str] = set()
    for path in sorted(STATIC.glob("*.js")):
        keys |= set(QUOTED.findall(path.read_text(encoding="utf-8")))
    keys |= set(re.findall(r"@@T:([a-z0-9_.]+)@@", (STATIC / "page.html").read_text("utf-8")))
    families = {k for k in keys if k.endswith(".")}
    return keys - families, families


def python_keys() -> set[str]:
    """Keys the Python side writes with (the date labels, the embed command's link)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    return {k for k in ENGLISH if f'"{k}"' in text or k.startswith("date.")}


def test_every_key_the_page_names_is_in_the_english_catalogue() -> None:
    keys, families = page_keys()
    assert len(keys) > 50
    assert sorted(keys - set(ENGLISH)) == []
    assert families == {"move.", "move_name.", "kind."}


def test_every_english_message_is_used() -> None:
    keys, families = page_keys()
    used = keys | python_keys() | {k for k in ENGLISH if any(k.startswith(f) for f in families)}
    assert sorted(set(ENGLISH) - used) == []


def test_the_families_are_the_kinds_of_move_and_of_stop() -> None:
    for family in ("move.", "move_name."):
        assert {k.split(".", 1)[1] for k in ENGLISH if k.startswith(family)} == set(MOVE_KINDS)
    assert {k.split(".", 1)[1] for k in ENGLISH if k.startswith("kind.")} == set(KINDS)


def test_the_scripts_write_no_english_month_and_no_browser_locale_number() -> None:
    scripts = "\n".join(p.read_text(encoding="utf-8") for p in sorted(STATIC.glob("*.js")))
    assert "toLocaleString" not in scripts
    assert "toLocaleDateString" not in scripts
    assert not re.search(r"'(January|February|September)'", scripts)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    t = sample_tables()
    return {lang: render_page(t.stops, t.moves, t.periods, title="Trotsky", lang=lang).html
            for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_a_rendered_page_has_its_language_and_every_word_filled_in(pages: dict[str, str],
                                                                  lang: str) -> None:
    html = pages[lang]
    assert f'<html lang="{lang}"' in html
    assert "@@" not in html.split('<script type="application/json"', 1)[0]
    head = i18n.catalogue(lang)
    for key in ("ui.play_title", "legend.title", "facts.title", "list.title", "ui.map_help"):
        assert f">{head[key]}<" in html or f'"{head[key]}"' in html, key


def test_the_templates_words_are_escaped_into_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    t = sample_tables()
    original = i18n.catalogue

    def hostile(lang: str) -> dict:
        words = dict(original(lang))
        words["legend.title"] = '<img src=x onerror="alert(1)"> & "Legend"'
        return words

    monkeypatch.setattr(i18n, "catalogue", hostile)
    html = render_page(t.stops, t.moves, t.periods, title="T").html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;Legend&quot;" in html
