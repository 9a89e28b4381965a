"""The data model in one place: the columns each pipeline stage reads and adds.

Every stage is a function from a pandas DataFrame to a DataFrame. The stops table grows
column by column as it flows through the pipeline:

    stages.load.read_table    -> INPUT_COLUMNS (+ ROW, + any extra columns the user had)
    stages.dates.normalise    -> DATE_COLUMNS
    resolve.resolve_table     -> RESOLVED_COLUMNS
    stages.order.order_stops  -> sorted by SORT_KEY, ties in file order, ``seq`` 0..n-1
    moves.derive.derive_moves -> a separate moves table with MOVE_COLUMNS

Empty text is ``""`` (never NaN); missing numbers are NaN; dates are ISO strings.
"""

from __future__ import annotations

from typing import Final

# --- input (what a user writes in the spreadsheet) ---------------------------------
REQUIRED: Final = ("place", "start")
OPTIONAL: Final = (
    "id", "end", "country", "calendar", "period", "kind",
    "note", "source", "evidence", "lat", "lon", "move",
)
INPUT_COLUMNS: Final = REQUIRED + OPTIONAL
TEXT_COLUMNS: Final = ("id", "place", "start", "end", "country", "calendar", "period",
                       "kind", "note", "source", "evidence", "move")

ROW: Final = "row"  # spreadsheet row number: header is row 1, first stop is row 2

CALENDARS: Final = ("gregorian", "julian")

KINDS: Final = (
    "birth", "residence", "school", "prison", "exile", "escape", "internment",
    "hospital", "travel", "conference", "death", "work", "visit", "front",
)
FORCED_KINDS: Final = frozenset({"prison", "exile", "internment"})

# Column aliases a teacher's spreadsheet may use (matched case-insensitively).
ALIASES: Final = {
    "place": ("place", "location", "city", "town", "name", "ort"),
    "start": ("start", "date", "from", "begin", "start_date", "startdate"),
    "end": ("end", "to", "until", "end_date", "enddate"),
    "lat": ("lat", "latitude"),
    "lon": ("lon", "lng", "long", "longitude"),
    "country": ("country", "country_code", "cc"),
    "note": ("note", "notes", "description", "comment"),
}

# --- periods file --------------------------------------------------------------------
PERIOD_COLUMNS: Final = ("id", "title", "start", "end", "color")
# Translations, optional in either table: ``<column>_<lang>`` (a period's title_de, a stop's
# note_de) is the text of a page built with ``--lang <lang>``; empty or absent: the plain column.
TRANSLATED_COLUMNS: Final = ("title", "note")

# --- added by dates.normalise ---------------------------------------------------------
# start_min/start_max: earliest and latest Gregorian day the start may be;
# end_min/end_max likewise (equal to the start's when the stop has no end).
DATE_COLUMNS: Final = (
    "start_min", "start_max", "end_min", "end_max",
    "date_label",      # as historians write it: "9 (22) January 1905 – March 1906"
    "uncertain",       # bool: any part approximate or uncertain
)
SORT_KEY: Final = "start_min"

# --- added by resolve.resolve_table ---------------------------------------------------
RESOLVED_COLUMNS: Final = (
    "resolved_name",   # today's name of the place ("Saint Petersburg" for Petrograd)
    "resolved_country",  # ISO 3166-1 alpha-2 of today's country
    "lat", "lon",      # WGS84 degrees, NaN when unresolved
    "geo_source",      # override | gazetteer | geonames | nominatim | ...
    "confidence",      # 0..1
    "match",           # override | exact | alternate | normalised | fuzzy | online | none
    "alternatives",    # JSON list of runner-up {name, country, lat, lon, source, score}
    "area",            # GeoJSON geometry (JSON text) when the place is a region, else ""
    "placed",          # bool: has coordinates
    "renamed",         # bool: the table's name is another (former) name of the place: the
                       # page writes "Petrograd, now Saint Petersburg" only then
)

# --- moves table ----------------------------------------------------------------------
MOVE_KINDS: Final = ("forced", "escape", "travel", "return")
# The optional ``move`` column says how a stop was reached when the rule in moves.move_kind
# would get it wrong (a deportation to a free country, a trip out of exile and back).
MOVE_COLUMNS: Final = (
    "from_seq", "to_seq",   # positions in the ordered stops table
    "from_id", "to_id",
    "depart", "arrive",     # ISO dates: the origin's latest end and the destination's earliest
                            # start when that runs forward, else the honest uncertain interval
                            # (earliest end .. latest start): never arriving before departing
    "kind",                 # one of MOVE_KINDS
    "distance_km",          # WGS-84 geodesic (moves.geodesy.distance_km), rounded to 0.1 km
    "path",                 # list of [[lat, lon], ...] parts: a great-circle arc split at ±180°
)

# --- several lives on one map (stages/persons.py, moves/encounters.py) -------------------
# A table may name each row's life in a ``person`` column (any letter case), or several tables
# are given, one life each. Only then do the stops and the moves carry the column; one life
# without it is today's table, unchanged.
PERSON: Final = "person"   # the id (slug) of the life a stop or a move belongs to
PERSON_COLUMNS: Final = (
    "id",                  # slug of the name: "lenin"; the ``person`` of its stops and moves
    "name",                # as the lesson writes it: "Lenin" (--name, or from the file name)
    "color",               # #rrggbb from persons.PALETTE, in the order the lives were given
)
# Where two lives were near each other (moves.encounters.ENCOUNTER_KM) at overlapping dates.
ENCOUNTER_COLUMNS: Final = (
    "id",                  # stable slug for #meeting=ID: persons (sorted), place, year
    "person_a", "person_b",  # person ids, in alphabetical order
    "stop_a", "stop_b",    # the two stops' ids (stop_a is person_a's)
    "seq_a", "seq_b",      # the two stops' positions in the ordered stops table
    "place",               # the place as person_a's table writes it
    "lat", "lon",          # midpoint of the two stops' coordinates (WGS84 degrees)
    "distance_km",         # geodesic distance between the two stops' places, 0.1 km
    "start", "end",        # ISO days of the overlap: the certain one when "met", else the
                           # possible one (some reading of both stops' dates shares these days)
    "status",              # "met" (certain overlap, exact dates, points) or "may have met"
)
