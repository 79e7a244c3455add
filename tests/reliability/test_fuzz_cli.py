"""Fuzzing the command line: any arguments end in 0, 1 or 2, one error line, the project intact.

In process, ``reviewer.cli.main`` runs each generated argument list for every subcommand
in a fresh folder with a copy of a small project; a few real processes get random bytes
as arguments. ``REVIEWER_FUZZ_EXAMPLES=N`` runs N fresh random cases per test instead of
the fixed quick budget.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from fuzz_cli import (
    PROJECT,
    Outcome,
    argument_lists,
    check_case,
    check_new_and_exports,
    check_outcome,
    make_case_folder,
    make_template,
    new_arguments,
    revisions,
)
from fuzz_inputs import ImportCase, import_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.cli import SUBCOMMANDS

LONG_RUN = os.environ.get("REVIEWER_FUZZ_EXAMPLES")


def budget(quick: int) -> settings:
    """``quick`` derandomized cases, or the long run's random ones."""
    return settings(max_examples=int(LONG_RUN) if LONG_RUN else quick,
                    derandomize=not LONG_RUN, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_template(tmp_path_factory.mktemp("template"))


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_any_arguments_end_in_one_line_and_keep_the_project(command: str, template: Path,
                                                            tmp_path: Path) -> None:
    @budget(40)
    @given(argv=argument_lists((command,)))
    def run(argv: list[str]) -> None:
        check_case(argv, template, Path(tempfile.mkdtemp(dir=tmp_path)))

    run()


def test_new_from_mutated_files(template: Path, tmp_path: Path) -> None:
    """``reviewer new`` end to end on the importer fuzzing's files, then every export."""
    @budget(40)
    @given(case=import_cases())
    def run(case: ImportCase) -> None:
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        check_new_and_exports(new_arguments(case, folder), template, folder)

    run()


# Found by the fuzzing; kept so they stay fixed.
@pytest.mark.parametrize("argv", [
    ["export", PROJECT, "link.review"],
    ["export", PROJECT, "./p.review", "--format", "tsv"],
    ["backup", PROJECT, "link.review"],
    ["new", "link.review", "--mt", "mt.txt"],
    ["edit", PROJECT, "1", "\ud800"],
    ["history", PROJECT, "--since", "0000-00-00"],
    ["history", PROJECT, "--segment", "99999999999999999999999"],
    ["score", "other.db"],
    ["history", "empty.review"],
    ["verify", "other.db"],
])
def test_arguments_found_by_fuzzing(argv: list[str], template: Path, tmp_path: Path) -> None:
    check_case(argv, template, tmp_path / "case")


def _subprocess(argv: list[bytes], folder: Path, locale: str) -> Outcome:
    env = {**os.environ, "LC_ALL": locale, "PYTHONIOENCODING": ""}
    result = subprocess.run([os.fsencode(sys.executable), b"-m", b"reviewer", *argv],
                            cwd=folder, capture_output=True, timeout=60, env=env)
    return Outcome(result.returncode, result.stdout.decode("utf-8", "replace"),
                   result.stderr.decode("utf-8", "replace"), 0.0, 0.0)


@settings(max_examples=int(LONG_RUN) if LONG_RUN else 6, derandomize=not LONG_RUN,
          database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(SUBCOMMANDS),
       args=st.lists(st.binary(min_size=0, max_size=12).filter(lambda b: b"\0" not in b),
                     max_size=4),
       locale=st.sampled_from(("C.UTF-8", "C")))
def test_random_bytes_as_arguments_of_a_real_process(command: str, args: list[bytes],
                                                     locale: str, template: Path,
                                                     tmp_path: Path) -> None:
    folder = make_case_folder(template, Path(tempfile.mkdtemp(dir=tmp_path)))
    before = revisions(folder / PROJECT)
    # the project first, so most runs get past argparse to the command itself
    argv = [command.encode(), PROJECT.encode(), *args]
    outcome = _subprocess(argv, folder, locale)
    check_outcome([command], outcome)
    assert revisions(folder / PROJECT)[: len(before)] == before
