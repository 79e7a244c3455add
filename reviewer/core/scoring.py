"""Edit scores from sacrebleu's own sufficient statistics.

The MT is the hypothesis and the correction the reference, so TER is HTER. Each
segment keeps its statistics; document scores are computed from their sums, which
equals sacrebleu's ``corpus_score`` exactly (the statistics are whole numbers).
The statistics methods are private to sacrebleu, hence the pinned version range
and the tests that compare against ``corpus_score``. This is the only module that
touches sacrebleu's private methods.

Besides HTER, BLEU and chrF a segment keeps further views of the editing effort, all of
them sums too, so the document figures are as cheap as the scores:

- TER's edit breakdown (insertions, deletions, substitutions, shifts), taken from the
  very alignment sacrebleu's TER finds (see ``_ter_with_edits``), so the four add up to
  sacrebleu's edit count;
- the character edit distance (Levenshtein, with rapidfuzz) and the longer text's
  length, whose ratio is the normalised distance;
- with a reference translation, the correction-vs-reference and MT-vs-reference
  statistics of all three metrics (the reference is the reference there, the MT or the
  correction the hypothesis).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz.distance import Levenshtein
from sacrebleu.metrics import lib_ter
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

from reviewer.core.tags import plain_text

_TER = TER()
_BLEU_CORPUS = BLEU()
_BLEU_SENTENCE = BLEU(effective_order=True)
_CHRF = CHRF()
for _metric in (_TER, _BLEU_CORPUS, _BLEU_SENTENCE, _CHRF):
    _metric.num_refs = 1  # one correction per segment; sacrebleu's signature needs it


class TerEdits(NamedTuple):
    """TER's edits by kind: what turns the MT into its correction (or reference)."""

    insertions: int = 0
    deletions: int = 0
    substitutions: int = 0
    shifts: int = 0

    @property
    def total(self) -> int:
        """All edits; equals sacrebleu's TER edit count."""
        return self.insertions + self.deletions + self.substitutions + self.shifts


NO_EDITS = TerEdits()


@dataclass(frozen=True)
class MetricStats:
    """sacrebleu's statistics of one hypothesis against one reference, for all three metrics."""

    ter: tuple[float, ...]
    bleu: tuple[int, ...]
    chrf: tuple[int, ...]

    def to_data(self) -> dict[str, list[Any]]:
        """Lists for JSON."""
        return {"ter": list(self.ter), "bleu": list(self.bleu), "chrf": list(self.chrf)}

    @classmethod
    def from_data(cls, data: dict[str, list[Any]]) -> MetricStats:
        """Read what ``to_data`` gave."""
        return cls(tuple(float(x) for x in data["ter"]), tuple(int(x) for x in data["bleu"]),
                   tuple(int(x) for x in data["chrf"]))


@dataclass(frozen=True)
class SegmentStats:
    """Sufficient statistics of one segment: MT (hypothesis) against its correction.

    ``complete`` is False for statistics an older reviewer stored without the edit
    breakdown and the character distance (those read as zeros).
    """

    ter: tuple[float, ...]
    bleu: tuple[int, ...]
    chrf: tuple[int, ...]
    edits: TerEdits = NO_EDITS
    chars: tuple[int, int] = (0, 0)  # Levenshtein distance, the longer text's length
    reference: MetricStats | None = None  # the correction against the reference
    mt_reference: MetricStats | None = None  # the MT against the reference
    complete: bool = True

    def to_json(self) -> str:
        """Compact JSON for the project file."""
        data: dict[str, Any] = {"ter": list(self.ter), "bleu": list(self.bleu),
                                "chrf": list(self.chrf), "edits": list(self.edits),
                                "chars": list(self.chars)}
        if self.reference is not None:
            data["ref"] = self.reference.to_data()
        if self.mt_reference is not None:
            data["mt_ref"] = self.mt_reference.to_data()
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SegmentStats:
        """Read what ``to_json`` wrote, or the ``[ter, bleu, chrf]`` list of reviewer 0.1."""
        data = json.loads(text)
        if isinstance(data, list):
            ter, bleu, chrf = data
            return cls(tuple(float(x) for x in ter), tuple(int(x) for x in bleu),
                       tuple(int(x) for x in chrf), complete=False)
        distance, length = data["chars"]
        return cls(
            tuple(float(x) for x in data["ter"]), tuple(int(x) for x in data["bleu"]),
            tuple(int(x) for x in data["chrf"]), TerEdits(*(int(x) for x in data["edits"])),
            (int(distance), int(length)),
            MetricStats.from_data(data["ref"]) if "ref" in data else None,
            MetricStats.from_data(data["mt_ref"]) if "mt_ref" in data else None,
        )

    @property
    def core(self) -> MetricStats:
        """The MT-vs-correction statistics of the three metrics."""
        return MetricStats(self.ter, self.bleu, self.chrf)


