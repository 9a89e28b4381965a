"""More hostile and unlucky inputs (issue "Hardening", items 10-16 and the smaller ones): each
gets one clear line and a non-zero exit, never an internal error, and no good output is lost."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from browser import browser, open_page  # noqa: F401 - the session's Chromium
from itinerary.cli import main

ROOT = Path(__file__).resolve().parent.parent


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith("warning:")]


# --- 10. one rule for unknown periods ------------------------------------------------------------

def test_snapshot_refuses_an_unknown_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from itinerary.commands import snapshot

    def no_picture(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("no picture for an unknown period")

    monkeypatch.setattr(snapshot, "_screenshot", no_picture)
    out = tmp_path / "map.png"
    assert main(["snapshot", "--period", "nosuch", "-o", str(out)]) == 2
    err = errors(capsys.readouterr().err)
    assert len(err) == 1 and "unknown period 'nosuch'" in err[0] and "norway" in err[0]
    assert not out.exists()


def test_embed_refuses_an_unknown_period_with_the_build_message(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["embed", "--period", "nosuch"]) == 2
    embed_err = errors(capsys.readouterr().err)
    assert main(["export", "--format", "kml", "--period", "nosuch"]) == 2
    export_err = errors(capsys.readouterr().err)
    assert embed_err == export_err and len(embed_err) == 1


@pytest.mark.parametrize("width", ["0", "-5", "abc", "100000"])
def test_snapshot_width_out_of_range_is_an_argument_error(
        width: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["snapshot", "--width", width, "-o", str(tmp_path / "m.png")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--width" in err and "internal error" not in err


# --- 11. names and titles of bytes that are not UTF-8 --------------------------------------------

@pytest.fixture
def latin1_named(tmp_path: Path) -> Path:
    """examples/marx.csv under the name b"caf\\xe9.csv" (Latin-1 bytes, as an old disk has)."""
    import os

    if sys.platform == "darwin":
        pytest.skip("macOS file names are always UTF-8")
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.csv"))
    path.write_bytes((ROOT / "examples" / "marx.csv").read_bytes())
    return path


@pytest.mark.parametrize("fmt", ["kml", "gpx", "geojson"])
def test_an_export_of_a_file_named_in_latin1_says_what_it_can(
        latin1_named: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = latin1_named.parent / f"out.{fmt}"
    assert main(["export", str(latin1_named), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    if fmt != "geojson":
        assert "<name>caf\ufffd</name>" in text
    assert "internal error" not in capsys.readouterr().err


def test_a_page_of_a_file_named_in_latin1_and_a_title_of_such_bytes(
        latin1_named: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    out = latin1_named.parent / "page.html"
    assert main(["build", str(latin1_named), "-o", str(out)]) == 0
    assert "<title>caf\ufffd" in out.read_text(encoding="utf-8")
    title = os.fsdecode(b"T\xffrier")
    assert main(["build", str(latin1_named), "--title", title, "-o", str(out)]) == 0
    assert "<title>T\ufffdrier" in out.read_text(encoding="utf-8")
    assert main(["export", str(latin1_named), "--title", title, "--format", "kml",
                 "-o", str(out.with_suffix(".kml"))]) == 0
    assert "<name>T\ufffdrier</name>" in out.with_suffix(".kml").read_text(encoding="utf-8")
    assert main(["embed", str(latin1_named), "--format", "html"]) == 0
    assert 'title="caf\ufffd"' in capsys.readouterr().out


# --- 12. the input read once: standard input, /dev/stdin, <(...), a FIFO --------------------------

MARX = ROOT / "examples" / "marx.csv"


def cli(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "itinerary", *args], input=stdin,
                          capture_output=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MARX.read_bytes())))
    assert main(["check", "-"]) == 0
    assert "19 of 19 stops placed" in capsys.readouterr().out


def test_an_empty_standard_input_is_named_as_such(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["check", "-"]) == 2
    assert errors(capsys.readouterr().err) == [
        "error: standard input: the file is empty (expected a CSV or .xlsx table with a header "
        "row such as place,start,end)"]


def test_a_pipe_through_dev_stdin_is_read_once() -> None:
    done = cli("check", "/dev/stdin", stdin=MARX.read_bytes())
    assert done.returncode == 0, done.stderr
    assert b"19 of 19 stops placed" in done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_read_once_like_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "table.csv"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("wb") as fh:  # one writer, once: a second open would wait for ever
            fh.write(MARX.read_bytes())

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    done = cli("check", str(fifo), timeout=120)
    writer.join(5)
    assert done.returncode == 0, done.stderr
    assert b"19 of 19 stops placed" in done.stdout


def test_a_stream_is_held_only_up_to_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """(A regular file is opened again for each pass instead, never held whole.)"""
    from itinerary.errors import InputError
    from itinerary.stages import load

    monkeypatch.setattr(load, "MAX_INPUT_BYTES", 100)
    table = b"place,start\n" + b"Vienna,1907\n" * 20
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(table)))
    with pytest.raises(InputError) as exc:
        load.read_table("-")
    assert "standard input: too big: more than" in str(exc.value.problems[0])


# --- 13. a cache folder that cannot be used, a link loop ---------------------------------------

@pytest.fixture
def fresh_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    from itinerary import paths

    fallback = tmp_path / "fallback"
    fallback.mkdir()
    monkeypatch.setattr(paths, "_TEMPORARY", [fallback])
    monkeypatch.setattr(paths, "_WARNED", set())
    return fallback


@pytest.mark.parametrize("where", ["file", "under-a-file", "relative-home", "not-writable"])
def test_an_unusable_cache_folder_falls_back_with_one_warning(
        where: str, tmp_path: Path, fresh_fallback: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from itinerary import paths

    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    if where == "not-writable":  # (root may write anywhere: the check is what is tested)
        locked = tmp_path / "locked"
        locked.mkdir()
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == locked
                            else real_access(p, mode))
        monkeypatch.setenv("ITINERARY_CACHE_DIR", str(locked))
    elif where == "relative-home":  # HOME unset and no user entry: "~/.cache/itinerary"
        import platformdirs

        monkeypatch.delenv("ITINERARY_CACHE_DIR")
        monkeypatch.setattr(platformdirs, "user_cache_dir", lambda name: f"~/.cache/{name}")
    else:
        target = afile if where == "file" else afile / "sub"
        monkeypatch.setenv("ITINERARY_CACHE_DIR", str(target))
    with caplog.at_level("WARNING", logger="itinerary"):
        assert paths.cache_dir() == fresh_fallback
        assert paths.cache_dir() == fresh_fallback
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 1 and "cannot be used" in warned[0] and str(fresh_fallback) in warned[0]
    assert not (tmp_path / "~").exists()


def test_a_cache_folder_that_is_a_file_still_builds(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    done = cli("check", str(MARX), env={"ITINERARY_CACHE_DIR": str(afile)})
    assert done.returncode == 0, done.stderr
    lines = done.stderr.decode().splitlines()
    assert [line for line in lines if "cache folder" in line] == [
        line for line in lines if line.startswith("warning: the cache folder")]
    assert b"internal error" not in done.stderr


@pytest.mark.parametrize("command", ["check", "build", "export"])
def test_a_link_loop_is_one_line(command: str, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop.csv"
    loop.symlink_to(tmp_path / "other.csv")
    (tmp_path / "other.csv").symlink_to(loop)
    extra = {"build": ["-o", str(tmp_path / "x.html")], "export": ["-f", "csv"]}
    assert main([command, str(loop), *extra.get(command, [])]) == 2
    err = errors(capsys.readouterr().err)
    assert len(err) == 1 and "link loop" in err[0] and str(loop) in err[0]


# --- 14. -o never replaces an input of the same run, unless --force -------------------------------

def teacher_files(tmp_path: Path) -> tuple[Path, Path]:
    table = tmp_path / "curie.csv"
    table.write_bytes((ROOT / "examples" / "lenin.csv").read_bytes())
    periods = tmp_path / "curie.periods.csv"
    periods.write_bytes((ROOT / "examples" / "lenin.periods.csv").read_bytes())
    return table, periods


@pytest.mark.parametrize("command, extra", [
    ("export", ["--format", "csv"]), ("build", []), ("resolve", []), ("snapshot", [])])
@pytest.mark.parametrize("which", ["table", "periods", "table-by-a-link"])
def test_o_over_an_input_is_refused(command: str, extra: list[str], which: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    table, periods = teacher_files(tmp_path)
    before = table.read_bytes(), periods.read_bytes()
    target = {"table": table, "periods": periods, "table-by-a-link": tmp_path / "link.csv"}[which]
    if which == "table-by-a-link":
        target.symlink_to(table)
    with_periods = [] if command == "resolve" else ["--periods", str(periods)]
    if command == "resolve" and which == "periods":
        pytest.skip("resolve reads no periods file")
    assert main([command, str(table), *with_periods, *extra, "-o", str(target)]) == 2
    err = errors(capsys.readouterr().err)
    assert len(err) == 1 and "this run reads" in err[0] and "--force" in err[0]
    assert (table.read_bytes(), periods.read_bytes()) == before


def test_o_over_the_biography_is_refused(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    bio = tmp_path / "bio.txt"
    bio.write_text("Marx was born in Trier in 1818.\n", encoding="utf-8")
    assert main(["extract", str(bio), "-o", str(bio)]) == 2
    assert bio.read_text(encoding="utf-8") == "Marx was born in Trier in 1818.\n"
    assert "this run reads" in capsys.readouterr().err


def test_force_writes_over_the_input(tmp_path: Path) -> None:
    table, _ = teacher_files(tmp_path)
    assert main(["export", str(table), "--format", "csv", "-o", str(table), "--force"]) == 0
    assert table.read_text(encoding="utf-8").startswith("seq,")


# --- 15. KML: regions as polygons, styles by period and kind, unplaced stops counted --------------

KML = "{http://www.opengis.net/kml/2.2}"


def kml_of(tmp_path: Path, table: str, *extra: str) -> tuple[Any, str]:
    import xml.etree.ElementTree as ET

    src = tmp_path / "t.csv"
    src.write_text(table, encoding="utf-8")
    out = tmp_path / "t.kml"
    assert main(["export", str(src), "-o", str(out), *extra]) == 0
    return ET.parse(out).getroot(), str(out)


def test_kml_draws_regions_as_polygons_like_the_geojson(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    table = "place,start,end,kind\nVienna,1907,1908,residence\nSiberia,1900,1902,exile\n" \
            "Finland,1911,1912,visit\n"
    root, _ = kml_of(tmp_path, table)
    assert main(["export", str(tmp_path / "t.csv"), "--format", "geojson"]) == 0
    geo = json.loads(capsys.readouterr().out)
    areas = {f["properties"]["place"]: f["geometry"] for f in geo["features"]
             if f["properties"]["feature_type"] == "stop"}
    marks = {m.findtext(f"{KML}name"): m for m in root.iter(f"{KML}Placemark")
             if m.find(f".//{KML}TimeSpan") is not None}
    assert marks["Vienna"].find(f".//{KML}Polygon") is None  # a town stays a point
    siberia = marks["Siberia"].findall(f".//{KML}Polygon")
    assert areas["Siberia"]["type"] == "Polygon" and len(siberia) == 1
    ring = siberia[0].findtext(f"{KML}outerBoundaryIs/{KML}LinearRing/{KML}coordinates")
    first = areas["Siberia"]["coordinates"][0][0]
    assert ring.split()[0] == f"{first[0]!r},{first[1]!r}"
    assert areas["Finland"]["type"] == "MultiPolygon"
    assert len(marks["Finland"].findall(f".//{KML}Polygon")) == \
        len(areas["Finland"]["coordinates"])
    assert marks["Finland"].find(f"{KML}MultiGeometry/{KML}Point") is not None  # pin and label


def test_a_hole_is_an_inner_boundary() -> None:
    import json
    import xml.etree.ElementTree as ET

    import pandas as pd

    from itinerary.outputs.exports import to_kml

    outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    stops = pd.DataFrame({
        "seq": [0], "id": ["lake-1900"], "place": ["Lakeland"], "start_min": ["1900-01-01"],
        "end_max": ["1900-12-31"], "lat": [5.0], "lon": [5.0], "placed": [True],
        "area": [json.dumps({"type": "Polygon", "coordinates": [outer, hole]})]})
    root = ET.fromstring(to_kml(stops, pd.DataFrame()))
    polygon = root.find(f".//{KML}Polygon")
    assert polygon is not None
    assert len(polygon.findall(f"{KML}outerBoundaryIs")) == 1
    assert polygon.findtext(f"{KML}innerBoundaryIs/{KML}LinearRing/{KML}coordinates") == \
        "4.0,4.0 6.0,4.0 6.0,6.0 4.0,6.0 4.0,4.0"


def test_kml_stops_are_styled_by_period_colour_and_kind(tmp_path: Path) -> None:
    periods = tmp_path / "p.csv"
    periods.write_text("id,title,start,end,color\nearly,Early,1900,1905,#112233\n"
                       "late,Late,1906,1912,#aabbcc\n", encoding="utf-8")
    table = ("place,start,end,kind,period\nVienna,1900,1901,birth,early\n"
             "Paris,1902,1903,visit,early\nLondon,1907,1908,residence,late\n")
    root, _ = kml_of(tmp_path, table, "--periods", str(periods))
    styles = {s.get("id"): s for s in root.iter(f"{KML}Style")}
    colour = {m.findtext(f"{KML}name"): styles[m.findtext(f"{KML}styleUrl")[1:]]
              for m in root.iter(f"{KML}Placemark") if m.find(f".//{KML}TimeSpan") is not None}
    assert colour["Vienna"].findtext(f"{KML}IconStyle/{KML}color") == "ff332211"
    assert colour["London"].findtext(f"{KML}IconStyle/{KML}color") == "ffccbbaa"
    assert float(colour["Vienna"].findtext(f"{KML}IconStyle/{KML}scale")) > \
        float(colour["Paris"].findtext(f"{KML}IconStyle/{KML}scale"))  # birth over a visit
    assert colour["Vienna"].findtext(f"{KML}PolyStyle/{KML}color").endswith("332211")


@pytest.mark.parametrize("fmt", ["kml", "gpx"])
def test_the_export_message_counts_the_stops_left_out(
        fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "t.csv"
    src.write_text("place,start,end\nVienna,1907,1908\nZzxqplace,1909,1910\n", encoding="utf-8")
    out = tmp_path / f"t.{fmt}"
    assert main(["export", str(src), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"wrote {out} (1 of 2 stops, " in err
    assert "1 stop left out because not placed" in err


# --- 16. moves never run backwards; GPX track times always rise ---------------------------------

def test_a_move_spans_forward_when_it_can_and_honestly_when_it_cannot() -> None:
    from itinerary.moves.derive import span

    # certain: from the latest end to the earliest start
    assert span("1899-12-31", "1899-12-31", "1907-10-01", "1907-10-31") == \
        ("1899-12-31", "1907-10-01")
    # "c. 1888" to "c. 1888": not 1888-12-31 - 1888-01-01, but the whole uncertain year
    assert span("1888-01-01", "1888-12-31", "1888-01-01", "1888-12-31") == \
        ("1888-01-01", "1888-12-31")
    # even the widest reading overlaps: still in time order
    assert span("1890-06-01", "1890-12-31", "1890-01-01", "1890-03-31") == \
        ("1890-03-31", "1890-06-01")


def test_no_move_of_the_bundled_life_arrives_before_it_departs(
        capsys: pytest.CaptureFixture[str]) -> None:
    import json
    from datetime import date

    assert main(["export", "--format", "geojson"]) == 0
    features = json.loads(capsys.readouterr().out)["features"]
    moves = [f["properties"] for f in features if f["properties"]["feature_type"] == "move"]
    assert moves and all(date.fromisoformat(m["depart"]) <= date.fromisoformat(m["arrive"])
                         for m in moves if m["depart"] and m["arrive"])
    first = next(m for m in moves if m["from_id"] == "yanovka-1879")
    assert (first["depart"], first["arrive"]) == ("1888-01-01", "1888-12-31")


def test_gpx_track_times_rise_strictly(capsys: pytest.CaptureFixture[str]) -> None:
    import xml.etree.ElementTree as ET

    assert main(["export", "--format", "gpx"]) == 0
    root = ET.fromstring(capsys.readouterr().out)
    ns = "{http://www.topografix.com/GPX/1/1}"
    for trk in root.iter(f"{ns}trk"):
        times = [t.text for t in trk.iter(f"{ns}time")]
        assert len(times) > 10
        assert all(a < b for a, b in zip(times, times[1:], strict=False)), "back in time"


# --- smaller ones -----------------------------------------

def test_an_encrypted_workbook_is_called_password_protected(tmp_path: Path) -> None:
    from itinerary.errors import InputError
    from itinerary.stages.load import read_table

    # what Excel writes for a password: an OLE container holding an "EncryptedPackage" stream
    book = tmp_path / "class.xlsx"
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1000)
    with pytest.raises(InputError) as exc:
        read_table(book)
    text = str(exc.value.problems[0])
    assert "password-protected" in text and "old .xls" not in text
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    with pytest.raises(InputError, match="old .xls"):
        read_table(old)


@pytest.mark.parametrize("lat", ["1_0", "\uff14\uff18", "\u0664\u0668", "1__0"])
def test_coordinates_are_written_in_the_digits_0_to_9(lat: str, tmp_path: Path) -> None:
    from itinerary.errors import InputError
    from itinerary.stages.load import read_table

    src = tmp_path / "t.csv"
    src.write_text(f"place,start,lat,lon\nVienna,1907,{lat},16\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_table(src)
    assert "lat is not a number" in str(exc.value.problems[0])


def test_plain_and_scientific_coordinates_still_read(tmp_path: Path) -> None:
    from itinerary.stages.load import read_table

    src = tmp_path / "t.csv"
    src.write_text("place,start,lat,lon\nA,1907,48.2,16\nB,1908,-.5,+1e1\nC,1909,\"4,5\",3\n",
                   encoding="utf-8")
    table = read_table(src)
    assert list(table["lat_override"]) == [48.2, -0.5, 4.5]
    assert list(table["lon_override"]) == [16.0, 10.0, 3.0]


def test_one_column_for_two_fields_is_named_as_such(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "t.csv"
    src.write_text("Ort,Datum\nVienna,1907\n", encoding="utf-8")
    assert main(["check", str(src), "--columns", "place=Ort,start=Datum,note=Ort"]) == 2
    err = errors(capsys.readouterr().err)
    assert len(err) == 1 and "'Ort' for both place and note" in err[0]
    with pytest.raises(SystemExit):
        main(["check", str(src), "--columns", "place=Ort,place=Datum"])
    assert "place is mapped twice" in capsys.readouterr().err


@pytest.mark.parametrize("date", ["99999", "0", "1907-13", "soon"])
def test_resolve_refuses_a_date_it_cannot_read(date: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "--name", "Vienna", "--date", date]) == 2
    err = errors(capsys.readouterr().err)
    assert len(err) == 1 and err[0].startswith("error: --date:")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)",
                                 "java\tscript:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
                                 "vbscript:x", ""])
def test_embed_url_must_be_http_or_relative(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["embed", "--url", url]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(errors(captured.err)) == 1
    assert "--url" in captured.err


@pytest.mark.parametrize("url", ["https://school.example/maps/t.html", "http://x.org/m.html",
                                 "maps/trotsky.html", "../t.html", "//cdn.example/t.html"])
def test_embed_url_http_or_relative_is_accepted(url: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["embed", "--url", url, "--format", "html"]) == 0
    assert url in capsys.readouterr().out


@pytest.mark.browser
def test_a_stop_in_the_hash_matches_exactly(tmp_path: Path, browser: Any) -> None:  # noqa: F811
    """The session's one Chromium (Playwright's sync API runs once per thread)."""
    page = tmp_path / "trotsky.html"
    assert main(["build", "-o", str(page)]) == 0

    def stop_of(fragment: str) -> str:
        o = open_page(browser, page.as_uri() + "#" + fragment)
        try:
            o.page.wait_for_timeout(300)
            return str(o.state()["stopId"])
        finally:
            o.page.context.close()

    first = stop_of("embed")
    assert stop_of("stop=odessa-1888&embed") == "odessa-1888"
    assert stop_of("stop=1&embed") == "odessa-1888"  # a number is the stop's seq
    for loose in ("1e0", "01", "1.0", "+1", "0x1"):
        assert stop_of(f"stop={loose}&embed") == first, loose


def test_a_page_of_standard_input_is_named_itinerary(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MARX.read_bytes())))
    assert main(["build", "-"]) == 0
    page = tmp_path / "output" / "itinerary.html"
    assert "<title>Itinerary" in page.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_nothing_writes_into_is_refused_not_waited_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from itinerary.stages import load

    monkeypatch.setattr(load, "FIFO_WAIT_SECONDS", 1)
    fifo = tmp_path / "table.csv"
    os.mkfifo(fifo)
    assert main(["check", str(fifo)]) == 2
    err = errors(capsys.readouterr().err)
    assert len(err) == 1 and "FIFO that nothing wrote into for 1 s" in err[0]
