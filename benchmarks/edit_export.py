"""Issue 13 at 100,000 and 1,000,000 segments: one confirm or edit, exports, filters.

Side by side with the code before issue 13 (``baseline.py``), alternating, on the same
generated projects (copies: the confirms write):

- confirm / edit latency in process (``ReviewSession.edit`` as the window calls it: its
  scoring budget 0, an edited text's scores computed beforehand as the window's live
  scoring does): p50, p95 and max over ``--edits`` random segments, each either a confirm
  of the text as it is or a new text; the first one of the session apart;
- ``reviewer export`` to plain text and to XLIFF (a copy of the project given sources):
  wall seconds and the process's peak resident memory, at each size (memory flat: the
  1M peak about the 100k peak);
- a filter's first page (100 rows) by status and by text: now ``matching_positions``;
  the baseline's way, every record read (``segments()``) and tested with
  ``SegmentFilter`` in Python, which is what its window did.

    python benchmarks/edit_export.py                    # 100k and 1M (1M projects: minutes)
    python benchmarks/edit_export.py --sizes 100000 --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import DATA, Implementation, alternate, best, peak, project, say, table  # noqa: E402

FIRST_PAGE = 100

_EDITS = """
import json, os, random, time
from reviewer.session import ReviewSession
from reviewer.core.scoring import score_segment
path, count = sys.argv[1], int(sys.argv[2])
session = ReviewSession.open(path)
session.scoring_budget = 0.0  # as the window sets it
total = session.segment_count()
chosen = random.Random(os.getpid()).sample(range(total), count)
times = []
for number, position in enumerate(chosen):
    segment = session.segment(position)
    if number % 2:  # a new text, scored beforehand as the window's live scoring does
        text = segment.text + " (edited)"
        scored = score_segment(segment.mt, text, segment.reference)
        start = time.perf_counter()
        session.edit(position, text, "bench", "confirmed", scored=scored)
    else:  # Ctrl+Enter on the text as it is
        start = time.perf_counter()
        session.edit(position, segment.text, "bench", "confirmed")
    times.append(time.perf_counter() - start)
session.close()
print(json.dumps(times))
"""

_FILTER_NOW = """
import json, time
from reviewer.core.filtering import TextQuery
from reviewer.session import ReviewSession
path, kind, value, first = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
session = ReviewSession.open(path, read_only=True)
start = time.perf_counter()
if kind == "status":
    found = session.matching_positions({value}, limit=first)
else:
    found = session.matching_positions(text=TextQuery(value), limit=first)
print(json.dumps([time.perf_counter() - start, len(found)]))
"""

_FILTER_BEFORE = """
import json, time
from reviewer.core.filtering import SegmentFilter, TextQuery
from reviewer.session import ReviewSession
path, kind, value, first = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
session = ReviewSession.open(path, read_only=True)


class Facts:
    __slots__ = ("status", "hter", "source", "mt", "correction", "warnings", "comments")


start = time.perf_counter()
records = session.segments()  # what the window held before issue 13
chosen = SegmentFilter(statuses=frozenset({value})) if kind == "status" \\
    else SegmentFilter(text=TextQuery(value))
accepts = chosen.predicate()
facts = Facts()
facts.warnings = facts.comments = False
found = []
for record in records:
    facts.status, facts.hter = record.status, record.hter
    facts.source, facts.mt, facts.correction = record.source or "", record.mt, record.text
    if accepts(facts):
        found.append(record.position)
        if len(found) >= first:
            break
print(json.dumps([time.perf_counter() - start, len(found)]))
"""

# by status: the few confirmed by the edit runs, and new (nearly all); by text: a word of
# the corpus, a rarer one, and one that is nowhere (the whole project read)
FILTERS = [("status", "confirmed"), ("status", "new"), ("text", "alka"), ("text", "Tika "),
           ("text", "qqzz")]


def made(implementation: Implementation, size: int) -> Path:
    """``project`` brought up to this code's schema (an export opens it read-only)."""
    return made_at(implementation, project(implementation, size))


def made_at(implementation: Implementation, path: Path) -> Path:
    """The project at ``path`` opened for editing once, which brings its schema up to date."""
    implementation.python("from reviewer.session import ReviewSession\n"
                          "ReviewSession.open(sys.argv[1]).close()", path)
    return path


def with_sources(implementation: Implementation, size: int) -> Path:
    """A copy of the MT project with each MT as its source too (XLIFF needs sources)."""
    path = DATA / f"project-{size}-src-{implementation.key}.review"
    if path.exists():
        return made_at(implementation, path)
    temp = path.with_suffix(".partial")
    shutil.copyfile(made(implementation, size), temp)
    db = sqlite3.connect(temp)
    db.execute("DROP TRIGGER IF EXISTS segments_reindexed")  # exports only: no key index
    db.execute("UPDATE segments SET source = mt")
    db.execute("INSERT OR REPLACE INTO properties (name, value) VALUES ('has_source', '1')")
    db.commit()
    db.close()
    temp.replace(path)
    return made_at(implementation, path)


