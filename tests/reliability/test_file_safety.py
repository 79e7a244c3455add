"""Nothing we write clobbers a file, and readers never write (issue 8, cases 2-7, 11, 12)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from disks import read_only_folder, small_disk

from reviewer.core.errors import ReviewerError
from reviewer.formats.plaintext import import_plain_text
from reviewer.session import ReviewSession
from reviewer.store.lock import ReadOnlyError

FORMATS = ["text", "tsv", "jsonl", "xliff", "tmx", "po"]


def cli(*args: object, preexec=None, timeout: float = 60) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """Run the real ``reviewer`` command in a process of its own."""
    return subprocess.run([sys.executable, "-m", "reviewer", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=preexec)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def revision_texts(project: Path) -> list[str]:
    session = ReviewSession.open(project, read_only=True)
    try:
        return [r.text for r in session.history()]
    finally:
        session.close()


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reviewer: error:"), result.stderr
    return lines[0]


@pytest.fixture
def edited(seed_project: Path) -> Path:
    session = ReviewSession.open(seed_project)
    session.edit(0, "A confirmed correction.", "tester")
    session.close()
    return seed_project


# -- 2: export and backup never write over a project or their own input ------------------

@pytest.mark.parametrize("export_format", FORMATS)
@pytest.mark.parametrize("through", ["itself", "symlink", "wal", "lock"])
def test_export_never_writes_over_the_project(edited: Path, export_format: str,
                                              through: str) -> None:
    target = {"itself": edited, "symlink": edited.with_name("link.review"),
              "wal": edited.with_name(edited.name + "-wal"),
              "lock": edited.with_name(edited.name + ".lock")}[through]
    if through == "symlink":
        target.symlink_to(edited)
    before = digest(edited)
    result = cli("export", edited, target, "--format", export_format)
    assert "never writes over" in one_line_error(result)
    assert digest(edited) == before
    assert revision_texts(edited) == ["A confirmed correction."]


def test_export_and_backup_refuse_another_project(edited: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.review"
    reader = ReviewSession.open(edited, read_only=True)
    reader.backup(other)
    reader.close()
    before = digest(other)
    assert "never writes over" in one_line_error(cli("export", edited, other))
    assert "never writes over" in one_line_error(cli("backup", edited, other))
    assert digest(other) == before


def test_backup_never_over_the_project_itself(edited: Path) -> None:
    link = edited.with_name("same.review")
    link.symlink_to(edited)
    before = digest(edited)
    for target in (edited, link):
        one_line_error(cli("backup", edited, target))
    assert digest(edited) == before


# -- 3: new never replaces what is at the path ----------------------------------------------

def test_new_never_replaces_a_project_made_while_it_ran(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "race.review"
    rival = tmp_path / "rival.review"
    ReviewSession.create(rival, import_plain_text(seed)).close()

    def progress(done: int, total: int) -> None:  # the other `new` finishes meanwhile
        if done == total and not target.exists():
            os.link(rival, target)

    with pytest.raises(ReviewerError, match="already exists"):
        ReviewSession.create(target, import_plain_text(seed), progress)
    assert target.samefile(rival) and digest(target) == digest(rival)
    assert not list(tmp_path.glob(".race.review.*"))


def test_new_refuses_leftover_wal_of_an_earlier_project(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "again.review"
    target.with_name("again.review-wal").write_bytes(b"old frames")
    assert "again.review-wal" in one_line_error(cli("new", target, "--mt", seed))
    assert not target.exists()


def test_two_news_racing_leave_one_good_project(seed: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(seed.read_text(encoding="utf-8") * 30, encoding="utf-8")
    target = tmp_path / "both.review"
    runs = [subprocess.Popen([sys.executable, "-m", "reviewer", "new", str(target), "--mt",
                              str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    codes = sorted(run.wait(timeout=120) for run in runs)
    assert codes == [0, 1]
    assert cli("verify", target).returncode == 0
    assert not list(tmp_path.glob(".both.review.*"))


# -- 4: backup never replaces an existing file ---------------------------------------------

def test_backup_refuses_a_project_open_for_editing(edited: Path, seed: Path,
                                                   tmp_path: Path) -> None:
    busy = tmp_path / "busy.review"
    ReviewSession.create(busy, import_plain_text(seed)).close()
    holder = ReviewSession.open(busy)
    try:
        holder.edit(1, "Being edited.", "someone")
        assert "never writes over" in one_line_error(cli("backup", edited, busy))
        holder.edit(2, "Still being edited.", "someone")
    finally:
        holder.close()
    assert revision_texts(busy) == ["Being edited.", "Still being edited."]
    assert cli("verify", busy).returncode == 0


def test_backup_refuses_a_target_with_a_leftover_wal(edited: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.review"
    target.with_name("copy.review-wal").write_bytes(b"frames of another database")
    one_line_error(cli("backup", edited, target))
    assert not target.exists()


# -- 5: the lock file never follows links and never truncates what is not ours --------------

def test_lock_file_symlink_is_refused(edited: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    edited.with_name(edited.name + ".lock").unlink(missing_ok=True)
    edited.with_name(edited.name + ".lock").symlink_to(victim)
    assert "symbolic link" in one_line_error(cli("edit", edited, 2, "x"))
    assert victim.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("kind", ["foreign", "fifo", "folder", "hardlink"])
def test_lock_file_that_is_not_ours_is_left_alone(edited: Path, tmp_path: Path,
                                                  kind: str) -> None:
    lock = edited.with_name(edited.name + ".lock")
    lock.unlink(missing_ok=True)
    if kind == "foreign":
        lock.write_text("somebody's notes\n", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(lock)
    elif kind == "folder":
        lock.mkdir()
    else:
        victim = tmp_path / "victim.txt"
        victim.write_text("", encoding="utf-8")
        os.link(victim, lock)
    one_line_error(cli("edit", edited, 2, "x", timeout=20))
    if kind == "foreign":
        assert lock.read_text(encoding="utf-8") == "somebody's notes\n"
    assert revision_texts(edited) == ["A confirmed correction."]


# -- 6: readers never write -------------------------------------------------------------

@pytest.mark.parametrize("command", ["score", "history", "export", "backup", "verify"])
def test_readers_leave_an_empty_file_empty(tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty.review"
    empty.write_bytes(b"")
    extra = [tmp_path / "out.txt"] if command in ("export", "backup") else []
    assert "not a reviewer project" in one_line_error(cli(command, empty, *extra))
    assert empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.review"]


@pytest.mark.parametrize("command", ["score", "history", "edit", "version"])
def test_another_programs_database_is_not_changed(tmp_path: Path, command: str) -> None:
    other = tmp_path / "browser-history.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE visits (url TEXT)")
    db.execute("INSERT INTO visits VALUES ('https://example.org')")
    db.commit()
    db.close()
    before = digest(other)
    extra = {"edit": ["1", "x"], "version": ["v1"]}.get(command, [])
    assert "not a reviewer project" in one_line_error(cli(command, other, *extra))
    assert digest(other) == before
    assert not list(tmp_path.glob("*-wal")) and not list(tmp_path.glob("*-shm"))


# -- 7: projects on read-only media can be read -------------------------------------------

def test_read_only_media(edited: Path, tmp_path: Path) -> None:
    with read_only_folder(tmp_path, [edited]) as media:
        project = media / edited.name
        score = cli("score", project, "--json")
        assert score.returncode == 0, score.stderr
        history = cli("history", project)
        assert "A confirmed correction." in history.stdout
        out = tmp_path / "out"
        out.mkdir()
        assert cli("export", project, out / "text.txt").returncode == 0
        assert "A confirmed correction." in (out / "text.txt").read_text(encoding="utf-8")
        assert cli("backup", project, out / "copy.review").returncode == 0
        assert cli("verify", out / "copy.review").returncode == 0
        assert "read-only" in one_line_error(cli("edit", project, 2, "x"))
        with pytest.raises(ReadOnlyError):
            ReviewSession.open(project)
        session = ReviewSession.open(project, read_only=True, isolated=True)
        assert session.segment(0).text == "A confirmed correction."
        session.close()


# -- 11: a full disk gives a clear message and leaves nothing partial --------------------

def test_full_disk_new_and_edit(seed: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(seed.read_text(encoding="utf-8") * 40, encoding="utf-8")
    # room for the seed's project (about 200 KB with schema 10's tables and indexes), its
    # -wal and -shm, and a page of text once the filler is gone; the big one never fits
    with small_disk(tmp_path, 320) as (disk, limit):
        target = disk / "full.review"
        result = cli("new", target, "--mt", big, preexec=limit)
        assert "disk is full" in one_line_error(result)
        assert list(disk.iterdir()) == []
        small = disk / "small.review"
        assert cli("new", small, "--mt", seed, preexec=limit).returncode == 0
        filler = disk / "filler"
        if limit is None:  # a real small disk: fill what is left
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
            with pytest.raises(OSError):
                while True:
                    os.write(fd, b"\0" * 4096)
            os.close(fd)
        else:
            pytest.skip("without a small disk to fill, edits cannot be made to run out")
        for reader in (["score", small], ["history", small], ["verify", small]):
            assert cli(*reader, preexec=limit).returncode == 0  # reading needs no room
        text = " ".join(f"word{n}" for n in range(900))  # a page of text needs room
        assert "disk is full" in one_line_error(cli("edit", small, 3, text, preexec=limit))
        filler.unlink()
        assert cli("verify", small).returncode == 0
        assert revision_texts(small) == []
        assert cli("edit", small, 3, text, preexec=limit).returncode == 0


def test_killed_new_leaves_nothing_for_long(seed: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(seed.read_text(encoding="utf-8") * 400, encoding="utf-8")
    target = tmp_path / "killed.review"
    other = tmp_path / "other.review"
    ReviewSession.create(other, import_plain_text(seed)).close()
    run = subprocess.Popen([sys.executable, "-m", "reviewer", "new", str(target), "--mt",
                            str(big)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".killed.review.*.partial")):
        assert time.monotonic() < deadline and run.poll() is None
        time.sleep(0.01)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert not target.exists()
    report = cli("verify", other)  # a reader says so; the next writer removes it
    assert report.returncode == 1 and ".partial" in report.stderr
    assert cli("new", target, "--mt", seed).returncode == 0
    assert not list(tmp_path.glob(".killed.review.*"))
    assert cli("verify", other).returncode == 0


# -- 12: a lost -wal loses as little as SQLite allows, and verify says so --------------------

WRITER = """
import sys
from reviewer.session import ReviewSession
session = ReviewSession.open(sys.argv[1])
for line in sys.stdin:
    position, text = line.rstrip("\\n").split(" ", 1)
    session.edit(int(position), text, "writer")
    print("SAVED", flush=True)
