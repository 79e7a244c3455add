"""Scores of drafts restored when a project opens, computed on the scorer's late worker so
their rows show an HTER before they are visited (never a lasting "…")."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject

from reviewer.core.scoring import Scores, SegmentStats
from reviewer.store.project import DraftRecord, SegmentRecord
from reviewer.ui.live_scorer import LiveScorer

Scored = Callable[[int, str, SegmentStats, Scores], None]  # position, text, stats, scores


def job_id(position: int) -> int:
    """The late worker's job number for a draft: negative, so never a revision's id."""
    return -position - 1


class DraftScores(QObject):
    """Hands restored drafts to the late worker and passes their scores to ``scored``
    (which keeps them only while the row still shows that text)."""

    def __init__(self, scorer: LiveScorer, scored: Scored, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scorer = scorer
        self._scored = scored
        scorer.late_scored.connect(self._on_scorer_late_scored)

    def score(self, drafts: Mapping[int, DraftRecord],
              segment: Callable[[int], SegmentRecord]) -> None:
        """Score every draft's text against its segment's MT (and reference)."""
        for position, draft in drafts.items():
            record = segment(position)
            self._scorer.score_late(job_id(position), record.mt, draft.text, record.reference)

    def _on_scorer_late_scored(self, job: int, text: str, stats: SegmentStats,
                               scores: Scores) -> None:
        if job < 0:
            self._scored(-job - 1, text, stats, scores)
