"""Spelling: words the target language's dictionary lacks, suggestions, the project's words."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reviewer.core import spelling
from reviewer.core.errors import ReviewerError
from reviewer.core.spelling import (
    available_languages,
    checker_for,
    dictionary_language,
    lexicon_future,
)
from reviewer.core.tags import tag_char
from reviewer.session import ReviewSession


def words(text: str, language: str | None = "en", extra: tuple[str, ...] = ()) -> list[str]:
    return [word for _start, _end, word in checker_for(language, extra).misspelled(text)]


def test_a_misspelled_word_with_its_offsets() -> None:
    assert checker_for("en").misspelled("I saw teh cat.") == [(6, 9, "teh")]


def test_tags_are_one_character_and_a_word_boundary() -> None:
    text = f"teh{tag_char(0)}cat{tag_char(1)} wrold"
    assert checker_for("en").misspelled(text) == [(0, 3, "teh"), (9, 14, "wrold")]
    assert checker_for("en").misspelled(f"{tag_char(0)}the{tag_char(1)}") == []


def test_urls_mail_numbers_words_with_digits_and_abbreviations_are_left_alone() -> None:
    text = ("See https://exmaple.com/teh-page or www.exmaple.org, write to jon@exmaple.org; "
            "42 mp3 files, 3rd place, COVID-19, NATO and the USA, file.txt.")
    assert words(text) == []


def test_apostrophes() -> None:
    assert words("I don't know O'Brien; Putin's and the teachers' books, we don’t.") == []
    assert words("I dont know.") == ["dont"]
    assert "don't" in checker_for("en").suggestions("dont")
    assert checker_for("en").suggestions("dont’")[0] == "don’t"


def test_quotes_around_a_word_are_not_part_of_it() -> None:
    assert checker_for("en").misspelled("'teh' and ‘the’") == [(1, 4, "teh")]


def test_hyphenated_words_are_checked_part_by_part() -> None:
    assert words("a well-known, state-of-the-art e-mail") == []
    assert checker_for("en").misspelled("a well-knwon fact") == [(7, 12, "knwon")]


def test_suggestions_best_first_in_the_word_case() -> None:
    checker = checker_for("en")
    assert checker.suggestions("teh")[0] == "the"
    assert checker.suggestions("Teh")[0] == "The"
    assert checker.suggestions("recieve")[0] == "receive"
    assert len(checker.suggestions("teh")) <= 5
    assert checker.suggestions("qqqqqqqqqqqqzzzz") == []


def test_project_words_are_known_whatever_their_case() -> None:
    assert words("Valdai club in Sochi", extra=("valdai", "Sochi")) == []
    assert words("Valdai club", extra=()) == ["Valdai"]


def test_russian() -> None:
    checker = checker_for("ru")
    text = "Привет, превет! Москва."
    assert checker.misspelled(text) == [(8, 14, "превет")]
    assert checker.suggestions("превет")[0] == "привет"
    assert checker.suggestions("Превет")[0] == "Привет"


def test_russian_inflected_forms_are_words() -> None:
    """pyspellchecker's Russian list holds 19,570 common forms; pymorphy3 knows the rest."""
    checker = checker_for("ru")
    text = ("Президент России убеждён, что российские военные в Сирии действуют успешно; "
            "скоординированные действия ударной авиации дадут положительные результаты, "
            "сказал он на заседании дискуссионного клуба.")
    assert checker.misspelled(text) == []
    assert checker.misspelled("скоординированые действия") == [(0, 16, "скоординированые")]
    assert "скоординированные" in checker.suggestions("скоординированые")


def test_words_of_another_script_are_left_to_their_own_dictionary() -> None:
    assert words("Он купил iPhone и Google Pixel", "ru") == []
    assert words("a word in Russian: првиет", "en") == []


def test_british_spelling_is_english_but_not_american() -> None:
    assert words("the colour of the theatre; we analyse and organise", "en-GB") == []
    assert words("the colour", "en-US") == ["colour"]
    assert words("the colour", None) == []  # no language given: English, either spelling


def test_languages() -> None:
    assert dictionary_language(None) == "en"
    assert dictionary_language("") == "en"
    assert dictionary_language("en-US") == "en"
    assert dictionary_language("RU_ru") == "ru"
    assert dictionary_language("ja") is None
    assert {"en", "ru", "de", "fr", "es"} <= set(available_languages())


def test_a_language_without_a_dictionary_finds_nothing() -> None:
    checker = checker_for("ja", ())
    assert not checker.available
    assert checker.misspelled("teh wrold") == []
    assert checker.suggestions("teh") == []


def test_dictionaries_load_off_the_calling_thread_once() -> None:
    spelling.forget_lexicons()
    future = lexicon_future("ru")
    assert future is lexicon_future("ru")
    lexicon = future.result(timeout=30)
    assert lexicon.loaded_in_s > 0
    assert lexicon.thread_name != threading.current_thread().name
    assert checker_for("ru").lexicon is lexicon


def test_the_project_dictionary_persists(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    assert session.project_words() == []
    assert session.spelling_language() == "en"
    assert session.add_project_word("Valdai") == ["Valdai"]
    assert session.add_project_word("valdai") == ["Valdai"]  # known already, whatever the case
    session.add_project_word("Sochi")
    assert session.spell_checker().misspelled("Valdai and Sochi, teh") == [(18, 21, "teh")]
    session.close()
    again = ReviewSession.open(seed_project, read_only=True)
    assert again.project_words() == ["Sochi", "Valdai"]
    with pytest.raises(ReviewerError, match="read-only"):
        again.add_project_word("Putin")
    again.close()


def test_a_project_word_must_be_a_word(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    for bad in ("", "two words", "x" * 200, "a\nb"):
        with pytest.raises(ReviewerError):
            session.add_project_word(bad)
    session.close()


def test_the_seed_article_has_few_false_alarms(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    flagged = sorted({word for word in words(text)})
    assert len(flagged) <= 8, flagged
