"""Reading what the post-editing analysis needs: each segment's texts and who saved which
revision in which role."""

from __future__ import annotations

from reviewer.core.analysis import AnalysedSegment, RoleText
from reviewer.store.transactions import StoreBase


class AnalysisReads(StoreBase):
    """Segments with their revisions' authors and roles."""

    def analysis_segments(self) -> list[AnalysedSegment]:
        """Every segment in document order: source, MT, current text and its revisions
        (oldest first; a segment split or merged away keeps its own)."""
        history: dict[int, list[RoleText]] = {}
        for position, author, role, text in self._db.execute(
                "SELECT s.position, r.author, r.role, r.text FROM revisions r "
                "JOIN segments s ON s.id = r.segment_id WHERE s.position >= 0 "
                "ORDER BY s.position, r.number"):
            history.setdefault(int(position), []).append(RoleText(author, role, text))
        rows = self._db.execute(
            "SELECT s.position, s.source, s.mt, coalesce(r.text, s.mt) FROM segments s "
            "LEFT JOIN revisions r ON r.id = s.head_revision WHERE s.position >= 0 "
            "ORDER BY s.position")
        return [AnalysedSegment(source, mt, text, tuple(history.get(int(position), ())))
                for position, source, mt, text in rows]
