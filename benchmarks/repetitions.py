"""Repetitions on a big project: what a confirm costs to find its repetitions (the window
asks after every confirm), a propagation, and the consistency checks of the document.

A TSV of N rows (default 100,000) whose sources repeat (drawn from 0.6 N sentences) is
imported; one sentence is made to repeat 50 times.

    python benchmarks/repetitions.py
    python benchmarks/repetitions.py --segments 20000

Not part of the test suite. CPU time is reported besides wall time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from reviewer.core.consistency import Saved, document_warnings
from reviewer.formats.readers import import_document
from reviewer.session import ReviewSession

T = TypeVar("T")


def _timed(action: Callable[[], T]) -> tuple[float, float, T]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=100_000)
    count = parser.parse_args().segments
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "in.tsv"
        keys = [rng.randrange(int(count * 0.6)) for _ in range(count)]
        keys[::count // 50] = [-1] * len(keys[::count // 50])  # one sentence 50 times
        table.write_text("source\tmt\n" + "".join(
            f"Source sentence number {k} is here.\tMT sentence {k}.\n" for k in keys),
            encoding="utf-8")
        project = Path(folder) / "big.review"
        ReviewSession.create(project, import_document(table)).close()
        session = ReviewSession.open(project)
        repeated = keys.index(-1)
        session.edit(repeated, "The corrected sentence.", "bench")
        wall, cpu, _ = _timed(lambda: session.repetitions(0))
        print(f"first lookup: {wall:.0f} ms (CPU {cpu:.0f} ms)")
        walls: list[float] = []
        cpus: list[float] = []
        for position in rng.sample(range(count), 400):
            wall, cpu, _ = _timed(partial(session.repetitions, position))
            walls.append(wall)
            cpus.append(cpu)
        print(f"repetitions(N), 400 segments: p50 {statistics.median(walls):.2f} ms, "
              f"max {max(walls):.2f} ms (CPU p50 {statistics.median(cpus):.2f} ms)")
        wall, cpu, result = _timed(lambda: session.propagate(repeated, "bench"))
        print(f"propagate to {len(result.batch.items)} repetitions: "
              f"{wall:.0f} ms (CPU {cpu:.0f} ms)")
        wall, cpu, groups = _timed(session.repetition_groups)
        print(f"repetition_groups: {len(groups)} groups in {wall:.0f} ms "
              f"(CPU {cpu:.0f} ms)")
        saved = [Saved(s.position, s.source, s.mt, s.text) for s in session.segments()]
        wall, cpu, _found = _timed(lambda: document_warnings(saved, True))
        print(f"consistency checks of {len(saved)} segments: {wall:.0f} ms (CPU {cpu:.0f} ms)")
        session.close()


if __name__ == "__main__":
    main()
