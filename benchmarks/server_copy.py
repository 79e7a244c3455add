"""Publish, fetch and sync of a project on a PostgreSQL server (issue 14): how long each takes.

Starts its own PostgreSQL 15 (tests/pg_server.py, durable: fsync and synchronous_commit on;
Unix socket), then for a project of ``--segments`` segments with post-edits (made once,
kept in the benchmark data folder): publishes it, fetches a copy, confirms ``--edits``
segments in the copy (as offline work) and syncs them back. Each step ``--runs`` times
(each run publishes under a new name); the best and the median seconds as a Markdown table.

    python benchmarks/server_copy.py [--segments 100000] [--edits 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the tests' PostgreSQL server
sys.path.insert(0, str(HERE))

from baseline import Implementation, project, say, table  # noqa: E402
from pg_server import PgServer  # noqa: E402


def one_run(server_url: str, file: Path, name: str, edits: int,
            folder: Path) -> dict[str, float]:
    """Publish, fetch, offline edits and sync once; seconds of each."""
    from reviewer.session import ReviewSession
    from reviewer.store.publish import fetch_copy, publish
    from reviewer.store.sync import sync

    url = f"{server_url}&project={name}"
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    publish(file, url)
    seconds["publish"] = time.perf_counter() - started
    copy = folder / f"{name}.review"
    started = time.perf_counter()
    fetch_copy(url, copy)
    seconds["fetch"] = time.perf_counter() - started
    session = ReviewSession.open(copy)
    session.scoring_budget = 600.0
    try:
        for position in range(min(edits, session.segment_count())):
            session.edit(position, f"Offline text {position}.", "reviewer_admin")
    finally:
        session.close()
    started = time.perf_counter()
    report = sync(copy)
    seconds[f"sync ({report.revisions} revisions)"] = time.perf_counter() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    file = project(Implementation.current(), args.segments, corrections=True)
    server = PgServer(durable=True)
    server.start()
    results: dict[str, list[float]] = {}
    try:
        database = server.create_database("copy_bench")
        with tempfile.TemporaryDirectory() as folder:
            for run in range(args.runs):
                say(f"run {run + 1} of {args.runs} …")
                for step, seconds in one_run(database, file, f"bench_{run}", args.edits,
                                             Path(folder)).items():
                    results.setdefault(step, []).append(seconds)
    finally:
        server.cleanup()
    print(f"\n{args.segments:,} segments with post-edits ({file.stat().st_size / 1e6:.0f} MB "
          f"file), durable local server, best and median of {args.runs}:\n")
    print(table([(step, f"{min(values):.2f} s", f"{statistics.median(values):.2f} s")
                 for step, values in results.items()], ("step", "best", "median")))


if __name__ == "__main__":  # the scorer's worker processes import this module again
    main()
