"""Argument lists for every ``reviewer`` subcommand, and what each run must keep true.

Each case runs in a fresh folder holding a copy of a small project (``p.review``) and
files a user might name by mistake. The checks: exit code 0, 1 or 2; on 1 exactly one
line ``reviewer: error: ...`` (``verify`` prints one line per problem); never a traceback;
bounded time; the project still passes ``PRAGMA integrity_check`` and its revisions were
only ever appended; commands that only read change no file (``score --wait`` writes).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fuzz_inputs import ENCODING_OPTIONS, ImportCase
from hypothesis import strategies as st

from reviewer.cli import SUBCOMMANDS, main
from reviewer.formats.readers import IMPORT_FORMATS
from reviewer.formats.writers import export_formats

DATA = Path(__file__).resolve().parent.parent / "data"
PROJECT = "p.review"
READERS = ("score", "history", "verify")
CPU_SECONDS = 2.0  # the bound for any command on input the limits allow
WALL_SECONDS = 20.0  # generous: other tests share the machine; a hang still shows

# Every name relative: the fuzzing must never write outside its folder (it may run as root).
PROJECTS = (PROJECT, PROJECT, PROJECT, "link.review", "missing.review", "empty.review",
            "other.db", "mt.txt", "folder", "folder/x.review", "./p.review", "-", "p.review/",
            "P.REVIEW", "p.review-wal", ".p.review.1.partial")
INPUTS = ("mt.txt", "job.xlf", "memory.tmx", "messages.po", "segments.tsv", "segments.csv",
          "empty.txt", "missing.txt", "folder", PROJECT, "other.db", "link.review", "-")
OUTPUTS = ("out.txt", "out.tsv", "out.xlf", "out.tmx", "out.po", "out.jsonl", "out",
           "copy.review", PROJECT, "link.review", "./p.review", "folder", "folder/",
           "missing/x.txt", "mt.txt", "empty.review", "other.db", "p.review-wal", "-",
           "out.txt/x")
NUMBERS = ("1", "2", "3", "0", "-1", "4", "999999", "99999999999999999999999", "1e3", "x",
           "", " 1", "١", "0x1", "+1", "1_0")
DATES = ("2024-01-01", "2024-01-01T10:00", "9999-12-31", "0001-01-01", "0000-00-00", "1970",
         "yesterday", "v1", "V1", "", "2024-13-45", "10000-01-01", "-1")
TEXTS = ("fixed", "", " ", "Putin: the Russian military acts", "v1", "\t", "\x1b]0;pwned\x07",
         "\u202eevil", "\x7f", "line\nbreak", "x" * 10_000, "word " * 2_000, "x" * 10_001,
         "ab\udcff\udcfe", "\ud800", "é" * 5_000)
FLAGS = ("--json", "--wait", "--help", "-h", "--", "--nope", "--segment", "--since",
         "--format", "--version", "--author", "--mt", "--source", "--reference",
         "--corrections", "--encoding", "--langs")


def _undecodable() -> st.SearchStrategy[str]:
    """What Python makes of argv bytes that are not UTF-8 (lone surrogate escapes)."""
    return st.binary(min_size=1, max_size=12).filter(lambda b: b"\x00" not in b).map(
        os.fsdecode)


def _text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(TEXTS), st.text(max_size=40), _undecodable())


def _relative_name() -> st.SearchStrategy[str]:
    """A file name in the case's folder: never absolute, never climbing out."""
    return st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]),
                   min_size=1, max_size=20).filter(lambda n: n not in (".", ".."))


def _values(option: str) -> st.SearchStrategy[str]:
    """Values for one option: the ones it takes, near misses, and noise."""
    choices: dict[str, st.SearchStrategy[str]] = {
        "--segment": st.sampled_from(NUMBERS + ("sentences", "lines", "words")),
        "--since": st.sampled_from(DATES),
        "--format": st.sampled_from((*IMPORT_FORMATS, *export_formats(), "TSV", "xml", "")),
        "--version": st.sampled_from(("v1", "v2", "", "V1")),
        "--mt": st.sampled_from(INPUTS), "--source": st.sampled_from(INPUTS),
        "--reference": st.sampled_from(INPUTS), "--corrections": st.sampled_from(INPUTS),
        "--encoding": st.sampled_from(ENCODING_OPTIONS),
        "--langs": st.sampled_from(("ru,en", "en,ru", "ru", "ru,en,de", ",", "xx,yy")),
    }
    return st.one_of(choices.get(option, _text()), _text())


