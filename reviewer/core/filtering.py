"""Which segments a filter shows, in which order, and where find goes next (no Qt)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from reviewer.core.replace import compile_pattern

FIELDS = ("source", "mt", "correction")


class RowFacts(Protocol):
    """What a filter may ask of one segment (as shown: typing counts as the correction)."""

    @property
    def status(self) -> str: ...
    @property
    def hter(self) -> float: ...
    @property
    def source(self) -> str: ...
    @property
    def mt(self) -> str: ...
    @property
    def correction(self) -> str: ...
    @property
    def warnings(self) -> bool: ...
    @property
    def comments(self) -> bool: ...
    @property
    def position(self) -> int: ...


Predicate = Callable[[RowFacts], bool]


@dataclass(frozen=True)
class TextQuery:
    """Text or a regular expression to look for in some of a segment's texts."""

    text: str
    regex: bool = False
    match_case: bool = False
    whole_word: bool = False
    fields: tuple[str, ...] = FIELDS

    def pattern(self) -> re.Pattern[str]:
        """The compiled search; a bad regular expression is a ReviewerError."""
        return compile_pattern(self.text, self.regex, self.match_case, self.whole_word)

    def predicate(self) -> Predicate:
        """Whether any of the chosen fields matches."""
        search = self.pattern().search
        fields = tuple(field for field in FIELDS if field in self.fields)
        # the usual cases spelled out: a generic loop costs more than the search
        if fields == FIELDS:
            return lambda row: bool(search(row.correction) or search(row.mt)
                                    or search(row.source))
        if fields == ("correction",):
            return lambda row: search(row.correction) is not None
        return lambda row: any(search(getattr(row, field)) for field in fields)


@dataclass(frozen=True)
class SegmentFilter:
    """Conditions that all must hold; an unset one holds for every segment."""

    statuses: frozenset[str] = frozenset()
    hter_min: float | None = None
    hter_max: float | None = None
    warnings: bool | None = None  # True: only segments with QA warnings; False: without
    comments: bool | None = None
    text: TextQuery | None = None
    positions: frozenset[int] | None = None  # only these segments ("Mine": assigned to me)

    @property
    def active(self) -> bool:
        """Whether the filter leaves any segment out."""
        return bool(self.statuses or self.hter_min is not None or self.hter_max is not None
                    or self.warnings is not None or self.comments is not None
                    or (self.text is not None and self.text.text)
                    or self.positions is not None)

    def predicate(self) -> Predicate:
        """One test for a row, checking only the conditions that are set."""
        tests: list[Predicate] = []
        if self.positions is not None:
            positions = self.positions
            tests.append(lambda row: row.position in positions)
        if self.statuses:
            statuses = self.statuses
            tests.append(lambda row: row.status in statuses)
        if self.hter_min is not None or self.hter_max is not None:
            low = -math.inf if self.hter_min is None else self.hter_min
            high = math.inf if self.hter_max is None else self.hter_max
            tests.append(lambda row: low <= row.hter <= high)  # NaN (pending) never
        if self.warnings is not None:
            warnings = self.warnings
            tests.append(lambda row: row.warnings == warnings)
        if self.comments is not None:
            comments = self.comments
            tests.append(lambda row: row.comments == comments)
        if self.text is not None and self.text.text:
            tests.append(self.text.predicate())
        if not tests:
            return lambda row: True
        if len(tests) == 1:
            return tests[0]
        return lambda row: all(test(row) for test in tests)


def sorted_rows(rows: Iterable[int], key: Callable[[int], object],
                descending: bool = False) -> list[int]:
    """``rows`` ordered by ``key`` (one type per column; text without case); ties and
    pending scores (NaN) keep document order, pending ones last either way."""
    rows = list(rows)
    values: list[Any] = [key(row) for row in rows]
    if values and isinstance(values[0], str):
        values = [value.casefold() for value in values]
    known = [number for number, value in enumerate(values) if value == value]  # not NaN
    pending = [rows[number] for number, value in enumerate(values) if value != value]
    known.sort(key=values.__getitem__, reverse=descending)
    return [rows[number] for number in known] + pending


def next_match(order: Sequence[int], current: int, matches: Callable[[int], bool],
               forward: bool = True) -> int | None:
    """The first row after ``current`` in ``order`` (the rows as shown) that matches,
    wrapping round and ending with ``current`` itself; from the top if it is not shown."""
    count = len(order)
    if not count:
        return None
    try:
        start = order.index(current)
    except ValueError:
        start = -1 if forward else count
    step = 1 if forward else -1
    for offset in range(1, count + 1):
        row = order[(start + step * offset) % count]
        if matches(row):
            return row
    return None


def match_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where ``pattern`` matches in ``text`` (non-empty matches only)."""
    return [match.span() for match in pattern.finditer(text) if match.end() > match.start()]


def count_label(shown: int, total: int) -> str:
    """"124 of 3,000 segments", or "3,000 segments" when nothing is left out."""
    noun = "segment" if total == 1 else "segments"
    if shown == total:
        return f"{total:,} {noun}"
    return f"{shown:,} of {total:,} {noun}"
