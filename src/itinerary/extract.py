"""Draft an itinerary from a plain-text biography, for a person to review.

The hard part of reading places out of prose is not finding names that *could* be places, but
refusing the ones that are not: newspapers ("Pravda", "Iskra"), people ("Lev Kamenev", and
Kamenev is also a town), ships (the tanker "Ruth"), common words that happen to name a town
("Union", "Split"). So every capitalised phrase is first looked up in the gazetteers (the
project's curated historical one, then the GeoNames world index, then country names), and each
hit must then survive a few plain heuristics, each of which can be read and tested on its own:

* quoted text is a title or a quotation, never a stop;
* "the tanker/ship/newspaper X" names a thing;
* a capitalised first name before the word makes it a person, and a word once seen as a person
  is a person everywhere in the text;
* a stop-list of words that are also place names (months, "Union", "Central", "Lenin", ...),
  and any single word the text also uses in lower case ("split", "union") is a common word;
* a name known only to the world index needs a sizeable population, unless a locative
  preposition (in, to, from, at, near, ...) stands before it.

Dates come from the same sentence (the nearest date expression), else from the nearest
preceding date of the section, else from the section heading ("Childhood and family
(1879–1895)."), and are written as EDTF (``1902``, ``1902-07``, ``1905-10-15``, ``1899-22``).

Matching is a dictionary lookup of every capitalised n-gram (up to four words) against the
gazetteers' normalised keys, longest first: linear in the text and exact, so a multi-pattern
library (Aho-Corasick) would add a dependency without adding anything.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .moves.geodesy import distance_km

DRAFT_COLUMNS = ("id", "place", "country", "start", "end", "calendar", "period", "kind",
                 "note", "source", "evidence", "lat", "lon", "confidence")

MIN_POPULATION = 500_000   # a world-index-only name needs this many people, or a preposition
MAX_NGRAM = 4              # tokens in a place name, connectors included ("Frankfurt am Main")
EVIDENCE_WORDS = 15
# Bounds, so that no text makes the drafter slow (the work per sentence grows with the square
# of its length: 20,000 words without a full stop took 35 s, 40,000 took 92 s) or hold more
# than it can: a biography is a few hundred kilobytes.
MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_SENTENCE_WORDS = 200   # a longer "sentence" (no full stops) is read in pieces of this many
MAX_SENTENCE_CHARS = 4000  # ... and of at most about this many characters
MAX_WORD_CHARS = 40        # a longer run without spaces is cut into "words" of this length
ABBREV_WINDOW = 40         # how far back the word before a full stop is looked for
SAME_PLACE_KM = 25.0       # two mentions closer than this are one place (for dedup and scoring)

LOCATIVES = frozenset({"in", "to", "from", "at", "near", "via", "into", "towards", "toward",
                       "reached", "visited", "entered", "outside", "through"})
CONNECTORS = frozenset({"of", "on", "upon", "am", "an", "der", "de", "del", "la", "le", "les",
                        "sur", "en", "im", "bei", "di", "da", "do", "dos", "das", "y"})


def _casefolded(words: str) -> frozenset[str]:
    return frozenset(words.casefold().split())


THING_WORDS = frozenset({"tanker", "ship", "steamer", "steamship", "liner", "vessel", "boat",
                         "yacht", "cruiser", "newspaper", "paper", "journal", "magazine",
                         "daily", "weekly", "gazette", "train", "book", "novel", "film",
                         "ss", "hms", "uss"})
STOP_WORDS = _casefolded(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer Autumn Winter "
    "Union Central Lenin Stalin Trotsky Marx Engels Soviet Soviets Congress Party Army Navy "
    "Committee Council Front Victory Truth Spark Republic Revolution Bolshevik Bolsheviks "
    "Menshevik Mensheviks Opposition International Comintern Politburo Troika Cheka Palace "
    "Conference Commission Government State Emperor Tsar King Queen President General Colonel "
    "Admiral Father Saint Mount Lake North South East West Western Eastern Northern Southern "
    "Black White Red Green Blue Great Little New Old Upper Lower Middle Hope Liberty Mercy "
    "Independence Unity Concord Justice Friendship Progress Ruth Pravda Iskra Reading Split Axis "
    "Most Many Best Nice Mobile Bath Sale Wells Street Avenue Road Camp Museum University"
)
# Capitalised words that may stand right before a place: function words (nothing follows from
# them) and modifiers (they make the place part of a longer name: "Black Sea", "Soviet Russia").
FUNCTION_CAPS = _casefolded(
    "The A An In At On To From By Of For With Near Via Into And Or But As After Before Since "
    "Until During While When Where Then There Here This That These Those His Her Their Its Our "
    "Both Back Once First Later Early Late Mid Even Only Also Today Now"
)
MODIFIERS = _casefolded(
    "Soviet Russian Imperial Tsarist European Western Eastern Northern Southern Central Upper "
    "Lower Greater Little Old New Red White Black Great Holy Saint St St. Lake Mount Fort Port "
    "Cape Bay Gulf Outer Inner Free Royal Kingdom Empire Republic Province Region Governorate "
    "Oblast Nazi Fascist Allied Axis North South East West"
)
DEMONYM_SUFFIXES = ("ian", "ean", "ish", "ese", "ern", "ic", "ist")

MONTHS = {m: i for i, m in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1)}
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
KIND_WORDS = (  # first match wins: the rarer, more telling events before the common ones
    ("birth", ("was born", "born to", "born in", "birthplace")),
    ("death", ("died", "was assassinated", "was killed", "was murdered", "dying")),
    ("internment", ("internment", "interned")),
    ("hospital", ("hospital",)),
    ("escape", ("escaped", "escape", "fled", "flee")),
    ("prison", ("prison", "imprison", "jail", "arrested", "detained")),
    ("exile", ("exile", "exiled", "deported", "expelled", "banished")),
    ("school", ("school", "educated", "university", "studied", "enrolled")),
    ("conference", ("conference", "congress")),
    ("front", (" front", "army")),
)


# --- gazetteer hits ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    """One place a gazetteer offers for a phrase."""

    name: str
    country: str
    lat: float
    lon: float
    source: str          # "gazetteer" (curated), "geonames" or "country"
    population: int = 0
    primary: bool = True  # met the place's main name (not one of its alternate names)


Lookup = Callable[[list[str]], Mapping[str, list[Hit]]]


def static_lookup(places: Mapping[str, Hit | list[Hit]]) -> Lookup:
    """A lookup over a fixed dictionary (for tests and small custom gazetteers).

    Names are compared after ``_norm`` so "Ust'-Kut" meets "Ust Kut", as in the real gazetteers.
    """
    table: dict[str, list[Hit]] = {}
    for name, hits in places.items():
        table.setdefault(_norm(name), []).extend(hits if isinstance(hits, list) else [hits])

    def lookup(phrases: list[str]) -> dict[str, list[Hit]]:
        return {p: table[_norm(p)] for p in phrases if _norm(p) in table}

    return lookup


def default_lookup(*, historical_path: str | Path | None = None,
                   historical: bool = True) -> Lookup:
    """The resolver's gazetteers: curated historical names (unless ``historical`` is False:
    how the drafter fares on a text the curated gazetteer was not made for), GeoNames places
    of >= 500 people, and country names."""
    from .resolve.geonames import GeonamesIndex
    from .resolve.historical import HistoricalGazetteer

    curated = HistoricalGazetteer(historical_path) if historical else None
    world = GeonamesIndex()
    countries = _country_names()

    def lookup(phrases: list[str]) -> dict[str, list[Hit]]:
        found: dict[str, list[Hit]] = {}
        for phrase, cands in world.lookup_many(phrases).items():
            for c in cands:
                if c.tier == "fuzzy":
                    continue
                found.setdefault(phrase, []).append(Hit(
                    c.name, c.country, c.lat, c.lon, "geonames", int(c.population or 0),
                    primary=bool(c.primary)))
        named = {p: countries[_norm(p)] for p in phrases if _norm(p) in countries}
        capitals = world.lookup_many([capital for _, capital in named.values() if capital])
        for phrase in phrases:
            for c in curated.candidates(phrase) if curated else ():
                if c.feature == "country":  # today's countries: drafted at their capital
                    continue
                found.setdefault(phrase, []).insert(0, Hit(
                    c.name, c.country, c.lat, c.lon, "gazetteer", primary=True))
            if phrase in named:
                iso, capital = named[phrase]
                towns = [c for c in capitals.get(capital, []) if c.country == iso]
                town = max(towns, key=lambda c: c.population or 0, default=None)
                if town is not None:
                    found.setdefault(phrase, []).append(Hit(
                        phrase, iso, town.lat, town.lon, "country", primary=True))
        return found

    return lookup


def _country_names() -> dict[str, tuple[str, str]]:
    """Normalised country name -> (ISO code, capital). A country is drafted at its capital:
    a point surely inside it, found in the same index, and cheap (outlines take seconds)."""
    from .resolve.countries import countries

    names: dict[str, tuple[str, str]] = {}
    for iso, (name, capital) in countries().items():
        names[_norm(name)] = (iso, capital)
    by_iso = {iso: capital for iso, capital in names.values()}
    for alias, iso in (("United States of America", "US"), ("Britain", "GB"),
                       ("Great Britain", "GB"), ("England", "GB")):
        names.setdefault(_norm(alias), (iso, by_iso.get(iso, "")))
    return names


def _norm(name: str) -> str:
    """Casefolded, accents stripped, punctuation and a leading "the" dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[^\W_]+", text.replace("'", "").replace("\u2019", ""))
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


