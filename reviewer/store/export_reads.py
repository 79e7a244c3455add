"""Reading the segments for an export a page at a time, in document order (a million
segments are never all in memory, and a page crosses the window's store pipe)."""

from __future__ import annotations

from typing import cast

from reviewer.store.queries import STATUS
from reviewer.store.transactions import StoreBase

ExportRow = tuple[int, str, str | None, str, str | None, str, str, str | None, str | None]

# what plain text and a new XLIFF file write of a segment (no scores: reading them costs
# more than the rest): its position, the text before it, source, MT, reference, current
# text and status, format data (JSON) and the author of its current text (NULL: nobody)
_EXPORT_SELECT = (
    "SELECT s.position, s.gap_before, s.source, s.mt, s.reference, coalesce(r.text, s.mt), "
    f"{STATUS}, s.meta, r.author FROM segments s "
    "LEFT JOIN revisions r ON r.id = s.head_revision "
    "WHERE s.position > ? AND s.position >= 0 ORDER BY s.position LIMIT ?")


class ExportReads(StoreBase):
    """Segments as a streamed export writes them."""

    def export_page(self, after: int, limit: int) -> list[ExportRow]:
        """Up to ``limit`` segments after position ``after``, in order (see
        ``_EXPORT_SELECT``)."""
        return cast(list[ExportRow], self._db.execute(_EXPORT_SELECT, (after, limit)).fetchall())
