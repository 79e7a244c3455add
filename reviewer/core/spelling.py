"""Spelling of a segment's text in the project's target language.

``checker_for(language, extra_words).misspelled(text)`` gives ``(start, end, word)`` for
each word the language's list and the project's words lack, offsets in ``text`` (a tag
character is one character and ends a word). Left alone: URLs, e-mail addresses, dotted
names (file.txt, e.g.), numbers and words holding a digit, ALL-CAPS abbreviations,
mixed-case names (iPhone), single letters, and words of another script than the list's.
A hyphenated word is checked whole, then part by part; an apostrophe inside a word
(don't, O'Brien) belongs to it, and a possessive or an elision (Putin's, l'homme) is
known when its stem is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from reviewer.core.errors import ReviewerError
from reviewer.core.lexicon import (
    Lexicon,
    available_languages,
    fold,
    forget_lexicons,
    lexicon_future,
    load_lexicon,
)

__all__ = ["Misspelling", "SpellChecker", "available_languages",
           "checker_for", "dictionary_language", "forget_lexicons", "lexicon_future",
           "valid_project_word"]

DEFAULT_LANGUAGE = "en"
SUGGESTIONS = 5
MAX_WORD = 64

Misspelling = tuple[int, int, str]  # start, end, the word as written

_HYPHENS = "\u2010\u2011-"
_WORD = re.compile(rf"[\w\u0300-\u036f]+(?:['\u2019{_HYPHENS}][\w\u0300-\u036f]+)*")
_SKIP = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"“”«»]*[^\s<>\"“”«».,;:!?)\]']"  # a URL
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address
    r"|\w+(?:\.\w+)+",  # file.txt, e.g, example.org, 3.14
    re.IGNORECASE)
_PART = re.compile(rf"[^{_HYPHENS}]+")
_ELISION = re.compile(r"(?:[cdjlmnst]|qu)'(?=\w\w)")
_BRITISH = [  # British spelling -> the American one the English list has
    (re.compile(r"our"), "or"),
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"(?<=[a-z])ae"), "e"),
    (re.compile(r"(?<=[a-z])oe"), "e"),
]


def dictionary_language(tag: str | None) -> str | None:
    """The word list for a language tag (``en-US``, ``ru_RU``, ``de``); English when the
    project names none, None when no list ships for it."""
    if not tag or not tag.strip():
        return DEFAULT_LANGUAGE
    primary = re.split(r"[-_]", tag.strip().lower())[0]
    return primary if primary in available_languages() else None


def valid_project_word(word: str) -> str:
    """``word`` trimmed, or a one-line error when it is no single word."""
    word = unicodedata.normalize("NFC", word.strip())
    if not word or len(word) > MAX_WORD or any(char.isspace() for char in word) \
            or not any(char.isalpha() for char in word):
        raise ReviewerError(f"not a single word (at most {MAX_WORD} characters): {word!r}")
    return word


class SpellChecker:
    """Checks text against one language's list and the project's own words."""

    def __init__(self, language: str | None, lexicon: Lexicon | None,
                 extra_words: Iterable[str] = ()) -> None:
        self.language = language  # the tag asked for, e.g. en-GB
        self.lexicon = lexicon  # None: no list for the language, nothing is checked
        self.extra_as_written = list(extra_words)
        self.extra_words = frozenset(fold(_bare(word)) for word in self.extra_as_written)
        self._british = not (language or "").lower().replace("_", "-").startswith("en-us")

    @property
    def available(self) -> bool:
        """Whether the language has a word list (otherwise nothing is ever flagged)."""
        return self.lexicon is not None

    def misspelled(self, text: str) -> list[Misspelling]:
        """The words of ``text`` that are not known, with their offsets."""
        if self.lexicon is None:
            return []
        text = _SKIP.sub(lambda match: " " * len(match.group()), text)
        found: list[Misspelling] = []
        for match in _WORD.finditer(text):
            word = match.group()
            if any(char.isdigit() or char == "_" for char in word) or self._known(word):
                continue
            for part in _PART.finditer(word):
                if not self._acceptable(part.group()):
                    found.append((match.start() + part.start(), match.start() + part.end(),
                                  part.group()))
        return found

    def suggestions(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Known words close to ``word``, best first, in its case and apostrophe."""
        if self.lexicon is None or not word:
            return []
        near = self.lexicon.nearest(fold(_bare(word)), limit * 2, self.extra_as_written)
        typographic = "\u2019" in word
        shaped: list[str] = []
        for candidate in near:
            if candidate not in self.extra_as_written:
                if word[0].isupper():
                    candidate = candidate[0].upper() + candidate[1:]
                if typographic:
                    candidate = candidate.replace("'", "\u2019")
            if candidate != word and candidate not in shaped:
                shaped.append(candidate)
        return shaped[:limit]

    def with_words(self, words: Iterable[str]) -> SpellChecker:
        """This checker knowing ``words`` as well."""
        return SpellChecker(self.language, self.lexicon, [*self.extra_as_written, *words])

    # -- rules -----------------------------------------------------------------------------

    def _known(self, word: str) -> bool:
        assert self.lexicon is not None
        folded = fold(_bare(word))
        return folded in self.extra_words or self.lexicon.knows(folded)

    def _acceptable(self, part: str) -> bool:
        """Whether one part of a word (between hyphens) is spelled well or not checked."""
        assert self.lexicon is not None
        bare = _bare(part)
        letters = [char for char in bare if char.isalpha()]
        if len(letters) < 2 or bare.isupper() or any(char.isupper() for char in bare[1:]):
            return True  # a letter, an abbreviation, a name like iPhone or McDonald
        folded = fold(bare)
        if any(char.lower() not in self.lexicon.letters for char in letters):
            return True  # another script (or a letter the list never uses): not ours
        if folded in self.extra_words or self.lexicon.knows(folded):
            return True
        return any(self.lexicon.knows(form) or form in self.extra_words
                   for form in self._stems(folded))

    def _stems(self, folded: str) -> list[str]:
        """Forms whose knowing makes ``folded`` known: a possessive's or an elision's stem,
        and for English the American spelling of a British one."""
        forms: list[str] = []
        if folded.endswith("'s"):
            forms.append(folded[:-2])
        elision = _ELISION.match(folded)
        if elision:
            forms.append(folded[elision.end():])
        if self.lexicon is not None and self.lexicon.language == "en" and self._british:
            for pattern, american in _BRITISH:
                changed = pattern.sub(american, folded)
                if changed != folded:
                    forms.append(changed)
        return forms


def _bare(word: str) -> str:
    """``word`` composed, without the accents no letter composes with (stress marks)."""
    composed = unicodedata.normalize("NFC", word)
    return "".join(char for char in composed if not unicodedata.combining(char))


def checker_for(language: str | None, extra_words: Iterable[str] = ()) -> SpellChecker:
    """A checker for a project's target language tag (English when None), knowing the
    project's ``extra_words``; waits for the word list if it is still loading."""
    code = dictionary_language(language)
    lexicon = load_lexicon(code) if code is not None else None
    return SpellChecker(language, lexicon, extra_words)
