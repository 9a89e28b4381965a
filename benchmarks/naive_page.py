"""The baseline page: what folium's TimestampedGeoJson does, rebuilt from the installed Leaflet.

folium.plugins.TimestampedGeoJson loads jQuery, jQuery UI, iso8601, moment and
Leaflet.TimeDimension from CDNs; folium ships none of them, and this machine has no network, so
that page cannot run here. This page reproduces its drawing strategy with the same Leaflet
1.9.4 our page uses (django-js-lib-leaflet): one L.marker per stop and one L.polyline per move,
SVG renderer, and at every time step (5 steps a second, TimeDimension's default 200 ms) the
whole layer of features up to that time is thrown away and created again.
"""

from __future__ import annotations

import json
import re
import shutil
from importlib.resources import files
from pathlib import Path

LEAFLET = files("js_lib_leaflet") / "static" / "js_lib_leaflet"

PLAYER = """
(function () {
  var data = JSON.parse(document.getElementById('data').textContent);
  var map = L.map('map', { preferCanvas: false }).setView([30, 20], 2);
  var renderer = L.svg();
  var times = data.times;        // day number of each step, ascending
  var step = 0, layer = null, timer = null;
  function features(upTo) {       // every stop and move that has begun by this step
    var t = times[upTo], out = [];
    data.stops.forEach(function (s) { if (s[2] <= t) out.push(L.marker([s[0], s[1]])); });
    data.moves.forEach(function (m) {
      if (m[0] <= t) out.push(L.polyline(m[1], { renderer: renderer, color: '#1f5fbf' }));
    });
    return out;
  }
  function show(k) {              // TimeDimension.Layer.GeoJson: rebuild, swap, drop the old
    step = Math.max(0, Math.min(times.length - 1, k));
    var next = L.layerGroup(features(step)).addTo(map);
    if (layer) map.removeLayer(layer);
    layer = next;
  }
  function play() { if (!timer) timer = setInterval(function () { show(step + 1); }, 200); }
  function pause() { clearInterval(timer); timer = null; }
  show(0);
  window.itineraryMap = {
    play: play, pause: pause,
    seekFraction: function (f) { show(Math.floor(f * (times.length - 1))); },
    state: function () { return { step: step, steps: times.length }; }
  };
}());
"""

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>TimestampedGeoJson-style baseline</title>
<link rel="stylesheet" href="leaflet/leaflet.css">
<style>html, body, #map {{ height: 100%; margin: 0; }}</style></head>
<body><div id="map"></div>
<script type="application/json" id="data">{data}</script>
<script src="leaflet/leaflet.js"></script>
<script>{player}</script>
</body></html>
"""


def page_json(html: str) -> dict:
    """Our page's data block (the same stops and moves the baseline should draw)."""
    m = re.search(r'<script type="application/json" id="itinerary-data">(.*?)</script>', html,
                  re.DOTALL)
    if not m:
        raise ValueError("no itinerary-data block in the page")
    return json.loads(m.group(1))


def write(our_page: Path, out_dir: Path) -> Path:
    """The baseline page for the data of ``our_page``, with Leaflet copied beside it."""
    from itinerary.moves.geodesy import great_circle
    from itinerary.outputs.records import rows

    data = page_json(our_page.read_text(encoding="utf-8"))
    by_seq = {s["seq"]: s for s in rows(data["stops"])}
    stops = [[s["lat"], s["lon"], s["d0"]] for s in by_seq.values() if s["placed"]]
    ends = [((by_seq[m["from_seq"]]["lat"], by_seq[m["from_seq"]]["lon"]),
             (by_seq[m["to_seq"]]["lat"], by_seq[m["to_seq"]]["lon"])) for m in rows(data["moves"])]
    # our page sends only the ends of each move; the baseline gets the same arcs, precomputed
    moves = [[m["d1"] if m["d1"] is not None else 0,
              [p for part in great_circle(a, b) for p in part]]
             for m, (a, b) in zip(rows(data["moves"]), ends, strict=True)]
    times = sorted({s[2] for s in stops})
    payload = json.dumps({"stops": stops, "moves": moves, "times": times}, separators=(",", ":"))
    out_dir.mkdir(parents=True, exist_ok=True)
    leaflet = out_dir / "leaflet"
    if not leaflet.exists():
        leaflet.mkdir()
        for name in ("leaflet.js", "leaflet.css"):
            (leaflet / name).write_bytes((LEAFLET / name).read_bytes())
        shutil.copytree(str(LEAFLET / "images"), leaflet / "images")
    path = out_dir / our_page.name.replace(".html", "_naive.html")
    path.write_text(PAGE.format(data=payload.replace("</", "<\\/"), player=PLAYER),
                    encoding="utf-8")
    return path
