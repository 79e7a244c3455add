"""Scores that take too long to wait for are saved pending, never shown wrong, never lost."""

from __future__ import annotations

import difflib
import json
import math
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest
from cli_helpers import run
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from test_document_scores import assert_scores, check_document, corpus_scores, make_project
from test_scoring import texts

from reviewer.core.bounded import BoundedScorer, is_quick
from reviewer.core.diff import DiffPart, word_diff
from reviewer.core.scoring import score_segment
from reviewer.formats.limits import MAX_SEGMENT_CHARS
from reviewer.session import STATUS_CONFIRMED, STATUS_EDITED, ReviewSession


def pathological(chars: int, seed: int) -> str:
    """Words from a 30-word vocabulary: sacrebleu's TER searches shifts for ages on these."""
    rng = random.Random(seed)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < chars + 20:
        words.append(f"w{rng.randrange(30)}x")
    return " ".join(words)[:chars].rstrip()


def lines_project(folder: Path, capsys: pytest.CaptureFixture[str], *lines: str) -> Path:
    source = folder / "mt.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = folder / "p.review"
    code, _, err = run(capsys, "new", project, "--mt", source, "--segment", "lines")
    assert code == 0, err
    return project


def test_edit_refuses_a_text_over_the_segment_limit_at_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = lines_project(tmp_path, capsys, "a b c", "d e f")
    start = time.perf_counter()
    code, out, err = run(capsys, "edit", project, 1, "x " * 65_000)
    assert time.perf_counter() - start < 1.0
    assert code == 1 and out == ""
    assert err.startswith("reviewer: error: ") and err.count("\n") == 1
    assert f"{MAX_SEGMENT_CHARS:,}" in err and "130,000" in err
    session = ReviewSession.open(project, read_only=True)
    assert session.history() == []
    session.close()


