"""sacrebleu's sufficient statistics of one pair of texts, and scores computed from them.

The statistics methods are private to sacrebleu, hence the pinned version range and the
tests that compare against ``corpus_score``. This is the only module that touches
sacrebleu's private methods.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein
from sacrebleu.metrics import lib_ter
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

from reviewer.core.scoring_types import NO_EDITS, MetricStats, Scores, SegmentStats, TerEdits
from reviewer.core.tags import plain_text

_TER = TER()
_BLEU_CORPUS = BLEU()
_BLEU_SENTENCE = BLEU(effective_order=True)
_CHRF = CHRF()
for _metric in (_TER, _BLEU_CORPUS, _BLEU_SENTENCE, _CHRF):
    _metric.num_refs = 1  # one correction per segment; sacrebleu's signature needs it


def _13a_spacing() -> re.Pattern[str] | None:
    """The first substitution of sacrebleu's 13a tokenizer, if it is still one class.

    That substitution puts spaces around every character of one class (most of a
    segment's characters are spaces, which the class includes); joining the pieces
    ``split`` makes with spaces gives the same text without a template expansion per
    match. None if sacrebleu's pattern is no longer that shape.
    """
    tokenizer = _BLEU_CORPUS.tokenizer
    if type(tokenizer) is not Tokenizer13a or _BLEU_CORPUS.lowercase:
        return None
    pattern, template = tokenizer._post_tokenizer._re[0]
    # one group: a class of ASCII characters and punctuation escapes
    source = re.sub(r"\\[!-/:-@\[-`{-~]", "", pattern.pattern)
    if template != r" \1 " or not re.fullmatch(r"\(\[[ -~]*\]\)", source) \
            or "\\" in source or pattern.groups != 1:
        return None
    return pattern


def _13a_rest() -> list[tuple[re.Pattern[str], str]] | None:
    """The 13a tokenizer's other substitutions, each template as a ``str.format`` string
    (None if one has more than what ``\\1``, ``\\2`` and spaces make)."""
    rules = []
    for pattern, template in _BLEU_CORPUS.tokenizer._post_tokenizer._re[1:]:
        if re.sub(r"\\[12]", "", template).strip(" ") or "{" in template:
            return None
        rules.append((pattern, template.replace("\\1", "{0}").replace("\\2", "{1}")))
    return rules


_13A_SPACED = _13a_spacing()
_13A_REST = None if _13A_SPACED is None else _13a_rest()
# the rest as sacrebleu 2.x writes it: without a digit in the text they only put spaces
# around every '.' and ',' (checked against sacrebleu on every string of up to 7 of the
# characters that matter, and by the tests on random text)
_13A_KNOWN_REST = [(r"([^0-9])([\.,])", r"\1 \2 "), (r"([\.,])([^0-9])", r" \1 \2"),
                   (r"([0-9])(-)", r"\1 \2 ")]
_13A_NO_DIGITS = _13A_REST is not None and [
    (pattern.pattern, template) for pattern, template
    in _BLEU_CORPUS.tokenizer._post_tokenizer._re[1:]] == _13A_KNOWN_REST
_DIGIT = re.compile("[0-9]")


def _bleu_length(text: str) -> int:
    """How many words BLEU's tokenizer makes of ``text`` (sacrebleu's 13a, step by step).

    This is ``Tokenizer13a.__call__`` on ``_preprocess_segment``'s input with the first
    substitutions done with ``split`` (C) instead of ``sub`` with a template (Python,
    per match); the patterns are sacrebleu's own. The tests compare the counts with
    sacrebleu's.
    """
    if _13A_SPACED is None or _13A_REST is None:
        return len(_BLEU_CORPUS._preprocess_segment(text).split())
    line = text.rstrip().replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"').replace("&amp;", "&").replace(
            "&lt;", "<").replace("&gt;", ">")
    line = " ".join(_13A_SPACED.split(f" {line} "))  # what sub(r" \1 ") gives, quicker
    if _13A_NO_DIGITS and _DIGIT.search(line) is None:
        return len(line.replace(".", " . ").replace(",", " , ").split())
    for pattern, form in _13A_REST:
        pieces = pattern.split(line)
        if len(pieces) > 1:  # sub(template): the pieces, each match as its template puts it
            step = pattern.groups + 1
            out = []
            for start in range(0, len(pieces) - 1, step):
                out.append(pieces[start])
                out.append(form.format(*pieces[start + 1:start + step]))
            out.append(pieces[-1])
            line = "".join(out)
    return len(line.split())


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
    return _identity_from_lengths(*_identity_lengths(text))


def _identity_lengths(text: str) -> tuple[int, int, int, int]:
    """The lengths ``_identity_metric_stats`` depends on: TER's and BLEU's words, chrF's
    characters and words."""
    chrf_text = _CHRF._preprocess_segment(text)
    chars = chrf_text if _CHRF.whitespace else "".join(chrf_text.split())
    words = len(_CHRF._remove_punctuation(chrf_text)) if _CHRF.word_order > 0 else 0
    return (len(_TER._preprocess_segment(text).split()), _bleu_length(text), len(chars),
            words)


@lru_cache(maxsize=4096)
def _identity_from_lengths(ter_length: int, bleu_length: int, chars: int,
                           words: int) -> MetricStats:
    """``_identity_metric_stats`` from the lengths it depends on (few distinct ones)."""
    ngrams = _ngram_counts(bleu_length, _BLEU_CORPUS.max_ngram_order)
    counts = _ngram_counts(chars, _CHRF.char_order)
    if _CHRF.word_order > 0:
        counts += _ngram_counts(words, _CHRF.word_order)
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
    if reference is None:
        return identity_from_key(identity_key(text, plain=True))
    reference = plain_text(reference)
    core = _identity_metric_stats(text)
    if reference is not None and mt_reference is None:
        mt_reference = _cached_reference_stats(text, reference)
    if reference is None:
        mt_reference = None
    return SegmentStats(core.ter, core.bleu, core.chrf, NO_EDITS, (0, len(text)),
                        mt_reference, mt_reference)


IdentityKey = tuple[int, int, int, int, int]


def identity_key(text: str, plain: bool = False) -> IdentityKey:
    """All an unedited segment's statistics without a reference depend on: a few numbers
    a worker process sends back instead of the statistics (``plain``: tags are out)."""
    text = text if plain else plain_text(text)
    return (*_identity_lengths(text), len(text))


@lru_cache(maxsize=65536)
def identity_from_key(key: IdentityKey) -> SegmentStats:
    """``identity_stats`` of a text without a reference, from its ``identity_key``."""
    core = _identity_from_lengths(*key[:4])
    return SegmentStats(core.ter, core.bleu, core.chrf, NO_EDITS, (0, key[4]))


def sentence_from_stats(stats: MetricStats) -> Scores:
    """Sentence-level scores, BLEU with ``effective_order=True``."""
    return Scores(hter=_sentence_ter(stats.ter), bleu=_sentence_bleu(stats.bleu),
                  chrf=_sentence_chrf(stats.chrf))


# A document repeats statistics (every unedited segment of a length has the same ones):
# the scores of each are computed once, by sacrebleu, and remembered. The TER key keeps
# the values' types, so a cached score is sacrebleu's for exactly those values.
@lru_cache(maxsize=65536)
def _sentence_ter_typed(stats: tuple[tuple[type, float], ...]) -> float:
    return float(_TER._compute_score_from_stats([value for _type, value in stats]).score)


def _sentence_ter(stats: tuple[float, ...]) -> float:
    return _sentence_ter_typed(tuple((type(value), value) for value in stats))


@lru_cache(maxsize=65536)
def _sentence_bleu(stats: tuple[int, ...]) -> float:
    return float(_BLEU_SENTENCE._compute_score_from_stats(list(stats)).score)


@lru_cache(maxsize=65536)
def _sentence_chrf(stats: tuple[int, ...]) -> float:
    return float(_CHRF._compute_score_from_stats(list(stats)).score)


def corpus_from_stats(stats: MetricStats) -> Scores:
    """Corpus-level scores with sacrebleu's default settings."""
    return Scores(
        hter=float(_TER._compute_score_from_stats(list(stats.ter)).score),
        bleu=float(_BLEU_CORPUS._compute_score_from_stats(list(stats.bleu)).score),
        chrf=float(_CHRF._compute_score_from_stats(list(stats.chrf)).score),
    )


def signatures() -> dict[str, str]:
    """sacrebleu signatures that make the document numbers reproducible."""
    return {
        "hter": str(_TER.get_signature()),
        "bleu": str(_BLEU_CORPUS.get_signature()),
        "chrf": str(_CHRF.get_signature()),
    }
