"""Post-editing analysis: edit-distance bands on a document whose counts are worked out by
hand below, per editor, the reviewer against the editor, and the band settings.

The document (source words | MT → final text | distance / longer length → band):

1. 3 | ``The cat sat.`` unchanged                     0 / 12 →  0 %
2. 2 | ``abcdefghij`` → ``abcdefghiX`` (anna)          1 / 10 → 10 %  (10–19)
3. 4 | 20 letters, the last one changed (anna)         1 / 20 →  5 %  (1–9)
4. 1 | 200 × ``x``, the last one ``y`` (anna)          1 / 200 → 0.5 %, counted as 1 %
5. 5 | ``abcdefghij`` → ``XYZdefghij`` (boris)         3 / 10 → 30 %  (30–49)
6. 2 | ``abcdefghij`` → ``abXdefghij`` (anna),
       then ``abXYefghij`` (boris: the last editor)    2 / 10 → 20 %  (20–29)
7. 3 | ``aaaa`` → ``bbbb`` (boris)                     4 / 4 → 100 %  (50 %+)
8. 1 | ``abcdefghij`` confirmed unchanged (anna)       0 / 10 →  0 %

21 words. Bands (segments, words): 0 % 2, 4; 1–9 % 2, 5; 10–19 % 1, 2; 20–29 % 1, 2;
30–49 % 1, 5; 50 %+ 1, 3.
anna (2, 3, 4, 8): 0 % 1, 1; 1–9 % 2, 5; 10–19 % 1, 2.
boris (5, 6, 7): 20–29 % 1, 2; 30–49 % 1, 5; 50 %+ 1, 3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.analysis import (
    AnalysedSegment,
    Band,
    RoleText,
    analyse,
    count_bands,
    parse_bounds,
    whole_percent,
)
from reviewer.core.errors import ReviewerError
from reviewer.core.status import SegmentStatus
from reviewer.core.tags import tag_char
from reviewer.formats.plaintext import import_plain_text
from reviewer.session import ReviewSession

LONG = "abcdefghijklmnopqrst"
SOURCES = ["one two three", "one two", "a b c d", "w", "a b c d e", "a b", "a b c", "a"]
MTS = ["The cat sat.", "abcdefghij", LONG, "x" * 200, "abcdefghij", "abcdefghij", "aaaa",
       "abcdefghij"]
EDITS = [(1, "abcdefghiX", "anna"), (2, LONG[:-1] + "X", "anna"),
         (3, "x" * 199 + "y", "anna"), (4, "XYZdefghij", "boris"),
         (5, "abXdefghij", "anna"), (5, "abXYefghij", "boris"), (6, "bbbb", "boris"),
         (7, "abcdefghij", "anna")]


def _counts(bands: list[Band]) -> list[tuple[str, int, int]]:
    return [(band.label, band.segments, band.words) for band in bands]


def make_project(tmp_path: Path, edited: bool = True) -> Path:
    """The document above as a project; ``edited``: with anna's and boris's edits."""
    (tmp_path / "mt.txt").write_text("\n".join(MTS) + "\n", encoding="utf-8")
    (tmp_path / "src.txt").write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    path = tmp_path / "known.review"
    document = import_plain_text(tmp_path / "mt.txt", source=tmp_path / "src.txt",
                                 segmentation="lines")
    session = ReviewSession.create(path, document)
    if edited:
        for position, text, author in EDITS:
            session.edit(position, text, author)
    session.close()
    return path


def add_review(path: Path, position: int, text: str, author: str = "rita",
               status: str = SegmentStatus.REVIEWED) -> None:
    """A reviewer's revision (role 'reviewer') saved in the closed project."""
    session = ReviewSession.open(path)
    session.edit(position, text, author, status=status, role="reviewer")
    session.close()


def test_bands_of_a_known_document_counted_by_hand(tmp_path: Path) -> None:
    session = ReviewSession.open(make_project(tmp_path), read_only=True)
    analysis = session.analysis()
    assert (analysis.total_segments, analysis.total_words, analysis.word_basis) == (
        8, 21, "source")
    assert _counts(analysis.bands) == [("0 %", 2, 4), ("1–9 %", 2, 5), ("10–19 %", 1, 2),
                                       ("20–29 %", 1, 2), ("30–49 %", 1, 5),
                                       ("50 %+", 1, 3)]
    first = analysis.bands[0]
    assert (first.low, first.high, first.segment_share) == (0, 0, 25.0)
    assert first.word_share == pytest.approx(100 * 4 / 21)
    assert (analysis.bands[-1].low, analysis.bands[-1].high) == (50, 100)
    # the distances are score's char_distance, segment by segment
    assert [s.distance for s in analysis.segments] == pytest.approx(
        [0.0, 10.0, 5.0, 0.5, 30.0, 20.0, 100.0, 0.0])
    for row in analysis.segments:
        details = session.segment_details(row.index)
        assert details is not None and details.char_distance == pytest.approx(row.distance)
    session.close()


def test_bands_per_editor_go_by_the_last_editor(tmp_path: Path) -> None:
    session = ReviewSession.open(make_project(tmp_path), read_only=True)
    analysis = session.analysis()
    session.close()
    assert list(analysis.per_editor) == ["anna", "boris"]
    assert _counts(analysis.per_editor["anna"]) == [
        ("0 %", 1, 1), ("1–9 %", 2, 5), ("10–19 %", 1, 2), ("20–29 %", 0, 0),
        ("30–49 %", 0, 0), ("50 %+", 0, 0)]
    assert _counts(analysis.per_editor["boris"]) == [
        ("0 %", 0, 0), ("1–9 %", 0, 0), ("10–19 %", 0, 0), ("20–29 %", 1, 2),
        ("30–49 %", 1, 5), ("50 %+", 1, 3)]
    assert [s.editor for s in analysis.segments] == [
        None, "anna", "anna", "anna", "boris", "boris", "boris", "anna"]
    assert analysis.per_editor["boris"][3].segment_share == pytest.approx(100 / 3)
    assert sum(b.segments for b in analysis.reviewer_vs_editor) == 0


