"""The session's editing rules, without Qt: undo and redo of saved changes, restore, and
replace all as one batch scored in worker processes and written in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sacrebleu.metrics import TER

import reviewer.session_batches as session_module
from reviewer.core.errors import ReviewerError
from reviewer.session import ReviewSession


def revisions_in_db(project: Path) -> list[tuple[int, str, str]]:
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    rows = db.execute("SELECT s.position, r.text, r.status FROM revisions r "
                      "JOIN segments s ON s.id = r.segment_id ORDER BY r.id").fetchall()
    db.close()
    return rows


@pytest.fixture
def session(seed_project: Path):  # type: ignore[no-untyped-def]
    opened = ReviewSession.open(seed_project)
    yield opened
    opened.close()


@pytest.mark.file_only  # reads or damages the project file itself
def test_undo_of_a_first_confirm_brings_back_the_untouched_mt(session: ReviewSession,
                                                               seed_project: Path) -> None:
    mt = session.segment(0).mt
    result = session.edit(0, "corrected", "anna")
    assert result.change is not None
    assert (result.change.before.text, result.change.before.status) == (mt, "new")

    undone = session.undo_change(result.change, "anna")
    assert (undone.segment.text, undone.segment.status) == (mt, "new")
    assert undone.summary.confirmed == 0 and undone.summary.edited == 0
    redone = session.redo_change(result.change, "anna")
    assert (redone.segment.text, redone.segment.status) == ("corrected", "confirmed")
    assert revisions_in_db(seed_project) == [(0, "corrected", "confirmed"), (0, mt, "new"),
                                             (0, "corrected", "confirmed")]


def test_a_text_back_to_the_mt_returns_to_its_earlier_status(session: ReviewSession) -> None:
    mt = session.segment(0).mt
    session.edit(0, "typed", "anna", "edited")
    assert session.edit(0, mt, "anna", "edited").segment.status == "new"
    session.edit(0, mt, "anna", "confirmed")  # confirmed as it was
    session.edit(0, "typed again", "anna", "edited")
    assert session.edit(0, mt, "anna", "edited").segment.status == "confirmed"
    # a confirm is the editor's word: it stays a confirm
    session.edit(0, "typed", "anna", "edited")
    assert session.edit(0, mt, "anna", "confirmed").segment.status == "confirmed"


def test_restore_is_a_change_that_undoes(session: ReviewSession) -> None:
    session.edit(0, "first", "anna")
    session.edit(0, "second", "anna")
    restored = session.restore(0, 1, "anna")
    assert restored.segment.text == "first" and restored.change is not None
    assert session.undo_change(restored.change, "anna").segment.text == "second"


def test_replace_all_is_one_batch_scored_like_single_edits(
        session: ReviewSession, seed_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mts = [s.mt for s in session.segments()]
    with_putin = [p for p, mt in enumerate(mts) if "Putin" in mt]
    session.edit(with_putin[0], mts[with_putin[0]] + " (checked)", "anna")  # confirmed
    scored: list[int] = []
    real_score_jobs = session_module.score_jobs

    def spy(jobs, workers=None):  # type: ignore[no-untyped-def]
        scored.append(len(jobs))
        return real_score_jobs(jobs, workers)

    monkeypatch.setattr(session_module, "score_jobs", spy)
    commits: list[int] = []
    store = session._store
    add_revisions = store.add_revisions
    monkeypatch.setattr(store, "add_revisions",
                        lambda revisions: commits.append(len(revisions)) or add_revisions(
                            revisions))
    progress: list[tuple[int, int]] = []

    result = session.replace_all("Putin", "V. Putin", author="anna",
                                 progress=lambda done, total: progress.append((done, total)))

    assert scored == [len(with_putin)] and commits == [len(with_putin)]
    assert progress[0] == (0, len(with_putin)) and progress[-1] == (len(with_putin),) * 2
    assert result.batch.positions == with_putin
    assert result.batch.matches == sum(mts[p].count("Putin") for p in with_putin)
    assert [s.position for s in result.segments] == with_putin
    statuses = {s.position: s.status for s in session.segments()}
    assert statuses[with_putin[0]] == "confirmed"  # a confirmed segment stays confirmed
    assert all(statuses[p] == "edited" for p in with_putin[1:])
    for segment in result.segments:
        want = TER().sentence_score(segment.mt, [segment.text]).score
        assert segment.hter == pytest.approx(want)
    texts = [s.text for s in session.segments()]
    assert session.summary().scores.hter == pytest.approx(TER().corpus_score(mts, [texts]).score)


@pytest.mark.file_only  # reads or damages the project file itself
def test_undo_and_redo_of_replace_all_are_batches_too(session: ReviewSession,
                                                      seed_project: Path) -> None:
    before = [(s.text, s.status) for s in session.segments()]
    totals = session.totals().to_json()
    result = session.replace_all("Putin", "V. Putin", author="anna")
    count = len(result.batch.items)

    undone = session.undo_batch(result.batch, "anna")
    assert [(s.text, s.status) for s in session.segments()] == before  # "new" again
    assert len(undone.revisions) == count
    assert session.totals().to_json() == totals
    assert session.verify() == []

    session.redo_batch(result.batch, "anna")
    assert all("V. Putin" in session.segment(p).text for p in result.batch.positions)
    assert len(revisions_in_db(seed_project)) == 3 * count


@pytest.mark.file_only  # reads or damages the project file itself
def test_a_batch_that_cannot_be_saved_saves_nothing(session: ReviewSession, seed_project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = session._store
    real = store._append_revision
    calls: list[int] = []

    def third_fails(db, totals, new, counts=None):  # type: ignore[no-untyped-def]
        calls.append(new.position)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(db, totals, new, counts)

    monkeypatch.setattr(store, "_append_revision", third_fails)
    with pytest.raises(ReviewerError, match="disk I/O error"):
        session.replace_all("Putin", "V. Putin", author="anna")
    assert len(calls) == 3
    assert revisions_in_db(seed_project) == []
    assert session.verify() == []


@pytest.mark.file_only  # reads or damages the project file itself
def test_replace_all_refuses_a_bad_pattern_and_writes_nothing(session: ReviewSession,
                                                              seed_project: Path) -> None:
    with pytest.raises(ReviewerError, match="regular expression"):
        session.replace_all("(unbalanced", "x", regex=True, author="anna")
    empty = session.replace_all("no such words anywhere", "x", author="anna")
    assert empty.batch.items == () and empty.revisions == ()
    assert revisions_in_db(seed_project) == []