# --- text structure -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    title: str
    start: str = ""     # EDTF, "" when the heading gives no date
    end: str = ""


_HEADING_DATED = re.compile(r"^(?P<title>[^.!?]{1,100}?)\s*\((?P<when>[^()]*\d{4}[^()]*)\)\.$")
_HEADING_YEAR = re.compile(r"^(?P<when>\d{4})\.$")


def heading(line: str) -> Section | None:
    """The section a heading line opens, or None for a line of prose.

    A heading is a short line ending with a period: either with a date range in brackets
    ("Childhood and family (1879–1895).", "Head of the Red Army (spring 1918)."), a bare year
    ("1918."), or a few words with no digits, punctuation, pronouns or auxiliary verbs
    ("Legacy.", "Moscow show trials."; not "He left in May.").
    """
    text = line.strip()
    if not text.endswith(".") or len(text) > 120:
        return None
    if m := _HEADING_YEAR.match(text):
        return Section(text[:-1], m["when"], "")
    if m := _HEADING_DATED.match(text):
        found = find_dates(m["when"])
        if found:
            return Section(m["title"].strip(), found[0].start, found[-1].end or found[-1].start
                           if len(found) > 1 or found[0].end else "")
    body = text[:-1]
    words = body.casefold().split()
    if (len(words) <= 8 and not re.search(r"[\d,;:\"“”.!?()]", body) and body[:1].isupper()
            and not _PROSE_WORDS & set(words)):
        return Section(body)
    return None


