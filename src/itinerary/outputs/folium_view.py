"""A folium view of an itinerary for notebooks, built like folium's plugins: object + template.

branca renders every macro's output *again* as a Jinja template, so text that looks like
``{{ 7*7 }}`` would be evaluated. User text therefore travels as JSON in which ``{ } % #`` are
``\\u``-escaped: Jinja sees no delimiters, and the browser decodes the JSON back to the literal
text, which the layer script inserts with ``textContent`` only.
"""

from __future__ import annotations

import json
from typing import Any

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from .. import i18n
from ..i18n.cldr import format_number
from ..moves.kinds import MOVE_STYLES
from ..paths import STATIC_DIR
from .records import (
    STOP_FIELDS,
    move_columns,
    now_names,
    period_record,
    records,
    rows,
    stop_columns,
    translate,
)

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "{": "\\u007b", "}": "\\u007d",
            "%": "\\u0025", "#": "\\u0023", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def js_json_literal(value: Any) -> str:
    """A JavaScript string literal holding ``value`` as JSON, for ``JSON.parse(...)``.

    Inside a string literal any character may be written as ``\\uXXXX``; the browser decodes
    those before JSON.parse sees the text. So ``< > &`` cannot end the <script> and ``{ } % #``
    cannot form a Jinja delimiter when branca renders the output a second time.
    """
    literal = json.dumps(json.dumps(value, ensure_ascii=False, sort_keys=True,
                                    separators=(",", ":")), ensure_ascii=False)
    return "".join(_ESCAPES.get(ch, ch) for ch in literal)


def layer_data(stops: pd.DataFrame, moves: pd.DataFrame, periods: pd.DataFrame,
               lang: str = "en") -> dict[str, Any]:
    """The placed stops and the moves, as the page's records (``records``), for the layer; its
    words (a stop's "now", a move's kind and distance) in ``lang``, from the page's catalogue."""
    words = i18n.catalogue(lang)
    colours = {p["id"]: p["color"] for p in map(period_record, records(periods))}
    stop_cols = stop_columns(stops, (*STOP_FIELDS, "renamed", "matched"))
    if lang != i18n.DEFAULT:
        translate(stop_cols, stops, lang)
    stop_cols["now"] = now_names(stop_cols, lang)

    def heading(s: dict[str, Any]) -> str:
        if s["now"]:
            return str(words["card.now"]).format(name=s["name"], today=s["now"])
        return str(s["name"] or s["today"])

    def tip(m: dict[str, Any]) -> str | None:
        if m["km"] is None:
            return None
        kind = str(words.get(f"move.{m['kind']}", m["kind"]))
        return f"{kind}, {str(words['unit.km']).format(n=format_number(m['km'], lang))}"

    return {
        "stops": [
            {"id": s["id"], "place": s["name"], "name": s["today"], "heading": heading(s),
             "date": s["label"],
             "note": s["note"], "lat": s["lat"], "lon": s["lon"], "source": s["source"],
             "color": colours.get(s["period"], "#444444")}
            for s in rows(stop_cols) if s["placed"]
        ],
        "moves": [{"path": m["path"], "kind": m["kind"], "tip": tip(m)}
                  for m in rows(move_columns(moves))],
        "moveStyles": MOVE_STYLES,  # how each kind is drawn: the page's table, one for both
    }


class ItineraryLayer(MacroElement):
    """Stops as circle markers with text-only popups, moves as great-circle polylines."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(){var map={{ this._parent.get_name() }};"
        "var data=JSON.parse({{ this.payload }});\n{{ this.code }}\n"
        "drawItinerary(map, data);})();"
        "{% endmacro %}"
    )

    def __init__(self, data: dict[str, Any]):
        super().__init__()
        self._name = "ItineraryLayer"
        self.payload = js_json_literal(data)
        self.code = (STATIC_DIR / "folium_layer.js").read_text(encoding="utf-8")


def to_folium(stops: pd.DataFrame, moves: pd.DataFrame, periods: pd.DataFrame, *,
              title: str = "", tiles: str | None = "CartoDB positron", lang: str = "en",
              **kwargs: Any) -> folium.Map:
    placed = stops[stops["placed"].astype(bool)]
    fmap = folium.Map(tiles=tiles, **kwargs)
    if len(placed):
        fmap.fit_bounds([[placed["lat"].min(), placed["lon"].min()],
                         [placed["lat"].max(), placed["lon"].max()]])
    ItineraryLayer(layer_data(stops, moves, periods, i18n.check_lang(lang))).add_to(fmap)
    return fmap
