"""Appending revisions and keeping the running totals and counts up to date with them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import (
    DocumentTotals,
    Scores,
    SegmentStats,
    identity_stats,
    segment_stats,
    sentence_scores,
)
from reviewer.store.clock import utc_now
from reviewer.store.queries import IS_PENDING, LATE, PENDING, STATS, STATUS
from reviewer.store.records import NewRevision, RevisionRecord
from reviewer.store.transactions import StoreBase

if TYPE_CHECKING:
    import sqlite3


class RevisionWrites(StoreBase):
    """New revisions, late statistics, and the totals they change."""

    if TYPE_CHECKING:
        def segment_count(self) -> int: ...

        def revision(self, position: int, number: int) -> RevisionRecord: ...

    def add_revision(
        self,
        position: int,
        text: str,
        stats: SegmentStats | None,
        scores: Scores | None,
        author: str,
        status: str,
        editing_ms: int = 0,
        keystrokes: tuple[int, int, int] = (0, 0, 0),
        role: str = "editor",
    ) -> RevisionRecord:
        """Append a revision, make it the segment's head and update the totals, atomically.

        ``stats`` None saves it with its statistics pending (``add_late_stats`` brings
        them): the totals then leave the segment out and ``pending_heads`` lists it.
        ``role`` is who made it: ``editor`` or ``reviewer``. The segment's draft, if any,
        has become this revision and is dropped.
        """
        new = NewRevision(position, text, stats, scores, author, status, editing_ms,
                          keystrokes, role)
        return self.revision(position, self._append_revisions([new])[0][1])

    def add_revisions(self, revisions: Sequence[NewRevision]) -> list[int]:
        """Append many revisions (replace all, its undo) in one transaction: all or none;
        their ids (``revisions_by_id`` reads them)."""
        return [revision_id for revision_id, _number in self._append_revisions(revisions)]

    def _append_revisions(self, revisions: Sequence[NewRevision]) -> list[tuple[int, int]]:
        """Append revisions and update the totals and counts in one transaction.

        With ``lock_segments_first`` (a server, where writers run at once) each segment is
        locked as it is reached and the shared totals and counts only at the end, with
        what the revisions changed: writers of other segments wait for each other just
        for that last step.
        """
        with self._write() as db:
            late = self.lock_segments_first
            totals = DocumentTotals() if late else self._totals_to_change(db)
            counts: dict[str, int] = {}
            appended = []
            for revision in revisions:
                if late:
                    db.execute("SELECT 1 FROM segments WHERE position = ? FOR UPDATE",
                               (revision.position,))
                revision_id, number, totals = self._append_revision(db, totals, revision,
                                                                    counts)
                appended.append((revision_id, number))
            if late:
                totals = self._totals_to_change(db).combined(totals)
            self._change_counts(db, counts)  # after the totals: see ``counts``
            db.execute("UPDATE totals SET stats = ? WHERE id = 1", (totals.to_json(),))
        return appended

    def _change_counts(self, db: sqlite3.Connection, counts: dict[str, int]) -> None:
        """Add ``counts`` to the running counts, once they exist (``counts`` makes them)."""
        changes = [(name, change) for name, change in sorted(counts.items()) if change]
        if changes:
            db.execute("INSERT INTO counts (name, value) SELECT column1, column2 FROM (VALUES "
                       + ", ".join(["(?, ?)"] * len(changes)) + ") AS changes "
                       "WHERE EXISTS (SELECT 1 FROM counts) ON CONFLICT (name) "
                       "DO UPDATE SET value = counts.value + excluded.value",
                       [item for change in changes for item in change])

    def _append_revision(self, db: sqlite3.Connection, totals: DocumentTotals,
                         new: NewRevision, counts: dict[str, int] | None = None,
                         ) -> tuple[int, int, DocumentTotals]:
        """Inside a write: append ``new`` as its segment's head; (id, number, new totals).

        The running counts it changes are added to ``counts`` (None: changed now)."""
        position, text, stats, scores = new.position, new.text, new.stats, new.scores
        row = db.execute(
            f"SELECT s.id, CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {STATS} END, "
            f"s.mt, coalesce(r.text, s.mt), s.reference, {STATUS} "
            "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision "
            + LATE + "WHERE s.position = ?",
            (position,),
        ).fetchone()
        if row is None:
            raise ReviewerError(
                f"no segment {position + 1}: the project has {self.segment_count()} segments")
        segment_id = int(row[0])
        old_stats = None if row[1] is None else SegmentStats.from_json(row[1])
        if old_stats is not None and not old_stats.complete:
            # stored by reviewer 0.1: as refresh_statistics counted it
            old_stats = segment_stats(row[2], row[3], row[4])
        number = int(db.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE segment_id = ?",
            (segment_id,)).fetchone()[0])
        if stats is not None and scores is None:  # a batch's: its scores are made here
            scores = sentence_scores(stats)
        values = (0.0, 0.0, 0.0, PENDING) if stats is None or scores is None else (
            scores.hter, scores.bleu, scores.chrf, stats.to_json())
        cursor = db.execute(
            "INSERT INTO revisions (segment_id, number, text, author, created_at, "
            "editing_ms, status, hter, bleu, chrf, stats, keys_insert, keys_delete, "
            "keys_navigate, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (segment_id, number, text, new.author, utc_now(), int(new.editing_ms),
             new.status, *values, *new.keystrokes, new.role),
        )
        db.execute("DELETE FROM drafts WHERE segment_id = ?", (segment_id,))
        revision_id = int(cursor.lastrowid or 0)
        db.execute("UPDATE segments SET head_revision = ? WHERE id = ?",
                   (revision_id, segment_id))
        db.execute("DELETE FROM pending_heads WHERE segment_id = ?", (segment_id,))
        if stats is None:
            db.execute("INSERT INTO pending_heads (segment_id, revision_id) VALUES (?, ?)",
                       (segment_id, revision_id))
        if old_stats is not None:
            totals = totals.minus(old_stats)
        if stats is not None:
            totals = totals.plus(stats)
        old_status, mt, old_text = str(row[5]), str(row[2]), str(row[3])
        changed = {} if counts is None else counts
        for name, change in ((f"status:{old_status}", -1), (f"status:{new.status}", 1),
                             ("changed", (text != mt) - (old_text != mt))):
            changed[name] = changed.get(name, 0) + change
        if counts is None:
            self._change_counts(db, changed)
        return revision_id, number, totals

    def add_late_stats(self, revision_id: int, text: str, stats: SegmentStats,
                       scores: Scores) -> bool:
        """Store the statistics of a revision saved with them pending, atomically adding
        them to the totals if it is still its segment's current text.

        ``text`` is the text they were computed for; False (nothing stored) unless that
        is the revision's text and its statistics are still pending.
        """
        with self._write() as db:
            row = db.execute(
                f"SELECT r.segment_id, r.text FROM revisions r {LATE}"
                f"WHERE r.id = ? AND {IS_PENDING}", (revision_id,)).fetchone()
            if row is None or row[1] != text:
                return False
            db.execute("INSERT INTO late_stats (revision_id, hter, bleu, chrf, stats, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       (revision_id, scores.hter, scores.bleu, scores.chrf, stats.to_json(),
                        utc_now()))
            if db.execute("DELETE FROM pending_heads WHERE revision_id = ?",
                          (revision_id,)).rowcount:
                db.execute("UPDATE totals SET stats = ? WHERE id = 1",
                           (self._totals_to_change(db).plus(stats).to_json(),))
        return True

    def refresh_statistics(self) -> DocumentTotals:
        """Bring statistics stored by reviewer 0.1 up to date and sum the totals afresh.

        The MT's statistics are rewritten; revisions cannot be, so an old head revision's
        statistics are recomputed here for the sums (``add_revision`` does the same when
        it replaces them).
        """
        with self._write() as db:
            totals = DocumentTotals()
            rows = db.execute(
                f"SELECT s.id, s.mt, s.reference, s.mt_stats, r.text, {STATS} FROM segments s "
                "LEFT JOIN revisions r ON r.id = s.head_revision " + LATE
                + "WHERE s.position >= 0 ORDER BY s.position").fetchall()
            for segment_id, mt, reference, mt_json, text, revision_json in rows:
                mt_stats = SegmentStats.from_json(mt_json)
                if not mt_stats.complete:
                    mt_stats = identity_stats(mt, reference)
                    db.execute("UPDATE segments SET mt_stats = ? WHERE id = ?",
                               (mt_stats.to_json(), segment_id))
                if text is not None and revision_json is None:
                    continue  # pending: the totals leave it out until its statistics come
                head = mt_stats if text is None else SegmentStats.from_json(revision_json)
                if not head.complete:
                    head = segment_stats(mt, text, reference, mt_stats.mt_reference)
                totals = totals.plus(head)
            db.execute("UPDATE totals SET stats = ? WHERE id = 1", (totals.to_json(),))
        return totals
