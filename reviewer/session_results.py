"""What the review session's operations return: document numbers and what an edit,
a batch, a split or a merge wrote."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.changes import Batch, Change
from reviewer.core.scoring import ScoreDetails, Scores, SegmentStats, sentence_scores
from reviewer.core.tags import TagProblem
from reviewer.store.project import RevisionRecord, SegmentRecord, SegmentState

UNKNOWN_SCORES = Scores(float("nan"), float("nan"), float("nan"))  # still being computed


def state_scores(state: SegmentState) -> Scores:
    """A segment state's sentence scores (NaN while its statistics are pending)."""
    if state.stats is None:
        return UNKNOWN_SCORES
    return sentence_scores(SegmentStats.from_json(state.stats))


@dataclass(frozen=True)
class DocumentSummary:
    """Document scores and progress, as the status bar and ``score`` show them.

    While ``pending`` segments still wait for their statistics the document scores are
    unknown: ``scores`` reads NaN and ``details`` None, never a number that looks right.
    """

    scores: Scores
    segments: int
    edited: int
    confirmed: int
    details: ScoreDetails | None = None  # edit breakdown, character distance, reference
    pending: int = 0


@dataclass(frozen=True)
class EditResult:
    """What one edit changed: the segment, its new revision and the new document numbers."""

    segment: SegmentRecord
    revision: RevisionRecord | None
    summary: DocumentSummary
    tag_problems: tuple[TagProblem, ...] = ()  # saved anyway; the editor is told
    change: Change | None = None  # what undo and redo write (None: nothing was saved)


@dataclass(frozen=True)
class BatchResult:
    """What a batch wrote: the batch (to undo or redo), its segments as now stored, the
    new revisions and the new document numbers."""

    batch: Batch
    segments: tuple[SegmentRecord, ...]
    revisions: tuple[RevisionRecord, ...]
    summary: DocumentSummary


@dataclass(frozen=True)
class RestructureResult:
    """What a split or a merge made: the segments now in place and the document numbers."""

    positions: tuple[int, ...]
    segments: tuple[SegmentRecord, ...]
    summary: DocumentSummary
