"""Fixes learned from corrections: learning a document's confirmed segments (the window
does it in a thread when a project opens; later only new confirms are diffed), building
the index, and finding the fixes in every unconfirmed segment and in one segment (what the
window does for the segment shown, as it is typed).

Segments are 25 words of real English (pyspellchecker's word list); each correction
changes three words of its MT, so each confirmed segment teaches about one fix.

    python benchmarks/learned_fixes.py                  # 10,000 confirmed, 10,000 not
    python benchmarks/learned_fixes.py --segments 50000

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

from reviewer.core.fix_index import FixIndex
from reviewer.core.learned import learn


def _words(count: int) -> list[str]:
    raw = resources.files("spellchecker").joinpath("resources").joinpath("en.json.gz")
    frequencies: dict[str, int] = json.loads(gzip.decompress(raw.read_bytes()))
    return sorted(frequencies, key=lambda word: -frequencies[word])[:count]


def _timed(label: str, work):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    print(f"{label}: {time.perf_counter() - wall:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=10_000)
    count = parser.parse_args().segments
    random.seed(12)
    words = _words(20_000)

    def sentence() -> list[str]:
        return [random.choice(words) for _ in range(25)]

    confirmed = []
    for position in range(count):
        mt = sentence()
        corrected = list(mt)
        for _ in range(3):
            corrected[random.randrange(len(corrected))] = random.choice(words)
        confirmed.append((position, " ".join(mt) + ".", " ".join(corrected) + "."))
    others = [" ".join(sentence()) + "." for _ in range(count)]
    fixes = _timed(f"learn {count:,} confirmed segments", lambda: learn(confirmed))
    print(f"  {len(fixes):,} fixes")
    index = _timed("build the index", lambda: FixIndex(fixes))
    found = _timed(f"find them in {count:,} unconfirmed segments",
                   lambda: sum(len(index.find(n, text)) for n, text in enumerate(others)))
    print(f"  {found:,} suggestions")
    runs = 200
    wall, cpu = time.perf_counter(), time.process_time()
    for n in range(runs):
        index.find(n, others[n])
    print(f"one segment: {(time.perf_counter() - wall) / runs * 1000:.3f} ms wall, "
          f"{(time.process_time() - cpu) / runs * 1000:.3f} ms CPU")


if __name__ == "__main__":
    main()
