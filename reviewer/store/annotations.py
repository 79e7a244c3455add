"""MQM annotations in the project file (schema 9): each change, a deletion too, is a new,
never-altered revision."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reviewer.core.errors import ReviewerError
from reviewer.core.mqm import Annotation
from reviewer.store.clock import utc_now
from reviewer.store.transactions import StoreBase

# the annotation, its newest revision: what it says now
_SELECT = (
    "SELECT a.id, s.position, h.side, h.start, h.end, h.category, h.severity, h.note, "
    "a.author, a.created_at, h.revision_id, h.number, h.deleted "
    "FROM annotations a JOIN segments s ON s.id = a.segment_id "
    "JOIN annotation_revisions h ON h.id = "
    "(SELECT max(id) FROM annotation_revisions WHERE annotation_id = a.id) "
)
_INSERT = ("INSERT INTO annotation_revisions (annotation_id, number, side, start, end, "
           "revision_id, category, severity, note, deleted, author, created_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _annotation(row: Any) -> Annotation:
    return Annotation(int(row[0]), int(row[1]), str(row[2]), int(row[3]), int(row[4]),
                      str(row[5]), str(row[6]), str(row[7]), str(row[8]), str(row[9]),
                      None if row[10] is None else int(row[10]), int(row[11]), bool(row[12]))


def _head_revision(db: sqlite3.Connection, segment_id: int) -> int | None:
    row = db.execute("SELECT head_revision FROM segments WHERE id = ?", (segment_id,)).fetchone()
    return None if row is None or row[0] is None else int(row[0])


class AnnotationStore(StoreBase):
    """The annotation methods of ``ProjectStore``."""

    if TYPE_CHECKING:
        def segment_count(self) -> int: ...

    def add_annotation(self, position: int, side: str, start: int, end: int, category: str,
                       severity: str, note: str, author: str) -> Annotation:
        """A new annotation on the segment at ``position``, in one transaction; a
        correction-side span records the segment's head revision."""
        now = utc_now()
        with self._write() as db:
            row = db.execute("SELECT id FROM segments WHERE position = ?", (position,)).fetchone()
            if row is None:
                raise ReviewerError(f"no segment {position + 1}: the project has "
                                    f"{self.segment_count()} segments")
            segment_id = int(row[0])
            annotation_id = db.execute(
                "INSERT INTO annotations (segment_id, author, created_at) VALUES (?, ?, ?)",
                (segment_id, author, now)).lastrowid
            revision_id = _head_revision(db, segment_id) if side == "correction" else None
            db.execute(_INSERT, (annotation_id, 1, side, start, end, revision_id, category,
                                 severity, note, 0, author, now))
        assert annotation_id is not None
        return self.annotation(annotation_id)

    def revise_annotation(self, annotation_id: int, author: str, *, category: str | None = None,
                          severity: str | None = None, note: str | None = None,
                          span: tuple[int, int] | None = None,
                          deleted: bool | None = None) -> Annotation:
        """A new revision with what changes; none when nothing would. A new span of the
        correction counts in the segment's head revision."""
        now = utc_now()
        with self._write() as db:
            current = self._current_annotation(db, annotation_id)
            changed = replace(
                current,
                category=current.category if category is None else category,
                severity=current.severity if severity is None else severity,
                note=current.note if note is None else note,
                deleted=current.deleted if deleted is None else deleted)
            if span is not None and span != (current.start, current.end):
                changed = replace(changed, start=span[0], end=span[1])
                if current.side == "correction":
                    segment_id = db.execute("SELECT segment_id FROM annotations WHERE id = ?",
                                            (annotation_id,)).fetchone()[0]
                    changed = replace(changed, revision_id=_head_revision(db, segment_id))
            if changed != current:
                db.execute(_INSERT, (annotation_id, current.number + 1, changed.side,
                                     changed.start, changed.end, changed.revision_id,
                                     changed.category, changed.severity, changed.note,
                                     int(changed.deleted), author, now))
        return self.annotation(annotation_id)

    def annotation(self, annotation_id: int) -> Annotation:
        """One annotation as it is now (deleted or not)."""
        return self._current_annotation(self._db, annotation_id)

    def _current_annotation(self, db: sqlite3.Connection, annotation_id: int) -> Annotation:
        row = db.execute(_SELECT + "WHERE a.id = ?", (annotation_id,)).fetchone()
        if row is None:
            raise ReviewerError(f"no annotation {annotation_id} in this project")
        return _annotation(row)

    def annotations(self, position: int | None = None,
                    include_deleted: bool = False) -> list[Annotation]:
        """Annotations of one segment or all, in document order then oldest first."""
        # a segment split or merged away keeps its annotations (their offsets are its texts')
        # at a negative position, out of the document
        query = _SELECT + "WHERE s.position >= 0"
        parameters: list[object] = []
        if position is not None:
            query += " AND s.position = ?"
            parameters.append(position)
        if not include_deleted:
            query += " AND h.deleted = 0"
        rows = self._db.execute(query + " ORDER BY s.position, a.id", parameters)
        return [_annotation(row) for row in rows]

    def annotation_history(self, annotation_id: int) -> list[Annotation]:
        """Every revision of an annotation, oldest first; each with its own author and time."""
        now = self.annotation(annotation_id)  # a clear error for one that does not exist
        rows = self._db.execute(
            "SELECT annotation_id, ?, side, start, end, category, severity, note, author, "
            "created_at, revision_id, number, deleted FROM annotation_revisions "
            "WHERE annotation_id = ? ORDER BY number", (now.position, annotation_id))
        return [_annotation(row) for row in rows]
