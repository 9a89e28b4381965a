"""The page in the lesson's language: dates and numbers by the language's CLDR rules (Babel),
``--lang`` on the commands and the notebook API, and the table's own translations.

The browser side (every visible and announced word from the catalogue) is in
test_i18n_browser.py; the catalogues' completeness in test_i18n_catalogues.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from itinerary import i18n
from itinerary.cli import main
from itinerary.i18n.cldr import format_number
from itinerary.stages.dates import format_date, format_range, parse_date

LANGS = i18n.languages()
DAYS = ("1879-11-07", "1905-01-22", "1917-10-25", "1940-08-21", "1902-05-01")


def locale_of(lang: str) -> Locale:
    return Locale.parse(i18n.meta(lang)["cldr"])


def embedded(page: str) -> dict:
    block = page.split('id="itinerary-data">', 1)[1].split("</script>", 1)[0]
    return json.loads(block)


def test_the_six_languages_of_the_issue_are_there():
    assert {"en", "de", "fr", "es", "ru", "uk"} <= set(LANGS)
    assert LANGS[0] == "en"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("iso", DAYS)
def test_a_day_is_written_as_babel_writes_the_languages_long_date(lang, iso):
    day = dt.date.fromisoformat(iso)
    assert format_date(parse_date(iso), lang) == babel_date(day, "long", locale=locale_of(lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("iso", DAYS)
def test_a_month_is_written_as_babels_year_month_skeleton(lang, iso):
    day = dt.date.fromisoformat(iso)
    expected = format_skeleton("yMMMM", day, locale=locale_of(lang))
    assert format_date(parse_date(iso[:7]), lang) == expected


def test_english_keeps_the_historians_british_forms():
    assert format_date(parse_date("1879-11-07")) == "7 November 1879"
    assert format_date(parse_date("1905-01-09", "julian")) == "9 (22) January 1905"
    assert format_date(parse_date("1888~")) == "c. 1888"
    assert format_date(parse_date("1902-22")) == "summer 1902"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "9 (22) January 1905"),
    ("de", "9. (22.) Januar 1905"),
    ("fr", "9 (22) janvier 1905"),
    ("es", "9 (22) de enero de 1905"),
    ("ru", "9 (22) января 1905\u202fг."),
    ("uk", "9 (22) січня 1905\u202fр."),
])
def test_old_style_days_bracket_the_new_style_day_in_each_language(lang, expected):
    assert format_date(parse_date("1905-01-09", "julian"), lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "20 February (5 March) 1917"),
    ("de", "20. Februar (5. März) 1917"),
    ("ru", "20 февраля (5 марта) 1917\u202fг."),
])
def test_old_style_days_in_another_month_bracket_day_and_month(lang, expected):
    assert format_date(parse_date("1917-02-20", "julian"), lang) == expected


def test_a_shared_month_is_written_once_in_the_languages_form():
    start, end = parse_date("1905-01-07", "julian"), parse_date("1905-01-09", "julian")
    assert format_range(start, end, "de") == "7. (20.) – 9. (22.) Januar 1905"
    assert format_range(start, end, "ru") == "7 (20) – 9 (22) января 1905\u202fг."


@pytest.mark.parametrize(("lang", "summer", "about"), [
    ("de", "Sommer 1902", "um 1888"),
    ("fr", "été 1902", "vers 1888"),
    ("ru", "лето 1902", "ок. 1888"),
])
def test_seasons_and_approximate_years_use_the_catalogue(lang, summer, about):
    assert format_date(parse_date("1902-22"), lang) == summer
    assert format_date(parse_date("1888~"), lang) == about


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", [0, 7, 999, 1000, 5000, 70794, 1234567])
def test_numbers_are_babels(lang, n):
    assert format_number(n, lang) == format_decimal(n, locale=locale_of(lang))


def test_distances_get_the_languages_separators():
    assert format_number(70794, "fr") == "70\u202f794"
    assert format_number(70794, "de") == "70.794"
    assert format_number(70794, "ru") == "70\u00a0794"
    assert format_number(70794, "en") == "70,794"


def test_build_lang_writes_the_page_in_that_language(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert main(["build", "--lang", "de", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="de"' in page
    assert "@@T:" not in page
    data = embedded(page)
    assert data["i18n"]["lang"] == "de"
    assert data["i18n"]["dates"]["months"][0] == "Januar"
    labels = data["stops"]["label"]
    assert any(re.search(r"\d+\. November 1879", label) for label in labels), labels[:3]
    assert not any("January" in label or "c. " in label for label in labels)
    assert "wrote" in capsys.readouterr().err  # the command's own words stay English


def test_an_unknown_language_is_refused_with_the_choices(tmp_path, capsys):
    out = tmp_path / "map.html"
    with pytest.raises(SystemExit) as stop:
        main(["build", "--lang", "xx", "-o", str(out)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "unknown language 'xx'" in err and "de, es, fr, ru, uk" in err
    assert not out.exists()


def test_translated_titles_and_notes_fall_back_to_the_plain_columns(tmp_path):
    table = tmp_path / "curie.csv"
    table.write_text("place,start,end,lat,lon,period,note,note_de\n"
                     "Warsaw,1867,1891,52.23,21.01,youth,Born here,Hier geboren\n"
                     "Paris,1891,1934,48.85,2.35,paris,Studies,\n", encoding="utf-8")
    periods = tmp_path / "curie.periods.csv"
    periods.write_text("id,title,title_de,start,end\n"
                       "youth,Youth,Jugend,1867,1891\n"
                       "paris,Paris years,,1891,1934\n", encoding="utf-8")
    out = tmp_path / "curie.html"
    assert main(["build", str(table), "--periods", str(periods), "--lang", "de",
                 "-o", str(out)]) == 0
    data = embedded(out.read_text(encoding="utf-8"))
    assert [p["title"] for p in data["periods"]] == ["Jugend", "Paris years"]
    assert data["stops"]["note"] == ["Hier geboren", "Studies"]
    english = tmp_path / "curie-en.html"
    assert main(["build", str(table), "--periods", str(periods), "-o", str(english)]) == 0
    data = embedded(english.read_text(encoding="utf-8"))
    assert [p["title"] for p in data["periods"]] == ["Youth", "Paris years"]
    assert data["stops"]["note"] == ["Born here", "Studies"]


def test_embed_lang_translates_the_link_and_the_period_title(tmp_path, capsys):
    periods = tmp_path / "p.csv"
    source = Path("data/periods.csv").read_text(encoding="utf-8").splitlines()
    rows = [source[0] + ",title_de"] + [line + ("," + "Sibirische Verbannung"
                                                if line.startswith("siberian-exile,") else ",")
                                        for line in source[1:]]
    periods.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["embed", "--lang", "de", "--periods", str(periods),
                 "--period", "siberian-exile"]) == 0
    out = capsys.readouterr().out
    assert "Karte öffnen: Leon Trotsky, 1879–1940: Sibirische Verbannung" in out
    assert 'lang="de"' in out
    assert "Open the map" not in out


def test_the_notebook_api_takes_the_language(tmp_path):
    from itinerary import api

    trip = api.load()
    page = trip.to_html(lang="ru")
    assert '<html lang="ru"' in page
    assert embedded(page)["i18n"]["dates"]["monthsStandalone"][0] == "январь"
    saved = trip.save(tmp_path / "uk.html", lang="uk")
    assert '<html lang="uk"' in saved.read_text(encoding="utf-8")


def test_the_notebook_map_speaks_the_language_too():
    from itinerary import api
    from itinerary.outputs.folium_view import layer_data

    trip = api.load()
    german = layer_data(trip.stops, trip.moves, trip.periods, "de")
    english = layer_data(trip.stops, trip.moves, trip.periods)
    tips = [m["tip"] for m in german["moves"] if m["tip"]]
    assert tips and all(" km" in t for t in tips)
    assert any(re.search(r"\d\.\d{3} km", t) for t in tips)  # German groups with a point
    assert not any(t.startswith(("forced", "travel", "escape")) for t in tips)
    assert any(t.startswith("travel") for t in (m["tip"] for m in english["moves"]) if t)
    born = german["stops"][0]["date"]
    assert "November" in born and "1879" in born and born != english["stops"][0]["date"]
    heading = {s["place"]: s["heading"] for s in german["stops"]}
    # the modern name in German where the basemap knows the town; none for a name that is
    # the place's German name today ("Odessa", though the resolver knows Odesa)
    assert heading["Petrograd"] == "Petrograd, heute Sankt Petersburg"
    assert heading["Yanovka"] == "Yanovka, heute Bereslavka"
    assert heading["Odessa"] == "Odessa"
    assert {s["place"]: s["heading"] for s in english["stops"]}["Petrograd"] == \
        "Petrograd, now Saint Petersburg"


def test_the_card_names_todays_country_in_the_language():
    from itinerary import api

    page = api.load().to_html(lang="de")
    countries = embedded(page)["i18n"]["countries"]
    assert countries["GB"] == "Vereinigtes Königreich" and countries["MX"] == "Mexiko"
    english = embedded(api.load().to_html())["i18n"]["countries"]
    assert english["GB"] == "United Kingdom"


def test_now_names_only_a_former_name_and_in_the_pages_language():
    """One rule for "name, now X" (page and notebook view): not for the place's name today
    in the page's language, not for an approximate match or a mere spelling; the modern
    name in the page's language where the basemap knows the town."""
    from itinerary.outputs.records import now_names

    cols = {"name": ["Wien", "Petrograd", "Petrograd", "Stokholm", "Yanovka", "Odessa"],
            "today": ["Vienna", "Saint Petersburg", "Saint Petersburg", "Stockholm",
                      "Bereslavka", "Odesa"],
            "renamed": [True, True, False, None, True, None],
            "matched": ["", "", "", "Stockholm", "", ""],
            "lat": [48.21, 59.94, 59.94, 59.33, 47.98, 46.48],
            "lon": [16.37, 30.31, 30.31, 18.07, 32.38, 30.73]}
    assert now_names(cols, "de") == ["", "Sankt Petersburg", "", "", "Bereslavka", ""]
    # "Odessa" is Одесса's loose key (names are compared as the resolver compares them)
    assert now_names(cols, "ru") == ["Вена", "Санкт-Петербург", "", "", "Bereslavka", ""]
    assert now_names(cols, "en") == ["Vienna", "Saint Petersburg", "", "", "Bereslavka", ""]
