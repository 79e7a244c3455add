"""Our scores are sacrebleu's: sentence scores, and document scores from summed statistics."""

from __future__ import annotations

import random

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from reviewer.core.scoring import (
    DocumentTotals,
    SegmentStats,
    identity_stats,
    score_segment,
    segment_stats,
    signatures,
)

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
