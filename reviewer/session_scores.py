"""Scores of an open project: the document summary, each segment's details, and the
statistics still pending (computed later, within a time budget)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reviewer.core.mqm import MqmScore, MqmSettings, mqm_score
from reviewer.core.scoring import (
    DocumentTotals,
    ScoreDetails,
    Scores,
    SegmentStats,
    score_segment,
    sentence_details,
    signatures,
)
from reviewer.core.status import SegmentStatus
from reviewer.score_rows import ScoreRow, SegmentMqm, score_rows
from reviewer.session_reading import SessionReading
from reviewer.session_results import UNKNOWN_SCORES, DocumentSummary
from reviewer.store.project import PendingRevision


class SessionScores(SessionReading):
    """Document and segment scores, and the statistics still to compute."""

    if TYPE_CHECKING:
        def mqm_settings(self) -> MqmSettings: ...

    def summary(self) -> DocumentSummary:
        """Document scores (equal to sacrebleu's corpus scores) and progress counts; the
        scores are unknown (NaN) while any segment's statistics are pending."""
        counts = self._store.counts()
        pending = self._store.pending_count()
        details = None if pending else self._store.totals().details()
        return DocumentSummary(
            scores=UNKNOWN_SCORES if details is None else details.scores,
            segments=counts["segments"],
            edited=counts["changed"],
            # a reviewed segment was confirmed, then accepted (or edited) by a reviewer
            confirmed=counts.get(f"status:{SegmentStatus.CONFIRMED}", 0)
            + counts.get(f"status:{SegmentStatus.REVIEWED}", 0),
            details=details,
            pending=pending,
        )

    def segment_details(self, position: int) -> ScoreDetails | None:
        """Every view of one segment's effort: scores, edit breakdown, character distance,
        and against the reference if there is one (None while they are pending)."""
        stats = self._store.head_stats(position)
        if stats is not None and not stats.complete:  # stored by reviewer 0.1
            segment = self._store.segment(position)
            stats = score_segment(segment.mt, segment.text, segment.reference)[0]
        return None if stats is None else sentence_details(stats)

    def all_details(self) -> list[ScoreDetails | None]:
        """Each segment's ``segment_details``, in document order."""
        stats = self._store.all_head_stats()
        if not all(item is None or item.complete for item in stats):  # stored by reviewer 0.1
            for segment in self._store.segments():
                item = stats[segment.position]
                if item is not None and not item.complete:
                    stats[segment.position] = score_segment(segment.mt, segment.text,
                                                            segment.reference)[0]
        return [None if item is None else sentence_details(item) for item in stats]

    def score_rows(self) -> Iterator[ScoreRow]:
        """Every segment's scores and ``segment_details``, in document order, streamed
        (what ``score`` shows; equal to ``segments`` and ``all_details``)."""
        return score_rows(self._store.score_rows())

    def evaluation_words(self) -> array[int]:
        """Every segment's MQM evaluation word count, in document order."""
        # evaluation_words inline: a million calls of it would take a second
        return array("q", [len((mt if source is None else source).split())
                           for source, mt in self._store.evaluation_texts()])

    def mqm_scores(self, words: array[int]) -> tuple[MqmScore, SegmentMqm]:
        """The document's MQM score over ``words`` (``evaluation_words``) and each
        segment's (equal to ``mqm_score()`` and ``segment_mqm_scores()``)."""
        settings = self.mqm_settings()
        annotations = self._store.annotations()
        return (mqm_score(annotations, sum(words), settings),
                SegmentMqm(annotations, settings))

    def pending_revisions(self) -> list[PendingRevision]:
        """Revisions whose statistics are still to be computed (current texts first)."""
        return self._store.pending_revisions()

    def add_late_stats(self, revision_id: int, text: str, stats: SegmentStats,
                       scores: Scores) -> bool:
        """Store statistics computed later for a revision saved with them pending (and add
        them to the document totals if it is still current); False if not needed."""
        return self._store.add_late_stats(revision_id, text, stats, scores)

    def score_pending(self, budget: float | None = None) -> int:
        """Compute pending statistics here (each within ``budget`` seconds; None: no limit);
        returns how many are still pending."""
        for pending in self._store.pending_revisions():
            if budget is None:
                scored: tuple[SegmentStats, Scores] | None = score_segment(
                    pending.mt, pending.text, pending.reference, pending.mt_reference)
            else:
                scored = self._scorer.score(pending.mt, pending.text, pending.reference,
                                            pending.mt_reference, budget)
            if scored is not None:
                self._store.add_late_stats(pending.id, pending.text, *scored)
        return len(self._store.pending_revisions())

    def totals(self) -> DocumentTotals:
        """The summed statistics behind the document scores."""
        return self._store.totals()

    @staticmethod
    def signatures() -> dict[str, str]:
        """sacrebleu signatures of the document scores."""
        return signatures()
