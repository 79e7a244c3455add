"""Filtering a project by status and text in SQL, a page of positions at a time (what the
window's filter asks at a million segments instead of testing every row in Python)."""

from __future__ import annotations

from collections.abc import Iterable

from reviewer.core.filtering import TextQuery
from reviewer.session_reading import SessionReading


class SessionFilters(SessionReading):
    """Positions a status and text filter accepts."""

    def matching_positions(self, statuses: Iterable[str] = (), text: TextQuery | None = None,
                           after: int = -1, limit: int = 100) -> list[int]:
        """Up to ``limit`` positions after ``after``, in document order, whose stored status
        (``locked`` for a segment not to be translated) is one of ``statuses`` (any when
        empty) and whose source, MT or current text ``text`` finds (its fields, case,
        whole words and regular expression as ``SegmentFilter``); fewer than ``limit``:
        there are no more."""
        return self._store.matching_positions(tuple(statuses), text, after, limit)
