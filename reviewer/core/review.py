"""A reviewer's pass: where each segment stands after review, and how far the reviewer
changed the editor's text.

The reviewer edit distance is measured like HTER: TER with the editor's last text as the
hypothesis and the reviewer's as the reference, per segment and for the document from the
summed edits and reference words (as sacrebleu's ``corpus_score`` sums them).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from reviewer.core.scoring import reference_stats
from reviewer.core.status import SegmentStatus
from reviewer.core.tags import plain_text

EDITOR = "editor"
REVIEWER = "reviewer"
ROLES = (EDITOR, REVIEWER)


class ReviewState(str, Enum):
    """How the review left a segment."""

    def __str__(self) -> str:
        return self.value

    ACCEPTED = "accepted"  # reviewed with the editor's text
    EDITED = "edited"  # reviewed with the reviewer's own text
    REJECTED = "rejected"  # sent back to the editor
    NOT_REVIEWED = "not reviewed"


@dataclass(frozen=True)
class SegmentReview:
    """One segment's review: its state and, once reviewed, the reviewer's TER edits."""

    position: int
    state: ReviewState
    edits: float = 0.0  # TER edits from the editor's text to the reviewer's
    words: float = 0.0  # the reviewer's text's words (TER's reference length)

    @property
    def ter(self) -> float | None:
        """The segment's reviewer TER (None unless accepted or edited by the reviewer)."""
        if self.state not in (ReviewState.ACCEPTED, ReviewState.EDITED):
            return None
        return ter_score(self.edits, self.words)


@dataclass(frozen=True)
class ReviewOutcome:
    """The review of a document: counts by state and the reviewer edit distance."""

    segments: tuple[SegmentReview, ...]

    def count(self, state: ReviewState) -> int:
        """How many segments the review left in ``state``."""
        return sum(segment.state == state for segment in self.segments)

    @property
    def accepted(self) -> int:
        return self.count(ReviewState.ACCEPTED)

    @property
    def edited(self) -> int:
        return self.count(ReviewState.EDITED)

    @property
    def rejected(self) -> int:
        return self.count(ReviewState.REJECTED)

    @property
    def not_reviewed(self) -> int:
        return self.count(ReviewState.NOT_REVIEWED)

    @property
    def ter(self) -> float | None:
        """Document reviewer TER over the reviewed segments (None when none is)."""
        reviewed = [s for s in self.segments if s.ter is not None]
        if not reviewed:
            return None
        return ter_score(sum(s.edits for s in reviewed), sum(s.words for s in reviewed))

    def to_json(self) -> dict[str, object]:
        """The outcome as ``reviewer review --json`` and the report show it."""
        return {"accepted": self.accepted, "edited": self.edited, "rejected": self.rejected,
                "not_reviewed": self.not_reviewed, "reviewer_ter": self.ter,
                "segments": [{"segment": s.position + 1, "state": s.state.value,
                              "reviewer_ter": s.ter} for s in self.segments]}


def ter_score(edits: float, words: float) -> float:
    """TER in percent from summed statistics, by sacrebleu's rule for an empty reference."""
    if words > 0:
        return 100.0 * edits / words
    return 100.0 if edits > 0 else 0.0


def review_state(status: str, text: str, editor_text: str) -> ReviewState:
    """A segment's review state from its status and text and the editor's last text."""
    if status == SegmentStatus.REJECTED:
        return ReviewState.REJECTED
    if status != SegmentStatus.REVIEWED:
        return ReviewState.NOT_REVIEWED
    return ReviewState.ACCEPTED if text == editor_text else ReviewState.EDITED


def segment_review(position: int, status: str, text: str, editor_text: str) -> SegmentReview:
    """One segment's review, with TER's statistics once it is reviewed."""
    state = review_state(status, text, editor_text)
    if state not in (ReviewState.ACCEPTED, ReviewState.EDITED):
        return SegmentReview(position, state)
    edits, words = reference_stats(plain_text(editor_text), plain_text(text)).ter[:2]
    return SegmentReview(position, state, float(edits), float(words))
