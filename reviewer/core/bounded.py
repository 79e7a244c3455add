"""Scoring within a time budget: the statistics, or None for "pending, computed later".

sacrebleu's TER searches shifts with up to a thousand edit-distance computations, each
growing with the text's length, so on some inputs (many repeated words) a 40-word
segment takes half a second and a 9,990-character one many minutes. A short text is
scored right here (at most ``INLINE_MAX_WORDS`` words: under half a second even then,
milliseconds as a rule); a longer one in a ``StoppableWorker``, which is stopped when the
budget is spent.
"""

from __future__ import annotations

from reviewer.core.scoring import MetricStats, Scores, SegmentStats, score_segment
from reviewer.core.workers import StoppableWorker, WorkerTimeoutError

INLINE_MAX_WORDS = 25
BUDGET_S = 1.0  # a command must answer within 2 s: start-up, opening and exit included

Scored = tuple[SegmentStats, Scores]


def is_quick(mt: str, text: str, reference: str | None = None) -> bool:
    """Whether scoring ``text`` is sure to be quick enough to do on any thread."""
    longest = max(len(mt.split()), len(text.split()),
                  0 if reference is None else len(reference.split()))
    return longest <= INLINE_MAX_WORDS


class BoundedScorer:
    """Scores texts, each within a time budget; keeps its worker process between texts."""

    def __init__(self) -> None:
        self._worker: StoppableWorker | None = None

    def score(self, mt: str, text: str, reference: str | None,
              mt_reference: MetricStats | None, budget: float) -> Scored | None:
        """Statistics and scores, or None when they would take longer than ``budget``
        seconds (the work is stopped: whoever computes them later starts afresh)."""
        if is_quick(mt, text, reference):
            return score_segment(mt, text, reference, mt_reference)
        if budget <= 0:
            return None
        if self._worker is None:
            self._worker = StoppableWorker()
        try:
            return self._worker.call(score_segment, mt, text, reference, mt_reference,
                                     timeout=budget)
        except WorkerTimeoutError:
            return None

    def close(self) -> None:
        """Stop the worker process, if one was started."""
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