# Words that make a short line a sentence rather than a title.
_PROSE_WORDS = _casefolded("he she it they we i you was were is are had has have did does "
                           "his her their its him them this there")


_ABBREV = frozenset({"st", "gen", "mr", "mrs", "dr", "no", "col", "lt", "capt", "gov", "rev",
                     "jr", "sr", "vs", "etc", "ca", "e.g", "i.e", "a.k.a", "approx", "vol"})
_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-Z0-9\u00c0-\u00de])")


def sentences(line: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs; abbreviations ("Gen.", "St.") and initials do not end one.

    A sentence longer than ``MAX_SENTENCE_WORDS`` words (a text without full stops) comes in
    pieces of at most that many words, so that the work per sentence, which grows with the
    square of its length, is bounded and a whole text is read in time linear in its length.
    """
    start = 0
    for m in _BOUNDARY.finditer(line):
        # the word before the full stop, looked for in a bounded window: "St. St. St. ..."
        # never ends a sentence, and must not make each look-back longer than the last
        before = line[max(start, m.start() - ABBREV_WINDOW):m.start() + 1]
        word = re.findall(r"[\w.]+\.$", before)
        w = word[0][:-1].casefold() if word else ""
        if w in _ABBREV or (len(w) == 1 and w.isalpha()):
            continue
        yield from _bounded(start, line[start:m.end()].rstrip())
        start = m.end()
    if line[start:].strip():
        yield from _bounded(start, line[start:].rstrip())


_PIECE_WORD = re.compile(rf"\S{{1,{MAX_WORD_CHARS}}}")


def _bounded(offset: int, sentence: str) -> Iterator[tuple[int, str]]:
    """The sentence, or its pieces of at most ``MAX_SENTENCE_WORDS`` words."""
    if sentence.count(" ") < MAX_SENTENCE_WORDS and len(sentence) <= MAX_SENTENCE_CHARS:
        yield offset, sentence
        return
    words = [m.span() for m in _PIECE_WORD.finditer(sentence)]
    for k in range(0, len(words), MAX_SENTENCE_WORDS):
        a, b = words[k][0], words[min(k + MAX_SENTENCE_WORDS, len(words)) - 1][1]
        yield offset + a, sentence[a:b]


# --- dates --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DateMention:
    start: str          # EDTF
    end: str            # EDTF or ""
    begin: int          # character span in the sentence
    stop: int
    year: int           # the latest explicit year, to date what follows
    julian: bool = False


_MONTH = "|".join(MONTHS)
_ATOM = re.compile(
    rf"(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?"
    rf"(?P<sy>\d{{4}})(?:\s*[–-]\s*(?P<sy2>\d{{2,4}}))?\b"
    rf"|(?:\b(?P<d1>\d{{1,2}})(?:\s*[–-]\s*(?P<d2>\d{{1,2}}))?\s+)?\b(?P<m>{_MONTH})\b"
    rf"(?:,?\s+(?P<my>\d{{4}})\b)?"
    rf"|(?<![\d,./])\b(?P<y>1\d{{3}}|20\d{{2}})(?:\s*[–-]\s*(?P<y2>\d{{4}}|\d{{2}})\b)?"
    rf"(?![\d,]\d|s\b)"
)
_ADDRESS = re.compile(r"\s+(?:[A-Z]\w+\s+){1,2}(?:Avenue|Street|Road|Lane|Boulevard|Square)\b")
_JOIN = re.compile(r"^\s*(to|until|till|and|–|-|—)\s*$")
_MONTH_ALONE_BEFORE = re.compile(r"(?:\b[Ii]n|\b[Uu]ntil|\b[Ss]ince|\b[Bb]y|\b[Ff]rom|\b[Tt]o|"
                                 r"\b[Tt]hroughout|\b[Ee]arly|\b[Ll]ate|\b[Mm]id-?|\b[Oo]f)\s*$")


def find_dates(sentence: str, context_year: int | None = None) -> list[DateMention]:
    """Every date expression of a sentence, as EDTF, with ranges joined.

    A day or month without a year takes the latest year stated before it (``context_year``
    for the first); a bare year in brackets ("(1847–1922)", "(1934)") is a life span or a
    publication date and is skipped; so is a house number ("1522 Vyse Avenue").
    """
    julian = bool(re.search(r"Julian|Old Style|\bO\.S\.", sentence))
    atoms: list[DateMention] = []
    year = context_year
    for m in _ATOM.finditer(sentence):
        parsed = _atom(m, sentence, year)
        if parsed is None:
            continue
        atoms.append(replace(parsed, julian=julian and parsed.year < 1918 and "-" in parsed.start
                             and int(parsed.start[5:7] or 0) <= 12))
        year = parsed.year
    joined: list[DateMention] = []
    for atom in atoms:
        if joined and _JOIN.match(sentence[joined[-1].stop:atom.begin]):
            prev = joined[-1]
            joiner = _JOIN.match(sentence[prev.stop:atom.begin])
            assert joiner is not None
            if joiner[1] != "and" or re.search(r"\b[Bb]etween\s+$", sentence[:prev.begin]):
                joined[-1] = DateMention(prev.start, atom.end or atom.start, prev.begin,
                                         atom.stop, atom.year, prev.julian)
                continue
        joined.append(atom)
    return joined


def _atom(m: re.Match[str], sentence: str, year: int | None) -> DateMention | None:
    begin, stop = m.span()
    if m["season"]:
        y = int(m["sy"])
        start = f"{y}-{SEASONS[m['season'].casefold()]:02d}"
        return DateMention(start, "", begin, stop, _expand(y, m["sy2"]) if m["sy2"] else y)
    if m["m"]:
        month = MONTHS[m["m"]]
        given = int(m["my"]) if m["my"] else year
        if given is None:
            return None
        y = given
        if not m["d1"] and not m["my"] and not _MONTH_ALONE_BEFORE.search(sentence[:begin]):
            return None  # "May" alone is as likely the verb
        if _in_brackets(sentence, begin):
            return None
        if m["d1"]:
            d1 = int(m["d1"])
            if not 1 <= d1 <= 31:
                return None
            start = f"{y}-{month:02d}-{d1:02d}"
            end = f"{y}-{month:02d}-{int(m['d2']):02d}" if m["d2"] else ""
            return DateMention(start, end, begin, stop, y)
        return DateMention(f"{y}-{month:02d}", "", begin, stop, y)
    y = int(m["y"])
    if _in_brackets(sentence, begin) or _ADDRESS.match(sentence, stop):
        return None
    end = str(_expand(y, m["y2"])) if m["y2"] else ""
    if end and int(end) < y:
        return None
    return DateMention(str(y), end, begin, stop, int(end) if end else y)


def _expand(year: int, tail: str) -> int:
    """"1919–20" ends in 1920; "1904–07" in 1907."""
    if len(tail) == 4:
        return int(tail)
    return year // 100 * 100 + int(tail)


def _in_brackets(text: str, pos: int) -> bool:
    """True inside a bracket that dates a person or a work, not an event: one with no month
    ("(1847–1922)", "(1934)"), or a range or birth right after a name ("Nina (1902 – 9 June
    1928)", "(born 7 March 1926)"). "(January 1924)" after "the death of Lenin" is kept."""
    opened = text.rfind("(", 0, pos)
    if opened < 0 or text.rfind(")", 0, pos) > opened:
        return False
    closed = text.find(")", pos)
    inner = text[opened:closed if closed > 0 else len(text)]
    if not re.search(rf"\b(?:{_MONTH})\b", inner):
        return True
    after_name = bool(re.search(r"[A-Z][\w'’-]*\s*$", text[:opened]))
    return bool(re.search(r"\bborn\b|\bnée\b|\bb\.", inner)) or (
        after_name and bool(re.search(r"\d\s*[–—-]\s*\d", inner)))


# --- place mentions ----------------------------------------------------------------------------

@dataclass
class Mention:
    """A phrase that a gazetteer knows, with the verdict of the heuristics."""

    text: str            # as written (possessive 's removed)
    begin: int           # span in the sentence
    end: int
    hits: list[Hit]
    locative: bool       # a locative preposition stands before it
    rejected: str = ""   # why it is not a place here ("" when accepted)


@dataclass(frozen=True)
class _Token:
    text: str
    begin: int
    end: int

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?(?:'s|’s)?|\d+")


def _tokens(sentence: str) -> list[_Token]:
    out = []
    for m in _WORD.finditer(sentence):
        text, end = m.group(), m.end()
        if text in ("St", "Ft", "Mt") and sentence[end:end + 1] == ".":
            text, end = text + ".", end + 1
        out.append(_Token(text, m.start(), end))
    return out


def _strip_possessive(text: str) -> tuple[str, bool]:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)], True
    return text, False