@dataclass(frozen=True)
class Scores:
    """HTER, BLEU and chrF on sacrebleu's 0-100 scale (TER may exceed 100)."""

    hter: float
    bleu: float
    chrf: float


@dataclass(frozen=True)
class ScoreDetails:
    """Every view of the effort on one segment or the document.

    ``char_distance`` is the normalised character edit distance on a 0-100 scale
    (Levenshtein distance over the longer text's length; over sums for a document).
    The reference scores are None without a reference; there HTER is plain TER.
    """

    scores: Scores
    char_distance: float
    edits: TerEdits
    mt_vs_reference: Scores | None = None
    correction_vs_reference: Scores | None = None
    complete: bool = True  # False: some statistics came from an older reviewer


# -- statistics ------------------------------------------------------------------------


def _stats(metric: Any, hypothesis: str, reference: str) -> list[Any]:
    stats = metric._extract_corpus_statistics([hypothesis], [[reference]])
    return list(stats[0])


def _ter_with_edits(hypothesis: str, reference: str) -> tuple[list[float], TerEdits]:
    """sacrebleu's TER statistics of one pair, and the kinds of the edits it counted.

    The method: this is ``sacrebleu.metrics.lib_ter.translation_edit_rate`` step by step,
    with sacrebleu's own helpers and limits, keeping what that function throws away.
    Shifts are counted by the same greedy loop (``_shift`` until no shift lowers the
    distance or the candidate budget is spent). The remaining distance comes from
    ``BeamEditDistance`` on the shifted hypothesis, whose trace spells one operation per
    step of the cheapest alignment: ``'i'`` a reference word inserted into the
    hypothesis, ``'d'`` a hypothesis word deleted, ``'s'`` a word substituted, ``' '`` a
    match. Each costs 1 except a match, so the trace's counts sum to the distance, and
    shifts + insertions + deletions + substitutions is sacrebleu's edit count (the
    tests check this against sacrebleu on random pairs). An empty reference makes
    every hypothesis word a deletion, as sacrebleu counts it.
    """
    words_hyp = _TER._preprocess_segment(hypothesis).split()
    words_ref = _TER._preprocess_segment(reference).split()
    if not words_ref:
        return [float(len(words_hyp)), 0.0], TerEdits(deletions=len(words_hyp))
    cached_ed = lib_ter.BeamEditDistance(words_ref)
    shifts = 0
    words = words_hyp
    checked = 0
    while True:
        delta, shifted, checked = lib_ter._shift(words, words_ref, cached_ed, checked)
        if checked >= lib_ter._MAX_SHIFT_CANDIDATES or delta <= 0:
            break
        shifts += 1
        words = shifted
    distance, trace = cached_ed(words)
    insertions, deletions = trace.count(lib_ter._OP_INS), trace.count(lib_ter._OP_DEL)
    # the trace's substitutions; computed from the distance so the total is exact regardless
    substitutions = int(distance) - insertions - deletions
    edits = TerEdits(insertions, deletions, substitutions, shifts)
    return [float(shifts + distance), float(len(words_ref))], edits


