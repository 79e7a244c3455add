"""Reading segments: their current texts and states, the layout and the format's data."""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.core.document import Layout
from reviewer.core.errors import ReviewerError
from reviewer.store.queries import SEGMENT_SELECT
from reviewer.store.records import SegmentRecord, segment_record
from reviewer.store.transactions import StoreBase


class SegmentReads(StoreBase):
    """The segments as they are now."""

    def original(self) -> tuple[str, str, bytes] | None:
        """The imported file as it was (name, format, bytes), when the format keeps it."""
        row = self._db.execute("SELECT name, format, data FROM originals WHERE id = 1").fetchone()
        return (str(row[0]), str(row[1]), bytes(row[2])) if row else None

    def segment_meta(self) -> list[str | None]:
        """Each segment's format data (JSON or None), in document order."""
        return [row[0] for row in self._db.execute(
            "SELECT meta FROM segments WHERE position >= 0 ORDER BY position")]

    def segment_count(self) -> int:
        """How many segments the project has."""
        return int(self._db.execute(
            "SELECT count(*) FROM segments WHERE position >= 0").fetchone()[0])

    def segment_ids(self) -> list[int]:
        """Every segment's id, in document order."""
        return [int(row[0]) for row in self._db.execute(
            "SELECT id FROM segments WHERE position >= 0 ORDER BY position")]

    def segments(self) -> list[SegmentRecord]:
        """All segments in document order, with their current texts."""
        rows = self._db.execute(SEGMENT_SELECT + "WHERE s.position >= 0 "
                                "ORDER BY s.position")
        return [segment_record(row) for row in rows]

    def segment(self, position: int) -> SegmentRecord:
        """One segment by its 0-based position."""
        row = self._db.execute(SEGMENT_SELECT + "WHERE s.position = ?",
                               (position,)).fetchone()
        if row is None:
            raise ReviewerError(
                f"no segment {position + 1}: the project has {self.segment_count()} segments")
        return segment_record(row)

    def layout(self) -> Layout:
        """The text between segments, for exporting the document as it came."""
        gaps = [row[0] for row in self._db.execute(
            "SELECT gap_before FROM segments WHERE position >= 0 ORDER BY position")]
        gaps.append(self.properties().get("layout_tail", ""))
        return Layout(tuple(gaps))

    # a batch reads what it needs in slices: a window's worker thread unpickles each
    # answer holding Python's lock, and 10,000 records at once would stall the GUI thread

    def head_texts(self) -> list[str]:
        """Every segment's current text, in document order."""
        return [str(row[0]) for row in self._db.execute(
            "SELECT coalesce(r.text, s.mt) FROM segments s LEFT JOIN revisions r "
            "ON r.id = s.head_revision WHERE s.position >= 0 ORDER BY s.position")]

    def segments_at(self, positions: Sequence[int]) -> list[SegmentRecord]:
        """The segments at ``positions``, in that order."""
        rows = self._db.execute(SEGMENT_SELECT + "WHERE s.position IN ("
                                + ", ".join("?" * len(positions)) + ")", tuple(positions))
        found = {record.position: record for record in map(segment_record, rows)}
        return [found[position] for position in positions]
