"""Compare two states of a document: which segments differ, and how."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.diff import DiffPart, word_diff
from reviewer.core.scoring import DocumentTotals, Scores, SegmentStats


@dataclass(frozen=True)
class SegmentChange:
    """A segment whose text differs between two states."""

    position: int
    old: str
    new: str
    diff: list[DiffPart]


@dataclass(frozen=True)
class Comparison:
    """The differing segments and each state's document scores."""

    old_label: str
    new_label: str
    changes: list[SegmentChange]
    old_scores: Scores
    new_scores: Scores


def document_scores(stats: list[SegmentStats]) -> Scores:
    """Corpus scores of a document state from its segments' statistics."""
    totals = DocumentTotals()
    for item in stats:
        totals = totals.plus(item)
    return totals.scores()


def compare_states(old_label: str, old: list[tuple[str, SegmentStats]],
                   new_label: str, new: list[tuple[str, SegmentStats]]) -> Comparison:
    """Compare two states given as (text, statistics) per segment, in document order."""
    changes = [
        SegmentChange(position, old_text, new_text, word_diff(old_text, new_text))
        for position, ((old_text, _), (new_text, _)) in enumerate(zip(old, new, strict=True))
        if old_text != new_text
    ]
    return Comparison(old_label, new_label, changes,
                      document_scores([stats for _, stats in old]),
                      document_scores([stats for _, stats in new]))
