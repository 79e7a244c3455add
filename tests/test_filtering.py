"""Filters, sorting and find over segments, without Qt."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewer.core.errors import ReviewerError
from reviewer.core.filtering import (
    SegmentFilter,
    TextQuery,
    count_label,
    match_spans,
    next_match,
    sorted_rows,
)
from reviewer.core.replace import compile_pattern, replace_text


@dataclass
class Row:
    status: str = "new"
    hter: float = 0.0
    source: str = ""
    mt: str = ""
    correction: str = ""
    warnings: bool = False
    comments: bool = False


ROWS = [
    Row("new", 0.0, "Кошка спит", "The cat sleeps", "The cat sleeps"),
    Row("confirmed", 25.0, "Собака", "The dog", "The big dog", warnings=True),
    Row("edited", 50.0, "Кот", "A category", "A Category list", comments=True),
    Row("confirmed", math.nan, "", "cat-like", "cat-like things", warnings=True, comments=True),
    Row("imported", 100.0, "", "Dogs and cats", "Dogs, cats"),
]


def accepted(segment_filter: SegmentFilter) -> list[int]:
    accepts = segment_filter.predicate()
    return [number for number, row in enumerate(ROWS) if accepts(row)]


def test_no_filter_accepts_everything_and_is_inactive() -> None:
    assert not SegmentFilter().active
    assert accepted(SegmentFilter()) == [0, 1, 2, 3, 4]


def test_by_status_any_of_several() -> None:
    assert accepted(SegmentFilter(statuses=frozenset({"confirmed"}))) == [1, 3]
    assert accepted(SegmentFilter(statuses=frozenset({"new", "edited"}))) == [0, 2]


def test_by_hter_range_inclusive_and_pending_scores_left_out() -> None:
    assert accepted(SegmentFilter(hter_min=25.0, hter_max=50.0)) == [1, 2]
    assert accepted(SegmentFilter(hter_min=30.0)) == [2, 4]
    assert accepted(SegmentFilter(hter_max=0.0)) == [0]


def test_by_warnings_and_comments_with_or_without() -> None:
    assert accepted(SegmentFilter(warnings=True)) == [1, 3]
    assert accepted(SegmentFilter(warnings=False)) == [0, 2, 4]
    assert accepted(SegmentFilter(comments=True)) == [2, 3]


def test_text_ignores_case_by_default_and_searches_every_field() -> None:
    assert accepted(SegmentFilter(text=TextQuery("cat"))) == [0, 2, 3, 4]
    assert accepted(SegmentFilter(text=TextQuery("кот"))) == [2]


def test_text_match_case_whole_word_and_fields() -> None:
    assert accepted(SegmentFilter(text=TextQuery("Cat", match_case=True))) == [2]
    assert accepted(SegmentFilter(text=TextQuery("cat", whole_word=True))) == [0, 3]
    assert accepted(SegmentFilter(text=TextQuery("category", fields=("mt",)))) == [2]
    assert accepted(SegmentFilter(text=TextQuery("list", fields=("mt",)))) == []
    assert accepted(SegmentFilter(text=TextQuery("list", fields=("correction",)))) == [2]


def test_regex_and_a_bad_one_is_a_one_line_error() -> None:
    assert accepted(SegmentFilter(text=TextQuery(r"^dogs?\b", regex=True))) == [4]
    assert accepted(SegmentFilter(text=TextQuery(r"c.t", regex=True, whole_word=True))) \
        == [0, 3]
    with pytest.raises(ReviewerError, match="not a valid regular expression"):
        SegmentFilter(text=TextQuery("(", regex=True)).predicate()


def test_filters_combine() -> None:
    combined = SegmentFilter(statuses=frozenset({"confirmed"}), warnings=True,
                             text=TextQuery("dog"))
    assert combined.active
    assert accepted(combined) == [1]


def test_an_empty_text_filters_nothing() -> None:
    assert not SegmentFilter(text=TextQuery("")).active
    assert accepted(SegmentFilter(text=TextQuery(""))) == [0, 1, 2, 3, 4]


def test_whole_word_on_patterns_that_start_or_end_with_punctuation() -> None:
    pattern = compile_pattern("(cat)", whole_word=True)
    assert pattern.search("a (cat) here")
    assert compile_pattern("cat", whole_word=True, match_case=False).search("Cat.")
    assert not compile_pattern("cat", whole_word=True).search("cats")
    assert replace_text(compile_pattern("cat", whole_word=True), "dog",
                        "cat cats cat") == ("dog cats dog", 2)


def test_sorted_rows_by_hter_pending_last_both_ways_ties_in_document_order() -> None:
    hters = [row.hter for row in ROWS] + [25.0]

    def key(row: int) -> float:
        return hters[row]

    assert sorted_rows(range(6), key, descending=False) == [0, 1, 5, 2, 4, 3]
    assert sorted_rows(range(6), key, descending=True) == [4, 2, 1, 5, 0, 3]


def test_sorted_rows_by_text_ignores_case() -> None:
    texts = ["b", "A", "c"]
    assert sorted_rows([0, 1, 2], texts.__getitem__, descending=False) == [1, 0, 2]


def test_next_match_after_the_current_wrapping_both_ways() -> None:
    order = [7, 3, 9, 1]  # rows as shown

    def matches(row: int) -> bool:
        return row in (3, 1)

    assert next_match(order, 3, matches) == 1
    assert next_match(order, 1, matches) == 3  # wraps
    assert next_match(order, 9, matches, forward=False) == 3
    assert next_match(order, 3, matches, forward=False) == 1  # wraps backwards
    assert next_match(order, 42, matches) == 3  # the current row is not shown: from the top
    assert next_match(order, 3, lambda row: row == 3) == 3  # the only match: itself
    assert next_match(order, 3, lambda row: False) is None


def test_match_spans() -> None:
    pattern = TextQuery("cat").pattern()
    assert match_spans(pattern, "Cat and cat") == [(0, 3), (8, 11)]


@pytest.mark.parametrize(("shown", "total", "label"), [
    (124, 3000, "124 of 3,000 segments"),
    (1, 3, "1 of 3 segments"),
    (0, 3000, "0 of 3,000 segments"),
    (1, 1, "1 segment"),
    (3000, 3000, "3,000 segments"),
])
def test_count_label(shown: int, total: int, label: str) -> None:
    assert count_label(shown, total) == label


def test_session_replacements_whole_word_leaves_longer_words(seed_project: Path) -> None:
    from reviewer.session import ReviewSession

    session = ReviewSession.open(seed_project)
    try:
        every = session.replacements("Russia", "Russland")
        whole = session.replacements("Russia", "Russland", whole_word=True)
    finally:
        session.close()
    assert any("Russlandn" in new for _position, _old, new, _count in every)
    assert whole and not any("Russlandn" in new for _position, _old, new, _count in whole)
    assert sum(change[3] for change in whole) < sum(change[3] for change in every)


def test_session_replace_all_whole_word(seed_project: Path) -> None:
    from reviewer.session import ReviewSession

    session = ReviewSession.open(seed_project)
    try:
        result = session.replace_all("Russia", "Russland", author="tester", whole_word=True)
        texts = [segment.text for segment in session.segments()]
    finally:
        session.close()
    assert result.segments
    assert not any("Russlandn" in text for text in texts)
    assert any("Russian" in text for text in texts) and any("Russland" in text for text in texts)
