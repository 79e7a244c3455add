"""Comments in the project file (schema 7): each change is a new, never-altered revision."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from reviewer.core.comments import Comment, CommentRevision
from reviewer.core.errors import ReviewerError
from reviewer.store.clock import utc_now
from reviewer.store.transactions import StoreBase

# the comment, its current (newest) revision, and how many it has; ``{as_of}`` narrows the
# revisions to those up to a comment revision id
_SELECT = (
    "SELECT c.id, s.position, h.text, c.author, c.created_at, h.resolved, "
    "(SELECT count(*) FROM comment_revisions WHERE comment_id = c.id {as_of}), "
    "h.created_at, h.author "
    "FROM comments c JOIN segments s ON s.id = c.segment_id "
    "JOIN comment_revisions h ON h.id = "
    "(SELECT max(id) FROM comment_revisions WHERE comment_id = c.id {as_of}) "
)


def _comment(row: Any) -> Comment:
    return Comment(int(row[0]), int(row[1]), str(row[2]), str(row[3]), str(row[4]),
                   bool(row[5]), int(row[6]), str(row[7]), str(row[8]))


class CommentStore(StoreBase):
    """The comment methods of ``ProjectStore``."""

    if TYPE_CHECKING:
        def segment_count(self) -> int: ...

    def add_comment(self, position: int, text: str, author: str) -> Comment:
        """A new open comment on the segment at ``position``, in one transaction."""
        now = utc_now()
        with self._write() as db:
            row = db.execute("SELECT id FROM segments WHERE position = ?", (position,)).fetchone()
            if row is None:
                raise ReviewerError(f"no segment {position + 1}: the project has "
                                    f"{self.segment_count()} segments")
            comment_id = db.execute(
                "INSERT INTO comments (segment_id, author, created_at) VALUES (?, ?, ?)",
                (row[0], author, now)).lastrowid
            db.execute("INSERT INTO comment_revisions (comment_id, number, text, resolved, "
                       "author, created_at) VALUES (?, 1, ?, 0, ?, ?)",
                       (comment_id, text, author, now))
        assert comment_id is not None
        return self.comment(comment_id)

    def revise_comment(self, comment_id: int, text: str | None, resolved: bool | None,
                       author: str) -> Comment:
        """A new revision with another text and/or state; none when nothing would change."""
        now = utc_now()
        with self._write() as db:
            current = self._current(db, comment_id)
            new_text = current.text if text is None else text
            new_state = current.resolved if resolved is None else resolved
            if (new_text, new_state) != (current.text, current.resolved):
                db.execute("INSERT INTO comment_revisions (comment_id, number, text, resolved, "
                           "author, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           (comment_id, current.revisions + 1, new_text, int(new_state),
                            author, now))
        return self.comment(comment_id)

    def comment(self, comment_id: int) -> Comment:
        """One comment as it is now."""
        return self._current(self._db, comment_id)

    def _current(self, db: sqlite3.Connection, comment_id: int) -> Comment:
        row = db.execute(_SELECT.format(as_of="") + "WHERE c.id = ?", (comment_id,)).fetchone()
        if row is None:
            raise ReviewerError(f"no comment {comment_id} in this project")
        return _comment(row)

    def comments(self, position: int | None = None, include_resolved: bool = True,
                 as_of: int | None = None) -> list[Comment]:
        """Comments of one segment or all, in document order then oldest first; ``as_of``
        (a comment revision id, see ``comment_mark``): as they were then."""
        as_of_sql = "" if as_of is None else "AND id <= ?"
        query = _SELECT.format(as_of=as_of_sql) + "WHERE 1 = 1"
        parameters: list[object] = [] if as_of is None else [as_of, as_of]
        if position is not None:
            query += " AND s.position = ?"
            parameters.append(position)
        if not include_resolved:
            query += " AND h.resolved = 0"
        rows = self._db.execute(query + " ORDER BY s.position, c.id", parameters)
        return [_comment(row) for row in rows]

    def comment_history(self, comment_id: int) -> list[CommentRevision]:
        """Every revision of a comment, oldest first."""
        self.comment(comment_id)  # a clear error for one that does not exist
        rows = self._db.execute(
            "SELECT comment_id, number, text, resolved, author, created_at "
            "FROM comment_revisions WHERE comment_id = ? ORDER BY number", (comment_id,))
        return [CommentRevision(int(r[0]), int(r[1]), str(r[2]), bool(r[3]), str(r[4]),
                                str(r[5])) for r in rows]

    def comment_mark(self, label: str) -> int:
        """The newest comment revision when version ``label`` was labelled."""
        row = self._db.execute("SELECT coalesce(last_comment_revision, 0) FROM versions "
                               "WHERE label = ?", (label,)).fetchone()
        if row is None:
            raise ReviewerError(f"no version labelled {label!r}")
        return int(row[0])

    def open_comment_counts(self) -> dict[int, int]:
        """How many open comments each segment that has any has, by position."""
        rows = self._db.execute(
            "SELECT s.position, count(*) FROM comments c JOIN segments s ON s.id = c.segment_id "
            "JOIN comment_revisions h ON h.id = "
            "(SELECT max(id) FROM comment_revisions WHERE comment_id = c.id) "
            "WHERE h.resolved = 0 GROUP BY s.position")
        return {int(position): int(count) for position, count in rows}
