"""Where learned fixes occur in a text: one pass over its tokens, fixes indexed by their
first token (longest first), so a long document costs its length, not fixes × segments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.core.diff import tokens
from reviewer.core.learned import Fix, Suggestion, normalised


@dataclass(frozen=True)
class _Entry:
    key: tuple[str, ...]  # the MT phrase's normalised tokens
    fix: Fix
    reads: tuple[str, ...]  # the suggestion's normalised tokens
    inside: int  # where the key starts among them (-1: it does not): already corrected?


def _find(needle: tuple[str, ...], haystack: tuple[str, ...]) -> int:
    for start in range(len(haystack) - len(needle) + 1):
        if haystack[start:start + len(needle)] == needle:
            return start
    return -1


def _first_letter(text: str) -> int:
    return next((index for index, char in enumerate(text) if char.isalpha()), -1)


def adapt_case(found: str, learned: str, suggestion: str) -> str:
    """``suggestion`` in the case of ``found`` (an occurrence of the ``learned`` phrase):
    all capitals, or the first letter's case, unless the fix changed that itself."""
    if found == learned or not suggestion:
        return suggestion
    letters = [char for char in found if char.isalpha()]
    if len(letters) > 1 and found.isupper() and not learned.isupper():
        return suggestion.upper()
    f, m, s = _first_letter(found), _first_letter(learned), _first_letter(suggestion)
    if min(f, m, s) < 0 or learned[m].isupper() != suggestion[s].isupper():
        return suggestion
    letter = suggestion[s].upper() if found[f].isupper() else suggestion[s].lower()
    return suggestion[:s] + letter + suggestion[s + 1:]


class FixIndex:
    """Learned fixes, ready to be looked for in any number of texts."""

    def __init__(self, fixes: Sequence[Fix]) -> None:
        self._by_first: dict[str, list[_Entry]] = {}
        for fix in fixes:
            key, reads = normalised(fix.mt), normalised(fix.suggestion)
            if key:
                self._by_first.setdefault(key[0], []).append(
                    _Entry(key, fix, reads, _find(key, reads)))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry.key))
        self.fixes = tuple(fixes)

    def __len__(self) -> int:
        return len(self.fixes)

    def find(self, position: int, text: str) -> list[Suggestion]:
        """The fixes found in ``text`` (segment ``position``), in order, not overlapping."""
        if not self._by_first:
            return []
        parts = tokens(text)
        norm = tuple(" " if part.isspace() else part.casefold() for part in parts)
        offsets = [0]
        for part in parts:
            offsets.append(offsets[-1] + len(part))
        found: list[Suggestion] = []
        index = 0
        while index < len(parts):
            match = self._match(norm, index, text, offsets, position)
            if match is None:
                index += 1
                continue
            found.append(match[0])
            index += match[1]
        return found

    def _match(self, norm: tuple[str, ...], index: int, text: str, offsets: list[int],
               position: int) -> tuple[Suggestion, int] | None:
        for entry in self._by_first.get(norm[index], ()):
            size = len(entry.key)
            if norm[index:index + size] != entry.key:
                continue
            if entry.inside >= 0 and index >= entry.inside:  # the correction already there
                at = index - entry.inside
                if norm[at:at + len(entry.reads)] == entry.reads:
                    continue
            start, end = offsets[index], offsets[index + size]
            phrase = text[start:end]
            suggestion = adapt_case(phrase, entry.fix.mt, entry.fix.suggestion)
            if phrase == suggestion:
                continue
            return Suggestion(position, start, end, phrase, suggestion,
                              entry.fix.learned_from, entry.fix.count), size
        return None


def phrase_key(mt: str, suggestion: str) -> tuple[str, str]:
    """What says two suggestions are the same fix: both phrases, case and spacing aside."""
    return " ".join(mt.split()).casefold(), " ".join(suggestion.split()).casefold()


@dataclass(frozen=True)
class LearnedFixes:
    """The document's learned fixes and the suggestions the editor dismissed."""

    index: FixIndex
    dismissed_everywhere: frozenset[tuple[str, str]] = frozenset()
    dismissed_in: frozenset[tuple[int, str, str]] = frozenset()  # (position, mt, suggestion)

    def find(self, position: int, text: str) -> list[Suggestion]:
        """The suggestions for segment ``position`` reading ``text``, dismissed ones left out."""
        return [found for found in self.index.find(position, text)
                if not self.dismissed(found)]

    def dismissed(self, suggestion: Suggestion) -> bool:
        """Whether the editor dismissed this fix here or everywhere."""
        key = phrase_key(suggestion.mt, suggestion.suggestion)
        return key in self.dismissed_everywhere \
            or (suggestion.position, *key) in self.dismissed_in
