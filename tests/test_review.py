"""A reviewer's pass through the session and the CLI: accept, reject with a comment, the
reviewer's own edit, roles in the history, and the reviewer edit distance (TER like HTER)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run
from sacrebleu.metrics import BLEU, CHRF, TER

from reviewer.core.errors import ReviewerError
from reviewer.core.review import ReviewState
from reviewer.core.status import SegmentStatus
from reviewer.session import ReviewSession


def _document_equals_sacrebleu(session: ReviewSession) -> None:
    segments = session.segments()
    mts, finals = [s.mt for s in segments], [s.text for s in segments]
    scores = session.summary().scores
    assert scores.hter == pytest.approx(TER().corpus_score(mts, [finals]).score, abs=1e-9)
    assert scores.bleu == pytest.approx(BLEU().corpus_score(mts, [finals]).score, abs=1e-9)
    assert scores.chrf == pytest.approx(CHRF().corpus_score(mts, [finals]).score, abs=1e-9)
    assert session.verify() == []


def test_the_review_flow_accept_reject_and_edit(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    mt = [session.segment(p).mt for p in range(4)]
    session.edit(0, mt[0].replace("the", "a", 1), "ed")
    session.edit(1, mt[1] + " Indeed.", "ed")
    session.edit(2, mt[2], "ed")  # confirmed as it is
    editor = [session.segment(p).text for p in range(4)]

    accepted = session.review_accept(0, "rita")
    assert accepted.revision is not None
    assert (accepted.revision.role, accepted.revision.status) == ("reviewer",
                                                                  SegmentStatus.REVIEWED)
    assert accepted.segment.text == editor[0]

    rejected = session.review_reject(1, "rita", "  Indeed is not in the source.  ")
    assert rejected.revision is not None
    assert (rejected.revision.role, rejected.revision.status) == ("reviewer",
                                                                  SegmentStatus.REJECTED)
    assert rejected.segment.text == editor[1]
    [comment] = session.comments(1)
    assert (comment.text, comment.author) == ("Indeed is not in the source.", "rita")

    reviewed_text = "A wholly new sentence from the reviewer."
    edited = session.review_edit(2, reviewed_text, "rita")
    assert edited.revision is not None
    assert (edited.revision.role, edited.revision.status, edited.revision.text) == (
        "reviewer", SegmentStatus.REVIEWED, reviewed_text)
    assert session.editor_text(2) == editor[2]  # the track changes' middle text
    assert session.editor_text(3) == mt[3]  # never edited: the MT
    assert [r.role for r in session.history(0)] == ["editor", "reviewer"]
    _document_equals_sacrebleu(session)

    outcome = session.review_outcome()
    assert (outcome.accepted, outcome.rejected, outcome.edited, outcome.not_reviewed) == (
        1, 1, 1, session.segment_count() - 3)
    states = {s.position: s.state for s in outcome.segments}
    assert states[0] == ReviewState.ACCEPTED and states[1] == ReviewState.REJECTED
    assert states[2] == ReviewState.EDITED and states[3] == ReviewState.NOT_REVIEWED
    # the reviewer's distance: the editor's text the hypothesis, the reviewer's the reference
    hyps, refs = [editor[0], editor[2]], [editor[0], reviewed_text]
    assert outcome.ter == pytest.approx(TER().corpus_score(hyps, [refs]).score, abs=1e-9)
    per_segment = {s.position: s.ter for s in outcome.segments}
    assert per_segment[0] == 0.0 and per_segment[1] is None and per_segment[3] is None
    assert per_segment[2] == pytest.approx(
        TER().sentence_score(editor[2], [reviewed_text]).score, abs=1e-9)
    session.close()


def test_the_editor_takes_a_rejected_segment_back_as_usual(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    mt = session.segment(0).mt
    session.review_reject(0, "rita", "Too literal")  # rejected with the MT as its text
    assert session.segment(0).status == SegmentStatus.REJECTED
    session.edit(0, mt + " Fixed.", "ed", SegmentStatus.EDITED)
    assert session.segment(0).status == SegmentStatus.EDITED
    # typing taken back to the MT: the editor's earlier status, not the reviewer's
    session.edit(0, mt, "ed", SegmentStatus.EDITED)
    assert session.segment(0).status == SegmentStatus.NEW
    session.review_reject(0, "rita", "Still too literal")
    result = session.edit(0, mt, "ed")  # confirmed without a change of text
    assert result.segment.status == SegmentStatus.CONFIRMED
    assert session.history(0)[-1].role == "editor"
    assert session.review_outcome().not_reviewed == session.segment_count()
    session.close()


def test_a_rejection_needs_a_reason_and_writes_nothing_without(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    with pytest.raises(ReviewerError, match="a comment needs text"):
        session.review_reject(0, "rita", "   ")
    assert session.history(0) == [] and session.comments(0) == []
    session.close()


def test_undo_and_redo_of_a_review_keep_the_reviewer_role(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(0, "Edited by the editor.", "ed")
    change = session.review_edit(0, "Edited by the reviewer.", "rita").change
    assert change is not None
    session.undo_change(change, "rita")
    assert (session.history(0)[-1].role, session.segment(0).status) == (
        "editor", SegmentStatus.CONFIRMED)
    session.redo_change(change, "rita")
    assert session.history(0)[-1].role == "reviewer"
    assert session.review_outcome().edited == 1
    _document_equals_sacrebleu(session)
    session.close()


def test_review_persists_across_reopening(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.review_accept(0, "rita")
    session.close()
    again = ReviewSession.open(seed_project, read_only=True)
    assert again.history(0)[-1].role == "reviewer"
    assert again.review_outcome().accepted == 1
    again.close()


# -- command line ----------------------------------------------------------------------------


def test_cli_review_accept_reject_and_outcome(seed_project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "edit", seed_project, 1, "Edited headline.", "--author", "ed")
    assert code == 0
    code, out, err = run(capsys, "review", seed_project, 1, "--accept", "--author", "rita")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "segment 1: reviewed (revision 2)"
    assert "review: 1 accepted, 0 edited by the reviewer, 0 rejected" in out
    code, out, _ = run(capsys, "review", seed_project, 2, "--reject", "--comment",
                       "Date is wrong", "--author", "rita")
    assert code == 0 and out.startswith("segment 2: rejected (revision 1), comment added")
    code, out, _ = run(capsys, "comments", seed_project, "--json")
    assert [(c["segment"], c["text"], c["author"]) for c in json.loads(out)] == [
        (2, "Date is wrong", "rita")]
    code, out, _ = run(capsys, "history", seed_project, "--json")
    assert [(r["segment"], r["status"], r["role"]) for r in json.loads(out)] == [
        (1, "confirmed", "editor"), (1, "reviewed", "reviewer"), (2, "rejected", "reviewer")]
    code, out, _ = run(capsys, "review", seed_project, "--json")
    outcome = json.loads(out)
    assert (outcome["accepted"], outcome["rejected"], outcome["edited"]) == (1, 1, 0)
    assert outcome["reviewer_ter"] == 0.0
    assert outcome["segments"][0] == {"segment": 1, "state": "accepted", "reviewer_ter": 0.0}


def test_cli_review_usage_errors(seed_project: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "review", seed_project, 2, "--reject")
    assert code == 2 and "--reject needs --comment" in err
    code, _, err = run(capsys, "review", seed_project, "--accept")
    assert code == 2 and "name the segment" in err
    code, _, err = run(capsys, "review", seed_project, 2, "--accept", "--reject")
    assert code == 2
    code, _, err = run(capsys, "review", seed_project, 999, "--accept")
    assert code == 1 and err.startswith("reviewer: error: no segment 999")
    code, out, _ = run(capsys, "history", seed_project, "--json")
    assert json.loads(out) == []


def test_review_save_is_what_the_window_saves_in_reviewer_mode(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(0, "The editor's text.", "ed")
    typed = session.review_save(0, "The reviewer's typing.", "rita", SegmentStatus.EDITED)
    assert typed.revision is not None
    assert (typed.revision.role, typed.revision.status) == ("reviewer", SegmentStatus.EDITED)
    assert session.editor_text(0) == "The editor's text."  # a reviewer's save is not the editor's
    confirmed = session.review_save(0, "The reviewer's text.", "rita", SegmentStatus.CONFIRMED)
    assert confirmed.revision is not None and confirmed.revision.status == SegmentStatus.REVIEWED
    session.edit(1, "Second, by the editor.", "ed")
    accepted = session.review_save(1, "Second, by the editor.", "rita", SegmentStatus.CONFIRMED)
    assert accepted.revision is not None and accepted.revision.role == "reviewer"
    outcome = session.review_outcome()
    assert (outcome.edited, outcome.accepted) == (1, 1)
    _document_equals_sacrebleu(session)
    session.close()


def test_an_accepted_segment_still_counts_as_confirmed(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(0, "Putin: the Russian military is succeeding in Syria.", "anna")
    session.edit(1, session.segment(1).mt, "anna")
    assert session.summary().confirmed == 2
    session.review_accept(0, "rita")
    session.review_edit(1, "Sochi, 22 October.", "rita")
    assert session.summary().confirmed == 2  # reviewed: confirmed, then accepted or edited
    session.review_reject(1, "rita", "Keep the agency's dateline as it was")
    assert session.summary().confirmed == 1  # sent back: not done
    session.close()
