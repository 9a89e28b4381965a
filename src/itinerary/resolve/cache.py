"""A persistent on-disk cache of online geocoder answers, so no name is ever asked twice.

SQLite in WAL mode: each answer is one transaction, so a process killed mid-write leaves the
previous state intact, and two processes writing at once simply take turns (busy timeout).
Whole-file atomic replacement (atomic.py) would lose one process's answers when two write
concurrently; SQLite's own journal gives the same all-or-nothing guarantee per answer.
Faults (timeouts, 429, 500) are never cached; "no result" is, so it is not asked again.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

BUSY_TIMEOUT_S = 30.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service TEXT NOT NULL, query TEXT NOT NULL, country TEXT NOT NULL,
    answer TEXT NOT NULL, saved REAL NOT NULL,
    PRIMARY KEY (service, query, country)
)
"""


def default_path() -> Path:
    from ..paths import cache_dir

    return cache_dir() / "geocoder-answers.sqlite3"


class AnswerCache:
    """(service, query, country) -> the geocoder's answer (a JSON-able list)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                     check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute(_SCHEMA)

    @staticmethod
    def _key(service: str, query: str, country: str | None) -> tuple[str, str, str]:
        from .normalise import fold

        return service.lower(), fold(query), (country or "").upper()

    def get(self, service: str, query: str, country: str | None = None) -> Any | None:
        row = self._conn.execute(
            "SELECT answer FROM answers WHERE service=? AND query=? AND country=?",
            self._key(service, query, country)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, service: str, query: str, country: str | None, answer: Any) -> None:
        text = json.dumps(answer, ensure_ascii=False, sort_keys=True)
        with self._conn:  # one transaction: all of it or none of it
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute("INSERT OR REPLACE INTO answers VALUES (?,?,?,?,?)",
                               (*self._key(service, query, country), text, time.time()))

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        self._conn.close()
