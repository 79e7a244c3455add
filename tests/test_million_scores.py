"""A million segments: after a sample of edits, undos and restores, the document scores
still equal sacrebleu's corpus_score (slow: run with ``--run-slow``)."""

from __future__ import annotations

import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.scoring import Scores
from reviewer.session import STATUS_CONFIRMED, STATUS_EDITED, ReviewSession

pytestmark = pytest.mark.slow

SEGMENTS = int(os.environ.get("REVIEWER_MILLION", "1000000"))
EDITS = 300
TOLERANCE = 1e-9
CHUNK = 20_000
_VOCABULARY = ("the a of to in and is that for on with as was by at it from this be are "
               "minister said government talks summit Moscow Valdai club forum president "
               "sanctions economy west east treaty, security; 2024 12.5% “quoted” (note)")
WORDS = _VOCABULARY.split(" ")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(3, 9))
    return " ".join(words).capitalize() + rng.choice([".", "?", "!", ""])


def _perturb(rng: random.Random, text: str) -> str:
    words = text.split() or [rng.choice(WORDS)]
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(words))
        if rng.random() < 0.5:
            words[index] = rng.choice(WORDS)
        elif len(words) > 1:
            del words[index]
        else:
            words.append(rng.choice(WORDS))
    return " ".join(words)


def _metric(name: str) -> Any:
    return {"ter": TER, "bleu": BLEU, "chrf": CHRF}[name]()


def _summed_stats(name: str, hypotheses: list[str], references: list[str]) -> list[Any]:
    """sacrebleu's own statistics of a chunk, summed (what ``corpus_score`` sums)."""
    stats = _metric(name)._extract_corpus_statistics(hypotheses, [references])
    return [sum(column) for column in zip(*stats, strict=True)]


def sacrebleu_corpus(hypotheses: list[str], references: list[str]) -> Scores:
    """sacrebleu's corpus_score of the three metrics, its per-segment statistics extracted
    in worker processes in chunks: corpus_score sums them (``_aggregate_and_compute``), so
    summing the chunks' sums is the same computation, done on both cores."""
    spans = range(0, len(hypotheses), CHUNK)
    scores: dict[str, float] = {}
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context) as pool:
        for name in ("ter", "bleu", "chrf"):
            chunks = list(pool.map(_summed_stats, [name] * len(spans),
                                   [hypotheses[i:i + CHUNK] for i in spans],
                                   [references[i:i + CHUNK] for i in spans]))
            scores[name] = float(_metric(name)._aggregate_and_compute(chunks).score)
    return Scores(scores["ter"], scores["bleu"], scores["chrf"])


def test_a_million_segments_score_as_sacrebleu_after_edits(tmp_path: Path) -> None:
    rng = random.Random(13)
    mts = [_sentence(rng) for _ in range(SEGMENTS)]
    corrections = [_perturb(rng, mt) if rng.random() < 0.02 else None for mt in mts]
    references = [_perturb(rng, mt) if rng.random() < 0.01 else None for mt in mts]
    document = ImportedDocument(
        [ImportedSegment(mt, reference=ref, correction=correction)
         for mt, ref, correction in zip(mts, references, corrections, strict=True)],
        Layout(("",) + ("\n",) * SEGMENTS), "lines")
    path = tmp_path / "million.review"
    ReviewSession.create(path, document).close()

    texts = [c if c is not None else m for m, c in zip(mts, corrections, strict=True)]
    session = ReviewSession.open(path)
    try:
        session.score_pending()  # an import may leave post-edits' statistics to finish
        undo: list[tuple[int, str]] = []
        for _ in range(EDITS):
            choice = rng.random()
            if choice < 0.6 or not undo:
                position = rng.randrange(SEGMENTS)
                text = rng.choice([_perturb(rng, texts[position]), mts[position], ""])
                undo.append((position, texts[position]))
                session.edit(position, text, "tester",
                             rng.choice([STATUS_CONFIRMED, STATUS_EDITED]))
                texts[position] = text
            elif choice < 0.85:
                position, text = undo.pop()
                session.edit(position, text, "tester", STATUS_EDITED)
                texts[position] = text
            else:
                position = undo[rng.randrange(len(undo))][0]
                history = session.history(position)
                if not history:
                    continue
                number = rng.randint(1, len(history))
                session.restore(position, number, "tester")
                texts[position] = history[number - 1].text
        session.score_pending()
    finally:
        session.close()

    session = ReviewSession.open(path, read_only=True)
    try:
        summary = session.summary()
    finally:
        session.close()
    assert summary.segments == SEGMENTS and summary.pending == 0
    details = summary.details
    assert details is not None

    want = sacrebleu_corpus(mts, texts)
    for got, expected in ((details.scores.hter, want.hter), (details.scores.bleu, want.bleu),
                          (details.scores.chrf, want.chrf)):
        assert got == pytest.approx(expected, abs=TOLERANCE)
    referenced = [i for i, ref in enumerate(references) if ref is not None]
    refs = [str(references[i]) for i in referenced]
    against_reference = sacrebleu_corpus([texts[i] for i in referenced], refs)
    assert details.correction_vs_reference is not None
    assert details.correction_vs_reference.bleu == pytest.approx(against_reference.bleu,
                                                                 abs=TOLERANCE)
    assert details.correction_vs_reference.hter == pytest.approx(against_reference.hter,
                                                                 abs=TOLERANCE)
