"""MQM annotation: the scoring model on hand-checked figures, and annotations kept like
revisions (add, edit, delete, restore, reopen)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.core.mqm import (
    CATEGORIES,
    SEVERITIES,
    Annotation,
    MqmSettings,
    evaluation_words,
    mqm_score,
    parse_weight_options,
)
from reviewer.core.tags import CLOSE, OPEN, InlineTag, tag_char
from reviewer.formats.structured import line_layout
from reviewer.session import ReviewSession


def _error(category: str, severity: str, deleted: bool = False) -> Annotation:
    return Annotation(1, 0, "mt", 0, 1, category, severity, "", "rita", "t", None, 1, deleted)


def test_the_mqm_formulas_on_a_hand_checked_example() -> None:
    """250 evaluation words with these errors (default weights):

    - major accuracy/mistranslation: 5 × 1    = 5
    - minor fluency/punctuation, twice: 2 × 1 × 0.1 = 0.2 (WMT: a minor punctuation error
      costs 0.1)
    - minor style: 1 × 1                      = 1
    - neutral other: 0 × 1                    = 0
    - a deleted major error                   : not counted

    APT = 5 + 0.2 + 1 + 0 = 6.2; NPT = 6.2 × 1000 / 250 = 24.8; OQS = 100 − 24.8 = 75.2:
    passes at threshold 75, fails at the default 90. One minor non-translation adds
    1 × 25 = 25: APT 31.2, NPT 124.8, OQS max(0, −24.8) = 0. A critical error fails even
    at threshold 0.
    """
    errors = [_error("accuracy/mistranslation", "major"),
              _error("fluency/punctuation", "minor"), _error("fluency/punctuation", "minor"),
              _error("style", "minor"), _error("other", "neutral"),
              _error("terminology", "major", deleted=True)]
    score = mqm_score(errors, 250, MqmSettings(threshold=75))
    assert (score.apt, score.ewc, score.npt, score.score, score.passed) == (
        6.2, 250, 24.8, 75.2, True)
    assert score.by_category == {"accuracy/mistranslation": {"major": 1},
                                 "fluency/punctuation": {"minor": 2},
                                 "other": {"neutral": 1}, "style": {"minor": 1}}
    assert not mqm_score(errors, 250, MqmSettings()).passed  # 75.2 < 90
    worse = mqm_score([*errors, _error("non-translation", "minor")], 250, MqmSettings())
    assert (worse.apt, worse.npt, worse.score, worse.passed) == (31.2, 124.8, 0.0, False)
    critical = mqm_score([_error("style", "critical")], 10_000, MqmSettings(threshold=0))
    assert (critical.apt, critical.npt, critical.score, critical.passed) == (
        25.0, 2.5, 97.5, False)
    clean = mqm_score([], 0, MqmSettings())
    assert (clean.apt, clean.npt, clean.score, clean.passed) == (0.0, 0.0, 100.0, True)


def test_weights_severities_and_categories_have_their_defaults() -> None:
    settings = MqmSettings()
    assert SEVERITIES == {"neutral": 0, "minor": 1, "major": 5, "critical": 25}
    assert len(CATEGORIES) == 13 and settings.categories == tuple(CATEGORIES)
    assert settings.penalty("fluency/punctuation", "minor") == pytest.approx(0.1)
    assert settings.penalty("fluency/punctuation", "major") == 5
    assert settings.penalty("non-translation", "minor") == 25
    assert settings.penalty("accuracy/omission", "critical") == 25
    assert evaluation_words("один два  три", "a b") == 3 and evaluation_words(None, "a b") == 2


def test_settings_round_trip_and_refuse_bad_values() -> None:
    settings = MqmSettings({"style": 2.0, "fluency/grammar:minor": 0.5}, 95.0,
                           ("style", "fluency/grammar", "house-rules"))
    assert MqmSettings.from_json(settings.to_json()) == settings
    assert MqmSettings.from_data({"threshold": 80}).weights == MqmSettings().weights
    assert parse_weight_options(["style=2", "fluency/punctuation:minor=0.2"]) == {
        "style": 2.0, "fluency/punctuation:minor": 0.2}
    for bad, message in [({"threshold": 101}, "0 to 100"), ({"weights": {"style": -1}}, "0 or"),
                         ({"weights": {"style:huge": 1}}, "unknown severity"),
                         ({"categories": ["Bad Id"]}, "not a category id"),
                         ({"colour": 1}, "unknown key"), ([], "JSON object")]:
        with pytest.raises(ReviewerError, match=message):
            MqmSettings.from_data(bad)
    with pytest.raises(ReviewerError, match="CATEGORY=WEIGHT"):
        parse_weight_options(["style"])


# -- session and store ---------------------------------------------------------------------


def test_an_annotation_is_added_and_listed(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    first = session.add_annotation(0, "mt", 27, 50, "fluency/grammar", "major",
                                   "  'act ... successful' ", "rita")
    assert (first.position, first.side, first.start, first.end, first.category,
            first.severity, first.note, first.author, first.number, first.revision_id,
            first.deleted) == (0, "mt", 27, 50, "fluency/grammar", "major",
                               "'act ... successful'", "rita", 1, None, False)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", first.created_at)
    assert session.annotated_text(first)[27:50] == "act in Syria successful"
    second = session.add_annotation(1, "mt", 0, 5, "locale-conventions", "minor", "", "rita")
    assert [a.id for a in session.annotations()] == [first.id, second.id]
    assert [a.id for a in session.annotations(1)] == [second.id]
    other = sqlite3.connect(seed_project)  # committed at once
    assert other.execute("SELECT count(*) FROM annotation_revisions").fetchone() == (2,)
    other.close()
    session.close()


def test_a_correction_span_counts_in_the_head_revision(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(1, "SOCHI, 22 October.", "anna")
    head = session.history(1)[-1]
    annotation = session.add_annotation(1, "correction", 7, 9, "accuracy/mistranslation",
                                        "minor", "", "rita")
    assert annotation.revision_id == head.id
    session.edit(1, "Sochi, 22 October.", "anna")
    assert session.annotation(annotation.id).revision_id == head.id  # kept as made
    moved = session.revise_annotation(annotation.id, "rita", start=6)
    assert moved.revision_id == session.history(1)[-1].id and moved.start == 6
    assert session.annotated_text(moved) == "Sochi, 22 October."
    session.close()


def test_editing_deleting_and_restoring_are_revisions(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    added = session.add_annotation(2, "mt", 0, 3, "style", "minor", "", "rita")
    edited = session.revise_annotation(added.id, "sam", severity="major", note="Heavy")
    assert (edited.severity, edited.note, edited.category, edited.number, edited.author) == (
        "major", "Heavy", "style", 2, "rita")
    assert session.revise_annotation(added.id, "sam", severity="major").number == 2  # same
    deleted = session.delete_annotation(added.id, "sam")
    assert deleted.deleted and deleted.number == 3 and session.annotations() == []
    assert session.delete_annotation(added.id, "sam").number == 3  # already deleted
    with pytest.raises(ReviewerError, match="is deleted: restore it first"):
        session.revise_annotation(added.id, "sam", note="x")
    restored = session.restore_annotation(added.id, "sam")  # undo of the delete
    assert not restored.deleted and (restored.severity, restored.note) == ("major", "Heavy")
    history = session.annotation_history(added.id)
    assert [(h.number, h.severity, h.deleted, h.author) for h in history] == [
        (1, "minor", False, "rita"), (2, "major", False, "sam"), (3, "major", True, "sam"),
        (4, "major", False, "sam")]
    session.close()
    reopened = ReviewSession.open(seed_project, read_only=True)  # persisted
    [kept] = reopened.annotations()
    assert (kept.id, kept.severity, kept.note, kept.number) == (added.id, "major", "Heavy", 4)
    assert len(reopened.annotation_history(added.id)) == 4
    reopened.close()


@pytest.mark.parametrize(("arguments", "message"), [
    ((0, "mt", 5, 5, "style", "minor"), r"span 5-5 is not within the mt of segment 1"),
    ((0, "mt", 6, 2, "style", "minor"), r"span 6-2"),
    ((0, "mt", 80, 200, "style", "minor"), r"\(0-87, start before end\)"),
    ((0, "mt", -1, 2, "style", "minor"), r"span -1-2"),
    ((0, "source", 0, 2, "style", "minor"), r"unknown side 'source'"),
    ((0, "mt", 0, 2, "grammar", "minor"), r"unknown MQM category 'grammar': use one of"),
    ((0, "mt", 0, 2, "style", "blocker"), r"unknown MQM severity 'blocker'"),
    ((99, "mt", 0, 2, "style", "minor"), r"segment"),
])
def test_a_bad_annotation_is_refused_in_one_line(seed_project: Path, arguments: tuple[object, ...],
                                                 message: str) -> None:
    session = ReviewSession.open(seed_project)
    with pytest.raises(ReviewerError, match=message) as raised:
        session.add_annotation(*arguments, "", "rita")  # type: ignore[arg-type]
    assert "\n" not in str(raised.value)
    assert session.annotations() == []
    with pytest.raises(ReviewerError, match="author"):
        session.add_annotation(0, "mt", 0, 2, "style", "minor", "", "  ")
    with pytest.raises(ReviewerError, match="no annotation 7"):
        session.delete_annotation(7, "rita")
    session.close()


def test_offsets_count_tags_as_the_notation_writes_them(tmp_path: Path) -> None:
    tags = [InlineTag(1, OPEN, "g", "<g id='1'>"), InlineTag(1, CLOSE, "g", "</g>")]
    mt = f"{tag_char(0)}Bold{tag_char(1)} text"
    document = ImportedDocument(segments=[ImportedSegment(
        mt=mt, meta={"tags": [t.to_data() for t in tags]})], layout=line_layout(1),
        segmentation="lines")
    session = ReviewSession.create(tmp_path / "t.review", document)
    text = session.notation(0, mt)
    assert text[3:7] == "Bold"
    annotation = session.add_annotation(0, "mt", 3, 7, "style", "minor", "", "rita")
    assert session.annotated_text(annotation)[annotation.start:annotation.end] == "Bold"
    with pytest.raises(ReviewerError, match=f"0-{len(text)}"):
        session.add_annotation(0, "mt", 0, len(text) + 1, "style", "minor", "", "rita")
    session.close()


def test_scores_follow_the_annotations_and_the_settings(seed_project: Path) -> None:
    """Segment 1's MT has 14 words, the document 26 segments of MT (no source)."""
    session = ReviewSession.open(seed_project)
    words = sum(evaluation_words(s.source, s.mt) for s in session.segments())
    session.add_annotation(0, "mt", 0, 5, "accuracy/mistranslation", "major", "", "rita")
    session.add_annotation(0, "mt", 5, 6, "fluency/punctuation", "minor", "", "rita")
    one = session.mqm_score(0)
    assert (one.apt, one.ewc, one.npt) == (5.1, 14, round(5.1 * 1000 / 14, 6))
    assert one.score == 0 and not one.passed  # 364 penalty points per 1,000 words
    document = session.mqm_score()
    assert (document.apt, document.ewc) == (5.1, words)
    assert document.npt == round(5100 / words, 6)
    assert session.segment_mqm_scores()[0] == one and session.segment_mqm_scores()[1].apt == 0
    session.set_mqm_settings(MqmSettings({"accuracy/mistranslation": 0.5}, 0,
                                         tuple(CATEGORIES)), "pm")
    assert session.mqm_score(0).apt == 3.5  # 5 × 0.5 + 1 × 1 (no 0.1 rule any more)
    assert session.mqm_settings().threshold == 0
    with pytest.raises(ReviewerError, match="unknown MQM category 'style'"):
        session.set_mqm_settings(MqmSettings(categories=("other",)), "pm")
        session.add_annotation(0, "mt", 0, 1, "style", "minor", "", "rita")
    session.close()
    reopened = ReviewSession.open(seed_project, read_only=True)
    assert reopened.mqm_settings().categories == ("other",)
    reopened.close()


def test_a_split_segment_leaves_its_annotations_out_of_the_document(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.add_annotation(0, "mt", 0, 5, "style", "major", "", "rita")
    kept = session.add_annotation(1, "mt", 0, 5, "style", "minor", "", "rita")
    session.split(0, 6, "anna")  # its offsets counted in a text no segment has now
    assert [(a.id, a.position) for a in session.annotations()] == [(kept.id, 2)]
    assert session.mqm_score().apt == 1
    session.close()
