"""Edit scores from sacrebleu's own sufficient statistics.

The MT is the hypothesis and the correction the reference, so TER is HTER. Each
segment keeps its statistics; document scores are computed from their sums, which
equals sacrebleu's ``corpus_score`` exactly (the statistics are whole numbers).
The statistics methods are private to sacrebleu, hence the pinned version range
and the tests that compare against ``corpus_score``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

_TER = TER()
_BLEU_CORPUS = BLEU()
_BLEU_SENTENCE = BLEU(effective_order=True)
_CHRF = CHRF()
for _metric in (_TER, _BLEU_CORPUS, _BLEU_SENTENCE, _CHRF):
    _metric.num_refs = 1  # one correction per segment; sacrebleu's signature needs it


@dataclass(frozen=True)
class SegmentStats:
    """Sufficient statistics of one segment for TER, BLEU and chrF."""

    ter: tuple[float, ...]
    bleu: tuple[int, ...]
    chrf: tuple[int, ...]

    def to_json(self) -> str:
        """Compact JSON for the project file."""
        return json.dumps([list(self.ter), list(self.bleu), list(self.chrf)], separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SegmentStats:
        """Read what ``to_json`` wrote."""
        ter, bleu, chrf = json.loads(text)
        return cls(tuple(float(x) for x in ter), tuple(int(x) for x in bleu),
                   tuple(int(x) for x in chrf))


@dataclass(frozen=True)
class Scores:
    """HTER, BLEU and chrF on sacrebleu's 0-100 scale (TER may exceed 100)."""

    hter: float
    bleu: float
    chrf: float


def _stats(metric: Any, hypothesis: str, reference: str) -> list[Any]:
    stats = metric._extract_corpus_statistics([hypothesis], [[reference]])
    return list(stats[0])


def segment_stats(mt: str, correction: str) -> SegmentStats:
    """Statistics of the MT (hypothesis) against its correction (reference)."""
    if mt == correction:
        return identity_stats(mt)
    return SegmentStats(
        ter=tuple(float(x) for x in _stats(_TER, mt, correction)),
        bleu=tuple(int(x) for x in _stats(_BLEU_CORPUS, mt, correction)),
        chrf=tuple(int(x) for x in _stats(_CHRF, mt, correction)),
    )


def identity_stats(text: str) -> SegmentStats:
    """Statistics of an unedited segment; TER is zero edits, so it is not run."""
    ref_len = float(len(_TER._preprocess_segment(text).split()))
    return SegmentStats(
        ter=(0.0, ref_len),
        bleu=tuple(int(x) for x in _stats(_BLEU_CORPUS, text, text)),
        chrf=tuple(int(x) for x in _stats(_CHRF, text, text)),
    )


def sentence_scores(stats: SegmentStats) -> Scores:
    """Sentence-level scores, BLEU with ``effective_order=True``."""
    return Scores(
        hter=float(_TER._compute_score_from_stats(list(stats.ter)).score),
        bleu=float(_BLEU_SENTENCE._compute_score_from_stats(list(stats.bleu)).score),
        chrf=float(_CHRF._compute_score_from_stats(list(stats.chrf)).score),
    )


def score_segment(mt: str, correction: str) -> tuple[SegmentStats, Scores]:
    """Statistics and sentence scores in one call (what a scoring worker runs)."""
    stats = segment_stats(mt, correction)
    return stats, sentence_scores(stats)


def _add(a: tuple[Any, ...], b: tuple[Any, ...], sign: int) -> tuple[Any, ...]:
    if not a:
        return tuple(sign * x for x in b)
    return tuple(x + sign * y for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class DocumentTotals:
    """Summed statistics of all segments; an edit swaps one segment's share in O(1)."""

    ter: tuple[float, ...] = ()
    bleu: tuple[int, ...] = ()
    chrf: tuple[int, ...] = ()
    segments: int = 0

    def plus(self, stats: SegmentStats) -> DocumentTotals:
        """Totals with one more segment."""
        return DocumentTotals(_add(self.ter, stats.ter, 1), _add(self.bleu, stats.bleu, 1),
                              _add(self.chrf, stats.chrf, 1), self.segments + 1)

    def minus(self, stats: SegmentStats) -> DocumentTotals:
        """Totals without one segment."""
        return DocumentTotals(_add(self.ter, stats.ter, -1), _add(self.bleu, stats.bleu, -1),
                              _add(self.chrf, stats.chrf, -1), self.segments - 1)

    def replace(self, old: SegmentStats, new: SegmentStats) -> DocumentTotals:
        """Totals after one segment's statistics changed from ``old`` to ``new``."""
        return self.minus(old).plus(new)

    def scores(self) -> Scores:
        """Corpus scores with sacrebleu's default settings."""
        if self.segments == 0:
            return Scores(0.0, 0.0, 0.0)
        return Scores(
            hter=float(_TER._compute_score_from_stats(list(self.ter)).score),
            bleu=float(_BLEU_CORPUS._compute_score_from_stats(list(self.bleu)).score),
            chrf=float(_CHRF._compute_score_from_stats(list(self.chrf)).score),
        )

    def to_json(self) -> str:
        """Compact JSON for the project file."""
        return json.dumps({"ter": list(self.ter), "bleu": list(self.bleu),
                           "chrf": list(self.chrf), "segments": self.segments},
                          separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> DocumentTotals:
        """Read what ``to_json`` wrote."""
        data = json.loads(text)
        return cls(tuple(float(x) for x in data["ter"]), tuple(int(x) for x in data["bleu"]),
                   tuple(int(x) for x in data["chrf"]), int(data["segments"]))


def signatures() -> dict[str, str]:
    """sacrebleu signatures that make the document numbers reproducible."""
    return {
        "hter": str(_TER.get_signature()),
        "bleu": str(_BLEU_CORPUS.get_signature()),
        "chrf": str(_CHRF.get_signature()),
    }
