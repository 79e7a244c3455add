"""Glossary matching (whole words, any case, inflected forms) and the session's terms."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from reviewer.core import glossary
from reviewer.core.errors import ReviewerError
from reviewer.core.glossary import (
    GlossaryIndex,
    GlossaryTerm,
    find_terms,
    stemmer_name,
    target_present,
)
from reviewer.session import ReviewSession


def term(term_id: int, source: str, target: str = "x", forbidden: bool = False) -> GlossaryTerm:
    return GlossaryTerm(term_id, source, target, forbidden=forbidden)


def spans(text: str, terms: list[GlossaryTerm], language: str | None) -> list[str]:
    return [text[hit.start:hit.end] for hit in find_terms(text, terms, language)]


def test_an_english_term_is_found_in_its_plural_and_any_case() -> None:
    terms = [term(1, "translation memory")]
    assert spans("Two Translation Memories were merged.", terms, "en") == [
        "Translation Memories"]
    assert spans("Two translation memories.", terms, "en-US") == ["translation memories"]


def test_whole_words_only_and_no_punctuation_inside_a_term() -> None:
    terms = [term(1, "memory"), term(2, "translation memory")]
    assert spans("memorycard, a translation. Memory", terms, "en") == ["Memory"]
    assert spans("the translation-memory file", terms, "en") == ["translation-memory",
                                                                   "memory"]


def test_a_russian_term_is_found_in_another_case() -> None:
    terms = [term(1, "память переводов")]
    assert spans("Нет памяти переводов.", terms, "ru") == ["памяти переводов"]
    assert target_present("в памяти переводов", "память переводов", "ru")
    assert not target_present("в памяти", "память переводов", "ru")


def test_terms_with_marks_inside_or_at_their_ends() -> None:
    terms = [term(1, "C++"), term(2, "U.S."), term(3, "SYS_ERR_406"), term(4, "ERR")]
    assert spans("C, C++ and c++; the US, the U.S.; SYS_ERR_406 or ERR 5", terms, "en") == [
        "C++", "c++", "U.S.", "SYS_ERR_406", "ERR"]
    assert target_present("Use C++.", "c++", "en") and not target_present("Use C.", "C++", "en")


def test_an_unknown_language_matches_words_as_written_ignoring_case() -> None:
    assert stemmer_name("xx-YY") is None
    assert stemmer_name(None) is None
    assert stemmer_name("pt_BR") == "portuguese"
    terms = [term(1, "Widget")]
    assert spans("two WIDGET, widgets", terms, None) == ["WIDGET"]
    assert spans("two WIDGET, widgets", terms, "en") == ["WIDGET", "widgets"]


def test_target_present_ignores_case_and_inflection() -> None:
    assert target_present("Les Mémoires de traduction", "mémoire de traduction", "fr")
    assert not target_present("mémoire du traduction", "mémoire de traduction", "fr")


def test_a_lookup_in_a_10000_term_glossary_compares_only_terms_of_its_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # its speed is measured in benchmarks/glossary_lookup.py; here: no scan of every term
    rng = random.Random(12)
    terms = [term(i, " ".join("".join(rng.choices(string.ascii_lowercase, k=6))
                              for _ in range(rng.randint(1, 3)))) for i in range(10_000)]
    terms.append(term(10_001, "defeated terrorism"))
    index = GlossaryIndex(terms, "en")
    text = ("Russian military to act in Syria successful, but terrorism has not been "
            "defeated; they defeated terrorism, said the President of Russia. ") * 2
    compared = []
    match = glossary._match
    monkeypatch.setattr(glossary, "_match", lambda *args: compared.append(1) or match(*args))
    hits = index.find(text)
    assert [hit.term.id for hit in hits] == [10_001, 10_001]
    assert len(compared) <= 8  # the terms whose first word is one of the text's


def test_session_terms_added_changed_deleted_and_found(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    try:
        assert session.glossary() == [] and session.glossary_hits(0) == []
        putin = session.add_glossary_term(" Putin ", "Путин", "the president")
        assert (putin.source, putin.target, putin.note) == ("Putin", "Путин", "the president")
        assert [hit.term for hit in session.glossary_hits(0)] == [putin]
        changed = session.update_glossary_term(putin.id, "Syria", "Сирия", "", True)
        assert changed.forbidden and session.glossary() == [changed]
        assert [hit.term for hit in session.glossary_hits(0)] == [changed]
        session.delete_glossary_term(putin.id)
        assert session.glossary() == [] and session.glossary_hits(0) == []
        with pytest.raises(ReviewerError, match="source term"):
            session.add_glossary_term("  ", "Путин")
        with pytest.raises(ReviewerError, match="target term"):
            session.add_glossary_term("Putin", "")
        with pytest.raises(ReviewerError, match="no glossary term 99"):
            session.delete_glossary_term(99)
    finally:
        session.close()
