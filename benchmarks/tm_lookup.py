"""Translation memory lookup with 100,000 units: the trigram index against a scan of every
unit with rapidfuzz, side by side in one run, on the same queries.

    python benchmarks/tm_lookup.py                  # 100,000 units, 400 queries
    python benchmarks/tm_lookup.py --units 20000 --queries 200 --segments 0

The units are sentences of 3 to 40 real English words (pyspellchecker's frequency list,
drawn with their frequencies, so common words recur and rare ones do not) and a made-up
translation of each. The queries are the sources of a project: half of them a unit with one
to four words changed (a fuzzy match exists), half new sentences (usually none does).
``ReviewSession.matches`` answers each (the project's segments and the added units, both
through their indexes); the scan is ``rapidfuzz.process.extract`` over every unit's key
with the same score. Recall: the share of queries where the index finds the scan's best
score. Adding the units is timed too, from a TMX file as ``reviewer memory add`` reads it.
Then a project of 20,000 segments (every third a changed copy of the one before), every
other one confirmed, looks matches up among its own segments.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape


class Sentences:
    """Sentences of real words drawn by frequency, and changes to them."""

    def __init__(self, seed: int) -> None:
        from spellchecker import SpellChecker

        frequencies = sorted(SpellChecker(language="en").word_frequency.dictionary.items(),
                             key=lambda item: (-item[1], item[0]))[:40_000]
        self.words = [word for word, _count in frequencies]
        self.weights = list(itertools.accumulate(count for _word, count in frequencies))
        self.rng = random.Random(seed)
        shuffled = list(self.words)
        self.rng.shuffle(shuffled)
        self.translation = dict(zip(self.words, shuffled, strict=True))

    def sentence(self) -> list[str]:
        length = max(3, min(40, round(self.rng.gauss(15, 7))))
        return self.rng.choices(self.words, cum_weights=self.weights, k=length)

    def changed(self, words: list[str]) -> list[str]:
        result = list(words)
        for _ in range(self.rng.randint(1, 4)):
            index = self.rng.randrange(len(result))
            if self.rng.random() < 0.5:
                result[index] = self.rng.choices(self.words, cum_weights=self.weights)[0]
            elif len(result) > 3:
                del result[index]
        return result

    def translated(self, words: list[str]) -> list[str]:
        return [self.translation[word] for word in words]


def text(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


def write_tmx(path: Path, units: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                  'srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" '
                  'creationtool="bench" creationtoolversion="1" o-tmf="none"/><body>\n')
        for source, target in units:
            out.write(f'<tu><tuv xml:lang="en"><seg>{escape(source)}</seg></tuv>'
                      f'<tuv xml:lang="xx"><seg>{escape(target)}</seg></tuv></tu>\n')
        out.write("</body></tmx>\n")


def figures(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (f"p50 {statistics.median(ordered) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms   "
            f"max {ordered[-1] * 1000:7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--min", type=int, default=50, help="minimum match percentage")
    parser.add_argument("--segments", type=int, default=20_000,
                        help="then look up among a project's own segments (0: not)")
    args = parser.parse_args()

    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
    from reviewer.core.memory import match_score
    from reviewer.session import ReviewSession

    writer = Sentences(2026)
    started = time.perf_counter()
    sources = [writer.sentence() for _ in range(args.units)]
    units = [(text(words), text(writer.translated(words))) for words in sources]
    queries = [text(writer.changed(writer.rng.choice(sources))) if index % 2 == 0
               else text(writer.sentence()) for index in range(args.queries)]
    print(f"made {args.units:,} units (mean {statistics.mean(len(s) for s, _ in units):.0f} "
          f"characters) and {len(queries)} queries in {time.perf_counter() - started:.1f} s")

    with tempfile.TemporaryDirectory() as folder:
        tmx = Path(folder) / "memory.tmx"
        write_tmx(tmx, units)
        document = ImportedDocument([ImportedSegment(mt=query, source=query)
                                     for query in queries],
                                    Layout(("",) + ("\n",) * len(queries)), "lines")
        session = ReviewSession.create(Path(folder) / "bench.review", document)
        try:
            started = time.perf_counter()
            added = session.add_memory(tmx)
            print(f"reviewer memory add: {added:,} units from a "
                  f"{tmx.stat().st_size / 2**20:.0f} MB TMX in "
                  f"{time.perf_counter() - started:.1f} s (one transaction)")
            index_times, index_cpu, scan_times, scan_cpu, found = [], [], [], [], 0
            keys = [source for source, _target in units]
            for position, query in enumerate(queries):
                started, cpu = time.perf_counter(), time.process_time()
                matches = session.matches(position, args.min)
                index_times.append(time.perf_counter() - started)
                index_cpu.append(time.process_time() - cpu)
                started, cpu = time.perf_counter(), time.process_time()
                best = process.extract(query, keys, scorer=Levenshtein.normalized_similarity,
                                       limit=5, score_cutoff=args.min / 100)
                scores = sorted((match_score(query, keys[index]) for _key, _d, index in best),
                                reverse=True)
                scan_times.append(time.perf_counter() - started)
                scan_cpu.append(time.process_time() - cpu)
                scanned = scores[0] if scores and scores[0] >= args.min else None
                found += (matches[0].score if matches else None) == scanned
        finally:
            session.close()
    print(f"index ({len(queries)} lookups): {figures(index_times)}")
    print(f"             CPU time: {figures(index_cpu)}")
    print(f"scan  ({len(queries)} lookups): {figures(scan_times)}")
    print(f"             CPU time: {figures(scan_cpu)}")
    print(f"the index is {statistics.median(scan_times) / statistics.median(index_times):.0f}× "
          f"faster at the median; it found the scan's best score for {found} of "
          f"{len(queries)} queries ({100 * found / len(queries):.1f} %)")
    if args.segments:
        own_segments(writer, args.segments, args.min)


def own_segments(writer: Sentences, count: int, min_score: int) -> None:
    """Lookups among a big project's own segments, every other one confirmed."""
    from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
    from reviewer.core.status import SegmentStatus
    from reviewer.session import ReviewSession

    sources: list[list[str]] = []
    for index in range(count):  # every third a changed copy of the one before
        sources.append(writer.changed(sources[-1]) if index % 3 == 2 else writer.sentence())
    segments = [ImportedSegment(mt=text(writer.translated(words)), source=text(words))
                for words in sources]
    with tempfile.TemporaryDirectory() as folder:
        session = ReviewSession.create(Path(folder) / "own.review", ImportedDocument(
            segments, Layout(("",) + ("\n",) * count), "lines"))
        try:
            session.apply_texts([(position, segments[position].mt + " (checked)",
                                  SegmentStatus.CONFIRMED)
                                 for position in range(0, count, 2)], "confirm", "bench")
            times, cpu_times, found = [], [], 0
            for position in range(1, count, max(1, count // 400)):
                started, cpu = time.perf_counter(), time.process_time()
                found += bool(session.matches(position, min_score))
                times.append(time.perf_counter() - started)
                cpu_times.append(time.process_time() - cpu)
        finally:
            session.close()
    print(f"own segments ({count:,}, {count // 2:,} confirmed; {len(times)} lookups, "
          f"{found} with a match): {figures(times)}")
    print(f"             CPU time: {figures(cpu_times)}")


if __name__ == "__main__":
    main()