def candidate_phrases(sentence: str) -> Iterator[tuple[int, int, str]]:
    """Every capitalised n-gram (start token, end token, phrase) worth a gazetteer lookup."""
    toks = _tokens(sentence)
    for i, first in enumerate(toks):
        if not first.capital:
            continue
        for j in range(i, min(len(toks), i + MAX_NGRAM)):
            last = toks[j]
            if j > i and (not _joined(sentence, toks[j - 1], last)
                          or (not last.capital and last.text not in CONNECTORS)):
                break
            if not last.capital:
                continue
            if j > i and _strip_possessive(toks[j - 1].text)[1]:
                break
            phrase, _ = _strip_possessive(sentence[first.begin:last.end])
            yield i, j, phrase


def _joined(sentence: str, a: _Token, b: _Token) -> bool:
    gap = sentence[a.end:b.begin]
    return gap in (" ", "-") or (gap.isspace() and "\n" not in gap and len(gap) <= 2)


def find_mentions(sentence: str, found: Mapping[str, list[Hit]]) -> list[Mention]:
    """The longest known phrases of a sentence, left to right, each judged by the heuristics
    that look only at the sentence (the document-wide ones run in ``review_mentions``)."""
    toks = _tokens(sentence)
    best: dict[int, tuple[int, str]] = {}
    for i, j, phrase in candidate_phrases(sentence):
        if phrase in found and (i not in best or j > best[i][0]):
            best[i] = (j, phrase)
    quoted = _quoted_spans(sentence)
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        if i not in best:
            i += 1
            continue
        j, phrase = best[i]
        begin, end = toks[i].begin, toks[i].begin + len(phrase)
        before = [t.text for t in toks[max(0, i - 4):i]]
        locative = _locative(before)
        mention = Mention(phrase, begin, end, list(found[phrase]), locative)
        mention.rejected = _sentence_verdict(sentence, toks, i, j, mention, quoted, before)
        out.append(mention)
        i = j + 1
    return out


