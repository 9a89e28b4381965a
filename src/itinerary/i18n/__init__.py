"""The page's languages: one message catalogue per language and that language's CLDR rules.

A catalogue is a data file, ``locales/<code>.json``: adding a language is adding one file (the
README says how). Each holds every word the page shows or announces, keyed as in ``en.json``,
plus ``_meta`` (the language's own name and the CLDR locale Babel reads its dates and numbers
from: English is ``en_GB``, the "7 November 1879" historians write). A value is a text with
``{name}`` fields, or, for a count, one text per CLDR plural category (``one``, ``few``,
``many``, ``other``). The command line stays English; only pages are translated.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

LOCALES_DIR: Final = Path(__file__).resolve().parent / "locales"
DEFAULT: Final = "en"
#: The plural categories CLDR knows; a plural message holds those its language uses.
PLURAL_CATEGORIES: Final = ("zero", "one", "two", "few", "many", "other")


def languages() -> tuple[str, ...]:
    """The codes with a catalogue, English first."""
    codes = sorted(p.stem for p in LOCALES_DIR.glob("*.json"))
    return (DEFAULT, *[c for c in codes if c != DEFAULT])


def check_lang(code: str | None) -> str:
    """``code`` as a catalogue's name ("DE" -> "de"); ValueError naming the choices."""
    if code is None or not str(code).strip():
        return DEFAULT
    lang = str(code).strip().lower().replace("_", "-")
    if lang not in languages():
        raise ValueError(f"unknown language {code!r} (expected one of "
                         f"{', '.join(languages())}; add a catalogue for another, see the "
                         "README's 'Adding a language')")
    return lang


@cache
def _read(lang: str) -> dict[str, Any]:
    with open(LOCALES_DIR / f"{lang}.json", encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError(f"{LOCALES_DIR / f'{lang}.json'}: expected a JSON object")
    return data


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """Every message of ``lang`` (without ``_meta``), keyed as in English. A key the language
    lacks keeps its English text, so a half-translated catalogue still gives a whole page (the
    tests require the shipped ones to be complete). Made once per language and shared: read
    it, never change it."""
    own = _read(check_lang(lang))
    english = _read(DEFAULT)
    return {key: own.get(key, text) for key, text in english.items() if key != "_meta"}


def meta(lang: str) -> dict[str, str]:
    """``name`` (the language's own name) and ``cldr`` (the Babel locale) of a catalogue."""
    return dict(_read(check_lang(lang)).get("_meta", {}))


def message(lang: str, key: str, **fields: Any) -> str:
    """One message with its fields filled: ``message("de", "date.approx", date="1888")``."""
    text = catalogue(lang)[key]
    if not isinstance(text, str):
        raise TypeError(f"{key} is a plural message: use plural()")
    return text.format(**fields)


def for_page(lang: str) -> dict[str, Any]:
    """What the browser needs of a language (``DATA.i18n``): its code, every message, and the
    CLDR rules of ``i18n.cldr`` for the dates and numbers the page writes as it plays."""
    from .cldr import date_style, number_symbols

    style = date_style(lang)
    return {"lang": check_lang(lang), "messages": catalogue(lang),
            "dates": {"day": style.day, "month": style.month, "months": list(style.months),
                      "monthsStandalone": list(style.months_standalone)},
            "numbers": number_symbols(lang)}
