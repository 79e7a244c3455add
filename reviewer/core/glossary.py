"""Glossary terms and where they occur in a text: case-insensitive, whole words, several
words in a row, and tolerant of inflection where Snowball has a stemmer for the language
("translation memory" finds "translation memories")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from reviewer.core.errors import ReviewerError


@dataclass(frozen=True)
class GlossaryTerm:
    """A source term, its target term and what to know about it; a forbidden term is a
    target term that must not be used."""

    id: int
    source: str
    target: str
    note: str = ""
    forbidden: bool = False
    origin: str = ""

    def to_data(self) -> dict[str, object]:
        """The term as JSON-ready data."""
        return {"id": self.id, "source": self.source, "target": self.target,
                "note": self.note, "forbidden": self.forbidden}


@dataclass(frozen=True)
class NewTerm:
    """A term about to be added (from a file or the editor)."""

    source: str
    target: str
    note: str = ""
    forbidden: bool = False


@dataclass(frozen=True)
class TermHit:
    """A term found in a text: ``text[start:end]`` is the term as written there."""

    start: int
    end: int
    term: GlossaryTerm


# words: letters, digits and _ (SYS_ERR_406), inside which ' and ’ may join (don't, l’homme)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# what may stand between two words of one term: spaces, hyphens, slashes, inline tags
_JOINER = re.compile(r"[\s\-‐‑‒–/\U0010F000-\U0010FFFD]+")

# language subtags and the Snowball algorithm for each
_ALGORITHMS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "nn": "norwegian", "fa": "persian", "pl": "polish", "pt": "portuguese",
    "ro": "romanian", "ru": "russian", "sr": "serbian", "st": "sesotho", "es": "spanish",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}
_AVAILABLE = frozenset(snowballstemmer.algorithms())


def stemmer_name(language: str | None) -> str | None:
    """The Snowball algorithm for a language tag (en, en-US, pt_BR, or a name such as
    "russian"); None: words are matched as written, ignoring case."""
    if not language:
        return None
    tag = language.strip().lower().replace("_", "-")
    name = _ALGORITHMS.get(tag.split("-")[0], tag)
    return name if name in _AVAILABLE else None


@lru_cache(maxsize=64)
def _stemmer(name: str) -> object:
    return snowballstemmer.stemmer(name)


@lru_cache(maxsize=1)
def _russian_lemmas() -> Callable[[str], list[str]] | None:
    """The dictionary forms of a Russian word (pymorphy3, which the spelling check also
    uses): Snowball stems "память" and "памяти" apart."""
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - an install without it stems the words
        return None
    analyzer = pymorphy3.MorphAnalyzer(lang="ru")

    def lemmas(word: str) -> list[str]:
        return [str(form) for form in analyzer.normal_forms(word)]

    return lemmas


Keys = frozenset[str]


@lru_cache(maxsize=200_000)
def _key(word: str, algorithm: str | None) -> Keys:
    """What a word is compared by: its stem in lower case (Russian: each dictionary form
    it may be); two words match when they share one."""
    folded = word.casefold().replace("’", "'")
    if algorithm is None:
        return frozenset((folded,))
    if algorithm == "russian":
        folded = folded.replace("ё", "е")
        lemmas = _russian_lemmas()
        if lemmas is not None:
            return frozenset(lemma.replace("ё", "е") for lemma in lemmas(folded)) \
                or frozenset((folded,))
    stem: str = _stemmer(algorithm).stemWord(folded)  # type: ignore[attr-defined]
    return frozenset((stem,))


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A phrase as its words are compared: their keys, what stands between them, and the
    marks stuck to its ends ("C++", "U.S.")."""

    keys: tuple[Keys, ...]
    gaps: tuple[str, ...]
    prefix: str
    suffix: str


def _pattern(phrase: str, algorithm: str | None) -> _Pattern:
    words = _words(phrase)
    if not words:
        return _Pattern((), (), "", "")
    return _Pattern(tuple(_key(word, algorithm) for _start, _end, word in words),
                    tuple(phrase[words[index][1]:words[index + 1][0]].casefold()
                          for index in range(len(words) - 1)),
                    phrase[:words[0][0]].strip().casefold(),
                    phrase[words[-1][1]:].strip().casefold())


