"""The glossary's lookups: building the index of a 10,000-term glossary and finding its
terms in one segment (the window does this for each segment shown), in English and Russian.

Terms are made of real words (pyspellchecker's word lists), so the stemmer does its real
work; segments are 30 words, a tenth of them glossary words.

    python benchmarks/glossary_lookup.py                 # 10,000 terms
    python benchmarks/glossary_lookup.py --terms 50000

Not part of the test suite. CPU time is reported besides wall time (a loaded machine
inflates wall time only).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from importlib import resources

from reviewer.core.glossary import GlossaryIndex, GlossaryTerm


def _words(language: str, count: int) -> list[str]:
    raw = resources.files("spellchecker").joinpath("resources").joinpath(f"{language}.json.gz")
    frequencies: dict[str, int] = json.loads(gzip.decompress(raw.read_bytes()))
    common = sorted(frequencies, key=lambda word: -frequencies[word])
    return [word for word in common if word.isalpha() and len(word) > 3][:count]


def _run(language: str, term_count: int, rng: random.Random) -> str:
    vocabulary = _words(language, 40_000)
    terms = [GlossaryTerm(number, " ".join(rng.sample(vocabulary, rng.choice((1, 1, 2, 3)))),
                          "x") for number in range(term_count)]
    wall, cpu = time.perf_counter(), time.process_time()
    index = GlossaryIndex(terms, language)
    build = (time.perf_counter() - wall, time.process_time() - cpu)
    term_words = [term.source.split()[0] for term in terms]
    segments = [" ".join(rng.choice(term_words) if rng.random() < 0.1
                         else rng.choice(vocabulary) for _ in range(30)) for _ in range(500)]
    timings = []
    for passes in range(2):  # first: words never seen; second: the stems cached
        wall, cpu = time.perf_counter(), time.process_time()
        hits = sum(len(index.find(segment)) for segment in segments)
        timings.append(((time.perf_counter() - wall) / len(segments) * 1000,
                        (time.process_time() - cpu) / len(segments) * 1000))
        del passes
    return (f"{language}: {term_count:,} terms indexed in {build[0]:.2f} s (CPU {build[1]:.2f} s); "
            f"a 30-word segment: {timings[0][0]:.2f} ms (CPU {timings[0][1]:.2f}) with new "
            f"words, {timings[1][0]:.2f} ms (CPU {timings[1][1]:.2f}) after; {hits} hits in "
            f"{len(segments)} segments")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(12)
    for language in ("en", "ru"):
        print(_run(language, args.terms, rng))


if __name__ == "__main__":
    main()
