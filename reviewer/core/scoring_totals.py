"""A document's scores: the sums of its segments' statistics, updated one edit at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from reviewer.core.scoring_stats import corpus_from_stats
from reviewer.core.scoring_types import (
    NO_EDITS,
    MetricStats,
    ScoreDetails,
    Scores,
    SegmentStats,
    TerEdits,
    char_ratio,
)


def _add(a: tuple[Any, ...], b: tuple[Any, ...], sign: int) -> tuple[Any, ...]:
    if not a:
        return tuple(sign * x for x in b)
    if not b:
        return a
    return tuple(x + sign * y for x, y in zip(a, b, strict=True))


def _add_metrics(a: MetricStats, b: MetricStats, sign: int) -> MetricStats:
    return MetricStats(_add(a.ter, b.ter, sign), _add(a.bleu, b.bleu, sign),
                       _add(a.chrf, b.chrf, sign))


_NO_METRICS = MetricStats((), (), ())


@dataclass(frozen=True)
class DocumentTotals:
    """Summed statistics of all segments; an edit swaps one segment's share in O(1).

    The reference sums cover the ``referenced`` segments that have a reference.
    """

    ter: tuple[float, ...] = ()
    bleu: tuple[int, ...] = ()
    chrf: tuple[int, ...] = ()
    segments: int = 0
    edits: TerEdits = NO_EDITS
    chars: tuple[int, int] = (0, 0)
    referenced: int = 0
    reference: MetricStats = _NO_METRICS
    mt_reference: MetricStats = _NO_METRICS
    complete: bool = True

    def _step(self, stats: SegmentStats, sign: int) -> DocumentTotals:
        reference, mt_reference, referenced = self.reference, self.mt_reference, self.referenced
        if stats.reference is not None and stats.mt_reference is not None:
            reference = _add_metrics(reference, stats.reference, sign)
            mt_reference = _add_metrics(mt_reference, stats.mt_reference, sign)
            referenced += sign
        return DocumentTotals(
            _add(self.ter, stats.ter, sign), _add(self.bleu, stats.bleu, sign),
            _add(self.chrf, stats.chrf, sign), self.segments + sign,
            TerEdits(*_add(self.edits, stats.edits, sign)),
            (self.chars[0] + sign * stats.chars[0], self.chars[1] + sign * stats.chars[1]),
            referenced, reference, mt_reference, self.complete and stats.complete,
        )

    def plus(self, stats: SegmentStats) -> DocumentTotals:
        """Totals with one more segment."""
        return self._step(stats, 1)

    def minus(self, stats: SegmentStats) -> DocumentTotals:
        """Totals without one segment."""
        return self._step(stats, -1)

    def combined(self, change: DocumentTotals) -> DocumentTotals:
        """These totals with ``change`` (what some edits added and took away) applied."""
        return DocumentTotals(
            _add(self.ter, change.ter, 1), _add(self.bleu, change.bleu, 1),
            _add(self.chrf, change.chrf, 1), self.segments + change.segments,
            TerEdits(*_add(self.edits, change.edits, 1)),
            (self.chars[0] + change.chars[0], self.chars[1] + change.chars[1]),
            self.referenced + change.referenced,
            _add_metrics(self.reference, change.reference, 1),
            _add_metrics(self.mt_reference, change.mt_reference, 1),
            self.complete and change.complete,
        )

    def replace(self, old: SegmentStats, new: SegmentStats) -> DocumentTotals:
        """Totals after one segment's statistics changed from ``old`` to ``new``."""
        return self.minus(old).plus(new)

    def scores(self) -> Scores:
        """Corpus scores with sacrebleu's default settings."""
        if self.segments == 0:
            return Scores(0.0, 0.0, 0.0)
        return corpus_from_stats(MetricStats(self.ter, self.bleu, self.chrf))

    def details(self) -> ScoreDetails:
        """Every view of the document's effort (corpus-level scores)."""
        with_reference = self.referenced > 0
        return ScoreDetails(
            self.scores(), char_ratio(*self.chars), self.edits,
            corpus_from_stats(self.mt_reference) if with_reference else None,
            corpus_from_stats(self.reference) if with_reference else None,
            self.complete,
        )

    def to_json(self) -> str:
        """Compact JSON for the project file."""
        data: dict[str, Any] = {"ter": list(self.ter), "bleu": list(self.bleu),
                                "chrf": list(self.chrf), "segments": self.segments,
                                "edits": list(self.edits), "chars": list(self.chars),
                                "complete": self.complete}
        if self.referenced:
            data["referenced"] = self.referenced
            data["ref"] = self.reference.to_data()
            data["mt_ref"] = self.mt_reference.to_data()
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> DocumentTotals:
        """Read what ``to_json`` wrote (an older reviewer's totals read as incomplete)."""
        data = json.loads(text)
        referenced = int(data.get("referenced", 0))
        distance, length = data.get("chars", (0, 0))
        return cls(
            tuple(float(x) for x in data["ter"]), tuple(int(x) for x in data["bleu"]),
            tuple(int(x) for x in data["chrf"]), int(data["segments"]),
            TerEdits(*(int(x) for x in data.get("edits", NO_EDITS))),
            (int(distance), int(length)), referenced,
            MetricStats.from_data(data["ref"]) if referenced else _NO_METRICS,
            MetricStats.from_data(data["mt_ref"]) if referenced else _NO_METRICS,
            bool(data.get("complete", False)),
        )



