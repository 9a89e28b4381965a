"""Drafting an itinerary from a biography: the traps, the dates, the table, and the score on
the Trotsky article against the curated itinerary."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from itinerary import extract as ex
from itinerary.extract import Hit, static_lookup

ARTICLE_NAME = "000_de749c8afbf07246.txt"  # as data/places.csv's source column cites it
ROOT = Path(__file__).resolve().parent.parent

# A tiny gazetteer in which every trap of the real text is also a place name.
PLACES = {
    "Vienna": Hit("Vienna", "AT", 48.20849, 16.37208, "geonames", 1_691_468),
    "Paris": Hit("Paris", "FR", 48.85341, 2.3488, "geonames", 2_138_551),
    "London": Hit("London", "GB", 51.50853, -0.12574, "geonames", 8_961_989),
    "Moscow": Hit("Moscow", "RU", 55.75222, 37.61556, "gazetteer"),
    "Nikolayev": Hit("Mykolaiv", "UA", 46.96591, 31.9974, "gazetteer"),
    "Saint Petersburg": Hit("Saint Petersburg", "RU", 59.93863, 30.31413, "gazetteer"),
    "Berezov": Hit("Berezovo", "RU", 63.93333, 65.05, "geonames", 7_034),
    "Pravda": Hit("Pravda", "RU", 52.0, 40.0, "geonames", 2_412),
    "Iskra": Hit("Iskra", "UA", 48.0, 37.0, "geonames", 655),
    "Kamenev": Hit("Kamenev", "RU", 50.0, 40.0, "geonames", 900_000),
    "Ruth": Hit("Ruth", "US", 39.3, -114.99, "geonames", 600_000),
    "Union": Hit("Union", "US", 40.69, -74.26, "geonames", 56_771),
    "Central": Hit("Central", "US", 30.55, -91.04, "geonames", 28_295),
    "March": Hit("March", "GB", 52.55, 0.09, "geonames", 21_051),
    "Split": Hit("Split", "HR", 43.51, 16.44, "geonames", 176_314),
    "Gusev": Hit("Gusev", "RU", 54.59, 22.2, "geonames", 28_000),
    "Canada": Hit("Canada", "CA", 45.41, -75.7, "country"),
}


def no_resolver(name: str, date: str, near: tuple[float, float] | None) -> None:
    """Unit tests place names with the tiny gazetteer alone (no world index)."""
    return None


def draft(text: str, **kwargs: object) -> list[dict[str, object]]:
    return ex.extract(text, source="bio.txt", lookup=static_lookup(PLACES),
                      resolver=no_resolver, **kwargs)  # type: ignore[arg-type]


def places(text: str) -> list[str]:
    return [str(r["place"]) for r in draft(text)]


# --- the traps -----------------------------------------------------------------------------

def test_a_plain_mention_with_its_date_becomes_a_row() -> None:
    rows = draft("In October 1907 he moved to Vienna.")
    assert [(r["place"], r["country"], r["start"]) for r in rows] == [("Vienna", "AT", "1907-10")]
    assert rows[0]["lat"] == pytest.approx(48.20849)


def test_quoted_titles_are_not_places() -> None:
    assert places('In 1908 he edited "Pravda" and wrote for “Iskra” in Vienna.') == ["Vienna"]


def test_a_newspaper_or_ship_named_after_a_word_is_not_a_place() -> None:
    text = "In 1936 he sailed on the tanker Ruth, read the newspaper Iskra, and reached Vienna."
    assert places(text) == ["Vienna"]


def test_a_first_name_makes_a_person_everywhere_in_the_text() -> None:
    text = ("In 1910 Lev Kamenev joined the board in Paris. "
            "In 1911 Kamenev resigned and went to London.")
    assert places(text) == ["Paris", "London"]


def test_a_person_found_this_way_is_kept_out_even_after_a_preposition() -> None:
    text = "Sergey Gusev was there in 1919. In 1920 he wrote to Gusev from Moscow."
    assert places(text) == ["Moscow"]


def test_stop_list_words_are_not_places_even_with_a_preposition() -> None:
    text = "In March 1918 he spoke to the Central Committee of the Union in Moscow."
    assert places(text) == ["Moscow"]


def test_a_word_the_text_also_writes_in_lower_case_is_a_common_word() -> None:
    text = "The party's split was final in 1903. Split came later in 1904, in Paris."
    assert places(text) == ["Paris"]


def test_a_small_place_needs_a_locative_preposition() -> None:
    assert places("In 1907 Berezov was cold.") == []
    assert places("In January 1907 he escaped at Berezov.") == ["Berezov"]


def test_a_country_counts_only_after_a_preposition() -> None:
    assert places("Canada interned him in 1917.") == []
    assert places("He was held in Canada in 1917.") == ["Canada"]


def test_explain_says_why_each_name_was_left_out() -> None:
    seen: list[dict[str, object]] = []
    draft('In 1908 "Pravda" was printed by Lev Kamenev in Vienna.', explain=seen)
    verdicts = {v["name"]: v["verdict"] for v in seen}
    assert verdicts["Pravda"] == "quoted title"
    assert str(verdicts["Kamenev"]).startswith("person")
    assert verdicts["Vienna"] == "place"


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("in 1902", "1902", ""),
    ("in July 1902", "1902-07", ""),
    ("on 15 October 1905", "1905-10-15", ""),
    ("in the summer of 1899", "1899-22", ""),
    ("in the winter of 1919–20", "1919-24", ""),
    ("on 7–8 November 1917", "1917-11-07", "1917-11-08"),
    ("from 22 December 1917 to 10 February 1918", "1917-12-22", "1918-02-10"),
    ("between 1904 and 1917", "1904", "1917"),
    ("in 1917-1918", "1917", "1918"),
])
def test_dates_are_written_as_edtf(phrase: str, start: str, end: str) -> None:
    found = ex.find_dates(f"He lived there {phrase}.")
    assert [(d.start, d.end) for d in found] == [(start, end)]


def test_a_day_without_a_year_takes_the_year_stated_before() -> None:
    assert [d.start for d in ex.find_dates("On 2 December the Soviet met.", 1905)] == [
        "1905-12-02"]


def test_life_spans_publication_years_and_house_numbers_are_not_dates() -> None:
    text = 'His father (1847–1922) wrote "Works" (1949) at 1522 Vyse Avenue in 1917.'
    assert [d.start for d in ex.find_dates(text)] == ["1917"]
    text = "Nina (1902 – 9 June 1928) and Esteban (born 7 March 1926) lived there in 1939."
    assert [d.start for d in ex.find_dates(text)] == ["1939"]


def test_a_bracketed_event_date_is_a_date() -> None:
    text = "After the death of Lenin (January 1924) he left."
    assert [d.start for d in ex.find_dates(text)] == ["1924-01"]


def test_may_the_verb_is_not_a_month_but_in_may_is() -> None:
    assert ex.find_dates("He may go.", 1905) == []
    assert [d.start for d in ex.find_dates("He left in May.", 1905)] == ["1905-05"]


def test_a_julian_date_is_marked_as_such() -> None:
    rows = draft("A strike began in Saint Petersburg on 3 January 1905 (Julian Calendar).")
    assert (rows[0]["start"], rows[0]["calendar"]) == ("1905-01-03", "julian")


def test_the_nearest_date_of_the_sentence_wins() -> None:
    rows = draft("In January 1915 in Paris he edited a paper; he reached London on 3 May 1916.")
    assert [(r["place"], r["start"]) for r in rows] == [("Paris", "1915-01"),
                                                         ("London", "1916-05-03")]


def test_without_a_date_in_the_sentence_the_section_supplies_one() -> None:
    text = ("Childhood (1879–1895).\n"
            "He grew up in Moscow.\n"
            "Exile (1907–1914).\n"
            "In October 1907 he moved to Vienna. He often saw friends in Paris.\n")
    rows = draft(text)
    assert [(r["place"], r["start"], r["end"]) for r in rows] == [
        ("Moscow", "1879", "1895"), ("Vienna", "1907-10", ""), ("Paris", "1907-10", "")]


@pytest.mark.parametrize(("line", "title", "start", "end"), [
    ("Childhood and family (1879–1895).", "Childhood and family", "1879", "1895"),
    ("Head of the Red Army (spring 1918).", "Head of the Red Army", "1918-21", ""),
    ("1918.", "1918", "1918", ""),
    ("Legacy.", "Legacy", "", ""),
])
def test_headings_open_sections(line: str, title: str, start: str, end: str) -> None:
    assert ex.heading(line) == ex.Section(title, start, end)


def test_prose_is_not_a_heading() -> None:
    assert ex.heading("He escaped from Siberia in 1902 and moved to London.") is None
    assert ex.heading("During their split, Lenin referred to him as a swine.") is None


# --- the table -----------------------------------------------------------------------------

def test_rows_cite_their_line_and_copy_a_short_evidence_phrase_exactly() -> None:
    long_line = ("After many long years of hard and patient work in the party, in the "
                 "autumn of 1912 he finally travelled from the city of Vienna to Paris, "
                 "where old friends and comrades waited for him at the station.")
    text = f"Intro line.\n{long_line}\n"
    rows = draft(text)
    assert [r["place"] for r in rows] == ["Vienna", "Paris"]
    for r in rows:
        assert r["source"] == "bio.txt:2"
        assert str(r["evidence"]) in long_line
        assert len(str(r["evidence"]).split()) <= 15
        assert str(r["place"]) in str(r["evidence"])


def test_the_same_place_and_date_twice_is_one_row_and_ids_are_unique() -> None:
    rows = draft("In 1907 he lived in Vienna. In 1907 Vienna was cold. In 1912 he was in Vienna.")
    assert [(r["id"], r["start"]) for r in rows] == [("vienna-1907", "1907"),
                                                     ("vienna-1912", "1912")]


def test_min_confidence_drops_the_less_sure_rows() -> None:
    text = "In 1907 he escaped at Berezov. In 1907 he reached Moscow."
    everything = draft(text)
    sure = draft(text, min_confidence=0.8)
    assert {r["place"] for r in everything} == {"Berezov", "Moscow"}
    assert [r["place"] for r in sure] == ["Moscow"]
    assert all(0 <= float(r["confidence"]) <= 1 for r in everything)


def test_the_draft_is_a_valid_itinerary_table(tmp_path: Path) -> None:
    from itinerary.stages.dates import normalise
    from itinerary.stages.load import read_table

    rows = draft("In October 1907 he moved to Vienna. On 3 January 1905 (Julian Calendar) "
                 "a strike began in Saint Petersburg. He was held in Canada in 1917.")
    path = tmp_path / "draft.csv"
    path.write_text(ex.to_csv(rows), encoding="utf-8")
    with path.open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == list(ex.DRAFT_COLUMNS)
    table = normalise(read_table(path), file=str(path))
    assert list(table["place"]) == ["Vienna", "Saint Petersburg", "Canada"]


# --- the command ---------------------------------------------------------------------------

def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "itinerary", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=600, env=env)


def test_the_same_text_gives_the_same_draft_in_separate_processes(tmp_path: Path,
                                                                   article_path: Path) -> None:
    """Two runs in two processes with different hash seeds (set and dict-of-set orders change
    with ``PYTHONHASHSEED``, a process-wide cache does not carry over): the same bytes. Calling
    the drafter twice in one process would pass even if it iterated a set."""
    text = tmp_path / "part.txt"
    text.write_text(article_path.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    drafts = []
    for seed in ("1", "4242"):
        out = tmp_path / f"draft-{seed}.csv"
        done = run_cli("extract", str(text), "-o", str(out), "--min-confidence", "0",
                       env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        drafts.append(out.read_bytes())
    assert drafts[0].count(b"\n") > 3  # a real draft, not two empty ones
    assert drafts[0] == drafts[1]


def test_extract_command_writes_a_reviewable_draft(tmp_path: Path) -> None:
    bio = tmp_path / "bio.txt"
    bio.write_text("Early years (1900–1910).\nIn October 1907 he moved to Vienna, Austria, "
                   'and edited "Pravda" with Lev Kamenev.\n', encoding="utf-8")
    out = tmp_path / "draft.csv"
    done = run_cli("extract", str(bio), "-o", str(out), "--min-confidence", "0")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert ("Vienna", "1907-10", "bio.txt:2") in {(r["place"], r["start"], r["source"])
                                                  for r in rows}
    assert not {"Pravda", "Kamenev"} & {r["place"] for r in rows}
    assert "Traceback" not in done.stderr


def test_extract_command_explains_its_verdicts(tmp_path: Path) -> None:
    bio = tmp_path / "bio.txt"
    bio.write_text('In 1908 he edited "Pravda" in Vienna.\n', encoding="utf-8")
    done = run_cli("extract", str(bio), "-o", str(tmp_path / "out.csv"), "--explain")
    assert done.returncode == 0, done.stderr
    assert "bio.txt:1: Pravda: quoted title" in done.stderr.splitlines()
    assert "bio.txt:1: Vienna: place" in done.stderr.splitlines()


def test_extract_command_refuses_a_binary_file_in_one_line(tmp_path: Path) -> None:
    blob = tmp_path / "image.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    done = run_cli("extract", str(blob), "-o", str(tmp_path / "out.csv"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not a text file" in done.stderr
    assert not (tmp_path / "out.csv").exists()


def test_extract_command_says_so_when_nothing_is_found(tmp_path: Path) -> None:
    bio = tmp_path / "bio.txt"
    bio.write_text("Nothing happened here at all.\n", encoding="utf-8")
    done = run_cli("extract", str(bio), "-o", str(tmp_path / "out.csv"))
    assert done.returncode == 1
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("id,place,")


# --- measured on the Trotsky article -------------------------------------------------------

def curated_points() -> list[tuple[str, float, float]]:
    """The curated itinerary's places, placed by the curated gazetteer (as the resolver does)."""
    from itinerary.resolve.historical import HistoricalGazetteer

    gazetteer = HistoricalGazetteer()
    points = []
    with (ROOT / "data" / "places.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            place = gazetteer.candidates(row["place"])[0]
            points.append((row["place"], place.lat, place.lon))
    return points


@pytest.fixture(scope="module")
def article(article_path: Path) -> str:
    return article_path.read_text(encoding="utf-8")


def test_on_the_article_most_curated_places_are_found_and_most_found_are_right(
        article: str) -> None:
    rows = ex.extract(article, source=ARTICLE_NAME, min_confidence=0.6)
    result = ex.score([(str(r["place"]), float(r["lat"]), float(r["lon"])) for r in rows],
                      curated_points())
    # measured: 36 of 37 curated places (recall 0.97); 36 of 46 drafted places right (0.78).
    # It was 36 of 43 (0.84) before the historical gazetteer and the regions grew (issue 15):
    # the draft now also knows Obdorsk, Nova Scotia and the Don region, real places the
    # article names where the curated itinerary has no stop. The draft is for a person to
    # review, so recall is held high and precision at three in four.
    assert result.recall >= 0.95, result.missed
    assert result.precision >= 0.75, result.extra


def test_on_the_article_most_curated_stops_get_a_row_of_about_their_date(article: str) -> None:
    """Per stop, not per place: a draft row within 25 km whose start year falls within a year
    of the curated stop's years (measured: 56 of 58; Odessa 1888 gets the section's previous
    date, 1879, and the Caucasus is only named as "a Caucasian resort")."""
    from itinerary.resolve.historical import HistoricalGazetteer

    gazetteer = HistoricalGazetteer()
    rows = ex.extract(article, source=ARTICLE_NAME, min_confidence=0.6)
    with (ROOT / "data" / "places.csv").open(encoding="utf-8") as fh:
        curated = list(csv.DictReader(fh))
    dated = 0
    for stop in curated:
        place = gazetteer.candidates(stop["place"])[0]
        first, last = int(stop["start"][:4]), int((stop["end"] or stop["start"])[:4])
        dated += any(first - 1 <= int(str(r["start"])[:4]) <= last + 1 for r in rows
                     if ex.distance_km((float(r["lat"]), float(r["lon"])),
                                       (place.lat, place.lon)) < ex.SAME_PLACE_KM)
    assert dated >= 0.9 * len(curated)


def test_on_the_article_without_the_curated_gazetteer(article: str) -> None:
    """The honest figure for a new text: the curated gazetteer was written for this article."""
    rows = ex.extract(article, source=ARTICLE_NAME, min_confidence=0.6,
                      lookup=ex.default_lookup(historical=False),
                      resolver=no_resolver)
    result = ex.score([(str(r["place"]), float(r["lat"]), float(r["lon"])) for r in rows],
                      curated_points())
    # measured: recall 0.46, precision 0.57 (regions and old names need the curated gazetteer)
    assert result.recall >= 0.4
    assert result.precision >= 0.5


def test_on_the_article_the_traps_stay_out(article: str) -> None:
    rows = ex.extract(article, source=ARTICLE_NAME, min_confidence=0.0)
    found = {r["place"] for r in rows}
    assert not found & {"Pravda", "Iskra", "Kamenev", "Ruth", "Lenin", "Stalin", "Union",
                        "Central", "March", "Split", "Rivera", "Lázaro Cárdenas", "Viena"}
    lines = article.splitlines()
    for r in rows:
        file, _, number = str(r["source"]).partition(":")
        assert file == ARTICLE_NAME
        assert str(r["evidence"]) in lines[int(number) - 1]
        assert len(str(r["evidence"]).split()) <= 15