def test_replace_all_refuses_results_over_the_segment_limit(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    with pytest.raises(Exception, match="limit is 10,000"):
        session.replacements("a", "a" * 3000)
    session.close()


def test_a_pathological_segment_is_saved_at_once_with_its_scores_pending(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mt = pathological(9_990, 1)
    correction = pathological(9_990, 2)
    assert len(correction) <= MAX_SEGMENT_CHARS and not is_quick(mt, correction)
    project = lines_project(tmp_path, capsys, "the cat sat on the mat .", mt)

    start = time.perf_counter()
    code, out, err = run(capsys, "edit", project, 2, correction, "--author", "anna")
    wall = time.perf_counter() - start
    assert code == 0, err
    assert wall < 3.0, f"edit took {wall:.1f} s"
    assert "revision 1 saved" in out and "will be computed" in out

    code, out, _ = run(capsys, "score", project, "--json")
    assert code == 0
    data = json.loads(out)
    document = data["document"]
    assert document["pending"] is True and document["pending_segments"] == 1
    assert document["hter"] is None and document["bleu"] is None and document["chrf"] is None
    first, second = data["segments"]
    assert first["pending"] is False and first["hter"] == 0.0
    assert second["pending"] is True and second["hter"] is None
    assert second["correction"] == correction and second["status"] == STATUS_CONFIRMED

    code, out, _ = run(capsys, "score", project)
    assert "pending (1 segment still being scored)" in out
    assert "nan" not in out.lower()

    session = ReviewSession.open(project, read_only=True)
    (revision,) = session.history(1)
    assert revision.pending and math.isnan(revision.hter) and revision.text == correction
    session.close()


def test_score_wait_computes_what_is_pending(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    mts = [pathological(300, 3), "a b c d"]
    project = lines_project(tmp_path, capsys, *mts)
    monkeypatch.setattr("reviewer.session.BUDGET_S", 0.0)  # nothing long is waited for
    correction = pathological(300, 4)
    code, out, _ = run(capsys, "edit", project, 1, correction)
    assert code == 0 and "will be computed" in out
    assert json.loads(run(capsys, "score", project, "--json")[1])["document"]["pending"]

    code, out, _ = run(capsys, "score", project, "--json", "--wait")
    assert code == 0
    document = json.loads(out)["document"]
    assert document["pending"] is False and document["pending_segments"] == 0
    want = corpus_scores(mts, [correction, mts[1]])
    assert document["hter"] == pytest.approx(want.hter, abs=1e-9)
    assert document["bleu"] == pytest.approx(want.bleu, abs=1e-9)
    assert document["chrf"] == pytest.approx(want.chrf, abs=1e-9)


def test_late_statistics_count_only_while_their_revision_is_current(tmp_path: Path,
                                                                    engine: str) -> None:
    mts = ["one two three four", "five six seven", "eight nine"]
    project = make_project(tmp_path, mts, [None, "six five seven", None], [None, None, None])
    session = ReviewSession.open(project)
    store = session._store
    # saved pending, then replaced before its statistics came
    store.add_revision(1, "five seven six", None, None, "anna", STATUS_CONFIRMED)
    assert session.summary().pending == 1 and math.isnan(session.summary().scores.hter)
    assert session.segment(1).pending and session.segment_details(1) is None
    assert session.totals().segments == 2  # the pending segment is left out
    session.edit(1, "five six", "anna")
    assert session.summary().pending == 0
    check_document(session, mts, [mts[0], "five six", mts[2]], [None, "six five seven", None])

    (late,) = session.pending_revisions()
    assert not late.head and late.text == "five seven six"
    stats, scores = score_segment(late.mt, late.text, "six five seven", late.mt_reference)
    assert not session.add_late_stats(late.id, "some other text", stats, scores)
    assert session.add_late_stats(late.id, late.text, stats, scores)
    assert not session.add_late_stats(late.id, late.text, stats, scores)  # once only
    check_document(session, mts, [mts[0], "five six", mts[2]], [None, "six five seven", None])
    first = session.history(1)[0]
    assert not first.pending and first.hter == pytest.approx(scores.hter)

    # restoring it reuses the statistics that came late; undoing to a pending text does not
    assert store.known_stats(1, "five seven six") == stats
    store.add_revision(0, "one three two four", None, None, "anna", STATUS_EDITED)
    assert store.known_stats(0, "one three two four") is None
    session.close()
    if engine != "sqlite":  # the server's triggers: tests/test_server_store.py
        return
    db = sqlite3.connect(project)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM late_stats")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE late_stats SET hter = 0")
    db.close()


def test_late_statistics_of_the_current_text_complete_the_totals(tmp_path: Path) -> None:
    mts = ["one two three four", "five six seven"]
    project = make_project(tmp_path, mts, [None, None], [None, None])
    session = ReviewSession.open(project)
    session._store.add_revision(0, "four three two one", None, None, "anna", STATUS_CONFIRMED)
    assert session.summary().pending == 1
    (pending,) = session.pending_revisions()
    assert pending.head
    assert session.add_late_stats(pending.id, pending.text,
                                  *score_segment(pending.mt, pending.text))
    check_document(session, mts, ["four three two one", mts[1]], [None, None])
    assert not session.segment(0).pending
    session.close()


def test_the_bounded_scorer_gives_up_on_time_and_scores_the_next_text() -> None:
    scorer = BoundedScorer()
    try:
        start = time.perf_counter()
        assert scorer.score(pathological(9_990, 5), pathological(9_990, 6), None, None,
                            0.5) is None
        assert time.perf_counter() - start < 2.0
        mt, text = "a b c d e f " * 5, "a c b d f e " * 5
        assert scorer.score(mt, text, None, None, 30.0) == score_segment(mt, text)
    finally:
        scorer.close()


class PendingScores(RuleBasedStateMachine):
    """Edits saved with statistics pending, late statistics arriving in any order, undos
    and reopening: the document scores are sacrebleu's whenever nothing is pending, and
    while something is, they are unknown and the totals are exactly the other segments'."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="reviewer-pending-"))
        self.session: ReviewSession | None = None

    @initialize(data=st.data(), count=st.integers(1, 4))
    def create(self, data: st.DataObject, count: int) -> None:
        self.mts = [data.draw(texts(8)) for _ in range(count)]
        self.references: list[str | None] = [
            data.draw(st.none() | texts(8)) for _ in range(count)]
        self.texts = list(self.mts)
        self.session = ReviewSession.open(
            make_project(self.folder, self.mts, self.references, [None] * count))

    @property
    def open_session(self) -> ReviewSession:
        assert self.session is not None
        return self.session

    @rule(data=st.data(), pending=st.booleans())
    def edit(self, data: st.DataObject, pending: bool) -> None:
        position = data.draw(st.integers(0, len(self.mts) - 1))
        text = data.draw(st.sampled_from([self.mts[position], ""]) | texts(8))
        status = data.draw(st.sampled_from([STATUS_CONFIRMED, STATUS_EDITED]))
        if pending:
            self.open_session._store.add_revision(position, text, None, None, "t", status)
        else:
            self.open_session.edit(position, text, "t", status)
        self.texts[position] = text

    @rule(data=st.data())
    def late_statistics_arrive(self, data: st.DataObject) -> None:
        waiting = self.open_session.pending_revisions()
        if not waiting:
            return
        item = data.draw(st.sampled_from(waiting))
        scored = score_segment(item.mt, item.text, self.references[item.position],
                               item.mt_reference)
        assert self.open_session.add_late_stats(item.id, item.text, *scored)

    @rule()
    def reopen(self) -> None:
        self.open_session.close()
        self.session = ReviewSession.open(self.folder / "doc.review")

    @invariant()
    def scores_are_sacrebleus_or_unknown(self) -> None:
        if self.session is None:
            return
        session = self.session
        pending = {p.position for p in session.pending_revisions() if p.head}
        summary = session.summary()
        assert summary.pending == len(pending)
        assert {s.position for s in session.segments() if s.pending} == pending
        if not pending:
            check_document(session, self.mts, self.texts, self.references)
            return
        assert summary.details is None and math.isnan(summary.scores.hter)
        rest = [i for i in range(len(self.mts)) if i not in pending]
        totals = session.totals()
        assert totals.segments == len(rest)
        if rest:
            assert_scores(totals.scores(), corpus_scores([self.mts[i] for i in rest],
                                                         [self.texts[i] for i in rest]))

    def teardown(self) -> None:
        if self.session is not None:
            self.session.close()
        shutil.rmtree(self.folder, ignore_errors=True)


TestPendingScores = PendingScores.TestCase
TestPendingScores.settings = settings(max_examples=25, stateful_step_count=10, deadline=None)


def test_the_word_diff_of_two_long_segments_is_quick_and_complete(
        monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = pathological(9_990, 7), pathological(9_990, 8)

    def quadratic(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("difflib took seconds on these, on the GUI thread")

    # not a stopwatch (a loaded machine makes one fail): long texts must not reach difflib
    monkeypatch.setattr(difflib, "SequenceMatcher", quadratic)
    parts = word_diff(old, new)
    monkeypatch.undo()  # short texts do use difflib
    assert "".join(p.text for p in parts if p.kind != "insert") == old
    assert "".join(p.text for p in parts if p.kind != "delete") == new
    assert word_diff("the cat sat", "the dog sat") == [
        DiffPart("equal", "the "), DiffPart("delete", "cat"), DiffPart("insert", "dog"),
        DiffPart("equal", " sat")]


def test_history_and_exports_show_pending_scores_as_unknown(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mt = pathological(3000, 1)
    project = lines_project(tmp_path, capsys, mt, "d e f")
    session = ReviewSession.open(project)
    session.scoring_budget = 0  # as the window does: save now, score later
    session.edit(0, pathological(3000, 2), "tester")
    session.save_draft(1, pathological(3000, 3), "tester")  # typed, never confirmed
    session.close()
    start = time.perf_counter()
    code, out, err = run(capsys, "history", project, "--json")
    assert code == 0, err
    assert time.perf_counter() - start < 2.0  # the draft's HTER is not computed for minutes
    rows = json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    assert [row["hter"] for row in rows] == [None, None]
    code, out, _ = run(capsys, "history", project)
    assert code == 0 and "nan" not in out.lower() and out.count("…") == 2
    for name in ("rows.jsonl", "rows.tsv"):
        assert run(capsys, "export", project, tmp_path / name)[0] == 0
    first = json.loads((tmp_path / "rows.jsonl").read_text(encoding="utf-8").splitlines()[0],
                       parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    assert first["hter"] is None
    assert "nan" not in (tmp_path / "rows.tsv").read_text(encoding="utf-8").lower()
