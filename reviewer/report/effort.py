"""Editing effort per segment and for the document: time, words, time per word, outliers."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentEffort:
    """One segment's words, editing time and HTER."""

    position: int
    words: int
    editing_ms: int
    hter: float

    @property
    def seconds_per_word(self) -> float:
        """Editing seconds per word (0 for a segment without words)."""
        return self.editing_ms / 1000 / self.words if self.words else 0.0


@dataclass(frozen=True)
class EffortSummary:
    """The document's effort and the segments whose time per word is an outlier.

    An outlier takes more than Q3 + 1.5 × IQR seconds per word, the quartiles taken over
    the segments that took any editing time (Tukey's fence; ``limit`` is None with fewer
    than four such segments, and then nothing is an outlier).
    """

    segments: tuple[SegmentEffort, ...]
    words: int
    editing_ms: int
    timed: tuple[SegmentEffort, ...]  # segments with editing time
    limit: float | None
    outliers: tuple[SegmentEffort, ...]

    @property
    def seconds_per_word(self) -> float:
        """Editing seconds per word of the whole document."""
        return self.editing_ms / 1000 / self.words if self.words else 0.0


def word_count(text: str) -> int:
    """Whitespace-separated words, as the MQM evaluation word count counts them."""
    return len(text.split())


def outlier_limit(values: Sequence[float]) -> float | None:
    """Q3 + 1.5 × IQR of ``values`` (None with fewer than four)."""
    if len(values) < 4:
        return None
    q1, _median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q3 + 1.5 * (q3 - q1)


def summarise(segments: Sequence[SegmentEffort]) -> EffortSummary:
    """The document's totals and outliers from its segments' effort."""
    timed = tuple(s for s in segments if s.editing_ms > 0 and s.words > 0)
    limit = outlier_limit([s.seconds_per_word for s in timed])
    outliers = () if limit is None else tuple(s for s in timed if s.seconds_per_word > limit)
    return EffortSummary(segments=tuple(segments), words=sum(s.words for s in segments),
                         editing_ms=sum(s.editing_ms for s in segments), timed=timed,
                         limit=limit, outliers=outliers)
