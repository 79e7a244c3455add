"""Protected inline tags: the notation, scoring text and the tag check."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer.core.errors import ReviewerError
from reviewer.core.tags import (
    CLOSE,
    CODE,
    OPEN,
    InlineTag,
    check_tags,
    from_notation,
    plain_text,
    tag_char,
    tags_data,
    tags_of,
    to_notation,
)

BOLD_OPEN = InlineTag(1, OPEN, "g", '<g id="1">', nests=True)
BOLD_CLOSE = InlineTag(1, CLOSE, "g", "</g>", nests=True)
BREAK = InlineTag(2, CODE, "x", '<x id="2"/>')
TAGS = [BOLD_OPEN, BOLD_CLOSE, BREAK]
OP, C, X = tag_char(0), tag_char(1), tag_char(2)


def test_tags_show_as_numbered_placeholders() -> None:
    text = f"Click {OP}here{C}{X} now"
    assert to_notation(text, TAGS) == "Click <1>here</1><2/> now"
    assert from_notation("Click <1>here</1><2/> now", TAGS) == text


def test_literal_text_that_looks_like_a_placeholder_is_escaped() -> None:
    text = f"a <1> b {OP}x{C} c:\\{X} d:\\ {X}"
    notation = to_notation(text, TAGS)
    assert notation == "a \\<1> b <1>x</1> c:\\\\<2/> d:\\ <2/>"
    assert from_notation(notation, TAGS) == text
    assert to_notation("x < y, <b> and C:\\dir", []) == "x < y, <b> and C:\\dir"


def test_a_placeholder_the_segment_lacks_is_refused() -> None:
    with pytest.raises(ReviewerError, match="<7/>.*has <1>, </1>, <2/>"):
        from_notation("a <7/>", TAGS, "segment 3")
    with pytest.raises(ReviewerError, match=r"no tags; write \\<1>"):
        from_notation("a <1>", [], "segment 3")
    with pytest.raises(ReviewerError, match="private range"):
        from_notation(f"a {OP}", TAGS)


_ALPHABET = st.sampled_from(["a", " ", "<", ">", "/", "\\", "1", "2", "7", OP, C, X, "\n"])


@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_the_notation_reads_back_as_the_same_text(text: str) -> None:
    assert from_notation(to_notation(text, TAGS), TAGS) == text


@given(st.lists(st.sampled_from(["a", "<", ">", "/", "\\", "1", " "]), max_size=30)
       .map("".join))
def test_text_without_tags_reads_back_too(text: str) -> None:
    assert from_notation(to_notation(text, []), []) == text


def test_scores_see_the_words_without_tags() -> None:
    assert plain_text(f"{OP}Click{C} {X} here {X}") == "Click here"
    assert plain_text(f"a{X}b") == "ab"
    assert plain_text("no tags  at all ") == "no tags  at all "


def test_the_tag_table_travels_in_meta() -> None:
    meta: dict[str, object] = {"tags": tags_data(TAGS)}
    assert tags_of(meta) == TAGS
    assert tags_of({}) == []


def _kinds(text: str) -> list[str]:
    return [problem.kind for problem in check_tags(text, TAGS)]


def test_the_check_finds_missing_extra_duplicated_unpaired_and_misordered_tags() -> None:
    assert _kinds(f"{OP}a{C} {X}") == []
    assert _kinds(f"{OP}a{C}") == ["missing"]
    assert _kinds(f"{OP}a{C} {X}{X}") == ["duplicated"]
    assert _kinds(f"{OP}a {X}") == ["missing", "unpaired"]
    assert _kinds(f"{C}a{OP} {X}") == ["misordered", "unpaired"]
    extra = [*TAGS, InlineTag(3, CODE, "x", '<x id="9"/>', in_source=False)]
    assert [p.kind for p in check_tags(f"{OP}a{C}{X}{tag_char(3)}", extra)] == ["extra"]


def test_crossing_element_pairs_would_break_the_markup() -> None:
    inner_open = InlineTag(3, OPEN, "g", '<g id="3">', nests=True)
    inner_close = InlineTag(3, CLOSE, "g", "</g>", nests=True)
    tags = [*TAGS, inner_open, inner_close]
    problems = check_tags(f"{OP}a{tag_char(3)}b{C}c{tag_char(4)}{X}", tags)
    assert [p.kind for p in problems] == ["misordered"]
    assert problems[0].breaks_markup


def test_the_same_reordering_scores_the_same_with_and_without_a_tag_around_it() -> None:
    from reviewer.core.scoring import segment_stats, sentence_details

    mt = f"The {OP}quick brown{C} fox jumps over the dog"
    correction = f"The fox jumps over the {OP}quick brown{C} dog"
    tagged = sentence_details(segment_stats(mt, correction))
    plain = sentence_details(segment_stats(plain_text(mt), plain_text(correction)))
    assert tagged == plain
    assert tagged.scores.hter > 0
    untagged_words = segment_stats("The quick brown fox", "The quick brown fox")
    assert segment_stats(f"The {X}quick brown fox", "The quick brown fox") == untagged_words
