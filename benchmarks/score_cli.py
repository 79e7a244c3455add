"""``reviewer score`` and ``reviewer score --json`` side by side: the baseline (the code
before issue 13) against this checkout, on the same project (30 % of its segments
post-edited, every score computed).

The baseline makes its project with ``reviewer new --mt --corrections``; this checkout
scores a copy of that very file brought up to its schema (the same rows, so the outputs
must be equal: text byte for byte, JSON value for value with keys in the same order, which
this script checks before timing). Runs alternate baseline, now, baseline, now …; the best
of ``--runs`` is kept, with the largest peak resident memory.

    python benchmarks/score_cli.py                     # 100,000 segments
    python benchmarks/score_cli.py --sizes 1000000     # makes the 1M project once (long)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

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


def current_project(base: Implementation, now: Implementation, size: int) -> Path:
    """The baseline's project, copied once and brought up to this checkout's schema."""
    source = project(base, size, corrections=True)
    path = DATA / f"project-{size}-pe-score-{now.key}.review"
    if not path.exists():
        temp = path.with_suffix(".partial")
        shutil.copyfile(source, temp)
        run = now.python("from reviewer.session import ReviewSession\n"
                         "ReviewSession.open(sys.argv[1]).close()", temp)
        if run.code != 0:
            raise SystemExit(f"could not bring {temp} up to date: {run.stderr}")
        temp.replace(path)
    return path


def same_output(base_run: Run, now_run: Run, as_json: bool) -> bool:
    """Whether the two printed the same (JSON: equal values, keys in the same order)."""
    if not as_json:
        return base_run.stdout == now_run.stdout
    return (json.dumps(json.loads(base_run.stdout), ensure_ascii=False)
            == json.dumps(json.loads(now_run.stdout), ensure_ascii=False))


def main() -> None:
    """Measure and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    base, now = Implementation.baseline(), Implementation.current()
    rows: list[tuple[str, ...]] = []
    for size in args.sizes:
        base_project = project(base, size, corrections=True)
        now_project = current_project(base, now, size)
        for flags in ((), ("--json",)):
            as_json = bool(flags)
            name = "score" + (" --json" if as_json else "")
            checked = [base.cli("score", base_project, *flags, keep_output=True),
                       now.cli("score", now_project, *flags, keep_output=True)]
            if any(run.code for run in checked):
                raise SystemExit(f"{name} failed")
            equal = same_output(*checked, as_json=as_json)
            say(f"{size:,} {name}: outputs {'equal' if equal else 'DIFFER'}")
            del checked
            base_runs, now_runs = alternate(
                args.runs, lambda p=base_project, f=flags: base.cli("score", p, *f),
                lambda p=now_project, f=flags: now.cli("score", p, *f))
            rows.append((f"`reviewer {name}`, {size:,}", f"{best(base_runs):.2f} s",
                         f"{best(now_runs):.2f} s",
                         f"{best(base_runs) / best(now_runs):.1f}x",
                         f"{peak(base_runs):.0f} MB", f"{peak(now_runs):.0f} MB",
                         "yes" if equal else "NO"))
            say(rows[-1][0] + ": " + ", ".join(rows[-1][1:]))
    print(table(rows, ("command", "baseline (best)", "now (best)", "ratio",
                       "baseline peak", "now peak", "same output")))


if __name__ == "__main__":
    main()
