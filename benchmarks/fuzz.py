"""The long fuzz run: importers and command line, for a time budget, counting every failure.

Runs the strategies of ``tests/reliability`` (``fuzz_inputs``, ``fuzz_cli``) in rounds of
fresh random cases until the time is up, under a cap on the address space, and prints
how many cases ran and how many failed (by kind). Unlike the test suite it does not stop
at the first failure or shrink it: each failing case is saved in ``--out`` to reproduce.

    python benchmarks/fuzz.py                      # 5 minutes, importers, new and CLI
    python benchmarks/fuzz.py --minutes 1 --targets importers
    python benchmarks/fuzz.py --seed 7             # another sequence of cases

Not part of the test suite; the quick variant is
``pytest tests/reliability/test_fuzz_importers.py tests/reliability/test_fuzz_cli.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent.parent / "tests" / "reliability"
sys.path.insert(0, str(TESTS))

TARGETS = ("importers", "new", "cli")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--targets", default=",".join(TARGETS),
                        help="comma-separated: " + ", ".join(TARGETS))
    parser.add_argument("--seed", type=int, default=1, help="first round's seed")
    parser.add_argument("--round", type=int, default=100, help="cases per round")
    parser.add_argument("--cap-mb", type=int, default=1024, help="address-space cap")
    parser.add_argument("--out", type=Path, default=None, help="where failing cases go")
    return parser.parse_args()


class Tally:
    """Cases run and failures, by target and by kind."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.cases: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()
        self.kinds: Counter[tuple[str, str]] = Counter()

    def attempt(self, target: str, case: Any, check: Callable[[], object]) -> None:
        """Run one check; a failure is counted and its case saved, never raised."""
        self.cases[target] += 1
        try:
            check()
        except (Exception, MemoryError) as error:  # noqa: BLE001 - counting every failure
            self.failures[target] += 1
            frame = traceback.extract_tb(error.__traceback__)[-1]
            message = str(error).split("\n", 1)[0][:80] if isinstance(error, AssertionError) \
                else ""
            message = re.sub(r"\d+(\.\d+)?", "N", message)  # "took N s" is one kind
            kind = (f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}"
                    f" {message}")
            self.kinds[(target, kind)] += 1
            if self.kinds[(target, kind)] <= 3:
                self._save(target, case, error)

    def _save(self, target: str, case: Any, error: BaseException) -> None:
        number = sum(self.failures.values())
        stem = self.out / f"{target}-{number:04d}"
        stem.with_suffix(".txt").write_text(
            repr(case) + "\n\n" + "".join(traceback.format_exception(error)), encoding="utf-8")
        data = getattr(case, "data", None)
        if isinstance(data, bytes):
            stem.with_suffix(".bin").write_bytes(data)
            stem.with_suffix(".json").write_text(json.dumps(
                {"suffix": case.suffix, "options": case.options}), encoding="utf-8")


def _round(target: str, seed: int, examples: int, tally: Tally, work: Path,
           template: Path) -> None:
    from fuzz_cli import argument_lists, check_case, check_new_and_exports, new_arguments
    from fuzz_inputs import check_import, import_cases
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed
    from hypothesis import strategies as st

    options = settings(max_examples=examples, database=None, deadline=None,
                       phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    strategy: st.SearchStrategy[Any]
    if target == "importers":
        strategy = import_cases()

        def check(case: Any) -> object:
            return check_import(case, work / "case")
    elif target == "new":
        strategy = import_cases()

        def check(case: Any) -> object:
            folder = Path(tempfile.mkdtemp(dir=work))
            argv = new_arguments(case, folder)
            try:
                return check_new_and_exports(argv, template, folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
    else:
        strategy = argument_lists()

        def check(case: Any) -> object:
            folder = Path(tempfile.mkdtemp(dir=work))
            try:
                return check_case(case, template, folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

    @with_seed(seed)
    @options
    @given(case=strategy)
    def fuzz(case: Any) -> None:
        tally.attempt(target, case, lambda: check(case))

    fuzz()


def main() -> int:
    args = _arguments()
    targets = [name.strip() for name in args.targets.split(",") if name.strip()]
    unknown = set(targets) - set(TARGETS)
    if unknown:
        print(f"unknown targets: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    cap = args.cap_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    work = Path(tempfile.mkdtemp(prefix="reviewer-fuzz-"))
    os.environ["REVIEWER_DATA_DIR"] = str(work / "user-data")
    out = args.out or work / "failures"
    out.mkdir(parents=True, exist_ok=True)
    from fuzz_cli import make_template

    with contextlib.redirect_stdout(io.StringIO()):
        template = make_template(work / "template")
    tally = Tally(out)
    start = time.monotonic()
    deadline = start + args.minutes * 60
    seed = args.seed
    while time.monotonic() < deadline:
        for target in targets:
            if time.monotonic() >= deadline:
                break
            round_work = Path(tempfile.mkdtemp(dir=work))
            _round(target, seed, args.round, tally, round_work, template)
        seed += 1
    elapsed = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"fuzzed {elapsed / 60:.1f} minutes, seeds {args.seed}..{seed - 1}, "
          f"address space capped at {args.cap_mb} MB (peak resident {peak_mb:.0f} MB)")
    for target in targets:
        print(f"  {target:<10} {tally.cases[target]:>7} cases  "
              f"{tally.failures[target]:>5} failures")
    for (target, kind), count in tally.kinds.most_common():
        print(f"    {target}: {count} x {kind}")
    if tally.kinds:
        print(f"failing cases saved in {out}")
    return 1 if tally.kinds else 0


if __name__ == "__main__":
    sys.exit(main())
