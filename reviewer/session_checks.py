"""The project's settings for checking texts: its spelling dictionary and the QA checks
it switched off (both kept as project properties)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from reviewer.core.qa import CHECKS, DISABLED_PROPERTY, format_check_ids, parse_check_ids
from reviewer.core.spelling import SpellChecker, checker_for, valid_project_word
from reviewer.formats.structured import TARGET_LANGUAGE
from reviewer.session_reading import SessionReading

PROJECT_WORDS_PROPERTY = "spelling_words"  # JSON list: the project dictionary


class SessionChecks(SessionReading):
    """Spelling's project dictionary and the QA checks switched off."""

    def spelling_language(self) -> str:
        """The language tag spelling checks in: the target language, else English."""
        return self.properties().get(TARGET_LANGUAGE) or "en"

    def project_words(self) -> list[str]:
        """Words this project's spelling knows besides the language's list, sorted."""
        try:
            words = json.loads(self.properties().get(PROJECT_WORDS_PROPERTY, "[]"))
        except ValueError:
            return []
        return sorted(str(word) for word in words) if isinstance(words, list) else []

    def add_project_word(self, word: str) -> list[str]:
        """Add ``word`` to the project dictionary (no-op when it has it in any case)."""
        word = valid_project_word(word)
        words = self.project_words()
        if word.casefold() not in {known.casefold() for known in words}:
            words = sorted([*words, word])
            self._store.set_property(PROJECT_WORDS_PROPERTY,
                                     json.dumps(words, ensure_ascii=False))
        return words

    def spell_checker(self) -> SpellChecker:
        """A checker for the target language that knows the project's words (waits for
        the language's word list if it is still loading)."""
        return checker_for(self.spelling_language(), self.project_words())

    def qa_disabled(self) -> frozenset[str]:
        """The QA checks switched off for this project (ids a newer reviewer wrote and
        this one does not know are left out)."""
        stored = self.properties().get(DISABLED_PROPERTY, "").split(",")
        return frozenset(check for check in stored if check in CHECKS)

    def set_qa_disabled(self, ids: Iterable[str]) -> frozenset[str]:
        """Switch off exactly the QA checks ``ids`` (an unknown id is an error)."""
        disabled = parse_check_ids(ids)
        self._store.set_property(DISABLED_PROPERTY, format_check_ids(disabled))
        return disabled
