"""resolve_table's shortcuts give the answers of resolving every row on its own.

A big table repeats the same names at many dates. The stage looks all names up in a few batched
queries, and reuses a name's answer across dates unless a gazetteer name of it has years of use
(Petrograd 1914-1924, Leningrad 1924-1991) or it is only found by the fuzzy search.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from itinerary.resolve import table as table_module
from itinerary.resolve.geonames import GeonamesIndex
from itinerary.resolve.resolver import Resolver
from itinerary.resolve.table import resolve_table

HEADER = "key,name,from,to,country,lat,lon,feature,area,coord_source\n"
DATED = (HEADER
         + "saint-petersburg,Saint Petersburg,,,RU,59.93863,30.31413,city,,manual\n"
         + "saint-petersburg,Petrograd,1914,1924,,,,,,\n"
         + "saint-petersburg,Leningrad,1924,1991,,,,,,\n"
         + "sometown,Leningrad,1800,1850,US,40.0,-75.0,town,,manual\n")

ROWS = [(place, country, f"{year}-06-01")
        for year in (1810, 1900, 1920, 1930, 1990)
        for place, country in (("Leningrad", ""), ("Petrograd", ""), ("Vienna", "AT"),
                               ("Springfield", ""), ("Lodnon", ""), ("Vienna", ""))]


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    path = tmp_path_factory.mktemp("gaz") / "dated.csv"
    path.write_text(DATED, encoding="utf-8")
    return Resolver(Path(path), geonames=GeonamesIndex())


class _Plain:
    """The GeoNames index without its batch prefetch: one lookup per name, as before."""

    def __init__(self, index: GeonamesIndex) -> None:
        self.candidates = lambda q, year=None: index.lookup_many([q])[q]
        self.lookup_many = index.lookup_many
        self.fuzzy_keys = index.fuzzy_keys


def _table() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=["place", "country", "start"])


def test_shortcuts_change_no_answer(resolver: Resolver, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = resolve_table(_table(), resolver=resolver, progress=False)
    plain = Resolver(resolver.gazetteer, geonames=_Plain(GeonamesIndex()))  # type: ignore[arg-type]
    monkeypatch.setattr(table_module, "_year_free", lambda r, name: False)
    slow = resolve_table(_table(), resolver=plain, progress=False)
    pd.testing.assert_frame_equal(fast, slow)


def test_a_name_with_years_of_use_is_not_reused_across_dates(resolver: Resolver) -> None:
    out = resolve_table(_table(), resolver=resolver, progress=False)
    petrograd = out[out["place"] == "Petrograd"].set_index("start")["confidence"]
    # in use 1914-1924: a stop in 1920 is more confidently Petrograd than one in 1810
    assert petrograd["1920-06-01"] > petrograd["1810-06-01"]
