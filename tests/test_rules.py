"""The project's rules, each tested on its own and written out here as documentation.

Every expected value below comes from the rule as the README and the docstrings state it, or
from a calendar fact, never from running the code: if the code and this file disagree, one of
them is wrong, and the docstring says which.

* how a stop was reached (``moves.kinds.move_kind``): forced > escape > return > travel;
* Old Style (Julian) dates in century years, where the two calendars drift apart;
* stops on the same day keep the order of the file (``stages.order.order_stops``);
* an output file is on disk (fsync) before it replaces the earlier one (``outputs.atomic``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from itinerary.model import KINDS, ROW, SORT_KEY
from itinerary.moves.kinds import move_kind
from itinerary.outputs import atomic
from itinerary.stages.dates import DateError, parse_date
from itinerary.stages.order import order_stops

# --- 1. how a stop was reached ------------------------------------------------------------------
#
# From move_kind's docstring (and the README's ``move`` column), the first rule that applies:
#   1. forced: into a prison, an exile or an internment; and a prisoner sent on from prison
#      to another prison or into exile;
#   2. escape: into a stop marked ``escape``, or out of a prison or an exile to anywhere that
#      is not another forced stay (nobody was sent there). Leaving an *internment* is not an
#      escape: internees are released;
#   3. return: back to a place visited earlier;
#   4. travel: anything else.

# Written out, not imported from the model: a kind added to model.KINDS must be placed here
# on purpose (see test_every_kind_of_stop_is_known_to_this_table).
FORCED_STAYS = {"prison", "exile", "internment"}
LEFT_BY_ESCAPE = {"prison", "exile"}
OTHER_KINDS = {"birth", "residence", "school", "escape", "hospital", "travel", "conference",
               "death", "work", "visit", "front"}
ALL_KINDS = sorted(FORCED_STAYS | OTHER_KINDS) + [""]  # "" is a row with no kind


def expected_move(origin: str, dest: str, returning: bool) -> str:
    if dest in FORCED_STAYS:
        return "forced"
    if dest == "escape" or origin in LEFT_BY_ESCAPE:
        return "escape"
    if returning:
        return "return"
    return "travel"


def test_every_kind_of_stop_is_known_to_this_table() -> None:
    assert set(KINDS) == FORCED_STAYS | OTHER_KINDS


@pytest.mark.parametrize("returning", [False, True], ids=["new place", "earlier place"])
@pytest.mark.parametrize("origin", ALL_KINDS)
def test_the_whole_move_kind_table(origin: str, returning: bool) -> None:
    """Every kind (and none) into every kind: 15 x 15 x 2 journeys."""
    got = {dest: move_kind(origin, dest, returning) for dest in ALL_KINDS}
    want = {dest: expected_move(origin, dest, returning) for dest in ALL_KINDS}
    assert got == want


@pytest.mark.parametrize("origin,dest,returning,kind", [
    ("residence", "prison", True, "forced"),    # arrested at home, even in a known prison
    ("prison", "exile", False, "forced"),       # sent on from prison into exile
    ("prison", "prison", True, "forced"),       # moved to another prison
    ("exile", "internment", False, "forced"),   # an escapee caught and interned: forced wins
    ("exile", "residence", True, "escape"),     # out of exile, back home: escape beats return
    ("visit", "escape", False, "escape"),       # a stop marked as the escape itself
    ("internment", "residence", False, "travel"),  # released, not escaped
    ("internment", "visit", True, "return"),
    ("residence", "visit", True, "return"),
    ("", "", False, "travel"),                  # a minimal table without kinds
])
def test_the_precedence_forced_escape_return_travel(origin: str, dest: str, returning: bool,
                                                    kind: str) -> None:
    assert move_kind(origin, dest, returning) == kind


def test_the_rule_end_to_end_through_the_pipeline(tmp_path: Path) -> None:
    """A table whose places are given by lat/lon (names no gazetteer knows) through
    ``build_trip``: each move's kind, and the ``move`` column winning over the rule."""
    from itinerary.pipeline import build_trip

    table = tmp_path / "life.csv"
    table.write_text(
        "place,start,end,kind,lat,lon,move\n"
        "Qxhome Farm,1880,1890,birth,10.0,10.0,\n"
        "Qxgaol Keep,1891,1892,prison,12.0,12.0,\n"         # forced (into prison)
        "Qxcamp Far,1893,1895,exile,14.0,14.0,\n"           # forced (prison -> exile)
        "Qxhide Loft,1896,1897,residence,16.0,16.0,\n"      # escape (out of exile)
        "Qxhome Farm,1898,1899,residence,10.0,10.0,\n"      # return
        "Qxmill Works,1900,1901,work,18.0,18.0,forced\n"    # travel by rule; the row: forced
        "Qxwell Town,1902,1903,internment,20.0,20.0,\n"     # forced (into internment)
        "Qxport Quay,1904,1905,residence,22.0,22.0,\n"      # travel (released, not escaped)
        "Qxhome Farm,1906,1907,visit,10.0,10.0,travel\n",   # return by rule; the row: travel
        encoding="utf-8")
    trip = build_trip(table, quiet=True)
    assert bool(trip.stops["placed"].all())
    assert list(trip.moves["kind"]) == ["forced", "forced", "escape", "return", "forced",
                                        "forced", "travel", "travel"]
    assert list(trip.moves["to_seq"]) == list(range(1, 9))