POSITIONALS: dict[str, tuple[st.SearchStrategy[str], ...]] = {
    "new": (st.sampled_from(("new.review", *PROJECTS)),),
    "edit": (st.sampled_from(PROJECTS), st.sampled_from(NUMBERS), _text()),
    "score": (st.sampled_from(PROJECTS),),
    "history": (st.sampled_from(PROJECTS),),
    "version": (st.sampled_from(PROJECTS), _text()),
    "backup": (st.sampled_from(PROJECTS), st.one_of(st.sampled_from(OUTPUTS),
                                                     _relative_name())),
    "export": (st.sampled_from(PROJECTS), st.one_of(st.sampled_from(OUTPUTS),
                                                     _relative_name())),
    "verify": (st.sampled_from(PROJECTS),),
}
OPTIONS = {
    "new": ("--mt", "--source", "--reference", "--corrections", "--segment", "--encoding",
            "--format", "--langs"),
    "edit": ("--author",), "score": ("--json", "--wait"),
    "history": ("--segment", "--since", "--json"), "version": ("--author",),
    "backup": (), "export": ("--format", "--version"), "verify": ("--json",),
}
SWITCHES = ("--json", "--wait", "--help", "-h", "--")


@st.composite
def argument_lists(draw: st.DrawFn, commands: tuple[str, ...] = SUBCOMMANDS) -> list[str]:
    """A subcommand and its arguments: mostly the right shape, with wrong parts mixed in."""
    command = draw(st.sampled_from(commands))
    argv = [command]
    positionals = POSITIONALS.get(command, (st.sampled_from(PROJECTS),))
    if draw(st.integers(0, 5)):  # the usual shape, with a value or two from the wrong pile
        argv += [draw(strategy) for strategy in positionals]
        if command == "new" and draw(st.integers(0, 5)):
            argv += ["--mt", draw(st.sampled_from(INPUTS))]
        if command == "version" and draw(st.booleans()):
            argv.pop()  # no label: list the versions
    own = OPTIONS.get(command, ())
    for _ in range(draw(st.integers(0, 4))):
        option = draw(st.sampled_from(own + FLAGS) if own else st.sampled_from(FLAGS))
        if option in SWITCHES:
            argv.append(option)
        elif draw(st.integers(0, 9)):
            argv += [option, draw(_values(option))]
        else:
            argv.append(f"{option}={draw(_values(option))}")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(1, len(argv)))
        argv.insert(at, draw(st.one_of(_text(), st.sampled_from(FLAGS + PROJECTS))))
    return [arg.replace("\x00", "") for arg in argv]  # a real argv cannot hold NUL


def make_template(folder: Path) -> Path:
    """A small project with revisions, a draft-free history and a labelled version."""
    folder.mkdir(parents=True, exist_ok=True)
    project = folder / PROJECT
    for argv in (["new", project, "--mt", DATA / "segments.tsv"],
                 ["edit", project, "1", "Putin: the Russian military acts successfully"],
                 ["version", project, "v1", "--author", "fuzz"],
                 ["edit", project, "2", "Sochi, 22 October."]):
        code = main([str(a) for a in argv])
        assert code == 0, argv
    return project


