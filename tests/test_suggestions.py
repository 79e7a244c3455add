"""Fixes learned from corrections through the session and ``reviewer suggest``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.core.errors import ReviewerError
from reviewer.core.learned import Suggestion
from reviewer.core.status import SegmentStatus
from reviewer.formats.plaintext import import_plain_text
from reviewer.session import ReviewSession

LINES = [
    "The news from the front is frightening.",
    "Officials call the figures frightening and new.",
    "Nothing frightening happened on Tuesday.",
    "The report was frightening, frankly frightening.",
    "A calm day.",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    mt = tmp_path / "mt.txt"
    mt.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    path = tmp_path / "news.review"
    ReviewSession.create(path, import_plain_text(mt, segmentation="lines")).close()
    return path


@pytest.fixture
def session(project: Path) -> ReviewSession:
    opened = ReviewSession.open(project)
    yield opened  # type: ignore[misc]
    opened.close()


def test_a_correction_suggests_the_same_fix_in_other_segments(session: ReviewSession) -> None:
    assert session.suggestions() == []
    session.edit(0, "The news from the front is alarming.", "ann")
    found = session.suggestions()
    assert [(s.position, s.mt, s.suggestion, s.learned_from) for s in found] == [
        (1, "frightening", "alarming", 0), (2, "frightening", "alarming", 0),
        (3, "frightening", "alarming", 0), (3, "frightening", "alarming", 0)]
    (first,) = session.suggestions(1)
    assert LINES[1][first.start:first.end] == "frightening"
    assert session.segment(1).text == LINES[1]  # suggestions change nothing by themselves


def test_confirmed_segments_never_get_suggestions(session: ReviewSession) -> None:
    session.edit(0, "The news from the front is alarming.", "ann")
    session.edit(2, LINES[2], "ann")  # confirmed as it is: the editor kept the word
    assert session.suggestions(2) == []
    assert session.suggestions(0) == []
    assert 2 not in {s.position for s in session.suggestions()}


def test_an_unconfirmed_edit_teaches_nothing_and_is_searched_in_its_text(
        session: ReviewSession) -> None:
    session.edit(1, "Officials call these figures frightening.", "ann", SegmentStatus.EDITED)
    assert session.suggestions() == []
    session.edit(0, "The news from the front is alarming.", "ann")
    (found,) = session.suggestions(1)
    assert (found.start, found.end) == (29, 40)  # in the edited text, not the MT


def test_apply_saves_the_phrase_replaced_as_edited(session: ReviewSession) -> None:
    session.edit(0, "The news from the front is alarming.", "ann")
    (found,) = session.suggestions(1)
    result = session.apply_suggestion(found, "ann")
    assert result.segment.text == "Officials call the figures alarming and new."
    assert result.segment.status == SegmentStatus.EDITED
    assert session.suggestions(1) == []
    session.undo_change(result.change, "ann")  # type: ignore[arg-type]
    assert session.segment(1).text == LINES[1]
    assert session.segment(1).status == SegmentStatus.NEW
    with pytest.raises(ReviewerError, match="no longer reads"):
        session.edit(2, "Nothing bad happened on Tuesday.", "ann", SegmentStatus.EDITED)
        session.apply_suggestion(Suggestion(2, 8, 19, "frightening", "alarming", 0), "ann")


def test_apply_everywhere_is_one_batch_undone_in_one_step(session: ReviewSession) -> None:
    session.edit(0, "The news from the front is alarming.", "ann")
    found = session.suggestions(1)[0]
    result = session.apply_suggestion_everywhere(found, "ann")
    assert result.batch.matches == 4 and len(result.revisions) == 3
    assert [session.segment(p).text for p in (1, 2, 3)] == [
        "Officials call the figures alarming and new.", "Nothing alarming happened on Tuesday.",
        "The report was alarming, frankly alarming."]
    assert {session.segment(p).status for p in (1, 2, 3)} == {SegmentStatus.EDITED}
    assert session.suggestions() == []
    session.undo_batch(result.batch, "ann")
    assert [session.segment(p).text for p in (1, 2, 3)] == LINES[1:4]
    assert {session.segment(p).status for p in (1, 2, 3)} == {SegmentStatus.NEW}
    assert len(session.suggestions()) == 4


def test_apply_everywhere_reads_texts_not_every_segment_record(
        session: ReviewSession, monkeypatch: pytest.MonkeyPatch) -> None:
    # unpickling 100,000 records from the store process held Python's lock (and so the
    # window's GUI thread) 400 ms at a time
    session.edit(0, "The news from the front is alarming.", "ann")
    found = session.suggestions(1)[0]
    asked: list[int] = []
    segments_at = session._store.segments_at

    def spy(positions: list[int]) -> object:
        asked.append(len(positions))
        return segments_at(positions)

    monkeypatch.setattr(session, "segments", lambda: pytest.fail("every record read"))
    monkeypatch.setattr(session._store, "segments_at", spy)
    result = session.apply_suggestion_everywhere(found, "ann")
    assert result.batch.matches == 4 and len(result.revisions) == 3
    assert asked[0] == 3  # the segments with the phrase, no more
    assert session.segment(2).text == "Nothing alarming happened on Tuesday."


def test_dismissed_here_or_everywhere_and_remembered(project: Path) -> None:
    session = ReviewSession.open(project)
    session.edit(0, "The news from the front is alarming.", "ann")
    session.dismiss_suggestion(session.suggestions(1)[0], "ann")
    assert [s.position for s in session.suggestions()] == [2, 3, 3]
    session.close()
    again = ReviewSession.open(project)
    try:
        assert [s.position for s in again.suggestions()] == [2, 3, 3]
        again.dismiss_suggestion(again.suggestions(2)[0], "ann", everywhere=True)
        assert again.suggestions() == []
    finally:
        again.close()


def test_the_most_recent_confirm_counts(session: ReviewSession) -> None:
    session.edit(0, "The news from the front is alarming.", "ann")
    session.edit(1, "Officials call the figures worrying and new.", "ann")
    assert {s.suggestion for s in session.suggestions()} == {"worrying"}  # a tie: newest
    session.edit(0, "The news from the front is alarming.", "ann", SegmentStatus.EDITED)
    # unconfirmed again: segment 1 teaches nothing now, so "worrying" is alone
    assert {(s.position, s.suggestion) for s in session.suggestions()} == {
        (2, "worrying"), (3, "worrying")}
    session.edit(0, "The news from the front is alarming.", "ann")
    session.edit(4, "A calm day, frightening nothing.", "ann", SegmentStatus.EDITED)
    (found,) = session.suggestions(4)
    assert found.suggestion == "alarming"  # one each: a tie goes to the newest confirm


def test_the_seed_article_suggests_its_repeated_errors(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    try:
        mt = [segment.mt for segment in session.segments()]
        assert mt[6].endswith("”, – said the President of the Russian Federation.")
        session.edit(6, "“We act in accordance with our beliefs and the norms of international "
                        "law,” said the Russian President.", "ann")
        session.edit(10, "“Until now our colleagues have not managed to do anything effective. "
                         "The first actions of our Armed Forces and the Armed Forces of the "
                         "Syrian army have already brought results,” the Russian leader said.",
                     "ann")
        found = {(s.position + 1, s.mt, s.suggestion) for s in session.suggestions()}
    finally:
        session.close()
    assert (14, "President of the Russian Federation", "Russian President") in found
    assert (19, "President of the Russian Federation", "Russian President") in found
    assert {(4, "”, – said", ",” said"), (5, "”, – said", ",” said"),
            (14, "”, – said", ",” said")} <= found
    assert all(segment not in (7, 11) for segment, *_ in found)
    # "Armed forces" was fixed in the confirmed segment only: nothing else has it
    assert not any("forces" in mt_phrase for _, mt_phrase, _ in found)


def test_cli_lists_applies_and_dismisses(project: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "suggest", project)[:2] == (
        0, "no suggestions (they come from confirmed corrections)\n")
    run(capsys, "edit", project, 1, "The news from the front is alarming.", "--author", "ann")
    code, out, _ = run(capsys, "suggest", project, "--json")
    assert code == 0
    data = json.loads(out)
    assert data[0] == {"segment": 2, "start": 27, "end": 38, "mt": "frightening",
                       "suggestion": "alarming", "learned_from": 1}
    assert len(data) == 4
    code, out, _ = run(capsys, "suggest", project, "--segment", 4)
    assert code == 0 and out.count("'frightening' → 'alarming'") == 2
    assert "learned from segment 1" in out
    code, out, _ = run(capsys, "suggest", project, "--apply", 1, "--author", "ann")
    assert (code, out) == (0, "segment 2: 'frightening' → 'alarming' applied (status edited)\n")
    code, out, _ = run(capsys, "suggest", project, "--dismiss", 1, "--author", "ann")
    assert (code, out) == (0, "'frightening' → 'alarming' dismissed in segment 3\n")
    code, out, _ = run(capsys, "suggest", project, "--apply-all", 1, "--author", "ann")
    assert (code, out) == (0, "'frightening' → 'alarming' applied 2 time(s) in 1 segment(s) "
                              "(status edited)\n")
    assert json.loads(run(capsys, "suggest", project, "--json")[1]) == []
    code, _, err = run(capsys, "suggest", project, "--apply", 3)
    assert code == 1 and err == ("reviewer: error: no suggestion 3: there are 0 "
                                 "(reviewer suggest PROJECT lists them)\n")
    assert run(capsys, "suggest", project, "--apply", 1, "--dismiss", 1)[0] == 2


def test_cli_spans_and_texts_are_in_the_tag_notation(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from tagged_project import MT_1, MT_2, MT_2_NOTATION, tagged_project

    project = tagged_project(tmp_path)
    session = ReviewSession.open(project)
    session.edit(0, MT_1.replace("October", "Oct."), "ann")
    session.edit(1, MT_2.replace("the box", "the box October"), "ann", SegmentStatus.EDITED)
    (found,) = session.suggestions(1)
    session.close()
    notation = MT_2_NOTATION.replace("the box", "the box October")
    code, out, _ = run(capsys, "suggest", project, "--json")
    assert code == 0
    start = notation.index("October")
    assert json.loads(out) == [{"segment": 2, "start": start, "end": start + 7, "mt": "October",
                                "suggestion": "Oct.", "learned_from": 1}]
    assert found.start != start  # the stored text counts a tag as one character
