"""Issue 12's commands beside a window: refused while it edits the project (nothing
written), and a ``reviewer memory add`` killed mid-way leaves no half-added units."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.formats.readers import import_document
from reviewer.session import ReviewSession

CAT, MT = "The cat sat on the mat.", "Die Katze sass auf der Matte."
FIXED = "Die Katze saß auf der Matte."


def reviewer(*args: object) -> subprocess.CompletedProcess[str]:
    """The real command in a process of its own, as a terminal runs it."""
    return subprocess.run([sys.executable, "-m", "reviewer", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def cat_project(tmp_path: Path) -> Path:
    """Segments 1, 3 and 4 share a source; 2 differs."""
    table = tmp_path / "in.tsv"
    table.write_text(f"source\tmt\n{CAT}\t{MT}\nThe dog barked.\tDer Hund bellte.\n"
                     f"{CAT}\t{MT}\n{CAT}\t{MT}\n", encoding="utf-8")
    path = tmp_path / "job.review"
    ReviewSession.create(path, import_document(table)).close()
    return path


def contents(project: Path) -> list[object]:
    db = sqlite3.connect(project)
    try:
        return [db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                for table in ("revisions", "glossary_terms", "tm_units",
                              "suggestion_dismissals")]
    finally:
        db.close()


def test_a_terminal_cannot_write_beside_the_window_and_its_undo_step_stays_safe(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = cat_project(tmp_path)
    memory, terms = tmp_path / "big.tsv", tmp_path / "terms.csv"
    memory.write_text(f"source\ttarget\n{CAT}\tLa chatte\n", encoding="utf-8")
    terms.write_text("source,target\ncat,Katze\n", encoding="utf-8")
    window = ReviewSession.open(project)  # what the window holds
    try:
        window.edit(0, FIXED, "anna")
        batch = window.propagate(0, "anna").batch
        before = contents(project)
        for command in (("memory", project, "add", memory), ("glossary", project, terms),
                        ("suggest", project, "--apply-all", 1),
                        ("edit", project, 3, "Die Katze lag.", "--propagate")):
            # two in real processes; the lock (flock) refuses a second open in this one too
            code, out, err = run(capsys, *command) if command[0] in ("glossary", "suggest") \
                else astuple(reviewer(*command))
            assert code == 1 and out == "", command
            assert err.startswith("reviewer: error: job.review is being edited by ")
            assert err.count("\n") == 1
        assert contents(project) == before
        window.undo_batch(batch, "anna")  # nothing a terminal did is undone with it
        assert [(s.text, s.status) for s in window.segments()][2:] == [(MT, "new")] * 2
    finally:
        window.close()
    assert run(capsys, "verify", project)[0] == 0


def astuple(result: subprocess.CompletedProcess[str]) -> tuple[int, str, str]:
    return result.returncode, result.stdout, result.stderr


def test_a_memory_add_killed_mid_way_adds_nothing_and_the_index_still_matches(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = cat_project(tmp_path)
    memory = tmp_path / "big.tsv"
    # five slices of 20,000 units in one transaction: a while to be killed in, even when
    # a loaded machine lets this test look at the file seldom
    memory.write_text("source\ttarget\n" + "".join(
        f"The dog number {n} barked at the cat.\tDer Hund {n}\n" for n in range(100_000)),
        encoding="utf-8")
    wal = project.with_name(project.name + "-wal")
    adding = subprocess.Popen([sys.executable, "-m", "reviewer", "memory", project, "add",
                               memory], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while adding.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 1_000_000:  # units being written
            os.kill(adding.pid, signal.SIGKILL)
            break
        time.sleep(0.002)
    assert adding.wait(timeout=30) == -signal.SIGKILL, "killed before it was done"
    assert run(capsys, "verify", project)[0] == 0
    listed = json.loads(run(capsys, "memory", project, "--json")[1])
    assert listed["size"] == 0 and listed["origins"] == []
    db = sqlite3.connect(project)
    db.execute("INSERT INTO tm_key_index (tm_key_index) VALUES ('integrity-check')")
    db.close()
    small = tmp_path / "small.tsv"
    small.write_text(f"source\ttarget\n{CAT}\tLa chatte\n", encoding="utf-8")
    assert run(capsys, "memory", project, "add", small)[0] == 0
    found = json.loads(run(capsys, "matches", project, 1, "--json")[1])
    assert [(m["score"], m["target"], m["origin"]) for m in found] == [
        (100, "La chatte", "small.tsv")]


SEGMENT_7 = ("“We act in accordance with our beliefs and the norms of international law,” "
             "said the Russian President.")


def test_a_dismissal_holds_in_the_parts_of_a_split_and_a_merge(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    try:
        session.edit(6, SEGMENT_7, "anna")
        found = session.suggestions(13)  # both fixes, the phrase of one after the split
        dismissed = next(s for s in found if s.mt == "President of the Russian Federation")
        session.dismiss_suggestion(dismissed, "anna")
        assert [s.mt for s in session.suggestions(13)] == ["”, – said"]
        elsewhere = len(session.suggestions(18))
        session.split(13, 20, "anna", None, 20)
        assert [s.mt for s in session.suggestions(13) + session.suggestions(14)] == [
            "”, – said"]
        session.merge(13, "anna")
        assert [s.mt for s in session.suggestions(13)] == ["”, – said"]
        assert len(session.suggestions(18)) == elsewhere  # dismissed in one segment only
    finally:
        session.close()


def test_memory_add_refuses_the_project_itself_through_a_hard_link(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = cat_project(tmp_path)
    session = ReviewSession.open(project)
    session.edit(0, FIXED, "anna")
    session.close()
    link = tmp_path / "other-name.review"
    os.link(project, link)  # the same file: opening and closing it in this process would
    code, out, err = run(capsys, "memory", project, "add", link)  # drop the writer's locks
    assert (code, out) == (1, "")
    assert err == ("reviewer: error: other-name.review: is this project; its confirmed "
                   "segments are already its memory\n")
    assert json.loads(run(capsys, "memory", project, "--json")[1])["size"] == 0
