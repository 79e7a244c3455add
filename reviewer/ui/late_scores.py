"""Scores of revisions saved before they were known: computed in the background, stored
and shown when they come."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats
from reviewer.store.records import PendingRevision
from reviewer.ui.commands import SAVE_ERRORS
from reviewer.ui.late_batches import LateBatches

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

BULK_MIN = 100  # this many pending or more (an import's post-edits) are scored in bulk

Arrival = tuple[PendingRevision, SegmentStats, Scores]


class LateScores(QObject):
    """Hands pending revisions to the scorer and stores what it computes.

    While a batch is being written (the store is busy off the GUI thread) arrivals wait
    and are stored once it is done. Many at once (``BULK_MIN``) are scored by
    ``LateBatches`` with every core and stored a batch at a time, with progress on the
    status line; the document scores stay 'pending' until the last one is stored.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._late: dict[int, tuple[int, str]] = {}  # revision id: position, text
        self._waiting: list[tuple[int, str, SegmentStats, Scores]] = []
        self._batches_waiting: list[list[Arrival]] = []
        self._progress = (0, 0)
        self.bulk = LateBatches(self)
        self.bulk.arrived.connect(self._on_bulk_arrived)
        self.bulk.ended.connect(self._on_bulk_ended)
        window.scorer.late_scored.connect(self._on_scorer_late_scored)
        window.installEventFilter(self)  # the window closing stops the bulk scoring

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Stop scoring in bulk when the window closes."""
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.bulk.stop()
        return False

    def reset(self) -> None:
        """Another project: forget what was pending in the last one."""
        self._late = {}
        self._waiting = []
        self._batches_waiting = []
        self.bulk.stop()
        self._window.scorer.forget_all_late()

    def score_pending(self) -> None:
        """Have the scorer compute every revision saved with its scores pending."""
        window = self._window
        if window.session.read_only:
            return
        try:
            waiting = window.session.pending_revisions()
        except ReviewerError as error:
            window.statusBar().showMessage(f"Pending scores not computed: {error}", 8000)
            return
        waiting = [item for item in waiting if item.id not in self.bulk.revisions]
        if len(waiting) >= BULK_MIN:
            self._start_bulk(waiting)
            return
        for item in waiting:
            if item.id not in self._late:
                self._late[item.id] = (item.position, item.text)
                window.scorer.score_late(item.id, item.mt, item.text, item.reference,
                                         item.mt_reference)

    def live_scored(self, position: int, text: str, stats: SegmentStats,
                    scores: Scores) -> None:
        """Typed, confirmed, then scored live: a revision waiting for these needs no more."""
        for revision_id, late in list(self._late.items()):
            if late == (position, text):
                self._on_scorer_late_scored(revision_id, text, stats, scores)

    def store_waiting(self) -> None:
        """Store what arrived while the store was busy."""
        waiting, self._waiting = self._waiting, []
        for arrival in waiting:
            self._on_scorer_late_scored(*arrival)
        batches, self._batches_waiting = self._batches_waiting, []
        for batch in batches:
            self._store_batch(batch)
        if batches and not self.bulk.running:
            self._bulk_done()

    def _start_bulk(self, pending: list[PendingRevision]) -> None:
        for item in pending:  # the scorer's late worker no longer needs to score these
            if self._late.pop(item.id, None) is not None:
                self._window.scorer.forget_late(item.id)
        self._progress = (0, len(pending))
        self._show_progress()
        self.bulk.start(pending)

    def _show_progress(self) -> None:
        done, total = self._progress
        self._window.statusBar().showMessage(
            f"Scoring {total:,} post-edits in the background: {done:,} done (the document "
            "scores show once all are)")

    def _on_bulk_arrived(self, generation: int, batch: list[Arrival], done: int,
                         total: int) -> None:
        if generation != self.bulk.generation:
            return  # a run stopped since (another project)
        self._progress = (done, total)
        if self._window.tasks.busy:
            self._batches_waiting.append(batch)
            return
        self._store_batch(batch)

    def _store_batch(self, batch: list[Arrival]) -> None:
        window = self._window
        try:
            records = window.session.store_late_batch(batch)
            summary = window.session.summary()
        except SAVE_ERRORS as error:  # still pending: computed again on the next opening
            window.statusBar().showMessage(f"Scores not saved: {error}", 8000)
            return
        for record in records:
            window.model.update_scores(record)
        window.show_summary(summary)
        if self.bulk.running or self._batches_waiting:
            self._show_progress()
        position = window.editor.position
        if any(record.position == position for record in records):
            segment = window.session.segment(position)
            if window.editor.text() == segment.text:
                window.editor.show_scores(segment, live=False,
                                          details=window.session.segment_details(position))
            window.history.show_revisions(position, window.session.history(position),
                                          segment.mt)

    def _on_bulk_ended(self, generation: int, error: str) -> None:
        if generation != self.bulk.generation:
            return
        window = self._window
        if error:
            window.statusBar().showMessage(f"Pending scores not computed: {error}", 8000)
            return
        if not self._batches_waiting:  # else done once the store is free
            self._bulk_done()

    def _bulk_done(self) -> None:
        window = self._window
        window.statusBar().showMessage("Every post-edit scored", 5000)
        window.timeline.show_history(window.session.history(), window.session.versions(),
                                     window.model.rowCount())

    def _on_scorer_late_scored(self, revision_id: int, text: str, stats: SegmentStats,
                               scores: Scores) -> None:
        window = self._window
        if window.tasks.busy:
            self._waiting.append((revision_id, text, stats, scores))
            return
        late = self._late.pop(revision_id, None)
        window.scorer.forget_late(revision_id)
        if late is None:
            return
        position = late[0]
        try:
            window.session.add_late_stats(revision_id, text, stats, scores)
            segment = window.session.segment(position)
            summary = window.session.summary()
        except SAVE_ERRORS as error:  # still pending: computed again on the next opening
            window.statusBar().showMessage(
                f"Scores of segment {position + 1} not saved: {error}", 8000)
            return
        window.model.update_scores(segment)
        window.show_summary(summary)
        revisions = window.session.history(position)
        for revision in revisions:
            if revision.id == revision_id:
                window.timeline.replace_revision(revision)
        if window.editor.position == position:
            if window.editor.text() == segment.text:
                window.editor.show_scores(segment, live=False,
                                          details=window.session.segment_details(position))
            window.history.show_revisions(position, revisions, segment.mt)
