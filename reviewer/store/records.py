"""What the project store hands out and takes in: segments, revisions, drafts, versions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reviewer.core.scoring import MetricStats, Scores, SegmentStats


@dataclass(frozen=True)
class NewSegment:
    """A segment as it enters a new project."""

    mt: str
    source: str | None
    reference: str | None
    gap_before: str
    mt_stats: SegmentStats
    mt_scores: Scores
    # an existing post-edit; its statistics None: saved pending, computed after the import
    correction: tuple[str, SegmentStats | None, Scores | None] | None = None
    meta: str | None = None  # JSON a format needs to write the segment back


@dataclass(frozen=True)
class SegmentRecord:
    """A segment with its current text (the head revision's, else the MT)."""

    id: int
    position: int
    source: str | None
    mt: str
    reference: str | None
    text: str
    status: str
    revisions: int
    hter: float  # NaN while ``pending``
    bleu: float
    chrf: float
    pending: bool = False  # its scores are still being computed


@dataclass(frozen=True)
class RevisionRecord:
    """One stored revision of one segment."""

    id: int
    segment_id: int
    position: int
    number: int
    text: str
    author: str
    created_at: str
    editing_ms: int
    status: str
    hter: float
    bleu: float
    chrf: float
    keys_insert: int = 0
    keys_delete: int = 0
    keys_navigate: int = 0
    pending: bool = False  # its scores are still being computed (they read NaN)
    note: str | None = None  # e.g. "split from segment 5 (revision 2)"
    role: str = "editor"  # who made it: the editor, or a reviewer (accept, reject, edit)


@dataclass(frozen=True)
class NewRevision:
    """A revision to append (``add_revisions`` appends many in one transaction)."""

    position: int
    text: str
    stats: SegmentStats | None  # None: saved with its statistics pending
    scores: Scores | None  # None with statistics: computed from them here
    author: str
    status: str
    editing_ms: int = 0
    keystrokes: tuple[int, int, int] = (0, 0, 0)
    role: str = "editor"  # or "reviewer": a reviewer's accept, reject or edit


@dataclass(frozen=True)
class PendingRevision:
    """A revision whose statistics are still to be computed, and what they need."""

    id: int
    position: int
    mt: str
    text: str
    reference: str | None
    mt_reference: MetricStats | None  # the MT against the reference, already known
    head: bool  # the segment's current text: the document totals wait for it


@dataclass(frozen=True)
class DraftRecord:
    """Typed but unconfirmed text of a segment, kept so a crash loses nothing."""

    position: int
    text: str
    author: str
    updated_at: str
    editing_ms: int
    keystrokes: tuple[int, int, int] | None = None  # insert, delete, navigate; None: unknown


@dataclass(frozen=True)
class VersionRecord:
    """A labelled state of the document: every segment as of revision ``last_revision``."""

    id: int
    label: str
    created_at: str
    author: str
    last_revision: int


@dataclass(frozen=True)
class SegmentState:
    """A segment's text, status and statistics as of some point in history."""

    position: int
    mt: str
    text: str
    status: str
    stats: str | None  # JSON; None while the revision's statistics are pending


_NAN = float("nan")


def _score(value: Any) -> float:
    """A score read from a row; NULL (pending) reads NaN, never a number that looks real."""
    return _NAN if value is None else float(value)


def segment_record(row: Any) -> SegmentRecord:
    """A segment from a row of ``SEGMENT_SELECT``."""
    fields: list[Any] = [*row[:8], *(_score(value) for value in row[8:11]), bool(row[11])]
    return SegmentRecord(*fields)


def revision_record(row: Any) -> RevisionRecord:
    """A revision from a row of ``REVISION_SELECT``."""
    fields: list[Any] = [*row[:9], *(_score(value) for value in row[9:12]), *row[12:15],
                         bool(row[15]), row[16], row[17]]
    return RevisionRecord(*fields)
