"""Edits made while a server project's server cannot be reached, kept on this machine.

A small SQLite file per server project and login (``offline/<key>.queue`` in the user's
data folder) holds them in the order they were made until they are sent. Every edit is
committed to the disk at once (WAL, ``synchronous=FULL``): a program killed while offline
loses none of them.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.effort import Effort
from reviewer.locations import data_dir
from reviewer.store.clock import utc_now

FORMAT_VERSION = 1
_COLUMNS = ("id, position, text, author, status, editing_ms, insertions, deletions, "
            "navigation, role, queued_at, base_text")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS queued_edits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL,
    status TEXT NOT NULL,
    editing_ms INTEGER NOT NULL,
    insertions INTEGER NOT NULL,
    deletions INTEGER NOT NULL,
    navigation INTEGER NOT NULL,
    role TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    base_text TEXT
)
"""


@dataclass(frozen=True)
class QueuedEdit:
    """One edit waiting to be sent; ``keys`` are insertions, deletions, navigation."""

    id: int
    position: int
    text: str
    author: str
    status: str
    editing_ms: int
    keys: tuple[int, int, int]
    role: str
    queued_at: str
    base_text: str | None

    @property
    def effort(self) -> Effort:
        """The editing time and keystrokes as the session records them."""
        return Effort(self.editing_ms, *self.keys)


def queue_file(url: str, user: str) -> Path:
    """Where the queue of the server project ``url`` (no password in it) for login ``user``
    lives."""
    key = hashlib.sha256(f"{url}\n{user}".encode()).hexdigest()[:16]
    return data_dir() / "offline" / f"{key}.queue"


class OfflineQueue:
    """The edits waiting for one server project and login, oldest first."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # made private before SQLite opens it (its -wal and -shm files take its mode)
        os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
        self._lock = threading.Lock()  # the window may send from a worker thread
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30,
                                   check_same_thread=False)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={FORMAT_VERSION}")
        except BaseException:
            self._db.close()
            raise

    def put(self, position: int, text: str, author: str, status: str, editing_ms: int = 0,
            keys: tuple[int, int, int] = (0, 0, 0), role: str = "editor",
            base_text: str | None = None) -> int:
        """Keep an edit (on the disk when this returns); how many wait now."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                "INSERT INTO queued_edits (position, text, author, status, editing_ms, "
                "insertions, deletions, navigation, role, queued_at, base_text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (position, text, author, str(status), editing_ms, *keys, role, utc_now(),
                 base_text))
            return int(self._db.execute("SELECT count(*) FROM queued_edits").fetchone()[0])

    def items(self) -> list[QueuedEdit]:
        """Every waiting edit, in the order they were made."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM queued_edits ORDER BY id").fetchall()
        return [QueuedEdit(row[0], row[1], row[2], row[3], row[4], row[5],
                           (row[6], row[7], row[8]), row[9], row[10], row[11])
                for row in rows]

    def remove(self, id: int) -> None:  # noqa: A002 - the edit's id, as QueuedEdit names it
        """Forget an edit the server has (on the disk when this returns)."""
        with self._lock:
            self._db.execute("DELETE FROM queued_edits WHERE id = ?", (id,))

    def count(self) -> int:
        """How many edits wait."""
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM queued_edits").fetchone()[0])

    def close(self) -> None:
        """Close the file (what it holds stays for the next session)."""
        with self._lock:
            self._db.close()
