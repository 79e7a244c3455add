"""Translation memory: what a fuzzy match and a concordance hit are, and how a match scores.

A match's score is ``floor(100 × (L − d) / L)``: ``d`` is the Levenshtein distance (insert,
delete, substitute one character, each costing 1) between the two key texts as stored,
case and tags included, and ``L`` the length of the longer one. Only identical texts score
100. Since ``d ≥ |len(a) − len(b)|``, a score of at least ``m`` needs the shorter text to be
at least ``m`` % of the longer one: lookups skip every other length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from reviewer.core.errors import ReviewerError

PROJECT_ORIGIN = "project"  # a match from this project's own confirmed segments
FIELDS = ("source", "mt", "correction", "tm source", "tm target")  # concordance hit fields


@dataclass(frozen=True)
class TmMatch:
    """A fuzzy match for a segment, with what to insert (``target``)."""

    score: int  # percentage 0–100; 100 only for an identical key text
    source: str | None
    mt: str | None
    target: str
    origin: str  # PROJECT_ORIGIN, or the name of the file or project it was added from
    position: int | None = None  # the project segment it came from, if any

    def to_data(self) -> dict[str, object]:
        """What ``reviewer matches --json`` prints for it."""
        return {"score": self.score, "source": self.source, "mt": self.mt,
                "target": self.target, "origin": self.origin}


@dataclass(frozen=True)
class ConcordanceHit:
    """One occurrence of the searched text: the whole text it is in and its span there."""

    field: str  # one of FIELDS
    text: str
    start: int
    end: int
    origin: str  # PROJECT_ORIGIN or the TM unit's origin
    position: int | None  # the segment (project hits), None for TM units

    def to_data(self) -> dict[str, object]:
        """What ``reviewer concordance --json`` prints for it."""
        return {"field": self.field, "text": self.text, "start": self.start, "end": self.end,
                "origin": self.origin,
                "segment": None if self.position is None else self.position + 1}


@dataclass(frozen=True)
class TmUnit:
    """A unit to add to a project's memory."""

    source: str | None
    mt: str | None
    target: str

    @property
    def key(self) -> str | None:
        """What a lookup compares: the source, else the MT."""
        return self.source if self.source is not None else self.mt

    def key_for(self, on_target: bool) -> str:
        """What a lookup compares in a project with sources (its source, else its MT), or
        ``on_target``, in one without (its MT, else its target: the MT's language)."""
        if on_target:
            return self.mt if self.mt is not None else self.target
        return self.source if self.source is not None else (self.mt or "")


def match_score(key: str, other: str) -> int:
    """The fuzzy-match percentage of ``other`` for ``key`` (see the module's docstring)."""
    longest = max(len(key), len(other))
    if longest == 0:
        return 100
    return 100 * (longest - Levenshtein.distance(key, other)) // longest


def length_bounds(length: int, min_score: int) -> tuple[int, int]:
    """The lengths a text needs to score at least ``min_score`` against one of ``length``."""
    if min_score <= 0:
        return 0, 1 << 62
    low = -(-length * min_score // 100)  # ceil
    high = length * 100 // min_score
    return low, high


def best_matches(key: str, candidates: Iterable[TmMatch | tuple[str, TmMatch]],
                 min_score: int, limit: int) -> list[TmMatch]:
    """The ``limit`` best candidates scoring at least ``min_score`` against ``key``, best
    first (ties: the project's own segments first, in document order, then by origin);
    one of each (source, mt, target)."""
    low, high = length_bounds(len(key), min_score)
    scored: dict[tuple[str | None, str | None, str], TmMatch] = {}
    for item in candidates:
        text, match = item if isinstance(item, tuple) else (match_key(item), item)
        if not low <= len(text) <= high:
            continue
        longest = max(len(key), len(text))
        cutoff = longest - -(-min_score * longest // 100)  # the most edits min_score allows
        distance = Levenshtein.distance(key, text, score_cutoff=cutoff)
        if distance > cutoff:
            continue
        score = 100 if longest == 0 else 100 * (longest - distance) // longest
        if score < min_score:
            continue
        found = TmMatch(score, match.source, match.mt, match.target, match.origin,
                        match.position)
        identity = (found.source, found.mt, found.target)
        if identity not in scored or _rank(found) < _rank(scored[identity]):
            scored[identity] = found
    return sorted(scored.values(), key=_rank)[:limit]


def match_key(match: TmMatch) -> str:
    """A match's key text: its source, else its MT."""
    if match.source is not None:
        return match.source
    return match.mt or ""


def _rank(match: TmMatch) -> tuple[int, int, int, str]:
    own = match.position is not None
    return (-match.score, 0 if own else 1, match.position or 0, match.origin)


def search_pattern(query: str, match_case: bool = False) -> re.Pattern[str]:
    """What concordance looks for: ``query`` as written (case-insensitive unless
    ``match_case``); refused in one line when empty."""
    if not query.strip():
        raise ReviewerError("concordance needs a word or phrase to search for")
    return re.compile(re.escape(query), 0 if match_case else re.IGNORECASE)
