"""``reviewer score`` and ``reviewer score --json`` side by side: the baseline (the code
before issue 13) against this checkout, on the same project (30 % of its segments
post-edited, every score computed).

The baseline makes its project with ``reviewer new --mt --corrections``; this checkout
scores a copy of that very file brought up to its schema (the same rows, so the outputs
must be equal: text byte for byte, JSON value for value with keys in the same order, which
this script checks before timing). Runs alternate baseline, now, baseline, now …; the best
of ``--runs`` is kept, with the largest peak resident memory.

    python benchmarks/score_cli.py                     # 100,000 segments
    python benchmarks/score_cli.py --sizes 1000000     # the 100k project repeated 10 times
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import (  # noqa: E402
    DATA,
    Implementation,
    Run,
    alternate,
    best,
    peak,
    project,
    say,
    table,
)

STEP = 100_000  # a larger project repeats the one of this size


def _scaled(data: Any, factor: int) -> Any:
    if isinstance(data, dict):
        return {key: _scaled(value, factor) for key, value in data.items()}
    if isinstance(data, list):
        return [_scaled(value, factor) for value in data]
    return data * factor if isinstance(data, (int, float)) else data


def base_project(base: Implementation, size: int) -> Path:
    """The baseline's project of ``size`` segments. Beyond 100,000 it is the 100,000 one
    repeated by SQL (an import of a million post-edits by the baseline takes hours), its
    document totals and counts scaled alike; the key index is not filled for the copies."""
    if size <= STEP:
        return project(base, size, corrections=True)
    if size % STEP:
        raise SystemExit(f"--sizes: beyond {STEP:,}, a multiple of it")
    path = DATA / f"project-{size}-pe-repeated-{base.key}.review"
    if path.exists():
        return path
    say(f"making {path.name} from the {STEP:,}-segment project …")
    temp = path.with_suffix(".partial")
    shutil.copyfile(project(base, STEP, corrections=True), temp)
    copies = size // STEP
    db = sqlite3.connect(temp)
    try:
        segment_step = db.execute("SELECT max(id) FROM segments").fetchone()[0]
        revision_step = db.execute("SELECT max(id) FROM revisions").fetchone()[0]
        segment_columns = [row[1] for row in db.execute("PRAGMA table_info(segments)")]
        revision_columns = [row[1] for row in db.execute("PRAGMA table_info(revisions)")]
        moved = {"id": "id + :s", "position": "position + :p",
                 "head_revision": "head_revision + :r", "segment_id": "segment_id + :s"}
        for copy in range(1, copies):
            steps = {"s": copy * segment_step, "r": copy * revision_step, "p": copy * STEP}
            for table, columns in (("segments", segment_columns),
                                   ("revisions", revision_columns)):
                values = ", ".join(moved.get(column, column) if table == "segments"
                                   or column != "id" else "id + :r" for column in columns)
                db.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} "
                           f"FROM {table} WHERE id <= :limit",
                           {**steps, "limit": segment_step if table == "segments"
                            else revision_step})
        totals = json.loads(db.execute("SELECT stats FROM totals").fetchone()[0])
        db.execute("UPDATE totals SET stats = ?", (json.dumps(_scaled(totals, copies)),))
        db.execute("UPDATE counts SET value = value * ?", (copies,))
        db.commit()
    finally:
        db.close()
    temp.replace(path)
    return path


def current_project(base: Implementation, now: Implementation, size: int) -> Path:
    """The baseline's project, copied once and brought up to this checkout's schema."""
    source = base_project(base, size)
    path = DATA / f"project-{size}-pe-score-{now.key}.review"
    if not path.exists():
        temp = path.with_suffix(".partial")
        shutil.copyfile(source, temp)
        run = now.python("from reviewer.session import ReviewSession\n"
                         "ReviewSession.open(sys.argv[1]).close()", temp)
        if run.code != 0:
            raise SystemExit(f"could not bring {temp} up to date: {run.stderr}")
        temp.replace(path)
        for left in DATA.glob(f"{temp.name}.*"):  # its lock file and pre-upgrade backup
            left.unlink()
    return path


def same_output(base_run: Run, now_run: Run, as_json: bool) -> bool:
    """Whether the two printed the same (JSON: equal values, keys in the same order)."""
    if not as_json:
        return base_run.stdout == now_run.stdout
    return (json.dumps(json.loads(base_run.stdout), ensure_ascii=False)
            == json.dumps(json.loads(now_run.stdout), ensure_ascii=False))


def timed(action: Callable[[], Run], cpu: list[float]) -> Callable[[], Run]:
    """``action``, noting the processor seconds (user + system) of the process it ran:
    on a machine others keep busy they vary less than wall seconds."""
    def run() -> Run:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = action()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        return result
    return run


def main() -> None:
    """Measure and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    base, now = Implementation.baseline(), Implementation.current()
    rows: list[tuple[str, ...]] = []
    for size in args.sizes:
        base_file = base_project(base, size)
        now_file = current_project(base, now, size)
        for flags in ((), ("--json",)):
            as_json = bool(flags)
            name = "score" + (" --json" if as_json else "")
            # a million segments' JSON parsed twice would take gigabytes: text only there
            equal: bool | None = None
            if not as_json or size <= STEP:
                checked = [base.cli("score", base_file, *flags, keep_output=True),
                           now.cli("score", now_file, *flags, keep_output=True)]
                if any(run.code for run in checked):
                    raise SystemExit(f"{name} failed")
                equal = same_output(checked[0], checked[1], as_json)
                say(f"{size:,} {name}: outputs {'equal' if equal else 'DIFFER'}")
                del checked
            base_cpu: list[float] = []
            now_cpu: list[float] = []
            base_runs, now_runs = alternate(
                args.runs,
                timed(partial(base.cli, "score", base_file, *flags), base_cpu),
                timed(partial(now.cli, "score", now_file, *flags), now_cpu))
            rows.append((f"`reviewer {name}`, {size:,}", f"{best(base_runs):.2f} s",
                         f"{best(now_runs):.2f} s",
                         f"{best(base_runs) / best(now_runs):.1f}x",
                         f"{min(base_cpu):.2f} s", f"{min(now_cpu):.2f} s",
                         f"{peak(base_runs):.0f} MB", f"{peak(now_runs):.0f} MB",
                         {True: "yes", False: "NO", None: "not compared"}[equal]))
            say(rows[-1][0] + ": " + ", ".join(rows[-1][1:]))
    print(table(rows, ("command", "baseline (best)", "now (best)", "ratio", "baseline CPU",
                       "now CPU", "baseline peak", "now peak", "same output")))


if __name__ == "__main__":
    main()
