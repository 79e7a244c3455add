"""Our scores are sacrebleu's: sentence scores, and document scores from summed statistics."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.lib_ter import translation_edit_rate

from reviewer.core.scoring import (
    DocumentTotals,
    SegmentStats,
    TerEdits,
    identity_stats,
    reference_stats,
    score_segment,
    segment_stats,
    sentence_details,
    signatures,
)
from reviewer.core.tags import plain_text

PAIRS = [
    ("Putin: Russian military to act in Syria successful, but terrorism has not been defeated",
     "Putin: the Russian military is acting successfully in Syria, but terrorism has not "
     "been defeated"),
    ("SOCHI, October 22.", "SOCHI, October 22."),
    ("Need more serious effort to make such an assertion",
     "More serious effort is needed before anyone can make such an assertion"),
    ("", ""),
    ("something", ""),
    ("", "something"),
    ("Мы действуем в соответствии со своими убеждениями", "Мы действуем согласно убеждениям"),
    ("a b c d e f", "f e d c b a"),
]


@pytest.mark.parametrize(("mt", "correction"), PAIRS)
def test_sentence_scores_equal_sacrebleu(mt: str, correction: str) -> None:
    _, scores = score_segment(mt, correction)
    assert scores.hter == TER().sentence_score(mt, [correction]).score
    assert scores.bleu == BLEU(effective_order=True).sentence_score(mt, [correction]).score
    assert scores.chrf == CHRF().sentence_score(mt, [correction]).score


@pytest.mark.parametrize("text", ["SOCHI, October 22.", "", "  padded  ", "Ёлка  и  ёж ."])
def test_identity_shortcut_matches_sacrebleu_statistics(text: str) -> None:
    ter = TER()._extract_corpus_statistics([text], [[text]])[0]
    assert identity_stats(text).ter == tuple(float(x) for x in ter)
    assert identity_stats(text) == segment_stats(text, text + "")


def test_document_scores_equal_corpus_score_after_random_edits() -> None:
    rng = random.Random(7)
    words = ["the", "a", "cat", "dog", "sat", "on", "mat", "Syria", "Putin", "said",
             "terrorism", "defeated", ".", ",", "“", "”"]
    mts = [" ".join(rng.choices(words, k=rng.randint(0, 25))) for _ in range(120)]
    corrections = list(mts)
    stats = [segment_stats(mt, mt) for mt in mts]
    totals = DocumentTotals()
    for item in stats:
        totals = totals.plus(item)
    for _ in range(300):
        i = rng.randrange(len(mts))
        tokens = corrections[i].split()
        if tokens and rng.random() < 0.5:
            tokens.pop(rng.randrange(len(tokens)))
        else:
            tokens.insert(rng.randint(0, len(tokens)), rng.choice(words))
        corrections[i] = " ".join(tokens)
        new = segment_stats(mts[i], corrections[i])
        totals = totals.replace(stats[i], new)
        stats[i] = new
    totals = DocumentTotals.from_json(totals.to_json())
    scores = totals.scores()
    assert scores.hter == pytest.approx(TER().corpus_score(mts, [corrections]).score, abs=1e-9)
    assert scores.bleu == pytest.approx(BLEU().corpus_score(mts, [corrections]).score, abs=1e-9)
    assert scores.chrf == pytest.approx(CHRF().corpus_score(mts, [corrections]).score, abs=1e-9)


def test_statistics_survive_json() -> None:
    stats, _ = score_segment("a b c", "a c d")
    assert SegmentStats.from_json(stats.to_json()) == stats


def test_signatures_name_the_metrics_and_version() -> None:
    names = signatures()
    assert "tok:tercom" in names["hter"] and "nrefs:1" in names["hter"]
    assert "tok:13a" in names["bleu"]
    assert "nc:6" in names["chrf"]


# -- statistics that skip sacrebleu's matching, and the further views of effort ---------

# words that exercise the tokenizers: punctuation, quotes, hyphens, entities, case, scripts
WORDS = ["the", "The", "a", "cat", "dog", "sat", "on", "mat", "Putin", "said", ".", ",",
         "“", "”", "(hi)", "don't", "x-y", "&amp;", "3.5", "Ёлка", "ёж", "東京", "-", "...",
         "e.g.", "¿qué?", "it's", "U.S.", "$", "%"]
SPACES = [" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2009"]


@st.composite
def texts(draw: st.DrawFn, max_words: int = 18) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=max_words))
    parts: list[str] = [draw(st.sampled_from(["", " ", "\n"]))]
    for word in words:
        parts += [word, draw(st.sampled_from(SPACES))]
    return "".join(parts)


def _sacrebleu_stats(hypothesis: str, reference: str) -> tuple[list[float], list[int], list[int]]:
    ter = TER()._extract_corpus_statistics([hypothesis], [[reference]])[0]
    bleu = BLEU()._extract_corpus_statistics([hypothesis], [[reference]])[0]
    chrf = CHRF()._extract_corpus_statistics([hypothesis], [[reference]])[0]
    return [float(x) for x in ter], list(bleu), list(chrf)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts(), st.text(max_size=60)))
def test_identity_statistics_equal_sacrebleu_on_any_text(text: str) -> None:
    words = plain_text(text)  # scores are on the words: inline tags are left out
    ter, bleu, chrf = _sacrebleu_stats(words, words)
    stats = identity_stats(text)
    assert (list(stats.ter), list(stats.bleu), list(stats.chrf)) == (ter, bleu, chrf)
    assert stats.edits == TerEdits() and stats.chars == (0, len(words))


@settings(max_examples=300, deadline=None)
@given(texts(), texts())
def test_ter_breakdown_adds_up_to_sacrebleus_edit_count(mt: str, correction: str) -> None:
    stats = segment_stats(mt, correction)
    ter, bleu, chrf = _sacrebleu_stats(plain_text(mt), plain_text(correction))
    assert (list(stats.ter), list(stats.bleu), list(stats.chrf)) == (ter, bleu, chrf)
    assert stats.edits.total == ter[0]
    assert min(stats.edits) >= 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=14),
       st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=14))
def test_ter_breakdown_with_many_shifts(hyp: list[str], ref: list[str]) -> None:
    stats = segment_stats(" ".join(hyp), " ".join(ref))
    edits, length = translation_edit_rate(hyp, ref)
    assert stats.edits.total == edits and stats.ter == (float(edits), float(length))


@pytest.mark.parametrize(("mt", "correction", "edits"), [
    ("a b c", "a b c d", TerEdits(insertions=1)),
    ("a b c d", "a b c", TerEdits(deletions=1)),
    ("a b c", "a x c", TerEdits(substitutions=1)),
    ("", "a b", TerEdits(insertions=2)),
    ("a b", "", TerEdits(deletions=2)),
    ("x y z a b c d e", "a b c d e x y z", TerEdits(shifts=1)),
    ("The cat sat", "the cat sat", TerEdits()),  # TER is case-insensitive by default
])
def test_ter_breakdown_by_kind(mt: str, correction: str, edits: TerEdits) -> None:
    assert segment_stats(mt, correction).edits == edits


def test_character_distance_is_normalised_levenshtein() -> None:
    details = sentence_details(segment_stats("kitten", "sitting"))
    assert details.char_distance == pytest.approx(100 * 3 / 7)
    assert sentence_details(segment_stats("same", "same")).char_distance == 0.0
    assert sentence_details(segment_stats("", "")).char_distance == 0.0


@settings(max_examples=60, deadline=None)
@given(texts(), texts(), texts())
def test_reference_statistics_are_sacrebleus(mt: str, correction: str, reference: str) -> None:
    stats = segment_stats(mt, correction, reference)
    assert stats.reference is not None and stats.mt_reference is not None
    for hypothesis, got in ((correction, stats.reference), (mt, stats.mt_reference)):
        ter, bleu, chrf = _sacrebleu_stats(hypothesis, reference)
        assert (list(got.ter), list(got.bleu), list(got.chrf)) == (ter, bleu, chrf)
    assert segment_stats(mt, correction, reference, stats.mt_reference) == stats
    assert SegmentStats.from_json(stats.to_json()) == stats


def test_sentence_details_against_a_reference() -> None:
    mt, correction, reference = "the cat sat on mat", "the cat sat on the mat", \
        "the cat sat on the mat"
    details = sentence_details(segment_stats(mt, correction, reference))
    assert details.correction_vs_reference is not None and details.mt_vs_reference is not None
    assert details.correction_vs_reference.hter == 0.0
    assert details.mt_vs_reference.hter == TER().sentence_score(mt, [reference]).score
    assert details.mt_vs_reference.bleu == \
        BLEU(effective_order=True).sentence_score(mt, [reference]).score
    assert sentence_details(segment_stats(mt, correction)).mt_vs_reference is None


def test_document_details_equal_corpus_scores_against_the_reference() -> None:
    rng = random.Random(3)
    words = ["the", "cat", "sat", "on", "a", "mat", ".", "dog", "Putin"]
    mts = [" ".join(rng.choices(words, k=rng.randint(1, 12))) for _ in range(40)]
    refs = [" ".join(rng.choices(words, k=rng.randint(1, 12))) for _ in range(40)]
    corrections = [rng.choice([mt, ref, " ".join(rng.choices(words, k=5))])
                   for mt, ref in zip(mts, refs, strict=True)]
    totals = DocumentTotals()
    for mt, correction, ref in zip(mts, corrections, refs, strict=True):
        totals = totals.plus(segment_stats(mt, correction, ref))
    details = DocumentTotals.from_json(totals.to_json()).details()
    assert details.mt_vs_reference is not None and details.correction_vs_reference is not None
    for hypotheses, got in ((mts, details.mt_vs_reference),
                            (corrections, details.correction_vs_reference)):
        assert got.hter == pytest.approx(TER().corpus_score(hypotheses, [refs]).score, abs=1e-9)
        assert got.bleu == pytest.approx(BLEU().corpus_score(hypotheses, [refs]).score,
                                         abs=1e-9)
        assert got.chrf == pytest.approx(CHRF().corpus_score(hypotheses, [refs]).score,
                                         abs=1e-9)
    assert details.edits.total == TER().corpus_score(mts, [corrections]).num_edits


def test_reference_statistics_of_a_text_against_itself() -> None:
    assert reference_stats("a b c", "a b c") == identity_stats("a b c").core


def test_statistics_of_reviewer_0_1_read_as_incomplete() -> None:
    stats = SegmentStats.from_json(json.dumps([[2.0, 5.0], [1] * 10, [1] * 18]))
    assert not stats.complete and stats.edits == TerEdits()
    old_totals = DocumentTotals.from_json(json.dumps(
        {"ter": [2.0, 5.0], "bleu": [1] * 10, "chrf": [1] * 18, "segments": 1}))
    assert not old_totals.complete and not old_totals.details().complete
    assert DocumentTotals().plus(identity_stats("a b")).complete
