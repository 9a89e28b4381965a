"""The notebook API: the same core as the command line, returning pandas and folium objects."""

from __future__ import annotations

import html
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .pipeline import Trip as _Trip
from .pipeline import build_trip


@dataclass
class Trip(_Trip):
    """An itinerary in a notebook: the pipeline's ``Trip`` (``trip.stops`` is a DataFrame, as
    are ``moves``, ``periods``, ``persons`` and ``encounters``) with what a notebook does with
    it (``trip.to_map()`` a folium Map); ``options`` are those it was loaded with."""

    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, core: _Trip, options: dict[str, Any]) -> Trip:
        return cls(**{f.name: getattr(core, f.name) for f in fields(core)}, options=options)

    def select(self, period: str | list[str] | None = None, date_from: str | None = None,
               date_to: str | None = None) -> Trip:
        """The same itinerary narrowed to some periods or a date window."""
        periods = (period,) if isinstance(period, str) else tuple(period or ())
        options = {**self.options, "period_ids": periods, "date_from": date_from,
                   "date_to": date_to}
        tables = list(self.sources) if len(self.sources) > 1 else self.source
        return Trip.of(build_trip(tables, **options), options)

    def to_geojson(self) -> dict[str, Any]:
        from .outputs.exports import to_geojson

        return to_geojson(self.stops, self.moves, self.periods)

    def to_map(self, period: str | list[str] | None = None, *, person: str | None = None,
               **kwargs: Any) -> Any:
        """A folium Map of the journey (or one period of it, or one ``person``'s life of a trip
        of several: ``trip.to_map(person="lenin")``), for display in Jupyter; ``lang="de"``
        writes its dates, move tooltips and "now" in that language."""
        from .outputs.folium_view import to_folium
        from .stages.persons import of_person

        trip = self.select(period) if period else self
        stops, moves, periods = trip.stops, trip.moves, trip.periods
        if person is not None:
            if person not in set(trip.persons["id"]):
                raise ValueError(f"unknown person {person!r}; expected one of: "
                                 + ", ".join(trip.persons["id"]))
            stops, moves, periods = of_person(stops, moves, periods, person)
        return to_folium(stops, moves, periods, title=trip.title, **kwargs)

    def to_html(self, **kwargs: Any) -> str:
        """The full animated page as one portable HTML string (every script, style and the
        data inlined), as ``itinerary build`` writes it; keyword arguments as for
        :func:`outputs.page.render_page` (``embed``, ``tiles``, ``lang="de"``)."""
        from .outputs.page import render_page

        kwargs["self_contained"] = True  # a string has no folder beside it
        return render_page(self.stops, self.moves, self.periods, title=self.title,
                           **kwargs).html

    def save(self, path: str | Path, *, shared_assets: bool = False, **kwargs: Any) -> Path:
        """Write the animated page to ``path``: one portable file to open or send as it is, or
        with ``shared_assets`` the page plus its ``itinerary_files/`` folder beside it, which
        must travel with it. Returns the page's path."""
        from .outputs.page import render_page
        from .outputs.write import write_page

        out = Path(path)
        write_page(out, render_page(self.stops, self.moves, self.periods, title=self.title,
                                    self_contained=not shared_assets, **kwargs))
        return out

    def _repr_html_(self) -> str:
        return f"<b>{html.escape(self.title)}</b>: {len(self.stops)} stops"


def load(path: str | Path | list[str | Path] | None = None, **kwargs: Any) -> Trip:
    """``load("data/places.csv")``, or several lives on one map:
    ``load(["data/places.csv", "examples/lenin.csv"], names=["Trotsky", "Lenin"])``; keyword
    arguments as for :func:`pipeline.build_trip` (``periods`` one file per table)."""
    kwargs.setdefault("quiet", True)
    return Trip.of(build_trip(path, **kwargs), kwargs)