def edits(implementations: list[Implementation], size: int, count: int, runs: int,
          folder: Path) -> tuple[list[tuple[str, ...]], dict[str, Path]]:
    """Confirm latency rows; the edited copies (for the status filters)."""
    import json

    copies = {}
    for implementation in implementations:
        copies[implementation.key] = folder / f"{implementation.key}-{size}.review"
        shutil.copyfile(made(implementation, size), copies[implementation.key])

    def action(implementation: Implementation):  # type: ignore[no-untyped-def]
        return lambda: implementation.python(_EDITS, copies[implementation.key], count)

    results = alternate(runs, *(action(i) for i in implementations))
    figures = []
    for runs_of in results:  # each figure the best run's (the least disturbed)
        per_run = []
        for run in runs_of:
            times = json.loads(run.stdout or "[NaN]")
            ordered = sorted(t * 1000 for t in times[1:]) or [float("nan")]
            per_run.append((times[0] * 1000, statistics.median(ordered),
                            ordered[int(0.95 * (len(ordered) - 1))], ordered[-1]))
        figures.append(tuple(min(run[column] for run in per_run) for column in range(4)))
    rows = [(f"{name}, {size:,}", *(f"{base:.1f}" if base == base else "—",
                                     f"{now:.1f}", _ratio(base, now)))
            for name, base, now in zip(("first confirm (ms)", "confirm p50 (ms)",
                                        "confirm p95 (ms)", "confirm max (ms)"),
                                       figures[0], figures[-1], strict=True)]
    return rows, copies


def exports(implementations: list[Implementation], size: int, runs: int,
            folder: Path) -> list[tuple[str, ...]]:
    rows = []
    for kind, suffix in (("text", "txt"), ("xliff", "xlf")):
        def action(implementation: Implementation, kind: str = kind,
                   suffix: str = suffix):  # type: ignore[no-untyped-def]
            source = made(implementation, size) if kind == "text" \
                else with_sources(implementation, size)
            target = folder / f"{implementation.key}.{suffix}"
            return lambda: implementation.cli("export", source, target, "--format", kind)

        results = alternate(runs, *(action(i) for i in implementations))
        base, now = results[0], results[-1]
        rows.append((f"export {kind}, {size:,} (s)", f"{best(base):.2f}", f"{best(now):.2f}",
                     _ratio(best(base), best(now))))
        rows.append((f"export {kind}, {size:,} (peak MB)", f"{peak(base):.0f}",
                     f"{peak(now):.0f}", _ratio(peak(base), peak(now))))
    return rows


def filters(implementations: list[Implementation], size: int, runs: int,
            copies: dict[str, Path]) -> list[tuple[str, ...]]:
    import json

    rows = []
    for kind, value in FILTERS:
        def action(implementation: Implementation, kind: str = kind,
                   value: str = value):  # type: ignore[no-untyped-def]
            code = _FILTER_NOW if implementation.source == implementations[-1].source \
                else _FILTER_BEFORE
            return lambda: implementation.python(code, copies[implementation.key], kind,
                                                 value, FIRST_PAGE)

        results = alternate(runs, *(action(i) for i in implementations))
        seconds = [min(json.loads(run.stdout)[0] for run in runs_of) * 1000
                   for runs_of in results]
        found = json.loads(results[-1][0].stdout)[1]
        rows.append((f"filter {kind} {value.strip()!r}: first {found} rows, {size:,} (ms)",
                     f"{seconds[0]:.0f}", f"{seconds[-1]:.0f}",
                     _ratio(seconds[0], seconds[-1])))
    return rows


def _ratio(base: float, now: float) -> str:
    return f"{base / now:.1f}×" if now and base == base else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--edits", type=int, default=51)
    parser.add_argument("--only", choices=("edits", "exports", "filters"), nargs="+",
                        default=["edits", "exports", "filters"])
    args = parser.parse_args()
    implementations = [Implementation.baseline(), Implementation.current()]
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory(prefix="edit-export-") as temp:
        folder = Path(temp)
        for size in args.sizes:
            say(f"{size:,} segments …")
            copies: dict[str, Path] = {}
            if "edits" in args.only or "filters" in args.only:
                edited, copies = edits(implementations, size, args.edits, args.runs, folder)
                rows += edited if "edits" in args.only else []
            if "exports" in args.only:
                rows += exports(implementations, size, args.runs, folder)
            if "filters" in args.only:
                rows += filters(implementations, size, args.runs, copies)
            print(table(rows, ("figure", "before (e269b99)", "now", "ratio")), flush=True)
    print(table(rows, ("figure", "before (e269b99)", "now", "ratio")))


if __name__ == "__main__":
    main()
