"""Labelled versions of the document, and every segment as it was at one."""

from __future__ import annotations

from reviewer.core.errors import ReviewerError
from reviewer.store.clock import utc_now
from reviewer.store.queries import LATE, STATS, STATUS
from reviewer.store.records import SegmentState, VersionRecord
from reviewer.store.transactions import StoreBase


class VersionStore(StoreBase):
    """Labelling the document and reading it as it was."""

    def add_version(self, label: str, author: str) -> VersionRecord:
        """Label the document as it is now."""
        with self._write() as db:
            if db.execute("SELECT 1 FROM versions WHERE label = ?", (label,)).fetchone():
                raise ReviewerError(f"there is already a version labelled {label!r}")
            last = int(db.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0])
            db.execute("INSERT INTO versions (label, created_at, author, last_revision) "
                       "VALUES (?, ?, ?, ?)", (label, utc_now(), author, last))
        return self.version(label)

    def versions(self) -> list[VersionRecord]:
        """All labelled versions, oldest first."""
        rows = self._db.execute("SELECT id, label, created_at, author, last_revision "
                                "FROM versions ORDER BY id")
        return [VersionRecord(*row) for row in rows]

    def version(self, label: str) -> VersionRecord:
        """One version by its label."""
        row = self._db.execute("SELECT id, label, created_at, author, last_revision "
                               "FROM versions WHERE label = ?", (label,)).fetchone()
        if row is None:
            known = ", ".join(v.label for v in self.versions()) or "none yet"
            raise ReviewerError(f"no version labelled {label!r} (versions: {known})")
        return VersionRecord(*row)

    def states_at(self, last_revision: int, first: int = 0,
                  count: int = 2**62) -> list[SegmentState]:
        """Every segment (or ``count`` from position ``first``) as it was when revision
        ``last_revision`` was the newest."""
        rows = self._db.execute(
            f"SELECT s.position, s.mt, coalesce(r.text, s.mt), {STATUS}, "
            f"CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {STATS} END "
            "FROM segments s LEFT JOIN revisions r ON r.id = "
            "(SELECT max(id) FROM revisions WHERE segment_id = s.id AND id <= ?) "
            + LATE + "WHERE s.position >= ? AND s.position < ? ORDER BY s.position",
            (last_revision, max(0, first), max(0, first) + max(0, count)))
        return [SegmentState(*row) for row in rows]
