"""Property tests for the loader: whatever bytes a teacher brings, the answer is either a valid
itinerary or a clean list of problems — never a crash."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itinerary.errors import InputError
from itinerary.stages.dates import normalise
from itinerary.stages.load import read_table

untimed = settings(deadline=None, max_examples=150,
                   suppress_health_check=[HealthCheck.too_slow])

cell_chars = st.sampled_from(list(string.ascii_letters + string.digits + " -~?,;\t\"'\nüé–/<>{}%#"))
cell = st.text(cell_chars, max_size=12)
date_cell = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.integers(1, 9999).map(lambda y: f"{y:04d}"),
    st.sampled_from(["1902~", "1899-22", "1905-13-45", "1905-02-31", "", "soon", "1/2/1905"]),
)


def _write(data: bytes) -> Path:
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as handle:
        handle.write(data)
    return Path(handle.name)


def _outcome(path: Path) -> None:
    """Accepted tables satisfy the model's promises; refused ones say where, one line each."""
    try:
        stops = normalise(read_table(path), file=str(path))
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            line = str(problem)
            assert line.startswith(str(path)) and "\n" not in line
            assert problem.row is None or problem.row >= 1  # 1 is the header row
        return
    finally:
        path.unlink()
    assert len(stops) >= 1
    assert all(place.strip() for place in stops["place"])
    assert stops["id"].is_unique
    assert stops["row"].min() >= 2 and stops["row"].is_monotonic_increasing
    assert (stops["start_min"] <= stops["start_max"]).all()
    assert (stops["start_min"] <= stops["end_max"]).all()


@untimed
@given(st.binary(max_size=300))
def test_any_bytes_give_an_itinerary_or_a_clean_error(data: bytes) -> None:
    _outcome(_write(data))


@untimed
@given(st.lists(st.tuples(cell, date_cell, date_cell), min_size=0, max_size=6),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_any_table_of_places_and_dates_gives_an_itinerary_or_a_clean_error(
    rows: list[tuple[str, str, str]], delimiter: str, encoding: str
) -> None:
    def quote(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    lines = [delimiter.join(["place", "start", "end"])]
    lines += [delimiter.join(quote(c) for c in row) for row in rows]
    text = "\n".join(lines) + "\n"
    _outcome(_write(text.encode(encoding, errors="replace")))
