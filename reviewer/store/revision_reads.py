"""Reading revisions: one segment's, all of them, by id, or those made after a point."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from reviewer.core.errors import ReviewerError
from reviewer.store import restructure
from reviewer.store.queries import REVISION_SELECT
from reviewer.store.records import RevisionRecord, revision_record
from reviewer.store.transactions import StoreBase


class RevisionReads(StoreBase):
    """The stored revisions."""

    def revisions(self, position: int | None = None) -> list[RevisionRecord]:
        """Revisions of one segment (oldest first) or of all segments (in document order)."""
        if position is None:
            rows = self._db.execute(REVISION_SELECT + "ORDER BY +s.position, r.number")
            return sorted(self._in_live_segments(rows), key=lambda r: (r.position, r.id))
        rows = self._db.execute(REVISION_SELECT + "WHERE s.position = ? "
                                "ORDER BY r.number", (position,))
        return [revision_record(row) for row in rows]

    def revision(self, position: int, number: int) -> RevisionRecord:
        """One revision of a segment by its number (1-based)."""
        row = self._db.execute(REVISION_SELECT + "WHERE s.position = ? AND r.number = ?",
                               (position, number)).fetchone()
        if row is None:
            raise ReviewerError(f"segment {position + 1} has no revision {number}")
        return revision_record(row)

    def revisions_by_id(self, ids: Sequence[int]) -> list[RevisionRecord]:
        """The revisions with these ids, in that order."""
        rows = self._db.execute(REVISION_SELECT + "WHERE r.id IN ("
                                + ", ".join("?" * len(ids)) + ")", tuple(ids))
        found = {record.id: record for record in map(revision_record, rows)}
        return [found[revision_id] for revision_id in ids]

    def revisions_after(self, last_revision: int = 0, since_time: str | None = None,
                        ) -> list[RevisionRecord]:
        """Revisions newer than a revision id and (if given) made at or after a time."""
        query = REVISION_SELECT + "WHERE r.id > ?"
        parameters: list[object] = [last_revision]
        if since_time is not None:
            query += " AND r.created_at >= ?"
            parameters.append(since_time)
        rows = self._db.execute(query + " ORDER BY r.id", parameters)
        return self._in_live_segments(rows)

    def _in_live_segments(self, rows: Iterable[Any]) -> list[RevisionRecord]:
        """Revisions, those of segments split or merged away shown at the segment their
        history went on in."""
        records = [revision_record(row) for row in rows]
        if all(record.position >= 0 for record in records):
            return records
        moved = restructure.successors(self._db)
        return [replace(record, position=moved.get(record.position, record.position))
                if record.position < 0 else record for record in records]