def reference_stats(hypothesis: str, reference: str) -> MetricStats:
    """All three metrics' statistics of ``hypothesis`` against ``reference`` (runs TER)."""
    if hypothesis == reference:
        return _identity_metric_stats(hypothesis)
    return MetricStats(
        ter=tuple(_ter_with_edits(hypothesis, reference)[0]),
        bleu=tuple(int(x) for x in _stats(_BLEU_CORPUS, hypothesis, reference)),
        chrf=tuple(int(x) for x in _stats(_CHRF, hypothesis, reference)),
    )


@lru_cache(maxsize=128)
def _cached_reference_stats(hypothesis: str, reference: str) -> MetricStats:
    return reference_stats(hypothesis, reference)


def _char_stats(mt: str, correction: str) -> tuple[int, int]:
    return Levenshtein.distance(mt, correction), max(len(mt), len(correction))


def segment_stats(mt: str, correction: str, reference: str | None = None,
                  mt_reference: MetricStats | None = None) -> SegmentStats:
    """Statistics of the MT (hypothesis) against its correction (reference).

    With a ``reference`` translation, also the correction's and the MT's statistics
    against it; ``mt_reference`` passes the MT's when they are already known (they do
    not change while the correction does). Without it they are computed once and
    remembered for the next few calls.
    """
    # inline tags are markup, not words: scores see the text the editor reads
    mt, correction = plain_text(mt), plain_text(correction)
    reference = None if reference is None else plain_text(reference)
    if reference is not None and mt_reference is None:
        mt_reference = _cached_reference_stats(mt, reference)
    if mt == correction:
        return identity_stats(mt, reference, mt_reference)
    ter, edits = _ter_with_edits(mt, correction)
    corrected = None
    if reference is not None:
        corrected = _cached_reference_stats(correction, reference)
    return SegmentStats(
        ter=tuple(ter),
        bleu=tuple(int(x) for x in _stats(_BLEU_CORPUS, mt, correction)),
        chrf=tuple(int(x) for x in _stats(_CHRF, mt, correction)),
        edits=edits,
        chars=_char_stats(mt, correction),
        reference=corrected,
        mt_reference=mt_reference if reference is not None else None,
    )


def _ngram_counts(length: int, max_order: int) -> list[int]:
    """How many n-grams of each order 1..max_order a sequence of ``length`` items has."""
    return [max(0, length - n + 1) for n in range(1, max_order + 1)]


def _identity_metric_stats(text: str) -> MetricStats:
    """sacrebleu's statistics of ``text`` against itself, without matching any n-gram.

    Why this equals sacrebleu's: a hypothesis that is its reference has the same
    n-gram counts on both sides, so every clipped match count equals the count, which
    for a sequence of L items is max(0, L - n + 1) for order n. The sequences are
    sacrebleu's own: the words of the metric's tokenizer (``_preprocess_segment``) for
    BLEU and TER, and the characters ``extract_all_char_ngrams`` looks at (white space
    removed) plus the words of ``_remove_punctuation`` for chrF. TER is zero edits
    against the reference's length. The tests compare this with sacrebleu's
    statistics on random and awkward texts.
    """
    ter_length = len(_TER._preprocess_segment(text).split())
    bleu_length = len(_BLEU_CORPUS._preprocess_segment(text).split())
    ngrams = _ngram_counts(bleu_length, _BLEU_CORPUS.max_ngram_order)
    chrf_text = _CHRF._preprocess_segment(text)
    chars = chrf_text if _CHRF.whitespace else "".join(chrf_text.split())
    counts = _ngram_counts(len(chars), _CHRF.char_order)
    if _CHRF.word_order > 0:
        words = _CHRF._remove_punctuation(chrf_text)
        counts += _ngram_counts(len(words), _CHRF.word_order)
    chrf: list[int] = []
    for count in counts:
        chrf += [count, count, count]  # hypothesis n-grams, reference n-grams, matches
    return MetricStats(
        ter=(0.0, float(ter_length)),
        bleu=(bleu_length, bleu_length, *ngrams, *ngrams),
        chrf=tuple(chrf),
    )


