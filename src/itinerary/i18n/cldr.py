"""A language's CLDR date and number rules, read through Babel once and kept as templates.

The page's labels are written in Python (``stages/dates.py``) and its moving clock and counts
in the browser; both use what this module derives, so a German page writes "9. Januar 1905" on
the card and on the clock alike. Babel's long date pattern ("d. MMMM y") becomes the template
``{d}. {MMMM} {y}``; month names are CLDR's (the genitive "января" where the language's format
form is one, the stand-alone "январь" under ``LLLL``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Final

from . import check_lang, meta

if TYPE_CHECKING:
    from babel import Locale

_FIELD = re.compile(r"%\((\w+)\)s")
#: The pattern letters the templates may hold; anything else is a CLDR pattern this module
#: does not render (a test builds every shipped language, so a new one fails loudly).
TOKENS: Final = ("d", "MMMM", "LLLL", "y")


@dataclass(frozen=True)
class DateStyle:
    """How one language writes a day, a month and the parts an Old Style date brackets."""

    day: str                          # the long date: "{d}. {MMMM} {y}"
    month: str                        # a month of a year: "{MMMM} {y}", "{LLLL} {y} г."
    months: tuple[str, ...]           # format names: "Januar", "января"
    months_standalone: tuple[str, ...]  # stand-alone names: "Januar", "январь"
    day_unit: str                     # the day with its own marks: "{d}." ("9." in German)
    day_month_unit: str               # day and month together: "{d}. {MMMM}", "{d} de {MMMM}"

    def fill(self, template: str, y: int, m: int, d: int = 1) -> str:
        """``template`` with the day ``d``, month ``m`` and year ``y`` written in."""
        return template.format(d=d, y=y, MMMM=self.months[m - 1],
                               LLLL=self.months_standalone[m - 1])


def _template(pattern: str) -> str:
    """Babel's pattern ("d 'de' MMMM 'de' y") as a ``str.format`` template."""
    from babel.dates import parse_pattern

    format_string = str(parse_pattern(pattern).format)
    literal = format_string.replace("{", "{{").replace("}", "}}")
    template = _FIELD.sub(lambda m: "{" + m.group(1) + "}", literal).replace("%%", "%")
    for field in re.findall(r"(?<!\{)\{(\w+)\}", template):
        if field not in TOKENS:
            raise ValueError(f"CLDR pattern {pattern!r}: field {field} is not rendered here")
    return template


def _unit(template: str, first: str, last: str) -> str:
    """The part of ``template`` from field ``first`` to field ``last`` (either order) plus the
    marks glued to its end ("{d}." in "{d}. {MMMM} {y}")."""
    a, b = template.index("{" + first + "}"), template.index("{" + last + "}")
    start, end = min(a, b), max(a + len(first), b + len(last)) + 2
    while end < len(template) and not template[end].isspace() and template[end] != "{":
        end += 1
    return template[start:end]


@cache
def _locale(lang: str) -> Locale:
    """The Babel locale of a catalogue (its ``_meta.cldr``: English is ``en_GB``)."""
    from babel import Locale

    return Locale.parse(meta(check_lang(lang)).get("cldr") or lang)


@cache
def date_style(lang: str) -> DateStyle:
    """The DateStyle of a catalogue's CLDR locale."""
    from babel.dates import get_date_format

    locale = _locale(lang)
    day = _template(get_date_format("long", locale=locale).pattern)
    month = _template(locale.datetime_skeletons["yMMMM"].pattern)
    names = tuple(locale.months["format"]["wide"][i] for i in range(1, 13))
    alone = tuple(locale.months["stand-alone"]["wide"][i] for i in range(1, 13))
    return DateStyle(day=day, month=month, months=names, months_standalone=alone,
                     day_unit=_unit(day, "d", "d"), day_month_unit=_unit(day, "d", "MMMM"))


@cache
def number_symbols(lang: str) -> dict[str, str]:
    """The group and decimal separators of the language ("70 794" in French, "70.794" in
    German): the browser groups its counts with them."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = _locale(lang)
    return {"group": get_group_symbol(locale=locale), "decimal": get_decimal_symbol(locale=locale)}


def format_number(value: float, lang: str) -> str:
    """A count or distance as the language writes it (Babel), rounded to a whole number."""
    from babel.numbers import format_decimal

    locale = _locale(lang)
    return format_decimal(round(value), locale=locale)


def country_names(codes: list[str], lang: str) -> dict[str, str]:
    """Today's country of each ISO code as the language names it (CLDR): "GB" is "United
    Kingdom", "Vereinigtes Königreich", "Великобритания"; a code CLDR lacks is left out."""

    locale = _locale(lang)
    names = locale.territories
    return {code: names[code] for code in sorted(set(codes)) if code in names}
