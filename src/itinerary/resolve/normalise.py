"""Name normalisation: the forms under which a place name is looked up.

Three forms, from strict to loose:

* ``fold``: casefolded, Unicode-composed — "Cádiz" and "CÁDIZ" are the same name.
* ``key``: transliterated to ASCII (anyascii), casefolded, with hyphens, apostrophes, dots
  and spaces removed, and common abbreviations spelled out — so "Ust Kut", "Ust'-Kut" and
  "Ust’-Kut" meet at ``ustkut``; "Alma Ata" meets "Alma-Ata"; "Honefoss" meets "Hønefoss".
* non-Latin names (Cyrillic, CJK, ...) are indexed by ``fold`` only: transliterating them
  would invent Latin spellings that collide with unrelated towns.
"""

from __future__ import annotations

import re
import unicodedata

_ABBREVIATIONS = {
    "st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort",
}
_TOKEN = re.compile(r"[a-z0-9]+")
# Anything outside Latin script, its accents and the usual punctuation of place names.
_NON_LATIN = re.compile("[^\u0000-\u024f\u02b0-\u036f\u1e00-\u1eff\u2010-\u2019]")


def fold(name: str) -> str:
    """Casefolded and composed: equality of ``fold`` means "the same spelling"."""
    return unicodedata.normalize("NFC", name.strip()).casefold()


def is_latin(name: str) -> bool:
    """True when every letter is Latin (with accents); such names get a transliterated key."""
    return _NON_LATIN.search(name) is None


def key(name: str) -> str:
    """The loose lookup key ("" when nothing alphanumeric is left)."""
    text = name.strip()
    if not text.isascii():
        from anyascii import anyascii  # imported lazily: importing it costs ~40 ms

        text = anyascii(unicodedata.normalize("NFC", text))
    tokens = _TOKEN.findall(text.casefold().replace("'", ""))
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    if len(tokens) > 1:
        tokens = [_ABBREVIATIONS.get(t, t) for t in tokens]
    return "".join(tokens)


def index_key(name: str) -> str:
    """The key a gazetteer name is stored under: ``key`` for Latin names, else ``fold``."""
    return key(name) if is_latin(name) else fold(name)


def query_keys(name: str) -> tuple[str, ...]:
    """Every index key a query may meet: its loose key and, for non-Latin input, its fold."""
    keys = [k for k in (key(name), fold(name)) if k]
    return tuple(dict.fromkeys(keys))
