"""Word lists of the languages spelling knows, loaded once, in a thread, without stalling.

The lists are the word frequencies pyspellchecker ships (MIT). One is read the first time
a language is asked for, in a worker thread, a few thousand words at a time: no single
step holds the interpreter lock long enough for the window to miss a frame.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import OSA

_SLICE = 64 * 1024  # bytes of the list parsed in one json.loads call (about 2 ms)
_LOCK = threading.Lock()
_FUTURES: dict[str, Future[Lexicon]] = {}
_EXECUTOR: ThreadPoolExecutor | None = None


@cache
def available_languages() -> tuple[str, ...]:
    """The languages a word list ships for (ISO 639-1 codes)."""
    folder = resources.files("spellchecker").joinpath("resources")
    return tuple(sorted(item.name.split(".")[0] for item in folder.iterdir()
                        if item.name.endswith(".json.gz")))


def fold(word: str) -> str:
    """The form words are compared in: lower case, one apostrophe, ё as е."""
    return word.lower().replace("\u2019", "'").replace("ё", "е")


@dataclass
class Lexicon:
    """One language's words with how common each is."""

    language: str
    frequencies: dict[str, int]  # folded word -> count
    loaded_in_s: float = 0.0
    thread_name: str = ""
    letters: frozenset[str] = frozenset()
    _by_length: dict[int, list[str]] = field(default_factory=dict, repr=False)
    # every inflected form of a language whose list has only the common ones (Russian)
    forms: Callable[[str], bool] | None = field(default=None, repr=False)

    def knows(self, word: str) -> bool:
        """Whether the folded ``word`` is in the list (or is a form of a word in it)."""
        return word in self.frequencies or (self.forms is not None and self.forms(word))

    def nearest(self, word: str, limit: int, extra: Iterable[str] = ()) -> list[str]:
        """Listed words (and ``extra`` ones) at most two edits from the folded ``word``,
        nearest then most common first; a transposition counts as one edit."""
        found: dict[str, tuple[int, int]] = {}
        size = len(word)
        for length in range(max(1, size - 2), size + 3):
            bucket = self._by_length.get(length)
            if not bucket:
                continue
            for candidate, distance, _index in process.extract(
                    word, bucket, scorer=OSA.distance, score_cutoff=2, limit=None):
                found[candidate] = (distance, -self.frequencies[candidate])
        if self.forms is not None:
            for candidate in _one_edit(word, self.letters):
                if candidate not in found and self.forms(candidate):
                    found[candidate] = (1, -self.frequencies.get(candidate, 0))
        for candidate in extra:
            distance = OSA.distance(word, fold(candidate))
            if 0 < distance <= 2:
                found[candidate] = (distance, -(2**62))
        found.pop(word, None)
        return sorted(found, key=lambda candidate: found[candidate])[:limit]


def _one_edit(word: str, letters: Iterable[str]) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion from ``word``."""
    splits = [(word[:index], word[index:]) for index in range(len(word) + 1)]
    edits = {left + right[1:] for left, right in splits if right}
    edits |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    for letter in letters:
        edits |= {left + letter + right[1:] for left, right in splits if right}
        edits |= {left + letter + right for left, right in splits}
    return edits


def _word_forms(language: str) -> Callable[[str], bool] | None:
    """A check of inflected forms for ``language``: Russian's from pymorphy3 (MIT; the
    OpenCorpora dictionary), whose forms pyspellchecker's short Russian list lacks."""
    if language != "ru":
        return None
    try:
        import pymorphy3
    except ImportError:  # an install without it still checks the common forms
        return None
    analyzer = pymorphy3.MorphAnalyzer(lang="ru")

    def known(word: str) -> bool:
        return bool(analyzer.word_is_known(word))

    return known


def _read(language: str) -> Lexicon:
    started = time.perf_counter()
    raw = resources.files("spellchecker").joinpath("resources").joinpath(f"{language}.json.gz")
    data = gzip.decompress(raw.read_bytes())  # zlib lets other threads run meanwhile
    frequencies: dict[str, int] = {}
    # one word a line: parse a slice of whole lines at a time
    start, end = data.index(b"{") + 1, data.rindex(b"}")
    while start < end:
        stop = data.find(b"\n", min(start + _SLICE, end), end)
        stop = end if stop < 0 else stop
        piece = data[start:stop].strip().rstrip(b",").decode("utf-8")
        start = stop + 1
        if not piece:
            continue
        for word, count in json.loads("{" + piece + "}").items():
            key = fold(word)
            frequencies[key] = frequencies.get(key, 0) + int(count)
        time.sleep(0.0005)  # hand the interpreter to the window's thread between slices
    by_length: dict[int, list[str]] = {}
    letters: set[str] = set()
    for word in frequencies:
        by_length.setdefault(len(word), []).append(word)
        letters.update(word)
    forms = _word_forms(language)
    return Lexicon(language, frequencies, time.perf_counter() - started,
                   threading.current_thread().name,
                   frozenset(char for char in letters if char.isalpha()), by_length, forms)


def lexicon_future(language: str) -> Future[Lexicon]:
    """The word list of ``language`` (one of ``available_languages``), loading in a
    worker thread the first time it is asked for."""
    global _EXECUTOR
    with _LOCK:
        future = _FUTURES.get(language)
        if future is None:
            if _EXECUTOR is None:
                _EXECUTOR = ThreadPoolExecutor(1, thread_name_prefix="reviewer-spelling")
            future = _FUTURES[language] = _EXECUTOR.submit(_read, language)
        return future


def load_lexicon(language: str) -> Lexicon:
    """The word list of ``language``, waiting for it to load if need be."""
    return lexicon_future(language).result()


def forget_lexicons() -> None:
    """Drop every loaded list (tests measure a fresh load)."""
    with _LOCK:
        _FUTURES.clear()