def _locative(before: list[str]) -> bool:
    """A locative preposition before the name, at most three lower-case words back
    ("to the port of Tampico", "to rural Finland"), but not across a noun phrase that is not a
    place ("in the writings of Karl Marx"; "for neutral Switzerland": "for" is not locative).
    """
    tail = before[-4:]
    for back, word in enumerate(reversed(tail)):
        if word.casefold() in LOCATIVES:
            return True
        if not word.islower() or word in _BLOCKERS:
            return False
        if word == "of" and (back + 1 >= len(tail) or tail[-back - 2] not in PLACE_NOUNS):
            return False
    return False


PLACE_NOUNS = frozenset({"city", "town", "village", "port", "island", "capital", "region", "area",
                         "district", "province", "suburb", "quarter", "harbour", "harbor",
                         "coast", "outskirts", "governorate", "oblast", "county", "state",
                         "republic", "kingdom", "camp", "prison", "fortress", "resort"})
_BLOCKERS = frozenset({"and", "or", "but", "which", "who", "whom", "that", "while", "when",
                       "where", "than", "as", "by", "with", "for", "against", "over"})
_FUNCTION_AFTER = frozenset({"and", "or", "but", "in", "on", "at", "to", "from", "where", "when",
                             "which", "who", "was", "were", "is", "are", "as", "for", "by",
                             "with", "then", "until", "via", "near", "after", "before", "during",
                             "since", "had", "has", "have", "would", "could", "became",
                             "he", "she", "it", "they", "we", "i", "you", "his", "her", "their",
                             "its", "him", "them", "there", "the", "a", "an", "that", "this",
                             "whose", "not", "also", "soon", "later", "now", "still", "again",
                             "under", "over", "into", "about", "of"})


