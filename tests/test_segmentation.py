"""Sentence and line splitting keep every character of the input."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.segmentation import split_lines, split_sentences


def test_seed_splits_into_sentences_and_joins_back_exactly(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    sentences, layout = split_sentences(text)
    assert len(sentences) == 26
    assert sentences[0].startswith("Putin: Russian military")
    assert all(s == s.strip() and s for s in sentences)
    assert layout.join(sentences) == text


def test_lines_keep_crlf_and_the_final_newline() -> None:
    text = "one\r\ntwo\n\nfour\n"
    lines, layout = split_lines(text)
    assert lines == ["one", "two", "", "four"]
    assert layout.join(lines) == text
    assert layout.join(["1", "2", "3", "4"]) == "1\r\n2\n3\n4\n"


def test_layout_join_refuses_the_wrong_number_of_segments() -> None:
    import pytest

    _, layout = split_lines("a\nb")
    with pytest.raises(ValueError):
        layout.join(["only one"])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\t\"“”ЖЯ—,")), max_size=80))
def test_any_text_round_trips_through_sentences(text: str) -> None:
    sentences, layout = split_sentences(text)
    assert layout.join(sentences) == text
    assert all(s.strip() == s and s for s in sentences)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_round_trips_through_lines(text: str) -> None:
    lines, layout = split_lines(text)
    assert layout.join(lines) == text


def test_a_long_whitespace_run_splits_in_linear_time() -> None:
    import time

    text = "A sentence." + " \n" * 20_000 + "Another one."
    start = time.process_time()
    sentences, layout = split_sentences(text)
    assert time.process_time() - start < 1.0  # a backtracking regex took 12.8 s
    assert layout.join(sentences) == text