def identity_stats(text: str, reference: str | None = None,
                   mt_reference: MetricStats | None = None) -> SegmentStats:
    """Statistics of an unedited segment, straight from its length: no TER, no matching.

    With a reference, the MT's statistics against it (``mt_reference``, computed when not
    given) are the correction's too.
    """
    text = plain_text(text)
    reference = None if reference is None else plain_text(reference)
    core = _identity_metric_stats(text)
    if reference is not None and mt_reference is None:
        mt_reference = _cached_reference_stats(text, reference)
    if reference is None:
        mt_reference = None
    return SegmentStats(core.ter, core.bleu, core.chrf, NO_EDITS, (0, len(text)),
                        mt_reference, mt_reference)


# -- scores ----------------------------------------------------------------------------


def _sentence(stats: MetricStats) -> Scores:
    return Scores(
        hter=float(_TER._compute_score_from_stats(list(stats.ter)).score),
        bleu=float(_BLEU_SENTENCE._compute_score_from_stats(list(stats.bleu)).score),
        chrf=float(_CHRF._compute_score_from_stats(list(stats.chrf)).score),
    )


def _corpus(stats: MetricStats) -> Scores:
    return Scores(
        hter=float(_TER._compute_score_from_stats(list(stats.ter)).score),
        bleu=float(_BLEU_CORPUS._compute_score_from_stats(list(stats.bleu)).score),
        chrf=float(_CHRF._compute_score_from_stats(list(stats.chrf)).score),
    )


def _ratio(distance: int, length: int) -> float:
    return 100.0 * distance / length if length else 0.0


def sentence_scores(stats: SegmentStats) -> Scores:
    """Sentence-level scores, BLEU with ``effective_order=True``."""
    return _sentence(stats.core)


def sentence_details(stats: SegmentStats) -> ScoreDetails:
    """Every view of one segment's effort, sentence-level (BLEU ``effective_order=True``)."""
    return ScoreDetails(
        sentence_scores(stats), _ratio(*stats.chars), stats.edits,
        None if stats.mt_reference is None else _sentence(stats.mt_reference),
        None if stats.reference is None else _sentence(stats.reference),
        stats.complete,
    )


def score_segment(mt: str, correction: str, reference: str | None = None,
                  mt_reference: MetricStats | None = None) -> tuple[SegmentStats, Scores]:
    """Statistics and sentence scores in one call (what a scoring worker runs)."""
    stats = segment_stats(mt, correction, reference, mt_reference)
    return stats, sentence_scores(stats)


# -- documents -------------------------------------------------------------------------


def _add(a: tuple[Any, ...], b: tuple[Any, ...], sign: int) -> tuple[Any, ...]:
    if not a:
        return tuple(sign * x for x in b)
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

    def replace(self, old: SegmentStats, new: SegmentStats) -> DocumentTotals:
        """Totals after one segment's statistics changed from ``old`` to ``new``."""
        return self.minus(old).plus(new)

    def scores(self) -> Scores:
        """Corpus scores with sacrebleu's default settings."""
        if self.segments == 0:
            return Scores(0.0, 0.0, 0.0)
        return _corpus(MetricStats(self.ter, self.bleu, self.chrf))

    def details(self) -> ScoreDetails:
        """Every view of the document's effort (corpus-level scores)."""
        with_reference = self.referenced > 0
        return ScoreDetails(
            self.scores(), _ratio(*self.chars), self.edits,
            _corpus(self.mt_reference) if with_reference else None,
            _corpus(self.reference) if with_reference else None,
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


def signatures() -> dict[str, str]:
    """sacrebleu signatures that make the document numbers reproducible."""
    return {
        "hter": str(_TER.get_signature()),
        "bleu": str(_BLEU_CORPUS.get_signature()),
        "chrf": str(_CHRF.get_signature()),
    }
