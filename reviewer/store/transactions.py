"""An open project file: its connection, its write transactions and what each commit records."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import DocumentTotals
from reviewer.store.clock import utc_now
from reviewer.store.connection import file_identity, write_error
from reviewer.store.lock import ProjectLock

TOTALS = "SELECT stats FROM totals WHERE id = 1"


def totals_to_change(db: sqlite3.Connection, lock_row: bool) -> DocumentTotals:
    """Inside a write: the totals it is about to change; ``lock_row`` (a server, where
    writers run at once) keeps other writers off the row until the commit, as SQLite's
    ``BEGIN IMMEDIATE`` keeps them off the whole file."""
    return DocumentTotals.from_json(
        db.execute(TOTALS + (" FOR UPDATE" if lock_row else "")).fetchone()[0])


class StoreBase:
    """The connection, the lock and the write transaction every part of ``ProjectStore`` uses."""

    checkpoint_every_commit = True  # benchmarks/store_safety.py measures what it costs
    lock_segments_first = False  # writers run at once (a server's): see _append_revisions

    def __init__(self, path: Path, connection: sqlite3.Connection,
                 lock: ProjectLock | None = None, read_only: bool = False) -> None:
        self.path = path
        self._db = connection
        self._lock = lock
        self.read_only = read_only
        self._project_id: str | None = None
        self._identity = file_identity(path)

    def _totals_to_change(self, db: sqlite3.Connection) -> DocumentTotals:
        """Inside a write: the totals it is about to change, kept from other writers."""
        return totals_to_change(db, self.lock_segments_first)

    def schema_version(self) -> int:
        """The file's schema version (0 for an empty file)."""
        try:
            row = self._db.execute("SELECT version FROM schema_version").fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    def close(self) -> None:
        """Close the file (every change is already committed) and free its lock."""
        self._db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise ReviewerError(f"{self.path.name} is open read-only")
        if file_identity(self.path) != self._identity:  # a sync tool or a copy put another
            raise ReviewerError(f"{self.path} was replaced or removed by another program; "
                                "nothing was saved: reopen the project (your text is kept)")
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise ReviewerError(f"{self.path}: busy, another program is writing ({error})") \
                    from error
            raise write_error(self.path, error) from error
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as error:
            if self._db.in_transaction:  # SQLite may have rolled back already (disk full)
                with suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise write_error(self.path, error) from error
            raise
        self._after_commit()

    def _after_commit(self) -> None:
        """Move the commit into the project file at once (so a lost ``-wal`` loses as little
        as SQLite allows) and record the revisions saved in the lock file."""
        if self.checkpoint_every_commit:
            with suppress(sqlite3.Error):  # else the commit stays in the WAL until the next
                self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        if self._lock is not None and self._project_id is not None:
            self._lock.acknowledge(self._project_id, self._revision_high_mark())

    def _revision_high_mark(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0])

    def _take_acknowledgements(self) -> None:
        """Compare what the lock file says was saved with what the project holds; note a
        loss in the project (``verify`` reports it), then take over the record."""
        assert self._lock is not None
        project_id = self.properties().get("project_id")
        if project_id is None:
            project_id = uuid.uuid4().hex
            with self._write() as db:
                db.execute("INSERT INTO properties (name, value) VALUES ('project_id', ?)",
                           (project_id,))
        self._project_id = project_id
        known_id, acknowledged = self._lock.previous_acknowledged
        present = self._revision_high_mark()
        if known_id == project_id and acknowledged > present:
            loss = {"at": utc_now(), "acknowledged": acknowledged, "present": present}
            lost = json.loads(self.properties().get("lost_revisions", "[]"))
            with self._write() as db:
                db.execute("INSERT INTO properties (name, value) VALUES ('lost_revisions', ?) "
                           "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                           (json.dumps([*lost, loss]),))
        self._lock.acknowledge(project_id, self._revision_high_mark())

    def set_property(self, name: str, value: str) -> None:
        """Set one project property (added, or its value replaced)."""
        with self._write() as db:
            db.execute("INSERT INTO properties (name, value) VALUES (?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, value))

    def properties(self) -> dict[str, str]:
        """The project's properties (source file name, encoding, segmentation, ...)."""
        return dict(self._db.execute("SELECT name, value FROM properties"))