def test_reviewer_against_the_editor_from_reviewer_revisions(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    add_review(path, 1, "abcdefghiX")  # accepted as anna left it: 0 %
    add_review(path, 4, "XYZdefghiQ")  # boris's text, 1 / 10 changed: 10 %
    session = ReviewSession.open(path, read_only=True)
    analysis = session.analysis()
    session.close()
    assert _counts(analysis.reviewer_vs_editor) == [
        ("0 %", 1, 2), ("1–9 %", 0, 0), ("10–19 %", 1, 5), ("20–29 %", 0, 0),
        ("30–49 %", 0, 0), ("50 %+", 0, 0)]
    assert [s.reviewer_distance for s in analysis.segments] == [
        None, 0.0, None, None, 10.0, None, None, None]
    # the reviewer is no editor, and boris's own figures stay his text's (3 / 10)
    assert list(analysis.per_editor) == ["anna", "boris"]
    assert analysis.per_editor["boris"][4].segments == 1
    # the final text of segment 5 is the reviewer's: 4 / 10 against the MT, still 30–49
    assert analysis.segments[4].distance == 40.0
    assert analysis.bands[4].segments == 1


def test_a_reviewers_change_is_measured_against_the_editors_text_before_it() -> None:
    # editor, reviewer edit, editor again (after a rejection), reviewer accepts
    segment = AnalysedSegment(None, "abcdefghij", "abcdefghiZ", (
        RoleText("anna", "editor", "abcdefghiX"), RoleText("rita", "reviewer", "abcdefghYY"),
        RoleText("anna", "editor", "abcdefghiZ"), RoleText("rita", "reviewer", "abcdefghiZ")))
    analysis = analyse([segment])
    assert analysis.segments[0].reviewer_distance == 0.0
    assert analysis.segments[0].editor == "anna"
    assert analysis.word_basis == "mt" and analysis.total_words == 1
    # the editor changed it again after the review: the review's change is still 1 / 10
    after = AnalysedSegment(None, "abcdefghij", "Zbcdefghij", (
        RoleText("anna", "editor", "abcdefghiX"), RoleText("rita", "reviewer", "abcdefghiY"),
        RoleText("anna", "editor", "Zbcdefghij")))
    assert analyse([after]).segments[0].reviewer_distance == 10.0
    # a reviewer who edited the raw MT (no editor revision): against the MT
    only_review = AnalysedSegment(None, "abcd", "abXd", (RoleText("rita", "reviewer", "abXd"),))
    analysis = analyse([only_review])
    assert analysis.per_editor == {}
    assert analysis.segments[0].reviewer_distance == 25.0


def test_band_configuration_from_the_call_and_the_project(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    session = ReviewSession.open(path)
    assert _counts(session.analysis([0, 10, 50]).bands) == [
        ("0–9 %", 4, 9), ("10–49 %", 3, 9), ("50 %+", 1, 3)]
    assert session.set_analysis_bands([0, 1, 25]) == (0, 1, 25)
    session.close()
    session = ReviewSession.open(path, read_only=True)
    assert session.analysis_bands() == (0, 1, 25)
    assert _counts(session.analysis().bands) == [
        ("0 %", 2, 4), ("1–24 %", 4, 9), ("25 %+", 2, 8)]
    session.close()


def test_band_bounds_are_checked_in_one_line() -> None:
    assert parse_bounds("0, 1,10,20,30,50") == (0, 1, 10, 20, 30, 50)
    for text, message in (("1,10", "first lower bound must be 0"),
                          ("0,10,10", "must rise"), ("0,x", "not a list"),
                          ("0,101", "above 100"), ("", "at least one")):
        with pytest.raises(ReviewerError, match=message):
            parse_bounds(text)
    assert _counts(count_bands([(100, 2)], [0, 100])) == [("0–99 %", 0, 0), ("100 %", 1, 2)]
    assert [whole_percent(d, n) for d, n in ((0, 0), (0, 5), (1, 200), (19, 100), (1, 1))] == [
        0, 0, 1, 19, 100]


def test_a_project_without_edits_is_all_in_0_percent(tmp_path: Path) -> None:
    session = ReviewSession.open(make_project(tmp_path, edited=False), read_only=True)
    analysis = session.analysis()
    session.close()
    assert _counts(analysis.bands) == [("0 %", 8, 21), ("1–9 %", 0, 0), ("10–19 %", 0, 0),
                                       ("20–29 %", 0, 0), ("30–49 %", 0, 0), ("50 %+", 0, 0)]
    assert analysis.bands[0].segment_share == 100.0 and analysis.bands[0].word_share == 100.0
    assert analysis.per_editor == {}
    assert [b.segment_share for b in analysis.reviewer_vs_editor] == [0.0] * 6


def test_inline_tags_are_no_characters_of_the_distance_nor_words() -> None:
    tag = tag_char(0)
    moved = AnalysedSegment(f"{tag} one two", "the cat sat", f"the {tag}cat sat",
                            (RoleText("anna", "editor", f"the {tag}cat sat"),))
    analysis = analyse([moved])
    assert analysis.segments[0].distance == 0.0 and analysis.bands[0].segments == 1
    assert analysis.total_words == 2