def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans between quotation marks (straight or curly, paired in order, at most 200 chars)."""
    marks = [m.start() for m in re.finditer(r"[\"“”]", sentence)]
    spans = []
    k = 0
    while k + 1 < len(marks):
        a, b = marks[k], marks[k + 1]
        if b - a <= 200:
            spans.append((a, b))
            k += 2
        else:
            k += 1
    return spans


def _sentence_verdict(sentence: str, toks: list[_Token], i: int, j: int, mention: Mention,
                      quoted: list[tuple[int, int]], before_words: list[str]) -> str:
    before = [w.casefold() for w in before_words]
    curated = any(h.source == "gazetteer" for h in mention.hits)
    if any(a < mention.begin < b for a, b in quoted):
        return "quoted title"
    if re.search(r"\b(?:SS|HMS|USS|RMS)\s+$", sentence[:mention.begin]):
        return "ship"
    if before and (before[-1] in THING_WORDS or (len(before) > 1 and before[-2] in THING_WORDS
                                                  and before[-1] not in LOCATIVES | CONNECTORS)):
        return "named thing (newspaper, ship, ...)"
    if _norm(mention.text) in STOP_WORDS:
        return "stop-list word"
    if before[-2:] == ["battle", "of"]:
        return "battle name"
    prev = _word_before(sentence, toks, i)
    if prev in MODIFIERS or (len(prev) > 5 and prev.endswith(DEMONYM_SUFFIXES)):
        if not curated:
            return "part of a longer name"
    elif prev and prev not in FUNCTION_CAPS:
        return "person (first name before it)"
    if j + 1 < len(toks) and toks[j + 1].capital and _joined(sentence, toks[j], toks[j + 1]) \
            and not curated and not _strip_possessive(toks[j].text)[1] \
            and toks[j + 1].text.casefold() not in FUNCTION_CAPS:
        return "part of a longer name"
    _, possessive = _strip_possessive(toks[j].text)
    if not curated:
        after = toks[j + 1].text if j + 1 < len(toks) else ""
        if after.islower() and after not in _FUNCTION_AFTER and after not in PLACE_NOUNS \
                and not after.endswith(("ly", "ed")) \
                and sentence[toks[j].end:toks[j].end + 1] == " ":
            return "used as an adjective (X noun)"
        if possessive and not mention.locative:
            return "possessive (a person's name)"
        if all(h.source == "country" for h in mention.hits):
            return "" if mention.locative else "country without a preposition"
        biggest = max((h.population for h in mention.hits if h.source == "geonames"), default=0)
        if biggest < MIN_POPULATION and not mention.locative:
            return f"small place (population {biggest:,}) without a preposition"
    return ""


def _word_before(sentence: str, toks: list[_Token], i: int) -> str:
    """The capitalised word right before token ``i`` (one space between), casefolded; else ""."""
    if i == 0:
        return ""
    prev, tok = toks[i - 1], toks[i]
    if not prev.capital or sentence[prev.end:tok.begin] != " ":
        return ""
    word, possessive = _strip_possessive(prev.text)
    return "" if possessive else word.casefold()


def review_mentions(mentions: list[Mention], text: str) -> None:
    """The document-wide heuristics: a name once seen as a person is a person everywhere; a
    single world-index word the text also writes in lower case is a common word."""
    people = {_norm(m.text) for m in mentions if m.rejected.startswith("person")}
    lower_words = set(re.findall(r"(?<![\w'’-])[a-z][a-z'-]+", text))
    for m in mentions:
        if m.rejected:
            continue
        key = _norm(m.text)
        curated = any(h.source == "gazetteer" for h in m.hits)
        if key in people:
            m.rejected = "person (named with a first name elsewhere)"
        elif not curated and " " not in m.text and m.text.casefold() in lower_words:
            m.rejected = "common word (also written in lower case)"


# --- the draft ----------------------------------------------------------------------------------

@dataclass
class _Found:
    line: int
    sentence: str
    mention: Mention
    section: Section
    date: DateMention | None
    date_from: str            # "sentence" | "section" | "heading" | "document" | ""
    hit: Hit | None = None
    extra: dict[str, Any] = field(default_factory=dict)


Resolver = Callable[[str, str, "tuple[float, float] | None"], "Hit | None"]


def default_resolver() -> Resolver | None:
    """The project resolver (context-aware, as the pipeline resolves); None when not there."""
    try:
        from .resolve import resolve_name  # type: ignore[attr-defined]
    except ImportError:
        return None

    def resolver(name: str, date: str, near: tuple[float, float] | None) -> Hit | None:
        res = resolve_name(name, date=date[:4] or None, near=near)
        if not res.placed or res.ambiguous:
            return None
        return Hit(res.name or name, res.country or "", float(res.lat or 0), float(res.lon or 0),
                   res.source or "", primary=res.match in ("exact", "override"))

    return resolver


def extract(text: str, *, source: str, lookup: Lookup | None = None,
            resolver: Resolver | None = None, min_confidence: float = 0.0,
            explain: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Draft itinerary rows (``DRAFT_COLUMNS``) from a biography, in the order of the text.

    ``source`` is the file name written before ``:LINE`` in each row's ``source``. When
    ``explain`` is a list, every looked-up mention is appended to it with its verdict, so a
    person can see why a name was left out.
    """
    lookup = lookup or default_lookup()
    lines = text.splitlines()
    phrases = sorted({p for line in lines for _, s in sentences(line)
                      for _, _, p in candidate_phrases(s)})
    found = lookup(phrases)
    items: list[_Found] = []
    all_mentions: list[Mention] = []
    section = Section("")
    last_date: DateMention | None = None
    doc_date: DateMention | None = None
    year: int | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        opened = heading(line)
        if opened is not None:
            section, last_date = opened, None
            if opened.start:
                year = int(opened.start[:4])
        for _, sentence in sentences(line):
            dates = find_dates(sentence, year) if opened is None else []
            mentions = find_mentions(sentence, found)
            all_mentions.extend(mentions)
            for mention in mentions:
                date, origin = _date_for(mention, dates, last_date, section, doc_date)
                items.append(_Found(number, sentence, mention, section, date, origin))
            if dates:
                last_date = doc_date = dates[-1]
                year = dates[-1].year
    review_mentions(all_mentions, text)
    if explain is not None:
        explain.extend({"line": f.line, "name": f.mention.text,
                        "verdict": f.mention.rejected or "place",
                        "date": f.date.start if f.date else ""} for f in items)
    rows = _rows([f for f in items if not f.mention.rejected and f.date is not None],
                 source, resolver if resolver is not None else default_resolver())
    return [r for r in rows if r["confidence"] >= min_confidence]