def make_case_folder(template: Path, folder: Path) -> Path:
    """A fresh folder: the project and the files a user might name by mistake."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, folder / PROJECT)
    for name in ("job.xlf", "memory.tmx", "messages.po", "segments.tsv", "segments.csv",
                 "empty.txt"):
        shutil.copyfile(DATA / name, folder / name)
    shutil.copyfile(DATA / "mt.en.txt", folder / "mt.txt")
    (folder / "folder").mkdir()
    (folder / "empty.review").write_bytes(b"")
    (folder / "link.review").symlink_to(PROJECT)
    other = sqlite3.connect(folder / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.execute("INSERT INTO t VALUES (1)")
    other.commit()
    other.close()
    return folder


def revisions(project: Path) -> list[tuple[object, ...]]:
    """Every revision, in the order they were saved; the file must pass integrity_check."""
    connection = sqlite3.connect(f"{project.as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return connection.execute("SELECT id, segment_id, number, text, author, created_at "
                                  "FROM revisions ORDER BY id").fetchall()
    finally:
        connection.close()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()
            if path.is_file() and not path.is_symlink()
            and not path.name.endswith(("-wal", "-shm"))}


@dataclass(frozen=True)
class Outcome:
    """What one run printed and returned."""

    code: int
    out: str
    err: str
    cpu: float
    wall: float


def run_in_process(argv: list[str], folder: Path) -> Outcome:
    """``main(argv)`` in ``folder``, its output through UTF-8 streams as on a terminal."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    saved = sys.stdout, sys.stderr, os.getcwd()
    sys.stdout, sys.stderr = stdout, stderr
    os.chdir(folder)
    start, cpu_start = time.monotonic(), time.process_time()
    try:
        code = main(argv)
        stdout.flush()
        stderr.flush()
    finally:
        sys.stdout, sys.stderr = saved[0], saved[1]
        os.chdir(saved[2])
    cpu, wall = time.process_time() - cpu_start, time.monotonic() - start
    out = stdout.buffer.getvalue().decode("utf-8")
    err = stderr.buffer.getvalue().decode("utf-8")
    return Outcome(code, out, err, cpu, wall)


def check_outcome(argv: list[str], outcome: Outcome) -> None:
    """Exit 0, 1 or 2; on 1 one error line (one a problem for verify); no traceback."""
    code, err = outcome.code, outcome.err
    assert code in (0, 1, 2), f"exit {code}: {err[-2000:]}"
    assert "Traceback" not in err, err[-2000:]
    if code == 1:
        lines = err.splitlines()
        if argv[0] == "verify" and not err.startswith("reviewer: error:"):
            assert lines and all(line.startswith("reviewer: ") for line in lines), err
        else:
            assert err.startswith("reviewer: error:") and len(lines) == 1 \
                and err.endswith("\n") and err.count("\n") == 1, repr(err)
    if code == 0 and "--json" in argv and not {"-h", "--help"} & set(argv):
        json.loads(outcome.out)
    assert outcome.cpu < CPU_SECONDS, f"{outcome.cpu:.1f} s of CPU"
    assert outcome.wall < WALL_SECONDS, f"{outcome.wall:.1f} s"


_OPTION_NAMES = {"file_format": "--format", "encoding": "--encoding", "langs": "--langs",
                 "segmentation": "--segment"}


def new_arguments(case: ImportCase, folder: Path) -> list[str]:
    """Write a fuzzed import case into ``folder``; the ``reviewer new`` arguments for it."""
    (folder / f"fuzzed{case.suffix}").write_bytes(case.data)
    argv = ["new", "n.review", "--mt", f"fuzzed{case.suffix}"]
    for role, data in case.aligned.items():
        (folder / f"{role}.txt").write_bytes(data)
        argv += [f"--{role}", f"{role}.txt"]
    for option, value in case.options.items():
        argv += [_OPTION_NAMES[option], value]
    return argv


def check_new_and_exports(argv: list[str], template: Path, folder: Path) -> Outcome:
    """Run ``new`` (``argv``, making ``n.review``); when it succeeds, export every format."""
    outcome = check_case(argv, template, folder)
    created = folder / "n.review"
    assert created.exists() == (outcome.code == 0), outcome
    if outcome.code == 0:
        for export_format in export_formats():
            exported = run_in_process(["export", "n.review", f"out.{export_format}",
                                       "--format", export_format], folder)
            check_outcome(["export"], exported)
    return outcome


def check_case(argv: list[str], template: Path, folder: Path) -> Outcome:
    """Run ``argv`` in a fresh copy of the template's folder and check everything after."""
    make_case_folder(template, folder)
    project = folder / PROJECT
    before = revisions(project)
    files = _snapshot(folder)
    outcome = run_in_process(argv, folder)
    check_outcome(argv, outcome)
    assert project.is_file() and not project.is_symlink(), "the project is gone"
    after = revisions(project)
    assert after[: len(before)] == before, "a revision changed or disappeared"
    if argv[0] in READERS and "--wait" not in argv:  # --wait stores pending scores
        assert _snapshot(folder) == files, f"{argv[0]} changed a file"
    return outcome
