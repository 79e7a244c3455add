"""Edit scores from sacrebleu's own sufficient statistics.

The MT is the hypothesis and the correction the reference, so TER is HTER. Each
segment keeps its statistics; document scores are computed from their sums, which
equals sacrebleu's ``corpus_score`` exactly (the statistics are whole numbers).

Besides HTER, BLEU and chrF a segment keeps further views of the editing effort, all of
them sums too, so the document figures are as cheap as the scores:

- TER's edit breakdown (insertions, deletions, substitutions, shifts), taken from the
  very alignment sacrebleu's TER finds (see ``scoring_stats._ter_with_edits``), so the
  four add up to sacrebleu's edit count;
- the character edit distance (Levenshtein, with rapidfuzz) and the longer text's
  length, whose ratio is the normalised distance;
- with a reference translation, the correction-vs-reference and MT-vs-reference
  statistics of all three metrics (the reference is the reference there, the MT or the
  correction the hypothesis).

The work is shared by ``scoring_types`` (the statistics and score records),
``scoring_stats`` (sacrebleu's statistics, the one user of its private methods) and
``scoring_totals`` (a document's sums); this module puts a segment's scores together and
is where every caller imports from.
"""

from __future__ import annotations

from reviewer.core.scoring_stats import (
    identity_stats,
    reference_stats,
    segment_stats,
    sentence_from_stats,
    signatures,
)
from reviewer.core.scoring_totals import DocumentTotals
from reviewer.core.scoring_types import (
    NO_EDITS,
    MetricStats,
    ScoreDetails,
    Scores,
    SegmentStats,
    TerEdits,
    char_ratio,
)

__all__ = ["NO_EDITS", "DocumentTotals", "MetricStats", "ScoreDetails", "Scores",
           "SegmentStats", "TerEdits", "identity_stats", "reference_stats", "score_segment",
           "segment_stats", "sentence_details", "sentence_scores", "signatures"]


def sentence_scores(stats: SegmentStats) -> Scores:
    """Sentence-level scores, BLEU with ``effective_order=True``."""
    return sentence_from_stats(stats.core)


def sentence_details(stats: SegmentStats) -> ScoreDetails:
    """Every view of one segment's effort, sentence-level (BLEU ``effective_order=True``)."""
    return ScoreDetails(
        sentence_scores(stats), char_ratio(*stats.chars), stats.edits,
        None if stats.mt_reference is None else sentence_from_stats(stats.mt_reference),
        None if stats.reference is None else sentence_from_stats(stats.reference),
        stats.complete,
    )


def score_segment(mt: str, correction: str, reference: str | None = None,
                  mt_reference: MetricStats | None = None) -> tuple[SegmentStats, Scores]:
    """Statistics and sentence scores in one call (what a scoring worker runs)."""
    stats = segment_stats(mt, correction, reference, mt_reference)
    return stats, sentence_scores(stats)

