"""Splitting and merging segments: history on both sides, sacrebleu's document scores, drafts
and pending scores, versions, and exports that still give back the input byte for byte."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_helpers import run
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import rule
from test_document_scores import EditingAProject, check_document, make_project

from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document
from reviewer.session import STATUS_CONFIRMED, STATUS_EDITED, ReviewSession

DATA = Path(__file__).resolve().parent / "data"
QUOTE = 4  # the seed's fifth segment: a quotation of several sentences
BREAK = "already there."


def _seed_session(seed_project: Path) -> ReviewSession:
    return ReviewSession.open(seed_project)


def _split_offset(text: str, after: str = BREAK) -> int:
    return text.index(after) + len(after)


def _export(session: ReviewSession, path: Path, export_format: str | None = None,
            version: str | None = None) -> bytes:
    session.export(path, export_format, version)
    return path.read_bytes()


# -- splitting -----------------------------------------------------------------------------

def test_a_split_at_a_space_gives_two_segments_with_that_space_between(
        seed_project: Path) -> None:
    session = _seed_session(seed_project)
    try:
        before = session.segments()
        mt = before[QUOTE].mt
        offset = _split_offset(mt)
        result = session.split(QUOTE, offset, "tester")
        after = session.segments()
        assert len(after) == len(before) + 1
        left, right = after[QUOTE], after[QUOTE + 1]
        assert left.mt == mt[:offset] and right.mt == mt[offset + 1:]
        assert session.corrected_text().count(mt[:offset] + " " + mt[offset + 1:]) == 1
        assert [s.position for s in after] == list(range(len(after)))
        assert [s.mt for s in after[QUOTE + 2:]] == [s.mt for s in before[QUOTE + 1:]]
        assert result.positions == (QUOTE, QUOTE + 1)
        assert session.summary().segments == len(before) + 1
        assert session.verify() == []
    finally:
        session.close()


def test_split_parts_start_with_a_revision_saying_where_they_came_from(
        seed_project: Path) -> None:
    session = _seed_session(seed_project)
    try:
        mt = session.segment(QUOTE).mt
        session.edit(QUOTE, mt.replace("No.", "No!"), "alice")
        session.edit(QUOTE, mt.replace("No.", "No…"), "alice")
        corrected = session.segment(QUOTE).text
        session.split(QUOTE, _split_offset(mt), "bob",
                      correction_at=_split_offset(corrected))
        for position in (QUOTE, QUOTE + 1):
            history = session.history(position)
            assert [r.number for r in history] == [1]
            assert history[0].author == "bob" and history[0].status == "confirmed"
            assert history[0].note == f"split from segment {QUOTE + 1} (revision 2)"
            earlier = session.earlier_history(position)
            assert [(r.number, r.text, r.author) for r in earlier] == [
                (1, mt.replace("No.", "No!"), "alice"), (2, corrected, "alice")]
        assert session.segment(QUOTE + 1).text == corrected[_split_offset(corrected) + 1:]
        everything = session.history()
        assert len(everything) == 4  # the two earlier revisions stay, under the first part
        assert {r.position for r in everything} == {QUOTE, QUOTE + 1}
    finally:
        session.close()


def test_an_edited_segment_needs_the_correction_offset(seed_project: Path) -> None:
    session = _seed_session(seed_project)
    try:
        mt = session.segment(QUOTE).mt
        session.edit(QUOTE, "Something else. Entirely.", "alice")
        with pytest.raises(ReviewerError, match="--correction-at"):
            session.split(QUOTE, _split_offset(mt), "bob")
        session.split(QUOTE, _split_offset(mt), "bob", correction_at=len("Something else."))
        assert session.segment(QUOTE).text == "Something else."
        assert session.segment(QUOTE + 1).text == "Entirely."
        assert session.segment(QUOTE).status == STATUS_CONFIRMED
    finally:
        session.close()


@pytest.mark.parametrize(("offset", "message"), [
    (0, "inside the MT"), (10_000, "inside the MT"), (-1, "inside the MT"),
])
def test_a_split_outside_the_text_is_refused(seed_project: Path, offset: int,
                                             message: str) -> None:
    session = _seed_session(seed_project)
    try:
        count = session.segment_count()
        with pytest.raises(ReviewerError, match=message):
            session.split(QUOTE, offset, "bob")
        assert session.segment_count() == count
    finally:
        session.close()


def test_a_split_that_leaves_only_white_space_on_one_side_is_refused(
        tmp_path: Path) -> None:
    session = ReviewSession.open(make_project(tmp_path, ["Hello there.  ", "Bye."],
                                              [None, None], [None, None]))
    try:
        with pytest.raises(ReviewerError, match="nothing but white space"):
            session.split(0, len("Hello there. "), "bob")
        assert session.segment_count() == 2
    finally:
        session.close()


def test_a_segment_with_unsaved_typing_is_not_split(seed_project: Path) -> None:
    session = _seed_session(seed_project)
    try:
        session.save_draft(QUOTE, "typed but not saved", "alice")
        with pytest.raises(ReviewerError, match="unsaved typing"):
            session.split(QUOTE, _split_offset(session.segment(QUOTE).mt), "bob")
        assert session.drafts()[QUOTE].text == "typed but not saved"
    finally:
        session.close()


# -- merging -------------------------------------------------------------------------------

def test_merge_takes_the_gap_into_the_text_and_keeps_both_histories(
        seed_project: Path) -> None:
    session = _seed_session(seed_project)
    try:
        first, second = session.segment(1), session.segment(2)  # "SOCHI, October 22." + " "
        session.edit(2, second.mt.replace("is convinced", "believes"), "alice")
        count = session.segment_count()
        result = session.merge(1, "bob")
        merged = session.segment(1)
        assert session.segment_count() == count - 1
        assert merged.mt == first.mt + " " + second.mt
        assert merged.text == first.mt + " " + second.mt.replace("is convinced", "believes")
        assert merged.status == STATUS_EDITED  # one part confirmed, one never edited
        assert result.positions == (1,)
        history = session.history(1)
        assert history[0].note == "merged from segments 2 (the MT) and 3 (revision 1)"
        assert [r.author for r in session.earlier_history(1)] == ["alice"]
        assert session.segment(2).mt == session.segments()[2].mt
        assert session.verify() == []
    finally:
        session.close()


def test_merging_the_last_segment_is_refused(seed_project: Path) -> None:
    session = _seed_session(seed_project)
    try:
        last = session.segment_count() - 1
        with pytest.raises(ReviewerError, match="last segment"):
            session.merge(last, "bob")
    finally:
        session.close()


def test_split_then_merge_gives_back_the_segment(seed_project: Path) -> None:
    session = _seed_session(seed_project)
    try:
        before = session.segment(QUOTE)
        session.split(QUOTE, _split_offset(before.mt), "bob")
        session.merge(QUOTE, "bob")
        after = session.segment(QUOTE)
        assert (after.mt, after.text, after.status) == (before.mt, before.text, before.status)
        assert session.history(QUOTE)[0].note.startswith("merged from segments")
    finally:
        session.close()


# -- exports -------------------------------------------------------------------------------

def test_the_unedited_seed_exports_byte_for_byte_after_splits_and_merges(
        seed_project: Path, seed: Path, tmp_path: Path) -> None:
    session = _seed_session(seed_project)
    try:
        session.split(QUOTE, _split_offset(session.segment(QUOTE).mt), "bob")
        session.split(QUOTE + 1, _split_offset(session.segment(QUOTE + 1).mt, "No."), "bob")
        session.merge(0, "bob")  # across a paragraph break: the break goes into the text
        session.merge(5, "bob")
        assert _export(session, tmp_path / "out.txt") == seed.read_bytes()
    finally:
        session.close()


def test_a_version_labelled_before_a_split_exports_as_it_was(
        seed_project: Path, tmp_path: Path) -> None:
    session = _seed_session(seed_project)
    try:
        session.edit(QUOTE, session.segment(QUOTE).mt.replace("No.", "No!"), "alice")
        session.add_version("before", "alice")
        wanted_text = _export(session, tmp_path / "before.txt")
        wanted_tsv = _export(session, tmp_path / "before.tsv")
        mt = session.segment(QUOTE).mt
        session.split(QUOTE, _split_offset(mt), "bob",
                      correction_at=_split_offset(session.segment(QUOTE).text))
        session.merge(0, "bob")
        session.edit(0, "A new headline", "bob")
        session.add_version("after", "bob")
        assert _export(session, tmp_path / "v.txt", version="before") == wanted_text
        assert _export(session, tmp_path / "v.tsv", version="before") == wanted_tsv
        assert _export(session, tmp_path / "now.txt", version="after") == \
            _export(session, tmp_path / "now2.txt")
        with pytest.raises(ReviewerError, match="split or merged"):
            session.compare_versions("before", "after")
        assert session.compare_versions("after").changes == []
    finally:
        session.close()


def _xliff_session(tmp_path: Path, name: str) -> tuple[ReviewSession, bytes]:
    source = DATA / name
    path = tmp_path / "job.review"
    ReviewSession.create(path, import_document(source)).close()
    return ReviewSession.open(path), source.read_bytes()


def test_an_unedited_xliff_exports_byte_for_byte_after_a_split(tmp_path: Path) -> None:
    session, original = _xliff_session(tmp_path, "job.xlf")
    try:
        position = next(s.position for s in session.segments() if "beliefs" in s.mt)
        mt = session.segment(position).mt
        source = session.segment(position).source or ""
        tag = next(i for i, char in enumerate(source) if ord(char) >= 0x10F000)
        session.split(position, _split_offset(mt, "beliefs") + 1, "bob", source_at=tag + 1)
        assert session.segment(position + 1).mt.startswith("and the norms")
        assert _export(session, tmp_path / "out.xlf") == original
        session.merge(position, "bob")
        assert _export(session, tmp_path / "out2.xlf") == original
    finally:
        session.close()


def test_edited_parts_of_an_xliff_segment_go_back_into_its_one_target(tmp_path: Path) -> None:
    session, original = _xliff_session(tmp_path, "job.xlf")
    try:
        position = next(s.position for s in session.segments() if "beliefs" in s.mt)
        mt = session.segment(position).mt
        cut = _split_offset(mt, "beliefs") + 1
        session.split(position, cut, "bob")
        right = session.segment(position + 1)
        session.edit(position + 1, right.text.replace("the norms", "the rules"), "bob")
        out = _export(session, tmp_path / "out.xlf").decode("utf-8")
        assert ('<target>We act in accordance with their beliefs<ph id="2"/> and the rules '
                "of international law.</target>") in out
        assert '<segment id="s3" state="initial">' in out  # one part edited, one not
        session.edit(position, session.segment(position).text, "bob")  # confirmed as it is
        out = _export(session, tmp_path / "out.xlf").decode("utf-8")
        assert out.replace("the rules", "the norms").replace(
            '<segment id="s3" state="translated">', '<segment id="s3">').encode() == original
    finally:
        session.close()


def test_merging_two_units_of_an_xliff_file_is_refused(tmp_path: Path) -> None:
    session, _original = _xliff_session(tmp_path, "job.xlf")
    try:
        with pytest.raises(ReviewerError, match="only the parts of a split segment"):
            session.merge(0, "bob")
    finally:
        session.close()


def test_a_split_that_separates_a_tag_pair_is_refused(tmp_path: Path) -> None:
    session, _original = _xliff_session(tmp_path, "xliff/segmented.xlf")
    try:
        mt = session.segment(0).mt  # Putin arrived to <1>Sochi</1>.
        with pytest.raises(ReviewerError, match="separate"):
            session.split(0, mt.index("Sochi") + 2, "bob")
    finally:
        session.close()


# -- scores, drafts, pending ---------------------------------------------------------------

def test_pending_scores_of_split_parts_come_later_and_then_equal_sacrebleu(
        tmp_path: Path) -> None:
    words = " ".join(f"word{i}" for i in range(40))
    mts = [f"{words}. {words} again.", "short one"]
    path = make_project(tmp_path, mts, [None, None], [None, None])
    session = ReviewSession.open(path)
    try:
        session.scoring_budget = 0
        corrected = f"{words} changed. {words} again and again."
        session.edit(0, corrected, "alice")
        assert session.summary().pending == 1
        session.split(0, len(words) + 1, "bob", correction_at=len(words) + 9)
        assert session.summary().pending == 2
        assert session.score_pending() == 0
        texts = [f"{words} changed.", f"{words} again and again.", "short one"]
        check_document(session, [f"{words}.", f"{words} again.", "short one"], texts,
                       [None, None, None])
        assert session.verify() == []
    finally:
        session.close()


class SplittingAndMerging(EditingAProject):
    """The editing state machine with splits and merges added."""

    @rule(data=st.data())
    def split(self, data: st.DataObject) -> None:
        position = data.draw(st.integers(0, len(self.mts) - 1))
        mt, text = self.mts[position], self.texts[position]
        if len(mt) < 2:
            return
        at = data.draw(st.integers(1, len(mt) - 1))
        correction_at = data.draw(st.integers(0, len(text)))
        try:
            self.open_session.split(position, at, "tester", correction_at=correction_at)
        except ReviewerError as error:  # the rules refuse these, nothing changes
            assert any(reason in str(error) for reason in (
                "white space", "reference", "inside the MT"))
            return
        left, right = (self.open_session.segment(position + i) for i in (0, 1))
        self.mts[position:position + 1] = [left.mt, right.mt]
        self.texts[position:position + 1] = [left.text, right.text]
        self.references[position:position + 1] = [None, None]
        self.undo.clear()  # positions moved

    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        if len(self.mts) < 2:
            return
        position = data.draw(st.integers(0, len(self.mts) - 2))
        try:
            self.open_session.merge(position, "tester")
        except ReviewerError as error:
            assert "reference" in str(error)
            return
        merged = self.open_session.segment(position)
        self.mts[position:position + 2] = [merged.mt]
        self.texts[position:position + 2] = [merged.text]
        self.references[position:position + 2] = [merged.reference]
        self.undo.clear()


TestSplittingAndMerging = SplittingAndMerging.TestCase
TestSplittingAndMerging.settings = settings(max_examples=25, stateful_step_count=10,
                                            deadline=None)


def test_the_migration_adds_split_and_merge_to_an_existing_project(
        seed_project: Path) -> None:
    db = sqlite3.connect(seed_project)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    columns = {row[1] for row in db.execute("PRAGMA table_info(revisions)")}
    db.close()
    assert "segment_changes" in tables and "note" in columns


# -- the command line ----------------------------------------------------------------------

def test_cli_split_and_merge(capsys: pytest.CaptureFixture[str], seed_project: Path,
                             tmp_path: Path, seed: Path) -> None:
    session = _seed_session(seed_project)
    mt = session.segment(QUOTE).mt
    session.close()
    code, out, err = run(capsys, "split", seed_project, QUOTE + 1, "--mt-at",
                         _split_offset(mt), "--author", "bob")
    assert (code, err) == (0, "")
    assert out.startswith(f"split segment {QUOTE + 1} into {QUOTE + 1} and {QUOTE + 2}")
    code, out, err = run(capsys, "history", seed_project, "--segment", QUOTE + 2)
    assert code == 0 and f"split from segment {QUOTE + 1}" in out
    code, out, err = run(capsys, "merge", seed_project, QUOTE + 1)
    assert (code, err) == (0, "")
    assert out.startswith(f"merged segments {QUOTE + 1} and {QUOTE + 2} into {QUOTE + 1}")
    assert run(capsys, "export", seed_project, tmp_path / "out.txt")[0] == 0
    assert (tmp_path / "out.txt").read_bytes() == seed.read_bytes()


@pytest.mark.parametrize("args", [
    ("split", 99, "--mt-at", 3), ("split", 5, "--mt-at", 0), ("split", 5, "--mt-at", 5,
                                                             "--source-at", 2),
    ("merge", 99), ("merge", 26),
])
def test_cli_split_and_merge_errors_are_one_line(capsys: pytest.CaptureFixture[str],
                                                 seed_project: Path,
                                                 args: tuple[object, ...]) -> None:
    code, out, err = run(capsys, args[0], seed_project, *args[1:])
    assert code == 1 and out == ""
    assert err.startswith("reviewer: error: ") and err.count("\n") == 1
