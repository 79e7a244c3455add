"""The segment table's records, read from the project a page at a time when first shown.

A million segments as records take seconds to read and most of a gigabyte to keep: the
table knows their number at once and reads the page of a row it is asked about, keeping
the pages used last (the rest are read again when needed; the project has them).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Collection, Iterator, Sequence
from typing import Any, Protocol

from reviewer.core.filtering import TextQuery
from reviewer.core.status import SegmentStatus
from reviewer.store.project import SegmentRecord

PAGE = 256  # rows read at once: a few milliseconds through the store's pipe
PAGES_KEPT = 128  # at most 32,768 records kept


class PagedSession(Protocol):
    """What the pages ask of the session (``ReviewSession`` has it)."""

    def segment_count(self) -> int: ...
    def segments_between(self, start: int, stop: int) -> list[SegmentRecord]: ...
    def first_position_not(self, status: str) -> int | None: ...
    def segments_at(self, positions: Sequence[int]) -> list[SegmentRecord]: ...
    def segment_column(self, name: str) -> list[Any]: ...
    def properties(self) -> dict[str, str]: ...
    def positions_with_status(self, statuses: Sequence[str]) -> list[tuple[int, str]]: ...
    def filter_positions(self, start: int, stop: int, statuses: Sequence[str] = (),
                         text: TextQuery | None = None) -> list[int]: ...


class SegmentPages:
    """A list of the session's segments as stored, read a page at a time (an LRU of
    pages); a record set in a page kept is shown until the page is read again."""

    def __init__(self, session: PagedSession) -> None:
        self._session = session
        self._count = session.segment_count()
        self._pages: OrderedDict[int, list[SegmentRecord]] = OrderedDict()
        self._may_lock: bool | None = None

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, row: int) -> SegmentRecord:
        if not 0 <= row < self._count:
            raise IndexError(row)
        number, offset = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            page = self._read(number)
        else:
            self._pages.move_to_end(number)
        return page[offset]

    def __setitem__(self, row: int, record: SegmentRecord) -> None:
        page = self._pages.get(row // PAGE)
        if page is not None:  # else the project has it: read with its page when shown
            page[row % PAGE] = record

    def __iter__(self) -> Iterator[SegmentRecord]:
        for row in range(self._count):
            yield self[row]

    def _read(self, number: int) -> list[SegmentRecord]:
        page = self._session.segments_between(number * PAGE, (number + 1) * PAGE)
        self._pages[number] = page
        while len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return page

    def cached(self, row: int) -> bool:
        """Whether the page of ``row`` is kept (reading it costs nothing)."""
        return row // PAGE in self._pages

    # -- what SQL answers without reading every record -----------------------------------

    @property
    def may_lock(self) -> bool:
        """Whether the file may lock any row (only an XLIFF file marks one)."""
        if self._may_lock is None:
            kind = self._session.properties().get("format")
            self._may_lock = kind is None or "xliff" in kind
        return self._may_lock

    def first_unconfirmed(self) -> int:
        """The first row not confirmed as stored (the last row when all are)."""
        found = self._session.first_position_not(SegmentStatus.CONFIRMED)
        return max(0, self._count - 1) if found is None else found

    def column(self, name: str) -> list[Any]:
        """One stored field of every row (``source``, ``mt``, ``text``, ``status``,
        ``hter``: NaN while pending), asked at once (sorting reads no page)."""
        values = self._session.segment_column(name)
        return [math.nan if value is None else value for value in values] \
            if name == "hter" else values

    def saved(self) -> Iterator[SegmentRecord]:
        """The rows saved at least once (not new), as stored, in order: the project says
        which, and only their records are read (500 at a time)."""
        statuses = [status.value for status in SegmentStatus if status != SegmentStatus.NEW]
        positions = sorted(self.texts_with_status(statuses))
        for start in range(0, len(positions), 500):
            yield from self._session.segments_at(positions[start:start + 500])

    def texts_with_status(self, statuses: Sequence[str]) -> dict[int, str]:
        """The stored text of every row whose stored status is one of ``statuses``."""
        return dict(self._session.positions_with_status(list(statuses)))

    def matching(self, start: int, stop: int, statuses: Sequence[str],
                 text: TextQuery | None) -> list[int]:
        """The rows in ``start`` to ``stop`` (excluded) whose stored status is one of
        ``statuses`` (any when empty) and whose stored texts ``text`` finds (any: None)."""
        return self._session.filter_positions(start, stop, list(statuses), text)


Records = list[SegmentRecord] | SegmentPages  # what the table's model shows


def texts_with_status(records: Records, statuses: Collection[str]) -> dict[int, str]:
    """The stored text of every row whose stored status is one of ``statuses``."""
    if isinstance(records, SegmentPages):  # asked of the project, not read row by row
        return records.texts_with_status(sorted(statuses))
    return {row: record.text for row, record in enumerate(records)
            if record.status in statuses}

