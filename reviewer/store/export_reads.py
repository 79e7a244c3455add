"""Reading the segments for an export a page at a time, in document order (a million
segments are never all in memory, and a page crosses the window's store pipe)."""

from __future__ import annotations

from typing import Any

from reviewer.store.queries import SEGMENT_SELECT
from reviewer.store.transactions import StoreBase

_FROM = " FROM segments s "
assert _FROM in SEGMENT_SELECT
# a segment's row of SEGMENT_SELECT, then its format data, the text before it and the
# author of its current text (NULL: nobody has saved one)
_EXPORT_SELECT = SEGMENT_SELECT.replace(_FROM, ", s.meta, s.gap_before, r.author" + _FROM, 1)


class ExportReads(StoreBase):
    """Segments as an export writes them."""

    def export_page(self, after: int, limit: int) -> list[tuple[tuple[Any, ...], str | None,
                                                               str, str | None]]:
        """Up to ``limit`` segments after position ``after``, in order: each its row of
        ``SEGMENT_SELECT`` (``segment_record`` reads it), format data (JSON), the text
        before it and the author of its current text."""
        cursor = self._db.execute(_EXPORT_SELECT + "WHERE s.position > ? AND s.position >= 0 "
                                  "ORDER BY s.position LIMIT ?", (after, limit))
        rows = cursor.fetchall()
        width = len(cursor.description) - 3
        return [(tuple(row[:width]), row[width], str(row[width + 1]), row[width + 2])
                for row in rows]
