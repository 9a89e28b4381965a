"""A persistent on-disk cache of online geocoder answers, so no name is ever asked twice.

SQLite in WAL mode: each answer is one transaction, so a process killed mid-write leaves the
previous state intact, and two processes writing at once simply take turns (busy timeout).
Whole-file atomic replacement (atomic.py) would lose one process's answers when two write
concurrently; SQLite's own journal gives the same all-or-nothing guarantee per answer.
Faults (timeouts, 429, 500) are never cached; "no result" is, so it is not asked again.

Answers are keyed by service *and* endpoint (scheme://host/path of the geocoder): a run
against another server never answers for Nominatim. A cache of the first format (keyed by
service alone: its answers may come from any server) is emptied when first opened.

A damaged file (garbled, truncated, not a database) is checked for when the cache is opened
(``PRAGMA quick_check``) and caught on every use: it is set aside and a fresh cache started,
with one line on stderr naming the file. If even that fails, answers are kept in memory for
the rest of the run.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

log = logging.getLogger("itinerary.resolve")

BUSY_TIMEOUT_S = 30.0
FORMAT = 2  # PRAGMA user_version: 2 = keyed by endpoint too
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL, endpoint TEXT NOT NULL, query TEXT NOT NULL, country TEXT NOT NULL,
    answer TEXT NOT NULL, saved REAL NOT NULL,
    PRIMARY KEY (service, endpoint, query, country)
)
"""


def default_path() -> Path:
    from ..paths import cache_dir

    return cache_dir() / "geocoder-answers.sqlite3"


class AnswerCache:
    """(service, endpoint, query, country) -> the geocoder's answer (a JSON-able list)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._memory = str(self.path) == ":memory:"
        try:
            self._conn = self._open(check=not self._memory)
        except sqlite3.Error as err:
            self._conn = (self._start_afresh(err) if damaged(err)
                          else self._in_memory(f"cannot be opened ({_line(err)})"))

    # --- opening, checking, starting afresh -----------------------------------------------
    def _open(self, check: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            if check:
                verdict = conn.execute("PRAGMA quick_check").fetchone()
                if not verdict or verdict[0] != "ok":
                    raise sqlite3.DatabaseError(str(verdict[0] if verdict else "no verdict"))
            if conn.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                conn.execute("BEGIN IMMEDIATE")  # two processes may upgrade at once
                if conn.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                    conn.execute("DROP TABLE IF EXISTS answers")  # not keyed by endpoint
                    conn.execute(_SCHEMA)
                    conn.execute(f"PRAGMA user_version={FORMAT}")
                conn.execute("COMMIT")
        except BaseException:
            conn.close()
            raise
        return conn

    def _start_afresh(self, err: BaseException) -> sqlite3.Connection:
        """Set the damaged file aside (``.damaged``) and open a fresh one; one line on stderr."""
        reason = _line(err)
        try:
            if not self._memory:
                aside = self.path.with_name(self.path.name + ".damaged")
                for suffix in ("-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self.path.replace(aside)
            conn = self._open(check=False)
            log.warning(f"the geocoder answer cache {self.path} was damaged ({reason}); "
                        f"started a fresh one (the old file is {self.path.name}.damaged)")
            return conn
        except (OSError, sqlite3.Error) as again:
            return self._in_memory(f"is damaged ({reason}) and cannot be replaced "
                                   f"({_line(again)})")

    def _in_memory(self, what: str) -> sqlite3.Connection:
        """A cache for this run only, after one line on stderr saying why."""
        log.warning(f"the geocoder answer cache {self.path} {what}; answers are kept for "
                    "this run only")
        self._memory = True
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.execute(_SCHEMA)
        return conn

    def _run(self, sql: str, values: tuple = (), write: bool = False) -> list[tuple]:
        """One statement (in its own transaction when it writes); a damaged file met here is
        replaced by a fresh cache and the statement run again there."""
        for attempt in (0, 1):
            try:
                if not write:
                    return self._conn.execute(sql, values).fetchall()
                with self._conn:  # one transaction: all of it or none of it
                    self._conn.execute("BEGIN IMMEDIATE")
                    self._conn.execute(sql, values)
                return []
            except sqlite3.DatabaseError as err:
                if attempt or not damaged(err):
                    raise
                self._conn.close()
                self._conn = self._start_afresh(err)
        return []  # pragma: no cover - the loop returns or raises

    # --- answers --------------------------------------------------------------------------
    @staticmethod
    def _key(service: str, endpoint: str, query: str, country: str | None
             ) -> tuple[str, str, str, str]:
        from .normalise import fold

        return service.lower(), endpoint.lower(), fold(query), (country or "").upper()

    def get(self, service: str, query: str, country: str | None = None, *,
            endpoint: str = "") -> Any | None:
        rows = self._run(
            "SELECT answer FROM answers WHERE service=? AND endpoint=? AND query=? AND country=?",
            self._key(service, endpoint, query, country))
        if not rows:
            return None
        try:
            return json.loads(rows[0][0])
        except (TypeError, ValueError):  # a garbled answer: as if never asked
            return None

    def put(self, service: str, query: str, country: str | None, answer: Any, *,
            endpoint: str = "") -> None:
        text = json.dumps(answer, ensure_ascii=False, sort_keys=True, allow_nan=False)
        self._run("INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?,?)",
                  (*self._key(service, endpoint, query, country), text, time.time()),
                  write=True)

    def __len__(self) -> int:
        return int(self._run("SELECT COUNT(*) FROM answers")[0][0])

    def close(self) -> None:
        self._conn.close()


def damaged(err: BaseException) -> bool:
    """Whether an sqlite3 error means a damaged file (not a busy, locked or unwritable one)."""
    if not isinstance(err, sqlite3.DatabaseError):
        return False
    text = str(err).lower()
    return (type(err) is sqlite3.DatabaseError or "malformed" in text
            or "not a database" in text or "could not decode" in text)


def _line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0][:160] if text else type(err).__name__
