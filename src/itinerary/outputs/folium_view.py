"""A folium view of an itinerary for notebooks, built like folium's plugins: object + template.

branca renders every macro's output *again* as a Jinja template, so text that looks like
``{{ 7*7 }}`` would be evaluated. User text therefore travels as JSON in which ``{ } % #`` are
``\\u``-escaped: Jinja sees no delimiters, and the browser decodes the JSON back to the literal
text, which the layer script inserts with ``textContent`` only.
"""

from __future__ import annotations

import json
import math
from typing import Any

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from ..paths import STATIC_DIR

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


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def layer_data(stops: pd.DataFrame, moves: pd.DataFrame, periods: pd.DataFrame) -> dict[str, Any]:
    colours = dict(zip(periods.get("id", []), periods.get("color", []), strict=False))
    placed = stops[stops["placed"].astype(bool)]
    return {
        "stops": [
            {"id": r.id, "place": r.place, "name": _clean(r.resolved_name), "date": r.date_label,
             "note": r.note, "lat": round(float(r.lat), 5),  # type: ignore[arg-type]
             "lon": round(float(r.lon), 5),  # type: ignore[arg-type]
             "color": colours.get(r.period, "#444444"), "source": r.source}
            for r in placed.itertuples()
        ],
        "moves": [
            {"path": m.path, "kind": m.kind, "km": _clean(m.distance_km)}
            for m in moves.itertuples()
        ],
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
              title: str = "", tiles: str | None = "CartoDB positron", **kwargs: Any) -> folium.Map:
    placed = stops[stops["placed"].astype(bool)]
    fmap = folium.Map(tiles=tiles, **kwargs)
    if len(placed):
        fmap.fit_bounds([[placed["lat"].min(), placed["lon"].min()],
                         [placed["lat"].max(), placed["lon"].max()]])
    ItineraryLayer(layer_data(stops, moves, periods)).add_to(fmap)
    return fmap
