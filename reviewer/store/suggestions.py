"""What learned fixes read (confirmed segments, newest confirm last) and the dismissed
suggestions (schema 10's ``suggestion_dismissals``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviewer.core.errors import ReviewerError
from reviewer.core.status import SegmentStatus
from reviewer.store.clock import utc_now
from reviewer.store.transactions import StoreBase

LEARNED_FROM = (SegmentStatus.CONFIRMED.value, SegmentStatus.REVIEWED.value)


class SuggestionStore(StoreBase):
    """The learned-fix methods of ``ProjectStore``."""

    if TYPE_CHECKING:
        def segment_count(self) -> int: ...

    def learning_mark(self) -> tuple[int, int, int]:
        """Changes when anything learned fixes read may have changed (a revision, a split
        or merge, a dismissal): the highest ids of those."""
        row = self._db.execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM revisions), "
            "(SELECT coalesce(max(id), 0) FROM segments), "
            "(SELECT coalesce(max(id), 0) FROM suggestion_dismissals)").fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def learning_heads(self) -> list[tuple[int, int]]:
        """(position, head revision id) of every confirmed or reviewed segment, in the
        order they were confirmed (oldest first)."""
        marks = ", ".join("?" * len(LEARNED_FROM))
        return [(int(row[0]), int(row[1])) for row in self._db.execute(
            "SELECT s.position, r.id FROM segments s JOIN revisions r "
            f"ON r.id = s.head_revision WHERE s.position >= 0 AND s.head_status IN ({marks}) "
            "ORDER BY r.id", LEARNED_FROM)]

    def learning_texts(self, revision_ids: Sequence[int]) -> list[tuple[int, str, str]]:
        """(revision id, the segment's MT, the revision's text) of ``revision_ids``."""
        found: list[tuple[int, str, str]] = []
        for start in range(0, len(revision_ids), 500):
            part = list(revision_ids[start:start + 500])
            found += [(int(row[0]), str(row[1]), str(row[2])) for row in self._db.execute(
                "SELECT r.id, s.mt, r.text FROM revisions r JOIN segments s "
                "ON s.id = r.segment_id WHERE r.id IN (" + ", ".join("?" * len(part)) + ")",
                part)]
        return found

    def add_dismissal(self, position: int | None, mt_phrase: str, suggestion: str,
                      author: str) -> None:
        """Remember a dismissed suggestion, in one segment or (None) everywhere."""
        with self._write() as db:
            segment_id = None
            if position is not None:
                row = db.execute("SELECT id FROM segments WHERE position = ?",
                                 (position,)).fetchone()
                if row is None:
                    raise ReviewerError(f"no segment {position + 1}: the project has "
                                        f"{self.segment_count()} segments")
                segment_id = row[0]
            db.execute("INSERT INTO suggestion_dismissals (segment_id, mt_phrase, suggestion, "
                       "author, created_at) VALUES (?, ?, ?, ?, ?)",
                       (segment_id, mt_phrase, suggestion, author, utc_now()))

    def dismissals(self) -> list[tuple[int | None, str, str]]:
        """(position or None for everywhere, MT phrase, suggestion) of every dismissal; one
        of a segment since merged away is left out."""
        rows = self._db.execute(
            "SELECT s.position, d.mt_phrase, d.suggestion, d.segment_id "
            "FROM suggestion_dismissals d LEFT JOIN segments s ON s.id = d.segment_id "
            "ORDER BY d.id")
        return [(None if row[3] is None else int(row[0]), str(row[1]), str(row[2]))
                for row in rows if row[3] is None or (row[0] is not None and row[0] >= 0)]