def _date_for(mention: Mention, dates: list[DateMention], last: DateMention | None,
              section: Section, doc: DateMention | None) -> tuple[DateMention | None, str]:
    if dates:
        def distance(d: DateMention) -> tuple[int, int]:
            gap = d.begin - mention.end if d.begin >= mention.end else mention.begin - d.stop
            return (max(gap, 0), d.begin >= mention.end)

        return min(dates, key=distance), "sentence"
    if last is not None:
        return last, "section"
    if section.start:
        return DateMention(section.start, section.end, 0, 0, int(section.start[:4])), "heading"
    if doc is not None:
        return doc, "document"
    return None, ""


def _rows(items: list[_Found], source: str, resolver: Resolver | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    by_dates: dict[tuple[str, str], list[dict[str, Any]]] = {}  # rows by (start, end), in order
    seen_ids: dict[str, int] = {}
    near: tuple[float, float] | None = None
    if resolver is not None:  # the same name, date and previous stop: the same answer
        resolver = _remembering(resolver)
    for f in items:
        assert f.date is not None
        hit = _place(f, resolver, near)
        if hit is None:
            continue
        near = (hit.lat, hit.lon)
        confidence = _confidence(f, hit)
        same_dates = by_dates.setdefault((f.date.start, f.date.end), [])
        dup = next((r for r in same_dates
                    if distance_km((r["lat"], r["lon"]), (hit.lat, hit.lon)) < SAME_PLACE_KM),
                   None)
        if dup is not None:
            dup["confidence"] = max(dup["confidence"], confidence)
            continue
        slug = f"{_slug(f.mention.text)}-{f.date.start[:4]}"
        seen_ids[slug] = seen_ids.get(slug, 0) + 1
        rows.append({
            "id": slug if seen_ids[slug] == 1 else f"{slug}-{seen_ids[slug]}",
            "place": f.mention.text,
            "country": hit.country,
            "start": f.date.start,
            "end": f.date.end,
            "calendar": "julian" if f.date.julian else "",
            "period": "",
            "kind": guess_kind(f.sentence),
            "note": f"draft: section “{f.section.title}”, date from the {f.date_from}"
                    if f.section.title else f"draft: date from the {f.date_from}",
            "source": f"{source}:{f.line}",
            "evidence": evidence(f.sentence, f.mention.begin, f.mention.end),
            "lat": round(hit.lat, 5),
            "lon": round(hit.lon, 5),
            "confidence": confidence,
        })
        same_dates.append(rows[-1])
    return rows


def _remembering(resolver: Resolver) -> Resolver:
    answers: dict[tuple[str, str, tuple[float, float] | None], Hit | None] = {}

    def remembered(name: str, date: str, near: tuple[float, float] | None) -> Hit | None:
        key = (name, date, near)
        if key not in answers:
            answers[key] = resolver(name, date, near)
        return answers[key]

    return remembered


def _place(f: _Found, resolver: Resolver | None, near: tuple[float, float] | None) -> Hit | None:
    """Where a mention is: a country at its capital; else what the project resolver says
    (with the date and the previous stop as context, as the pipeline will); else the curated
    gazetteer's place; else the most populous place of that name."""
    hits = f.mention.hits
    curated = [h for h in hits if h.source == "gazetteer"]
    countries = [h for h in hits if h.source == "country"]
    world = sorted((h for h in hits if h.source == "geonames"), key=lambda h: -h.population)
    if countries and not curated:
        return countries[0]
    if resolver is not None:
        assert f.date is not None
        resolved = resolver(f.mention.text, f.date.start, near)
        if resolved is not None:
            source = "gazetteer" if curated else "geonames"
            return replace(resolved, source=source,
                           population=world[0].population if world else 0)
    if curated:
        return curated[0]
    return world[0] if world else None


def _confidence(f: _Found, hit: Hit) -> float:
    """A rough 0..1 score: how sure the drafter is that this is a stop of the life, then."""
    if hit.source == "gazetteer":
        score = 0.8
    elif hit.source == "country":
        score = 0.4
    else:
        score = 0.45 + 0.05 * min(6.0, math.log10(max(hit.population, 1)))
    if f.mention.locative:
        score += 0.1
    score += {"sentence": 0.05, "section": -0.05, "heading": -0.05, "document": -0.3}.get(
        f.date_from, 0.0)
    if not hit.primary:
        score -= 0.1
    return round(min(1.0, max(0.0, score)), 2)


def guess_kind(sentence: str) -> str:
    """A first guess at the stop's kind from the words of its sentence ("" when none fits)."""
    text = f" {sentence.casefold()} "
    for kind, words in KIND_WORDS:
        if any(w in text for w in words):
            return kind
    return ""


def evidence(sentence: str, begin: int, end: int, limit: int = EVIDENCE_WORDS) -> str:
    """At most ``limit`` words around a mention, copied exactly from the sentence."""
    words = [m.span() for m in re.finditer(r"\S+", sentence)]
    first = next(k for k, (a, b) in enumerate(words) if b > begin)
    last = next((k for k, (a, b) in enumerate(words) if b >= end), len(words) - 1)
    lo = max(0, first - (limit - (last - first + 1)) // 2)
    hi = min(len(words) - 1, lo + limit - 1)
    lo = max(0, hi - limit + 1)
    return sentence[words[lo][0]:words[hi][1]]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-") or "place"


# --- output ---------------------------------------------------------------------------------------

def to_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """The draft as CSV text in ``DRAFT_COLUMNS`` order (numbers without float noise; text a
    spreadsheet would run as a formula quoted, ``outputs.spreadsheet.neutralise``)."""
    from .outputs.spreadsheet import rows_csv

    return rows_csv(DRAFT_COLUMNS, ([_cell(row.get(k, "")) for k in DRAFT_COLUMNS]
                                    for row in rows))


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.5f}".rstrip("0").rstrip(".")
    return str(value)


def read_text(path: str | Path) -> str:
    """The text of a biography: a regular file of at most ``MAX_TEXT_BYTES``, in UTF-8.

    Refused, as an InputError naming the file and what to do: a device, pipe or folder
    (``/dev/zero`` would be read until memory runs out, a FIFO waits forever), a bigger file,
    a binary file, and a UTF-8 text with a few bytes that are not UTF-8 (each named by line
    and character: reading the whole text in another encoding would garble every other
    accented letter). A text with no UTF-8 letter at all is read in the encoding it looks like
    (a Windows code page, usually).
    """
    import os
    import stat

    from .errors import InputError, Problem

    file = str(path)
    expected = f"a plain-text file (UTF-8) of at most {MAX_TEXT_BYTES // 2**20} MB"
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise InputError([Problem(file, f"is {what} (a device, a pipe or a folder cannot "
                                      "be read as a biography)", expected=expected)])
        with open(path, "rb") as fh:
            raw = fh.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise InputError([Problem(file, f"cannot read the text ({exc.strerror or exc})")]
                         ) from exc
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError([Problem(file, f"too long: more than {MAX_TEXT_BYTES // 2**20} MB",
                                  expected=f"{expected}; split the text into parts")])
    if b"\0" in raw[:4096]:
        raise InputError([Problem(file, "this is not a text file", expected=expected)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    stray = [(n, k, ord(c) - 0xDC00) for n, line in enumerate(text.splitlines(), 1)
             if not line.isascii() for k, c in enumerate(line, 1) if "\udc80" <= c <= "\udcff"]
    if any(c > "\x7f" and not "\udc80" <= c <= "\udcff" for c in text):  # UTF-8 elsewhere
        problems = [Problem(file, f"line {n}, character {k}: byte 0x{byte:02X} is not UTF-8 "
                            "(the rest of the text is)",
                            expected="UTF-8 text: type that character again, or save the "
                                     "file as UTF-8") for n, k, byte in stray[:20]]
        if len(stray) > 20:
            problems.append(Problem(file, f"and {len(stray) - 20:,} more bytes that are not "
                                    "UTF-8", expected="the file saved as UTF-8"))
        raise InputError(problems)
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError([Problem(file, "cannot decode the text", expected=expected)])
    return str(best)


def extract_file(path: str | Path, out: str | Path, *, min_confidence: float = 0.0,
                 lookup: Lookup | None = None) -> list[dict[str, Any]]:
    """Read a text file (``read_text``), draft its itinerary, write the CSV atomically."""
    from .outputs.atomic import write_text

    src = Path(path)
    text = read_text(src)
    rows = extract(text, source=src.name, lookup=lookup, min_confidence=min_confidence)
    write_text(out, to_csv(rows))
    return rows


# --- measuring a draft against a curated itinerary ---------------------------------------------

@dataclass(frozen=True)
class Score:
    """How a draft compares with a curated itinerary, counted in distinct places."""

    curated_places: int
    draft_places: int
    found: int           # curated places the draft has (within ``km``)
    correct: int         # draft places the curated itinerary has
    missed: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def recall(self) -> float:
        return self.found / self.curated_places if self.curated_places else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.draft_places if self.draft_places else 0.0


def places_of(points: Iterable[tuple[str, float, float]],
              km: float = SAME_PLACE_KM) -> list[tuple[str, float, float]]:
    """Distinct places: a point closer than ``km`` to an earlier one is that place again."""
    kept: list[tuple[str, float, float]] = []
    for name, lat, lon in points:
        if math.isnan(lat) or math.isnan(lon):
            continue
        if not any(distance_km((lat, lon), (a, b)) < km for _, a, b in kept):
            kept.append((name, lat, lon))
    return kept


def score(draft: Iterable[tuple[str, float, float]], curated: Iterable[tuple[str, float, float]],
          km: float = SAME_PLACE_KM) -> Score:
    """Recall and precision of a draft's places against a curated itinerary's, by position."""
    mine, theirs = places_of(draft, km), places_of(curated, km)

    def near(p: tuple[str, float, float], pool: list[tuple[str, float, float]]) -> bool:
        return any(distance_km((p[1], p[2]), (q[1], q[2])) < km for q in pool)

    missed = tuple(p[0] for p in theirs if not near(p, mine))
    extra = tuple(p[0] for p in mine if not near(p, theirs))
    return Score(len(theirs), len(mine), len(theirs) - len(missed), len(mine) - len(extra),
                 missed, extra)
