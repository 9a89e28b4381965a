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
from functools import lru_cache

_ABBREVIATIONS = {
    "st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort",
}
_TOKEN = re.compile(r"[a-z0-9]+")
# Anything outside Latin script (with the IPA letters some alphabets use: Azerbaijani "ə"),
# its accents and the usual punctuation of place names.
_NON_LATIN = re.compile("[^\u0000-\u036f\u1e00-\u1eff\u2010-\u2019]")
_NON_ASCII = re.compile("[^\u0000-\u007f]")
QUERY_CACHE = 1 << 16  # distinct query names whose keys are kept (a table asks for each often)


def fold(name: str) -> str:
    """Casefolded and composed: equality of ``fold`` means "the same spelling".

    Composed again after casefolding ("ß" + accent folds to "ss" + accent, which composes),
    so that the fold of a fold is itself: names spelt alike stay alike when folded again.
    """
    if name.isascii():  # (composed already, and casefold is lower there)
        return name.strip().lower()
    return unicodedata.normalize(
        "NFC", unicodedata.normalize("NFC", name.strip()).casefold())


def is_latin(name: str) -> bool:
    """True when every letter is Latin (with accents); such names get a transliterated key."""
    return name.isascii() or _NON_LATIN.search(name) is None


# Latin letters that do not decompose into a base letter plus accents.
_LETTERS = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
    "Œ": "OE", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "Ng",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'",
})


# Any of _LETTERS' keys: ``str.translate`` with a dict costs ~1.5 µs a name even when nothing in
# it matches (most accented names), a search for them a fifth of that.
# Outside ASCII and the combining diacritics block (all of which combine, but U+034F): when
# nothing matches, every non-ASCII character is an accent, without asking unicodedata each.
_NOT_ACCENT = re.compile("[^\u0000-\u007f\u0300-\u034e\u0350-\u036f]")
_SPECIAL = re.compile("[" + re.escape("".join(chr(c) for c in _LETTERS)) + "]")


def ascii_form(text: str) -> str:
    """Transliterated to ASCII: accents stripped by decomposition (fast, no import), anything
    else through anyascii (imported only then: importing it costs ~40 ms)."""
    if text.isascii():
        return text
    letters = text.translate(_LETTERS) if _SPECIAL.search(text) is not None else text
    plain = unicodedata.normalize("NFKD", letters)
    # only accents left outside ASCII (all ASCII is uncombining): drop them
    if _NOT_ACCENT.search(plain) is None \
            or all(unicodedata.combining(c) for c in _NON_ASCII.findall(plain)):
        return _NON_ASCII.sub("", plain)
    from anyascii import anyascii

    return anyascii(unicodedata.normalize("NFC", text))


def key(name: str) -> str:
    """The loose lookup key ("" when nothing alphanumeric is left)."""
    text = name.strip()
    if text.isascii() and text.isalnum():  # one plain word: the common case, made quick
        return text.lower()
    text = ascii_form(text)
    tokens = _TOKEN.findall(text.casefold().replace("'", ""))
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    if len(tokens) > 1:
        tokens = [_ABBREVIATIONS.get(t, t) for t in tokens]
    return "".join(tokens)


def index_key(name: str) -> str:
    """The key a gazetteer name is stored under: ``key`` for Latin names, else ``fold`` (both
    taken of the fold, as ``query_keys`` does: a name's keys are a function of its spelling)."""
    f = fold(name)
    return key(f) if is_latin(f) else f


@lru_cache(maxsize=QUERY_CACHE)
def query_fold(name: str) -> str:
    """``fold`` of a query, remembered: every source asks for it."""
    return fold(name)


@lru_cache(maxsize=QUERY_CACHE)
def query_keys(name: str) -> tuple[str, ...]:
    """Every index key a query may meet: its loose key and, for non-Latin input, its fold.

    Taken of the fold, so that two queries spelt alike (``fold``) meet the same keys, hence
    the same places.
    """
    spelling = query_fold(name)
    loose = key(spelling)
    if is_latin(spelling):  # Latin names are indexed by their loose key only
        return (loose,) if loose else ()
    return tuple(dict.fromkeys(k for k in (loose, spelling) if k))


def similar_keys(qkey: str, pool: list[str], limit: int | None) -> list[tuple[str, float]]:
    """The keys of ``pool`` most like ``qkey``: optimal-string-alignment similarity (0-1, a
    swap of two neighbouring letters being one edit) from ``rank.FUZZY_SEARCH_CUTOFF`` on,
    best first and, among equals, in key order, the first ``limit`` (all with None). A key's
    place in the list is a function of the key alone, so a pool with more strings in it (the
    first run's) ranks the keys both have alike."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from .rank import FUZZY_SEARCH_CUTOFF

    found = process.extract(qkey, pool, scorer=OSA.normalized_similarity, limit=None,
                            score_cutoff=FUZZY_SEARCH_CUTOFF)
    return sorted(((k, sim) for k, sim, _ in found), key=lambda t: (-t[1], t[0]))[:limit]
