"""``reviewer new`` side by side: the baseline (the code before issue 13) against this
checkout, on the same generated files, alternating runs.

Two imports: the MT alone (``--mt MT.txt --segment lines``) and the MT with 30 % of its
segments post-edited (``--corrections PE.txt``). For each run: the seconds until the
project file appears (it appears only once complete, and is then usable: readable,
openable, its scores 'pending' where not yet computed), the seconds until the command
ends (every score computed), and the peak resident memory. Before timing, the two
projects' document totals are compared: they must be equal (the same sums of sacrebleu's
statistics).

    python benchmarks/import_speed.py                     # 100,000 segments, 3 runs
    python benchmarks/import_speed.py --sizes 1000000 --runs 1 --kinds mt
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import _CLI, Implementation, Run, corpus_files, say, table  # noqa: E402

TOTALS = ("from reviewer.session import ReviewSession\n"
          "s = ReviewSession.open(sys.argv[1], read_only=True)\n"
          "print(s.totals().to_json(), s.summary().pending)\n"
          "s.close()\n")


def remove(project: Path) -> None:
    """The project and its SQLite companions (-wal, -shm)."""
    for path in project.parent.glob(project.name + "*"):
        path.unlink()


def timed_new(impl: Implementation, project: Path, args: list[object]) -> tuple[float, Run]:
    """``reviewer new`` in a fresh interpreter: (seconds until the file appeared, the run)."""
    remove(project)
    command = [sys.executable, "-c", _CLI, "new", str(project), *(str(a) for a in args)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=impl.environment(), cwd=tempfile.gettempdir())
    usable = float("nan")
    while process.poll() is None:
        if usable != usable and project.exists():
            usable = time.perf_counter() - start
        time.sleep(0.02)
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    if usable != usable and project.exists():
        usable = wall
    peaks = [line.split()[1] for line in stderr.splitlines() if line.startswith("VmHWM")]
    if process.returncode != 0:
        say(f"  [{impl.name}] exit {process.returncode}: {stderr[-2000:]}")
    return usable, Run(wall, int(peaks[-1]) / 1024 if peaks else float("nan"),
                       process.returncode, stdout, stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", nargs="+", choices=("mt", "pe"), default=["mt", "pe"],
                        help="MT only, and/or with post-edits")
    parser.add_argument("--baseline", default=None, help="git ref (default: before issue 13)")
    options = parser.parse_args()
    base = Implementation.baseline(*([options.baseline] if options.baseline else []))
    now = Implementation.current()
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="reviewer-import-"))
    for size in options.sizes:
        files = corpus_files(size)
        kinds = {"mt": ("MT only", ["--mt", files["mt"], "--segment", "lines"]),
                 "pe": ("30 % post-edits", ["--mt", files["mt"], "--segment", "lines",
                                            "--corrections", files["pe"]])}
        for kind, args in (kinds[name] for name in options.kinds):
            timings: dict[str, list[tuple[float, Run]]] = {"base": [], "now": []}
            totals: dict[str, list[str]] = {}
            for run in range(options.runs):
                for name, impl in (("base", base), ("now", now)):
                    project = folder / f"{name}.review"
                    say(f"{size:,} {kind}, run {run + 1}: {impl.name} …")
                    timings[name].append(timed_new(impl, project, args))
                    if run == 0:
                        totals[name] = impl.python(TOTALS, project).stdout.split()
                    remove(project)
                if run == 0:
                    same = totals["base"][0] == totals["now"][0]
                    pending = totals["now"][1]
                    say(f"  document totals equal: {same}; pending after new: {pending}")
                    if not same:
                        raise SystemExit("the two imports' document totals differ")
            for figure, pick in (("usable", 0), ("complete", 1)):
                base_s = min(t[0] if pick == 0 else t[1].seconds for t in timings["base"])
                now_s = min(t[0] if pick == 0 else t[1].seconds for t in timings["now"])
                rows.append((f"{size:,}", kind, figure, f"{base_s:.1f} s", f"{now_s:.1f} s",
                             f"{base_s / now_s:.2f}×",
                             f"{max(t[1].peak_mb for t in timings['base']):.0f}",
                             f"{max(t[1].peak_mb for t in timings['now']):.0f}"))
    print(table(rows, ("segments", "import", "until", base.name, "now", "ratio",
                       "peak MB base", "peak MB now")))


if __name__ == "__main__":
    main()
