"""Versions, "what changed since", backups, locks and migrations, without a window."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import run
from old_project import old_project

from reviewer.core.effort import EffortClock
from reviewer.core.errors import ReviewerError
from reviewer.session import ReviewSession, utc_stamp
from reviewer.store.lock import ProjectLockedError
from reviewer.store.schema import SCHEMA_VERSION


def test_cli_version_export_and_since(seed_project: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "edit", seed_project, 1, "Version one.")[0] == 0
    before = tmp_path / "before.txt"
    assert run(capsys, "export", seed_project, before)[0] == 0
    code, out, _ = run(capsys, "version", seed_project, "sent to client")
    assert code == 0 and "sent to client" in out
    assert run(capsys, "edit", seed_project, 1, "Version two.")[0] == 0
    assert run(capsys, "edit", seed_project, 3, "Another change.")[0] == 0

    labelled = tmp_path / "labelled.txt"
    code, out, _ = run(capsys, "export", seed_project, labelled, "--version", "sent to client")
    assert code == 0
    assert labelled.read_bytes() == before.read_bytes()
    now = tmp_path / "now.txt"
    run(capsys, "export", seed_project, now)
    assert now.read_text(encoding="utf-8").startswith("Version two.")

    code, out, _ = run(capsys, "history", seed_project, "--since", "sent to client", "--json")
    assert [(r["segment"], r["text"]) for r in json.loads(out)] == [
        (1, "Version two."), (3, "Another change.")]
    code, out, _ = run(capsys, "history", seed_project, "--since", "2000-01-01", "--json")
    assert len(json.loads(out)) == 3
    code, out, _ = run(capsys, "history", seed_project, "--since", "2999-01-01", "--json")
    assert json.loads(out) == []
    assert all(row["draft"] is False for row in json.loads(
        run(capsys, "history", seed_project, "--json")[1]))

    code, out, _ = run(capsys, "version", seed_project)
    assert out.startswith("sent to client\t")
    code, _, err = run(capsys, "version", seed_project, "sent to client")
    assert code == 1 and "already" in err
    code, _, err = run(capsys, "export", seed_project, tmp_path / "x.txt", "--version", "nope")
    assert code == 1 and "no version labelled 'nope'" in err
    code, _, err = run(capsys, "history", seed_project, "--since", "last tuesday")
    assert code == 1 and "neither a version label nor a date" in err


def test_version_comparison_lists_changes_and_scores(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.add_version("start", "anna")
    session.edit(0, "Putin: Russia's army succeeds in Syria", "anna")
    session.add_version("v2", "anna")
    session.edit(0, "Putin: Russia's army is succeeding in Syria", "anna")
    comparison = session.compare_versions("start", "v2")
    assert [c.position for c in comparison.changes] == [0]
    assert comparison.old_scores.hter == 0.0 and comparison.new_scores.hter > 0
    assert comparison.new_scores == session.compare_versions("v2", "v2").old_scores
    now = session.compare_versions("v2")
    assert now.changes[0].new == "Putin: Russia's army is succeeding in Syria"
    assert now.new_scores == session.summary().scores
    session.close()


def test_backup_is_a_consistent_copy(seed_project: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "edit", seed_project, 2, "Sochi, 22 October.")
    copy = tmp_path / "copy.review"
    code, out, _ = run(capsys, "backup", seed_project, copy)
    assert code == 0
    session = ReviewSession.open(copy)
    assert session.segment(1).text == "Sochi, 22 October."
    session.close()
    code, _, err = run(capsys, "backup", seed_project, tmp_path / "no" / "copy.review")
    assert code == 1 and "does not exist" in err


@pytest.mark.file_only  # reads or damages the project file itself
def test_a_second_writer_is_refused_and_named(seed_project: Path) -> None:
    first = ReviewSession.open(seed_project)
    with pytest.raises(ProjectLockedError, match="is being edited by .*process"):
        ReviewSession.open(seed_project)
    reader = ReviewSession.open(seed_project, read_only=True)
    with pytest.raises(ReviewerError, match="read-only"):
        reader.edit(0, "nope", "anna")
    reader.close()
    first.close()
    ReviewSession.open(seed_project).close()  # free again


def test_an_old_project_is_backed_up_then_migrated(tmp_path: Path) -> None:
    old = tmp_path / "old.review"
    db = old_project(old, 1)
    db.commit()
    db.close()
    earlier = tmp_path / "old.review.schema1.bak"  # a backup of an earlier try stays as it is
    earlier.write_bytes(b"an earlier backup")

    session = ReviewSession.open(old)
    assert session.segment(0).mt == "Hello world"
    session.close()
    assert earlier.read_bytes() == b"an earlier backup"
    backup = tmp_path / "old.review.schema1.2.bak"
    assert sqlite3.connect(backup).execute(
        "SELECT version FROM schema_version").fetchone()[0] == 1
    assert sqlite3.connect(old).execute(
        "SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.file_only  # reads or damages the project file itself
def test_a_damaged_project_is_refused_with_a_clear_message(seed_project: Path) -> None:
    data = bytearray(seed_project.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page header but the first
        data[offset : offset + 64] = b"\xff" * 64
    seed_project.write_bytes(bytes(data))
    with pytest.raises(ReviewerError, match="integrity check failed|not a reviewer project"):
        ReviewSession.open(seed_project)


def test_editing_time_leaves_out_long_pauses() -> None:
    clock = EffortClock(pause_limit_ms=5000)
    clock.start(0)
    clock.tick(1000)
    clock.tick(3000)
    clock.tick(60_000)  # a coffee break: not counted
    clock.tick(61_000)
    clock.stop(62_000)
    clock.start(100_000)
    assert clock.effort(101_500).editing_ms == 1000 + 2000 + 1000 + 1000 + 1500


def test_dates_are_local_unless_they_say_otherwise() -> None:
    assert utc_stamp("2026-11-27T10:00:00+02:00") == "2026-11-27T08:00:00.000Z"
    assert utc_stamp("2026-11-27T08:00:00Z") == "2026-11-27T08:00:00.000Z"
    assert utc_stamp("2026-11-27").startswith("2026-11-2")


@pytest.mark.file_only  # reads or damages the project file itself
def test_a_lock_that_cannot_be_written_is_a_clear_error(seed_project: Path) -> None:
    lock = seed_project.parent / (seed_project.name + ".lock")
    lock.unlink(missing_ok=True)
    lock.mkdir()
    with pytest.raises(ReviewerError, match="open it read-only"):
        ReviewSession.open(seed_project)
    ReviewSession.open(seed_project, read_only=True).close()


def test_a_compare_read_in_slices_sees_every_segment(
        seed_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(0, "First changed.", "tester")
    session.add_version("v1", "tester")
    for position in (1, 7, 25):  # in the first, a middle and the last slice
        session.edit(position, f"Changed {position}.", "tester")
    whole = session.compare_versions("v1")
    import reviewer.session_history as history

    monkeypatch.setattr(history, "_SLICE", 4)
    sliced = session.compare_versions("v1")
    assert sliced == whole
    assert [change.position for change in sliced.changes] == [1, 7, 25]
    assert len(session._states("v1")) == len(session.segments()) == 26  # type: ignore[attr-defined]
    session.close()