"""


def test_deleted_wal_under_a_killed_writer_loses_nothing(seed_project: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(seed_project)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert writer.stdin is not None and writer.stdout is not None
    try:
        writer.stdin.write("0 First.\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "SAVED"
        for suffix in ("-wal", "-shm"):  # someone cleans up "temporary" files
            seed_project.with_name(seed_project.name + suffix).unlink(missing_ok=True)
        writer.stdin.write("1 Second.\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "SAVED"
    finally:
        writer.kill()
        writer.wait()
    assert revision_texts(seed_project) == ["First.", "Second."]
    assert cli("verify", seed_project).returncode == 0


def test_verify_reports_saved_revisions_that_went_missing(seed_project: Path,
                                                          tmp_path: Path) -> None:
    older = tmp_path / "older.review"
    reader = ReviewSession.open(seed_project, read_only=True)
    reader.backup(older)
    reader.close()
    session = ReviewSession.open(seed_project)
    for n in range(3):
        session.edit(n, f"Saved {n}.", "tester")
    session.close()
    os.replace(older, seed_project)  # what a lost -wal leaves: the file as it was before
    report = cli("verify", seed_project)
    assert report.returncode == 1 and "revisions 1 to 3 were saved but are missing" \
        in report.stderr
    session = ReviewSession.open(seed_project)  # the next writer notes the loss for good
    session.edit(0, "After the loss.", "tester")
    session.close()
    report = cli("verify", seed_project, "--json")
    assert report.returncode == 1 and "were missing when the project was opened" in report.stdout


def test_verify_passes_on_a_good_project_and_names_problems(edited: Path) -> None:
    assert cli("verify", edited).returncode == 0
    db = sqlite3.connect(edited)
    db.execute("DROP TRIGGER revisions_are_never_deleted")
    db.execute("INSERT INTO pending_heads (segment_id, revision_id) SELECT segment_id, id "
               "FROM revisions LIMIT 1")
    totals = json.loads(db.execute("SELECT stats FROM totals").fetchone()[0])
    totals["segments"] += 1
    db.execute("UPDATE totals SET stats = ?", (json.dumps(totals),))
    db.commit()
    db.close()
    report = cli("verify", edited)
    assert report.returncode == 1
    assert "trigger" in report.stderr and "totals" in report.stderr
    assert "pending" in report.stderr


# -- fault: the project file replaced underneath -------------------------------------------

def test_a_project_replaced_underneath_is_not_written_blindly(seed_project: Path,
                                                              tmp_path: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(0, "Before the swap.", "tester")
    stranger = tmp_path / "stranger.bin"
    stranger.write_bytes(b"another program's file")
    os.replace(stranger, seed_project)  # e.g. a sync tool puts its copy in place
    with pytest.raises(ReviewerError, match="replaced or removed"):
        session.edit(1, "After the swap.", "tester")
    session.close()
    assert seed_project.read_bytes() == b"another program's file"


def test_two_first_starts_make_one_demo_project(tmp_path: Path) -> None:
    env = {**os.environ, "REVIEWER_DATA_DIR": str(tmp_path / "data")}
    (tmp_path / "data").mkdir()
    code = "from reviewer.demo import demo_project; print(demo_project())"
    starts = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [start.communicate(timeout=120) for start in starts]
    assert [start.returncode for start in starts] == [0, 0, 0], results
    assert cli("verify", tmp_path / "data" / "valdai-demo.review").returncode == 0


def test_a_link_to_a_project_being_edited_is_refused_too(seed_project: Path) -> None:
    link = seed_project.with_name("link.review")
    link.symlink_to(seed_project)
    holder = ReviewSession.open(seed_project)
    try:
        assert "is being edited by" in one_line_error(cli("edit", link, 3, "via the link"))
    finally:
        holder.close()
    assert revision_texts(seed_project) == []
    assert cli("edit", link, 3, "via the link").returncode == 0  # free again: the link works
    assert revision_texts(seed_project) == ["via the link"]
