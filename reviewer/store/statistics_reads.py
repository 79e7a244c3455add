"""Reading statistics: the totals, each segment's current ones, pending ones and counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import DocumentTotals, SegmentStats
from reviewer.store.queries import HEAD_STATS, IS_PENDING, LATE, STATS, STATUS
from reviewer.store.records import PendingRevision
from reviewer.store.score_query import SCORE_ROWS
from reviewer.store.transactions import TOTALS, StoreBase


class StatisticsReads(StoreBase):
    """The document's and the segments' statistics as they are now."""

    if TYPE_CHECKING:
        def segment_count(self) -> int: ...

    def totals(self) -> DocumentTotals:
        """The summed statistics of every segment's current text, leaving out the
        ``pending_count`` segments whose statistics are still being computed."""
        return DocumentTotals.from_json(
            self._db.execute(TOTALS).fetchone()[0])

    def pending_count(self) -> int:
        """How many segments' current texts still wait for their statistics."""
        return int(self._db.execute("SELECT count(*) FROM pending_heads").fetchone()[0])

    def pending_revisions(self) -> list[PendingRevision]:
        """Every revision whose statistics are still to be computed, current texts first."""
        rows = self._db.execute(
            "SELECT r.id, s.position, s.mt, r.text, s.reference, s.mt_stats, "
            "r.id = s.head_revision FROM revisions r JOIN segments s ON s.id = r.segment_id "
            + LATE + f"WHERE {IS_PENDING} ORDER BY r.id = s.head_revision DESC, r.id")
        return [PendingRevision(int(row[0]), int(row[1]), row[2], row[3], row[4],
                                SegmentStats.from_json(row[5]).mt_reference, bool(row[6]))
                for row in rows]

    def head_stats(self, position: int) -> SegmentStats | None:
        """The statistics of a segment's current text (its MT's when never edited); None
        while they are pending."""
        row = self._db.execute(HEAD_STATS + "WHERE s.position = ?",
                               (position,)).fetchone()
        if row is None:
            raise ReviewerError(
                f"no segment {position + 1}: the project has {self.segment_count()} segments")
        return None if row[0] is None else SegmentStats.from_json(row[0])

    def known_stats(self, position: int, text: str) -> SegmentStats | None:
        """Statistics already stored for this segment with this text (its MT, or an earlier
        revision's, pending ones left out), so that restoring or undoing needs no scoring."""
        row = self._db.execute(
            "SELECT CASE WHEN s.mt = ? THEN s.mt_stats ELSE ("
            f"SELECT {STATS} FROM revisions r {LATE}"
            f"WHERE r.segment_id = s.id AND r.text = ? AND NOT {IS_PENDING} "
            "ORDER BY r.id DESC LIMIT 1) END FROM segments s WHERE s.position = ?",
            (text, text, position)).fetchone()
        if row is None or row[0] is None:
            return None
        stats = SegmentStats.from_json(row[0])
        return stats if stats.complete else None

    def all_head_stats(self) -> list[SegmentStats | None]:
        """Every segment's current statistics, in document order (None: pending)."""
        return [None if row[0] is None else SegmentStats.from_json(row[0]) for row in
                self._db.execute(HEAD_STATS + "WHERE s.position >= 0 "
                                 "ORDER BY s.position")]

    def counts(self) -> dict[str, int]:
        """Segments in all (``segments``), changed from the MT (``changed``), and by status
        (``status:NAME``).

        Read from running counts; the first call on a project counts once and stores them.
        """
        stored = dict(self._db.execute("SELECT name, value FROM counts"))
        if stored:
            return {str(name): int(value) for name, value in stored.items()}
        if self.read_only:
            return self._count_segments()
        with self._write() as db:
            # on a server, the lock revisions take before they change the counts: none of
            # theirs is left out of what is counted here, nor counted twice
            self._totals_to_change(db)
            stored = dict(db.execute("SELECT name, value FROM counts"))
            if stored:  # counted meanwhile by another
                return {str(name): int(value) for name, value in stored.items()}
            result = self._count_segments()
            db.executemany("INSERT INTO counts (name, value) VALUES (?, ?)",
                           sorted(result.items()))
        return result

    def _count_segments(self) -> dict[str, int]:
        result: dict[str, int] = {"segments": self.segment_count()}
        for status, count in self._db.execute(
            f"SELECT {STATUS}, count(*) FROM segments s "
            "LEFT JOIN revisions r ON r.id = s.head_revision WHERE s.position >= 0 "
            "GROUP BY 1"
        ):
            result[f"status:{status}"] = int(count)
        result["changed"] = int(self._db.execute(
            "SELECT count(*) FROM segments s JOIN revisions r ON r.id = s.head_revision "
            "WHERE r.text != s.mt AND s.position >= 0").fetchone()[0])
        return result

    def head_stats_at(self, positions: Sequence[int]) -> list[SegmentStats | None]:
        """The current statistics of the segments at ``positions`` (None: pending)."""
        rows = self._db.execute(
            f"SELECT s.position, CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {STATS} END "
            "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision " + LATE
            + "WHERE s.position IN (" + ", ".join("?" * len(positions)) + ")",
            tuple(positions))
        found = {int(row[0]): None if row[1] is None else SegmentStats.from_json(row[1])
                 for row in rows}
        return [found[position] for position in positions]

    def score_rows(self) -> Iterator[tuple[Any, ...]]:
        """Each segment's row for ``score``, in document order, streamed from one query:
        position, source, MT, current text, status, HTER, BLEU, chrF (None while pending),
        the reference and the current statistics as stored (None while pending)."""
        return iter(self._db.execute(SCORE_ROWS))

    def evaluation_texts(self) -> Iterator[tuple[str | None, str]]:
        """Each segment's source and MT, in document order, streamed."""
        return iter(self._db.execute(
            "SELECT source, mt FROM segments WHERE position >= 0 ORDER BY position"))
