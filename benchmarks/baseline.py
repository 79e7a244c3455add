"""Side by side: the reviewer of an earlier commit (the baseline) and the one checked out.

Issue 13's benchmarks compare each figure with the code before the issue, in the same run
on the same data: ``Implementation.baseline()`` is a git worktree of ``BASELINE_REF`` (made
once under the temporary folder), ``Implementation.current()`` is this checkout. Each runs
``reviewer`` commands or Python snippets in a fresh interpreter with its own source first
on the import path, and reports wall seconds and the process's peak resident memory.
Runs of the two alternate, so a busy moment of the machine slows both alike.

Generated data (MT, post-edits, references of ``corpus.make_corpus``) and the projects made
from it are kept in ``DATA`` between runs, a project per implementation (a newer schema is
not readable by the older code).
"""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASELINE_REF = "e269b99"  # main before issue 13
DATA = Path(os.environ.get("REVIEWER_BENCH_DATA",
                           Path(tempfile.gettempdir()) / "reviewer-bench-data"))

sys.path.insert(0, str(HERE))

# ``reviewer ARGS`` exactly as the console script runs it; then the peak resident memory
# of this process (VmHWM), which ru_maxrss of the parent would not separate out
_CLI = """
import sys
from reviewer.cli import main
try:
    code = main(sys.argv[1:])
finally:
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM"))
    sys.stderr.write(f"\\nVmHWM {peak}\\n")
raise SystemExit(code)
"""

_SNIPPET_TAIL = """
with open("/proc/self/status") as _status:
    _peak = next(line.split()[1] for line in _status if line.startswith("VmHWM"))
sys.stderr.write(f"\\nVmHWM {_peak}\\n")
"""


def say(message: str) -> None:
    """Progress on stderr."""
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Run:
    """One command's wall seconds, peak resident memory (MB), exit code and output."""

    seconds: float
    peak_mb: float
    code: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Implementation:
    """A reviewer source tree to run commands with."""

    name: str
    source: Path

    @classmethod
    def current(cls) -> Implementation:
        """This checkout."""
        return cls("now", ROOT)

    @classmethod
    def baseline(cls, ref: str = BASELINE_REF) -> Implementation:
        """A worktree of ``ref`` (made once; ``git worktree prune`` cleans it up)."""
        commit = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.strip()
        tree = Path(tempfile.gettempdir()) / f"reviewer-baseline-{commit}"
        if not (tree / "reviewer").is_dir():
            subprocess.run(["git", "worktree", "add", "--detach", "-f", str(tree), commit],
                           cwd=ROOT, check=True, capture_output=True)
        return cls(f"baseline {commit}", tree)

    @property
    def key(self) -> str:
        """A short name for files made with this implementation."""
        return "now" if self.source == ROOT else hashlib.sha1(
            str(self.source).encode()).hexdigest()[:8]

    def environment(self) -> dict[str, str]:
        """The environment with this source first on the import path (and bytecode
        cached, as an installed program's is)."""
        environment = {**os.environ, "PYTHONPATH": str(self.source),
                       "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        return environment

    def cli(self, *args: object, stdin: str | None = None, keep_output: bool = False) -> Run:
        """``reviewer ARGS`` in a fresh interpreter."""
        return self._run([sys.executable, "-c", _CLI, *(str(a) for a in args)], stdin,
                         keep_output)

    def python(self, code: str, *args: object, keep_output: bool = True) -> Run:
        """A Python snippet (``sys.argv[1:]`` are ``args``) in a fresh interpreter."""
        return self._run([sys.executable, "-c", "import sys\n" + code + _SNIPPET_TAIL,
                          *(str(a) for a in args)], None, keep_output)

    def _run(self, command: list[str], stdin: str | None, keep_output: bool) -> Run:
        start = time.perf_counter()
        done = subprocess.run(command, input=stdin, capture_output=True, text=True,
                              check=False, env=self.environment(), cwd=tempfile.gettempdir())
        wall = time.perf_counter() - start
        peaks = [line.split()[1] for line in done.stderr.splitlines()
                 if line.startswith("VmHWM")]
        stderr = "\n".join(line for line in done.stderr.splitlines()
                           if not line.startswith("VmHWM"))
        if done.returncode != 0:
            say(f"  [{self.name}] exit {done.returncode}: {stderr[-2000:]}")
        return Run(wall, int(peaks[-1]) / 1024 if peaks else float("nan"), done.returncode,
                   done.stdout if keep_output else "", stderr)


def corpus_files(size: int, edited_share: float = 0.3, seed: int = 2024) -> dict[str, Path]:
    """MT, post-edit and reference files of ``size`` lines (made once, kept in ``DATA``)."""
    folder = DATA / f"corpus-{size}-{edited_share}-{seed}"
    files = {name: folder / f"{name}.txt" for name in ("mt", "pe", "ref")}
    if all(path.exists() for path in files.values()):
        return files
    from corpus import make_corpus

    say(f"generating {size:,} segments …")
    corpus = make_corpus(size, edited_share, seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in (("mt", corpus.mt), ("pe", corpus.corrections),
                        ("ref", corpus.references)):
        temp = files[name].with_suffix(".partial")
        temp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        temp.replace(files[name])
    return files


def project(implementation: Implementation, size: int, corrections: bool = False) -> Path:
    """A project of ``size`` MT lines (and their post-edits), made once by that code."""
    files = corpus_files(size)
    kind = "pe" if corrections else "mt"
    path = DATA / f"project-{size}-{kind}-{implementation.key}.review"
    if path.exists():
        return path
    say(f"[{implementation.name}] making a {size:,}-segment project ({kind}) …")
    args: list[object] = ["new", path, "--mt", files["mt"], "--segment", "lines"]
    if corrections:
        args += ["--corrections", files["pe"]]
    run = implementation.cli(*args)
    if run.code != 0:
        raise SystemExit(f"could not make {path}")
    if corrections and implementation.source == ROOT:
        implementation.cli("score", "--wait", path)  # every score known, as the baseline's
    return path


def alternate(runs: int, *actions: Callable[[], Run]) -> list[list[Run]]:
    """Each action ``runs`` times, taking turns (A B A B …): one list of runs per action."""
    results: list[list[Run]] = [[] for _ in actions]
    for _ in range(runs):
        for index, action in enumerate(actions):
            results[index].append(action())
    return results


def best(runs: Sequence[Run]) -> float:
    """The fastest run's seconds: the least disturbed by the rest of the machine."""
    return min(run.seconds for run in runs)


def median(runs: Sequence[Run]) -> float:
    """The median run's seconds."""
    return statistics.median(run.seconds for run in runs)


def peak(runs: Sequence[Run]) -> float:
    """The largest peak resident memory (MB) among the runs."""
    return max(run.peak_mb for run in runs)


def table(rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