def _gap_fits(written: str, wanted: str) -> bool:
    """Whether ``written`` between two words of a text may stand for the term's gap: the
    same marks, or spaces, hyphens, slashes and tags for any of them."""
    return written.casefold() == wanted or bool(_JOINER.fullmatch(written)
                                                and _JOINER.fullmatch(wanted))


def _match(text: str, words: list[tuple[int, int, str]], keys: list[Keys], first: int,
           pattern: _Pattern) -> tuple[int, int] | None:
    """Where the pattern occurs with its first word at word ``first`` of the text."""
    count = len(pattern.keys)
    if first + count > len(keys) or any(keys[first + offset].isdisjoint(word)
                                        for offset, word in enumerate(pattern.keys)):
        return None
    if not all(_gap_fits(text[words[first + offset][1]:words[first + offset + 1][0]], gap)
               for offset, gap in enumerate(pattern.gaps)):
        return None
    start, end = words[first][0], words[first + count - 1][1]
    if pattern.prefix:
        if text[max(start - len(pattern.prefix), 0):start].casefold() != pattern.prefix:
            return None
        start -= len(pattern.prefix)
    if pattern.suffix:
        if text[end:end + len(pattern.suffix)].casefold() != pattern.suffix:
            return None
        end += len(pattern.suffix)
    return start, end


class GlossaryIndex:
    """Terms indexed by the key of their first word: a lookup reads the text's words once
    and compares only the terms that start with one of them."""

    __slots__ = ("_algorithm", "_by_first", "language", "terms")

    def __init__(self, terms: Sequence[GlossaryTerm], language: str | None,
                 on_target: bool = False) -> None:
        """``on_target``: look for the terms' targets (in texts in the target language)."""
        self.terms = terms
        self.language = language
        self._algorithm = stemmer_name(language)
        self._by_first: dict[str, list[tuple[_Pattern, GlossaryTerm]]] = {}
        for term in terms:
            pattern = _pattern(term.target if on_target else term.source, self._algorithm)
            for first in pattern.keys[0] if pattern.keys else ():  # each word it may be
                self._by_first.setdefault(first, []).append((pattern, term))

    def find(self, text: str) -> list[TermHit]:
        """Every term of the index in ``text``, by start, the longer first."""
        words = _words(text)
        keys = [_key(word, self._algorithm) for _start, _end, word in words]
        hits = {}
        for index, word_keys in enumerate(keys):
            for key in word_keys:
                for pattern, term in self._by_first.get(key, ()):
                    span = _match(text, words, keys, index, pattern)
                    if span is not None:
                        hits[span[0], span[1], id(term)] = TermHit(span[0], span[1], term)
        found = list(hits.values())
        found.sort(key=lambda hit: (hit.start, -hit.end, hit.term.id))
        return found


_RECENT: list[GlossaryIndex] = []  # the indexes of the last few term lists


def find_terms(text: str, terms: Sequence[GlossaryTerm], language: str | None) -> list[TermHit]:
    """Every term whose source occurs in ``text`` (written in ``language``).

    The index of a term list is kept while the same list object is passed again: change
    the glossary by passing a new list.
    """
    for index in _RECENT:
        if index.terms is terms and index.language == language:
            return index.find(text)
    index = GlossaryIndex(terms, language)
    _RECENT.insert(0, index)
    del _RECENT[4:]
    return index.find(text)


def phrase_spans(text: str, phrase: str, language: str | None) -> list[tuple[int, int]]:
    """Where ``phrase`` (whole words, any inflection the stemmer knows) occurs in ``text``."""
    algorithm = stemmer_name(language)
    pattern = _pattern(phrase, algorithm)
    if not pattern.keys:
        return []
    words = _words(text)
    keys = [_key(word, algorithm) for _start, _end, word in words]
    spans = (_match(text, words, keys, index, pattern) for index in range(len(words)))
    return [span for span in spans if span is not None]


def target_present(correction: str, target: str, language: str | None) -> bool:
    """Whether the target term occurs in the correction (written in ``language``)."""
    return bool(phrase_spans(correction, target, language))


def checked_term(source: str, target: str, note: str = "") -> tuple[str, str, str]:
    """A term's texts trimmed; an empty source or target is refused."""
    source, target, note = source.strip(), target.strip(), note.strip()
    if not _WORD.search(source):
        raise ReviewerError("a glossary term needs a source term (a word at least)")
    if not _WORD.search(target):
        raise ReviewerError("a glossary term needs a target term (a word at least)")
    return source, target, note
