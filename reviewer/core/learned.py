"""Fixes learned from the editor's confirmed corrections, and where they apply elsewhere.

Rules (see docs/user-guide.md, "Fixes learned from corrections"):

- A confirmed correction is diffed against its MT word by word (``diff.tokens``). Changed
  runs separated only by punctuation, by one word, or by up to three when a word moved
  across them (deleted on one side, inserted on the other), are one change:
  "President of the Russian Federation" → "Russian President" is one fix,
  not "the President of" deleted and "Federation" → "President" (which would turn every
  "Russian Federation" into "Russian President").
- A change with no MT words (a pure insertion) is skipped: there is nothing to find.
- A change whose MT side is only stop words, or that only deletes, gets one word of context
  on each side ("the the" → "the" is learned as "the the results" → "the results"); one
  that is only punctuation gets the word after it ("”, – said" → ",” said"), and one that
  only changes case gets the word before it ("Armed forces" → "Armed Forces"). Without a
  content word even then, it is skipped: it would fire everywhere.
- The same MT phrase (compared case-insensitively) learned with different corrections
  keeps the most frequent correction; a tie goes to the most recent.
- Occurrences are found case-insensitively on whole words, in one pass over a text's
  tokens with an index by first token (not fixes × texts). An occurrence whose text
  already reads as the correction is no suggestion. The suggestion follows the case of
  the occurrence's first letter (and all capitals) unless the fix itself changed it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from reviewer.core.diff import tokens

# English function words: alone they are too common to be a fix without context
_STOP_WORDS_TEXT = (
    "a about above after again against all also am an and any are as at be because been "
    "before being below between both but by can could did do does doing don down during each "
    "few for from further had has have having he her here hers herself him himself his how i "
    "if in into is it its itself just me more most my myself no nor not now of off on once "
    "only or other our ours ourselves out over own s same she should so some such t than that "
    "the their theirs them themselves then there these they this those through to too under "
    "until up very was we were what when where which while who whom why will with would you "
    "your yours yourself yourselves "
    # as common in news MT, and as ambiguous alone
    "one two three four five six seven eight nine ten first second also may might must "
    "shall us like well even still yet however thus therefore whether though although "
    "upon within without via per among "
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# a change grows over one word, or up to three when a word moved across them, while its
# MT side stays this short
MAX_GAP_WORDS = 3
MAX_MERGED_WORDS = 8
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fix:
    """An MT phrase and what the editor corrected it to, learned ``count`` times."""

    mt: str
    suggestion: str
    learned_from: int  # position of the (most recent) segment it was learned from
    count: int = 1


@dataclass(frozen=True)
class Suggestion:
    """A learned fix found in a segment not yet confirmed; it changes nothing by itself."""

    position: int  # segment (0-based; JSON shows segment = position + 1)
    start: int  # span of the MT phrase in the segment's current text
    end: int
    mt: str  # the phrase as it stands there
    suggestion: str  # what to put in its place
    learned_from: int  # position of the confirmed segment it was learned from
    count: int = 1  # how often the fix was learned

    def to_data(self) -> dict[str, object]:
        """The JSON shape of ``reviewer suggest --json`` (segment numbers from 1)."""
        return {"segment": self.position + 1, "start": self.start, "end": self.end,
                "mt": self.mt, "suggestion": self.suggestion,
                "learned_from": self.learned_from + 1}

    def applied(self, text: str) -> str:
        """``text`` with the phrase replaced (a deletion takes one space with it)."""
        return replace_span(text, self.start, self.end, self.suggestion)


def replace_span(text: str, start: int, end: int, new: str) -> str:
    """``text[start:end]`` replaced by ``new``; removing words leaves no double space."""
    before, after = text[:start], text[end:]
    if not new:
        if before.endswith(" ") and (after.startswith(" ") or not after
                                      or not after[:1].isalnum()):
            before = before[:-1]
        elif after.startswith(" ") and not before:
            after = after[1:]
    return before + new + after


def _is_word(token: str) -> bool:
    return bool(_WORD.fullmatch(token))


def _content(parts: Iterable[str]) -> set[str]:
    """The content words of ``parts`` as written (a change of case is no move)."""
    return {part for part in parts if _is_word(part) and part.casefold() not in STOP_WORDS}


def _has_content(words: Iterable[str]) -> bool:
    return any(word.casefold() not in STOP_WORDS and not word.isdigit() for word in words)


def normalised(text: str) -> tuple[str, ...]:
    """The tokens phrases are compared by: words case-folded, any white space one space."""
    return tuple(" " if token.isspace() else token.casefold() for token in tokens(text))


def _changes(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """Runs of MT tokens i1:i2 replaced by correction tokens j1:j2, nothing equal inside."""
    changes: list[tuple[int, int, int, int]] = []
    # rapidfuzz's alignment (in C): difflib's takes most of the time of learning a document
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            continue
        i1, i2, j1, j2 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if changes and changes[-1][1] == i1 and changes[-1][3] == j1:
            changes[-1] = (changes[-1][0], i2, changes[-1][2], j2)
        else:
            changes.append((i1, i2, j1, j2))
    return changes


def _regions(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """Changed runs (MT tokens i1:i2, correction tokens j1:j2), short gaps merged."""
    regions: list[list[tuple[int, int, int, int]]] = []
    for change in _changes(a, b):
        i1, i2, j1, j2 = change
        if regions:
            p1, q1 = regions[-1][0][0], regions[-1][0][2]
            p2, q2 = regions[-1][-1][1], regions[-1][-1][3]
            gap = sum(map(_is_word, a[p2:i1]))
            short = sum(map(_is_word, a[p1:i2])) <= MAX_MERGED_WORDS
            moved = _content(a[p1:p2]) & _content(b[j1:j2]) \
                or _content(b[q1:q2]) & _content(a[i1:i2])
            if gap == 0 or short and (gap == 1 or gap <= MAX_GAP_WORDS and moved):
                regions[-1].append(change)
                continue
        regions.append([change])
    return [_without_shared_ends(a, b, region[0][0], region[-1][1], region[0][2], region[-1][3])
            for region in regions]


def _without_shared_ends(a: list[str], b: list[str], i1: int, i2: int, j1: int,
                         j2: int) -> tuple[int, int, int, int]:
    """A merged change without the tokens both sides start or end with (the diff may
    align "the President of the Russian Federation" → "the Russian President" so)."""
    while i1 < i2 and j1 < j2 and a[i1] == b[j1]:
        i1, j1 = i1 + 1, j1 + 1
    while i1 < i2 and j1 < j2 and a[i2 - 1] == b[j2 - 1]:
        i2, j2 = i2 - 1, j2 - 1
    return i1, i2, j1, j2


def fixes_of(mt: str, correction: str, position: int = 0) -> list[Fix]:
    """The fixes one confirmed correction teaches, in text order."""
    a, b = tokens(mt), tokens(correction)
    regions = _regions(a, b)
    found: list[Fix] = []
    for index, (i1, i2, j1, j2) in enumerate(regions):
        words = [token for token in a[i1:i2] if _is_word(token)]
        if not "".join(a[i1:i2]).strip():
            continue  # an insertion (or only spacing): nothing in the MT to find
        left_limit = regions[index - 1][1] if index else 0
        right_limit = regions[index + 1][0] if index + 1 < len(regions) else len(a)
        grow_left = grow_right = 0
        if not words:  # punctuation: anchored by the word after it, else the one before
            grow_right = _to_word(a, i2, right_limit, 1)
            if not grow_right:
                grow_left = _to_word(a, i1 - 1, left_limit - 1, -1)
        elif not _has_content(words) or not "".join(b[j1:j2]).strip():
            # stop words only, or a deletion: "years" → "" must not fire on every "years"
            grow_left = _to_word(a, i1 - 1, left_limit - 1, -1)
            grow_right = _to_word(a, i2, right_limit, 1)
        elif "".join(a[i1:i2]).casefold() == "".join(b[j1:j2]).casefold():
            # only the case changed ("Armed forces" → "Armed Forces"): the word before says
            # where, else "forces" would become "Forces" everywhere
            grow_left = _to_word(a, i1 - 1, left_limit - 1, -1)
            if not grow_left:
                grow_right = _to_word(a, i2, right_limit, 1)
        if a[i1 - grow_left:i1] != b[j1 - grow_left:j1]:
            grow_left = 0  # an insertion was trimmed there: no shared word to take
        if a[i2:i2 + grow_right] != b[j2:j2 + grow_right]:
            grow_right = 0
        s1, s2 = i1 - grow_left, i2 + grow_right
        if not _has_content(t for t in a[s1:s2] if _is_word(t)):
            continue
        phrase = "".join(a[s1:s2]).strip()
        corrected = "".join(b[j1 - grow_left:j2 + grow_right]).strip()
        if phrase != corrected:
            found.append(Fix(phrase, corrected, position))
    return found


def _to_word(a: Sequence[str], start: int, limit: int, step: int) -> int:
    """How many tokens from ``start`` (towards ``limit``) reach the nearest word; 0: none."""
    for index in range(start, limit, step):
        if _is_word(a[index]):
            return abs(index - start) + 1
    return 0


def learn(corrections: Iterable[tuple[int, str, str]]) -> list[Fix]:
    """The fixes of confirmed ``(position, mt, correction)``, oldest confirm first, merged:
    one per MT phrase, its most frequent correction (a tie: the most recent)."""
    return merge(fix for position, mt, text in corrections
                 for fix in fixes_of(mt, text, position))


def merge(fixes: Iterable[Fix]) -> list[Fix]:
    """One fix per MT phrase from fixes in the order learned (see ``learn``)."""
    # per phrase, per correction: (times learned, when last learned, the latest fix)
    by_phrase: dict[tuple[str, ...], dict[str, tuple[int, int, Fix]]] = {}
    for when, fix in enumerate(fixes):
        choices = by_phrase.setdefault(normalised(fix.mt), {})
        times = choices.get(fix.suggestion.casefold(), (0, 0, fix))[0]
        choices[fix.suggestion.casefold()] = (times + fix.count, when, fix)
    merged = []
    for choices in by_phrase.values():
        times, _when, latest = max(choices.values(), key=lambda choice: choice[:2])
        merged.append(Fix(latest.mt, latest.suggestion, latest.learned_from, times))
    return merged
