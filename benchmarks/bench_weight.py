"""Page weight: bytes and requests of the Trotsky page (one file, the default, and with shared
assets), next to folium's default page and a TimestampedGeoJson page of the same stops.

folium's pages load Leaflet, jQuery, Bootstrap and friends from CDNs, which this machine cannot
reach: their requests are counted from the page (every ``<script src>`` and ``<link href>``),
their bytes are not measurable offline. Map tiles are left out on every side (they depend on
the view).

    python -m benchmarks.bench_weight
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .common import PY, size, table, timed


@dataclass
class Weight:
    page: str
    html_bytes: int
    local_bytes: int          # the page plus files it loads from beside it
    requests: int             # the page itself plus every script and stylesheet
    external: list[str]       # hosts of the CDN requests


def references(html: str) -> list[str]:
    scripts = re.findall(r"<script[^>]*\ssrc=\"([^\"]+)\"", html)
    links = re.findall(r"<link[^>]*\shref=\"([^\"]+)\"", html)
    return scripts + links


def weigh(label: str, page: Path) -> Weight:
    html = page.read_text(encoding="utf-8")
    refs = references(html)
    external = [r for r in refs if urlparse(r).scheme in ("http", "https") or r.startswith("//")]
    local = [page.parent / r for r in refs if r not in external]
    return Weight(label, page.stat().st_size,
                  page.stat().st_size + sum(p.stat().st_size for p in local if p.is_file()),
                  1 + len(refs), sorted({urlparse(r).netloc for r in external}))


FOLIUM_PAGES = """
import sys
import folium
from folium.plugins import TimestampedGeoJson
from itinerary.pipeline import build_trip
trip = build_trip(quiet=True)
stops = trip.stops[trip.stops["placed"].astype(bool)]
m = folium.Map()
for s in stops.itertuples():
    folium.Marker([s.lat, s.lon], popup=folium.Popup(str(s.place)), tooltip=str(s.place)).add_to(m)
for mv in trip.moves.itertuples():
    for part in mv.path:
        folium.PolyLine(part).add_to(m)
m.save(sys.argv[1])
features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
             "properties": {"time": s.start_min, "popup": str(s.place)}}
            for s in stops.itertuples()]
features += [{"type": "Feature",
              "geometry": {"type": "LineString", "coordinates": [[p[1], p[0]] for p in part]},
              "properties": {"times": [mv.arrive] * len(part)}}
             for mv in trip.moves.itertuples() for part in mv.path]
t = folium.Map()
TimestampedGeoJson({"type": "FeatureCollection", "features": features}, period="P1M").add_to(t)
t.save(sys.argv[2])
"""


def measure() -> list[Weight]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        timed([PY, "-m", "itinerary", "build", "--shared-assets",
               "-o", str(out / "shared" / "trotsky.html")])
        timed([PY, "-m", "itinerary", "build", "-o", str(out / "single" / "trotsky.html")])
        timed([PY, "-c", FOLIUM_PAGES, str(out / "folium.html"), str(out / "timestamped.html")])
        return [
            weigh("ours, `--shared-assets` (page + itinerary_files/)",
                  out / "shared" / "trotsky.html"),
            weigh("ours, default (one file)", out / "single" / "trotsky.html"),
            weigh("folium default page (Marker + PolyLine)", out / "folium.html"),
            weigh("folium TimestampedGeoJson page", out / "timestamped.html"),
        ]


def report(weights: list[Weight]) -> str:
    rows = []
    for w in weights:
        cdn = f"{w.requests - 1} from CDNs ({', '.join(w.external)})" if w.external else "none"
        rows.append((w.page, size(w.html_bytes), size(w.local_bytes), w.requests, cdn))
    return table(("Trotsky map", "HTML", "HTML + local files", "requests (excl. tiles)",
                  "third-party requests"), rows)


def main(argv: list[str] | None = None) -> int:
    print(report(measure()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