# --- 2. Old Style dates in century years --------------------------------------------------------
#
# The Julian calendar has a leap day in every fourth year, the Gregorian skips it in century
# years not divisible by 400 (1700, 1800, 1900). So the gap between them grows by one day after
# each such February 28/29: 10 days from 1582, 11 from March 1700, 12 from March 1800, 13 from
# March 1900, until Russia changed calendars (Julian 31 January 1918 was followed by
# 14 February 1918).

@pytest.mark.parametrize("julian,gregorian", [
    ("1582-10-04", dt.date(1582, 10, 14)),  # the last Julian day in Rome ...
    ("1582-10-05", dt.date(1582, 10, 15)),  # ... was followed by Gregorian 15 October 1582
    ("1700-02-28", dt.date(1700, 3, 10)),
    ("1700-02-29", dt.date(1700, 3, 11)),   # a Julian leap day, none in the Gregorian 1700
    ("1700-03-01", dt.date(1700, 3, 12)),   # 11 days apart from here
    ("1800-02-28", dt.date(1800, 3, 11)),
    ("1800-02-29", dt.date(1800, 3, 12)),
    ("1800-03-01", dt.date(1800, 3, 13)),   # 12 days
    ("1900-02-28", dt.date(1900, 3, 12)),
    ("1900-02-29", dt.date(1900, 3, 13)),
    ("1900-03-01", dt.date(1900, 3, 14)),   # 13 days
    ("1905-01-09", dt.date(1905, 1, 22)),   # Bloody Sunday, 9 (22) January 1905
    ("1917-10-25", dt.date(1917, 11, 7)),   # the October Revolution, in November
    ("1918-01-31", dt.date(1918, 2, 13)),   # the last Old Style day in Russia
])
def test_julian_days_in_gregorian(julian: str, gregorian: dt.date) -> None:
    span = parse_date(julian, calendar="julian")
    assert (span.earliest, span.latest, span.precision) == (gregorian, gregorian, "day")


def test_february_1900_has_29_days_old_style_and_28_new_style() -> None:
    old_style = parse_date("1900-02", calendar="julian")
    assert (old_style.earliest, old_style.latest) == (dt.date(1900, 2, 13), dt.date(1900, 3, 13))
    new_style = parse_date("1900-02")
    assert (new_style.earliest, new_style.latest) == (dt.date(1900, 2, 1), dt.date(1900, 2, 28))


@pytest.mark.parametrize("text", ["1900-02-29", "1800-02-29", "1700-02-29"])
def test_a_gregorian_29_february_in_those_century_years_is_an_error(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text)
    parse_date(text, calendar="julian")  # while the Julian day exists


def test_the_year_2000_has_its_leap_day_in_both_calendars() -> None:
    assert parse_date("2000-02-29").earliest == dt.date(2000, 2, 29)


@pytest.mark.parametrize("text", ["1918-02-01", "1918-02", "1918"])
def test_no_old_style_date_after_31_january_1918(text: str) -> None:
    with pytest.raises(DateError, match="31 January 1918"):
        parse_date(text, calendar="julian")


# --- 3. ties keep the file order ----------------------------------------------------------------

def test_stops_on_the_same_day_keep_the_order_of_the_file() -> None:
    """Three stops on one day and two on another, given to ``order_stops`` in neither date nor
    file order: the result is by day, and within a day by spreadsheet row (the order the
    author wrote them, usually the order they happened). A tie-break on the row reversed, or
    no tie-break (the frame's own order kept), would each put them otherwise."""
    stops = pd.DataFrame({
        ROW: [6, 4, 2, 5, 3],
        SORT_KEY: ["1905-01-22", "1905-01-22", "1917-11-07", "1905-01-22", "1917-11-07"],
        "id": ["train", "square", "smolny", "palace", "winter"],
    })
    ordered = order_stops(stops)
    assert list(ordered[ROW]) == [4, 5, 6, 2, 3]
    assert list(ordered["id"]) == ["square", "palace", "train", "smolny", "winter"]
    assert list(ordered["seq"]) == [0, 1, 2, 3, 4]


# --- 4. an output is on disk before it replaces the earlier one ---------------------------------

def test_the_atomic_writer_fsyncs_the_temporary_file_before_renaming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the fsync, a power cut after the rename can leave an empty or partial file
    where the earlier output was (the rename reaches the disk before the data)."""
    target = tmp_path / "map.html"
    target.write_text("the earlier page", encoding="utf-8")
    events: list[tuple[Any, ...]] = []
    real_fsync, real_replace, real_rename = os.fsync, os.replace, os.rename

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        events.append(("fsync", info.st_ino, info.st_size))
        real_fsync(fd)

    def moved(name: str, real: Any) -> Any:
        def move(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            events.append((name, os.stat(src).st_ino, Path(dst)))
            real(src, dst, *args, **kwargs)
        return move

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", moved("replace", real_replace))
    monkeypatch.setattr(os, "rename", moved("rename", real_rename))
    text = "<p>the new page</p>\n" * 1000
    atomic.write_text(target, text)

    assert target.read_text(encoding="utf-8") == text
    synced = [e for e in events if e[0] == "fsync"]
    moves = [e for e in events if e[0] in ("replace", "rename")]
    assert len(moves) == 1, events
    _, moved_inode, destination = moves[0]
    assert destination == target
    # the file that was moved over the target was fsynced before the move, with all its bytes
    assert ("fsync", moved_inode, len(text.encode("utf-8"))) in synced, events
    assert events.index(("fsync", moved_inode, len(text.encode("utf-8")))) < events.index(
        moves[0])