class TotalsSum:
    """Many segments' statistics summed at once: an import's thousands of unedited segments
    share few distinct statistics, each counted here and added once with its count."""

    FOLD = 50_000  # distinct statistics kept before they are summed (memory stays flat)

    def __init__(self) -> None:
        # by the object's id (hashing statistics costs more than adding them), the object
        # kept so its id stays its own; equal statistics in two objects are counted apart
        self._counts: dict[int, tuple[SegmentStats, list[int]]] = {}
        self._folded = DocumentTotals()

    def add(self, stats: SegmentStats) -> None:
        """One more segment."""
        counted = self._counts.get(id(stats))
        if counted is None:
            if len(self._counts) >= self.FOLD:
                self._folded = self.totals()
                self._counts.clear()
            self._counts[id(stats)] = (stats, [1])
        else:
            counted[1][0] += 1

    def totals(self, start: DocumentTotals | None = None) -> DocumentTotals:
        """``start`` (none: empty) plus every segment added, equal to adding them one by one
        (whole numbers: the order of the additions makes no difference)."""
        totals = self._folded if start is None else _merge(start, self._folded)
        if not self._counts:
            return totals
        sums: list[list[Any]] = [[] for _ in range(11)]
        segments = referenced = 0
        complete = True
        for stats, (count,) in self._counts.values():
            segments += count
            complete = complete and stats.complete
            parts: tuple[tuple[Any, ...], ...] = (stats.ter, stats.bleu, stats.chrf,
                                                  stats.edits, stats.chars)
            if stats.reference is not None and stats.mt_reference is not None:
                referenced += count
                parts += (stats.reference.ter, stats.reference.bleu, stats.reference.chrf,
                          stats.mt_reference.ter, stats.mt_reference.bleu,
                          stats.mt_reference.chrf)
            for summed, part in zip(sums, parts, strict=False):
                if not summed:
                    summed.extend(count * x for x in part)
                else:
                    for place, x in enumerate(part):
                        summed[place] += count * x
        ter, bleu, chrf, edits, chars, *with_reference = (tuple(x) for x in sums)
        reference, mt_reference = totals.reference, totals.mt_reference
        if referenced:
            reference = _add_metrics(reference, MetricStats(*with_reference[:3]), 1)
            mt_reference = _add_metrics(mt_reference, MetricStats(*with_reference[3:]), 1)
        return DocumentTotals(
            _add(totals.ter, ter, 1), _add(totals.bleu, bleu, 1), _add(totals.chrf, chrf, 1),
            totals.segments + segments, TerEdits(*_add(totals.edits, edits, 1)),
            (totals.chars[0] + chars[0], totals.chars[1] + chars[1]),
            totals.referenced + referenced, reference, mt_reference,
            totals.complete and complete)


def _merge(a: DocumentTotals, b: DocumentTotals) -> DocumentTotals:
    """The totals of two sets of segments together."""
    if not b.segments:
        return a
    if not a.segments:
        return b
    reference, mt_reference = a.reference, a.mt_reference
    if b.referenced:
        reference = _add_metrics(reference, b.reference, 1)
        mt_reference = _add_metrics(mt_reference, b.mt_reference, 1)
    return DocumentTotals(
        _add(a.ter, b.ter, 1), _add(a.bleu, b.bleu, 1), _add(a.chrf, b.chrf, 1),
        a.segments + b.segments, TerEdits(*_add(a.edits, b.edits, 1)),
        (a.chars[0] + b.chars[0], a.chars[1] + b.chars[1]), a.referenced + b.referenced,
        reference, mt_reference, a.complete and b.complete)
