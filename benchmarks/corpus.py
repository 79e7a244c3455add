"""Synthetic MT, post-edits and references with the shape of real ones (not a test fixture).

Sentences of 5 to 60 words (about 28 on average, as in the 2.85M-word corpus the
architecture notes measured), words drawn from a Zipf-like vocabulary, commas and a final
full stop. A post-edit changes a few words of its MT (substitutions, deletions, insertions
and a moved phrase); a reference changes more. Everything comes from one seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate

_SYLLABLES = ["ka", "ro", "mi", "te", "lu", "san", "dor", "vi", "ne", "pa", "sto", "gre",
              "al", "in", "es", "or", "un", "ber", "ti", "mo"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = {"the", "a", "of", "to", "in", "and", "is", "that", "for", "on", "with", "as"}
    while len(words) < size:
        words.add("".join(rng.choices(_SYLLABLES, k=rng.randint(1, 4))))
    return sorted(words, key=lambda word: (len(word), word))  # not set order: it varies


@dataclass(frozen=True)
class Corpus:
    """Parallel lists: MT, its post-edit (``edited`` of them differ) and a reference."""

    mt: list[str]
    corrections: list[str]
    references: list[str]
    edited: int


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = _vocabulary(self.rng, 6000)
        # cumulative once: ``choices`` would add up 6,000 weights on every call
        self.cum_weights = list(accumulate(1.0 / (rank + 1)
                                           for rank in range(len(self.vocabulary))))

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cum_weights, k=count)

    def sentence(self, length: int | None = None) -> list[str]:
        n = length or max(5, min(60, int(self.rng.gauss(28, 11))))
        return self.words(n)

    def render(self, words: list[str]) -> str:
        out = []
        for index, word in enumerate(words):
            if index == 0:
                word = word.capitalize()
            out.append(word)
            if 0 < index < len(words) - 1 and self.rng.random() < 0.06:
                out[-1] += ","
        return " ".join(out) + "."

    def perturb(self, words: list[str], edits: int) -> list[str]:
        result = list(words)
        for _ in range(edits):
            kind = self.rng.random()
            position = self.rng.randrange(len(result) + 1)
            if kind < 0.4 and result:
                result[min(position, len(result) - 1)] = self.words(1)[0]
            elif kind < 0.6 and len(result) > 1:
                del result[min(position, len(result) - 1)]
            elif kind < 0.85:
                result.insert(position, self.words(1)[0])
            elif len(result) > 4:
                start = self.rng.randrange(len(result) - 3)
                phrase = result[start:start + 3]
                del result[start:start + 3]
                result.insert(self.rng.randrange(len(result) + 1), phrase[0])
                index = result.index(phrase[0])
                result[index + 1:index + 1] = phrase[1:]
        return result


def make_corpus(segments: int, edited_share: float = 0.3, seed: int = 2024) -> Corpus:
    """``segments`` sentences; ``edited_share`` of them have a post-edit that differs."""
    writer = _Writer(seed)
    mt, corrections, references = [], [], []
    edited = 0
    for _ in range(segments):
        words = writer.sentence()
        mt.append(writer.render(words))
        if writer.rng.random() < edited_share:
            corrections.append(writer.render(writer.perturb(words, writer.rng.randint(1, 6))))
            edited += corrections[-1] != mt[-1]
        else:
            corrections.append(mt[-1])
        references.append(writer.render(writer.perturb(words, writer.rng.randint(3, 10))))
    return Corpus(mt, corrections, references, edited)


def long_segment(words: int = 200, seed: int = 7) -> str:
    """One sentence of ``words`` words, for the typing measurement."""
    writer = _Writer(seed)
    return writer.render(writer.sentence(words))
