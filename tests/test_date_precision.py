"""Dates at their precision wherever a reader sees one: ``itinerary check``'s dates line, and in
the page the clock, the card, the list and the screen-reader announcement.

A year-only stop reads "1867", never "1 January 1867" (a false precision); a month "July 1895",
a season "summer 1902", an approximate year "c. 1888", an Old Style day "9 (22) January 1905",
a range "1907 – 1910". Between two stops the clock counts months, or only years when either
stop is dated only to the year.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Opened, browser, open_page  # noqa: F401
from itinerary.cli import main
from itinerary.stages.dates import extent_label, format_date, format_range, parse_date

#: One stop at each precision, placed by coordinates (names no gazetteer knows).
TABLE = """\
id,place,start,end,calendar,lat,lon,source
year,Qzxv Yearton,1867,,,50.0,10.0,s
approx,Qzxv Circa,1888~,,,51.0,12.0,s
month,Qzxv Julyburg,1895-07,,,52.0,14.0,s
season,Qzxv Summerfield,1902-22,,,53.0,16.0,s
oldstyle,Qzxv Oldstyle,1905-01-09,,julian,54.0,18.0,s
range,Qzxv Rangeford,1907,1910,,55.0,20.0,s
"""
LABELS = {
    "year": "1867",
    "approx": "c. 1888",
    "month": "July 1895",
    "season": "summer 1902",
    "oldstyle": "9 (22) January 1905",
    "range": "1907 – 1910",
}


# --- Python -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "calendar", "label"), [
    ("1867", "gregorian", "1867"),
    ("1895-07", "gregorian", "July 1895"),
    ("1902-22", "gregorian", "summer 1902"),
    ("1902-24", "gregorian", "winter 1902–03"),
    ("1888~", "gregorian", "c. 1888"),
    ("1888?", "gregorian", "1888?"),
    ("1888%", "gregorian", "c. 1888?"),
    ("1879-11-07", "gregorian", "7 November 1879"),
    ("1905-01-09", "julian", "9 (22) January 1905"),
    ("1905-01", "julian", "January 1905 (O.S.)"),
])
def test_each_precision_is_written_as_historians_write_it(text: str, calendar: str,
                                                          label: str) -> None:
    assert format_date(parse_date(text, calendar)) == label


def test_a_range_keeps_each_end_at_its_own_precision() -> None:
    assert format_range(parse_date("1902"), parse_date("1905")) == "1902 – 1905"
    assert format_range(parse_date("1902-22"), parse_date("1903-05")) == "summer 1902 – May 1903"
    assert format_range(parse_date("1888~"), parse_date("1895")) == "c. 1888 – 1895"


def test_check_gives_a_year_only_table_its_years(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "years.csv"
    table.write_text("place,start,end,lat,lon,source\nQzxv A,1867,1870,50,10,s\n"
                     "Qzxv B,1880,1934,51,11,s\n", encoding="utf-8")
    assert main(["check", str(table)]) == 0
    dates = [line for line in capsys.readouterr().out.splitlines() if "dates:" in line]
    assert dates == ["  dates:       1867 – 1934 (0 Old Style, 0 approximate or uncertain)"]


def test_check_writes_each_end_at_its_precision(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "mixed.csv"
    table.write_text(TABLE, encoding="utf-8")
    assert main(["check", str(table)]) == 0
    assert "  dates:       1867 – 1910 (1 Old Style, 1 approximate or uncertain)" in (
        capsys.readouterr().out.splitlines())


def test_check_keeps_trotskys_days(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "  dates:       7 November 1879 – 21 August 1940 (" in capsys.readouterr().out


def test_the_extent_is_the_first_start_and_the_latest_end() -> None:
    from itinerary.pipeline import build_trip

    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "t.csv"
        # the last row in the file ends first; the Old Style row starts first; a visit ends last
        table.write_text("place,start,end,calendar,lat,lon\n"
                         "Qzxv A,1903-22,1904,,50,10\n"
                         "Qzxv B,1902-03-01,,julian,51,11\n"
                         "Qzxv C,1905-07~,,,52,12\n"
                         "Qzxv D,1903,1903-06,,53,13\n", encoding="utf-8")
        trip = build_trip(str(table), quiet=True, with_paths=False)
    assert extent_label(trip.stops) == "1 (14) March 1902 – c. July 1905"
    assert extent_label(trip.stops.iloc[0:0]) == ""


# --- the page ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from itinerary.outputs.page import render_page
    from itinerary.outputs.write import write_page
    from itinerary.pipeline import build_trip

    root = tmp_path_factory.mktemp("precision")
    table = root / "precision.csv"
    table.write_text(TABLE, encoding="utf-8")
    trip = build_trip(str(table), quiet=True, with_paths=False)
    assert trip.stops["date_label"].tolist() == list(LABELS.values())
    out = root / "precision.html"
    write_page(out, render_page(trip.stops, trip.moves, trip.periods, title="Precision",
                                self_contained=True, tiles=None))
    return out


@pytest.fixture
def opened(browser: Any, page_file: Path) -> Iterator[Opened]:  # noqa: F811
    o = open_page(browser, page_file.as_uri())
    yield o
    o.page.context.close()


def texts(o: Opened) -> dict[str, str]:
    return dict(o.call("""() => ({
        clock: document.getElementById('date').textContent,
        card: document.querySelector('#card-body .when').firstChild.textContent,
        badge: (document.querySelector('#card-body .when .badge') || {}).textContent || '',
        list: document.querySelector('#stops button[aria-current] .when').textContent,
        live: document.getElementById('live').textContent,
        slider: document.getElementById('slider').getAttribute('aria-valuetext')
    })"""))


@pytest.mark.browser
@pytest.mark.parametrize("stop", list(LABELS))
def test_at_a_stop_the_clock_card_list_and_announcement_read_its_label(opened: Opened,
                                                                     stop: str) -> None:
    other = "range" if stop != "range" else "year"  # away first, so arriving is announced
    opened.call("id => window.itineraryMap.goToStop(id)", other)
    assert opened.call("id => window.itineraryMap.goToStop(id)", stop) is True
    shown = texts(opened)
    label = LABELS[stop]
    assert shown["clock"] == label
    assert shown["card"] == label
    assert shown["badge"] == ("uncertain" if stop == "approx" else "")
    assert shown["list"] == label + (" (uncertain)" if stop == "approx" else "")
    assert shown["live"].endswith(" — " + label)
    assert shown["slider"].startswith(label + ", ")
    assert opened.errors == []


@pytest.mark.browser
def test_the_first_stop_opens_on_its_year(opened: Opened) -> None:
    assert opened.state()["stopId"] == "year"
    assert texts(opened)["clock"] == "1867"


@pytest.mark.browser
def test_between_stops_the_clock_counts_months_or_only_years(opened: Opened) -> None:
    # between July 1895 and summer 1902: months
    opened.call("window.itineraryMap.seek('1899-03-15')")
    assert opened.state()["moving"] is True
    assert texts(opened)["clock"] == "March 1899"
    # between 1867 and c. 1888, both known only to the year: years
    opened.call("window.itineraryMap.seek('1880-06-15')")
    assert opened.state()["moving"] is True
    assert texts(opened)["clock"] == "1880"
    # no day number is ever shown between stops while playing
    opened.call("window.itineraryMap.goToStop('month')")
    opened.call("window.itineraryMap.play()")
    seen: set[str] = set()
    for _ in range(40):
        seen.add(texts(opened)["clock"])
        opened.page.wait_for_timeout(50)
    opened.call("window.itineraryMap.pause()")
    assert seen & {"July 1895", "summer 1902"}
    assert not [t for t in seen if re.match(r"\d{1,2} [A-Z]", t) and t != LABELS["oldstyle"]]
