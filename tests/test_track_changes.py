"""Track changes over the MT, the editor's text and the reviewer's: who changed what."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer.core.track_changes import TrackPart, spaced, track_changes


def test_the_editor_and_the_reviewer_each_have_their_parts() -> None:
    parts = track_changes("The cat sat on the mat.", "The dog sat on the mat.",
                          "The dog lay on a mat.")
    assert parts == [
        TrackPart("equal", "The "), TrackPart("editor_delete", "cat"),
        TrackPart("editor_insert", "dog"), TrackPart("equal", " "),
        TrackPart("reviewer_delete", "sat"), TrackPart("reviewer_insert", "lay"),
        TrackPart("equal", " on "), TrackPart("reviewer_delete", "the"),
        TrackPart("reviewer_insert", "a"), TrackPart("equal", " mat.")]
    shown = "".join(p.text for p in spaced(parts))
    assert shown == "The cat dog sat lay on the a mat."  # struck words apart from the new


_words = st.lists(st.sampled_from(["a", "b", "c", " ", ",", "dd"]), max_size=12).map("".join)


@given(_words, _words, _words)
def test_both_texts_read_back_from_the_parts(mt: str, editor: str, reviewer: str) -> None:
    parts = track_changes(mt, editor, reviewer)
    assert "".join(p.text for p in parts
                   if p.kind not in ("editor_delete", "reviewer_insert")) == editor
    assert "".join(p.text for p in parts if not p.kind.endswith("delete")) == reviewer
    if editor == reviewer:
        assert not any(p.kind.startswith("reviewer") for p in parts)
