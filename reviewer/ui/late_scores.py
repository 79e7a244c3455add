"""Scores of revisions saved before they were known: computed in the background, stored
and shown when they come."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats
from reviewer.ui.commands import SAVE_ERRORS

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class LateScores:
    """Hands pending revisions to the scorer and stores what it computes.

    While a batch is being written (the store is busy off the GUI thread) arrivals wait
    and are stored once it is done.
    """

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._late: dict[int, tuple[int, str]] = {}  # revision id: position, text
        self._waiting: list[tuple[int, str, SegmentStats, Scores]] = []
        window.scorer.late_scored.connect(self._on_scorer_late_scored)

    def reset(self) -> None:
        """Another project: forget what was pending in the last one."""
        self._late = {}
        self._waiting = []
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
