"""Which segments a filter by status or text shows, a page at a time in document order,
through the status index and SQL that reads no row it need not (a million segments)."""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from reviewer.core.context import is_locked
from reviewer.core.filtering import Predicate, RowFacts, TextQuery
from reviewer.core.status import SegmentStatus
from reviewer.store.text_prefilter import prefilter
from reviewer.store.transactions import StoreBase

# rows the first query reads beyond those asked for, and the most a later one reads: the
# first page comes quickly, a long search reads few large pages
_FIRST, _PAGE = 16, 2000
_COLUMNS = {"source": "s.source", "mt": "s.mt", "correction": "coalesce(r.text, s.mt)"}
_FROM = "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision "


@dataclass(frozen=True)
class _Texts:
    """A segment's texts as a filter's text query reads them."""

    source: str
    mt: str
    correction: str


class FilterQueries(StoreBase):
    """The positions a status and text filter accepts."""

    def matching_positions(self, statuses: Iterable[str] = (), text: TextQuery | None = None,
                           after: int = -1, limit: int = 100) -> list[int]:
        """Up to ``limit`` positions after ``after``, in document order, of the segments
        whose status is one of ``statuses`` (any when empty) and whose texts ``text``
        finds (any when None or empty): as ``SegmentFilter`` decides for a stored segment.

        The status is the stored one, ``locked`` for a segment the file marks not to be
        translated; the correction is the current text (the window adds its typing).
        Fewer than ``limit`` means there are no more. A bad regular expression is a
        ReviewerError.
        """
        search = _Search.of(text)
        locked = self._locked_positions()
        wanted = {str(status) for status in statuses}
        if not wanted:
            return self._filter_take(self._filter_rows("1 = 1", [], search, after, limit), search,
                                     limit)
        found: list[list[int]] = []
        for status in sorted(wanted - {SegmentStatus.LOCKED, SegmentStatus.DRAFT}):
            rows = self._filter_rows("s.head_status = ?", [status], search, after, limit)
            found.append(self._filter_take(rows, search, limit, locked))
        if SegmentStatus.LOCKED in wanted and locked:
            rows = self._filter_rows(f"s.position IN ({', '.join('?' * len(locked))})",
                                     sorted(locked), search, after, limit)
            found.append(self._filter_take(rows, search, limit))
        return list(heapq.merge(*found))[:limit]

    def _filter_rows(self, where: str, values: Sequence[object], search: _Search | None,
                     after: int, wanted: int) -> Iterator[tuple[int, _Texts | None]]:
        """(position, texts) of the segments after ``after`` meeting ``where`` and the
        search's prefilter, in order, read a page at a time (texts only for a search); the
        first page a little more than the ``wanted`` rows."""
        page = min(max(wanted, 0) + _FIRST, _PAGE)
        columns, condition, parameters = "", "1 = 1", []
        if search is not None:
            columns = ", s.source, s.mt, coalesce(r.text, s.mt)"
            condition, parameters = search.condition, search.parameters
        while True:
            rows = self._db.execute(
                f"SELECT s.position{columns} {_FROM}WHERE {where} AND s.position > ? "
                f"AND {condition} ORDER BY s.position LIMIT ?",
                [*values, max(after, -1), *parameters, page]).fetchall()
            for row in rows:
                yield int(row[0]), None if search is None else _Texts(row[1] or "", row[2],
                                                                      row[3])
            if len(rows) < page:
                return
            after = int(rows[-1][0])
            page = min(page * 4, _PAGE)

    @staticmethod
    def _filter_take(rows: Iterator[tuple[int, _Texts | None]], search: _Search | None, limit: int,
              leave_out: frozenset[int] = frozenset()) -> list[int]:
        """The first ``limit`` positions not left out whose texts the search finds."""
        taken: list[int] = []
        if limit <= 0:
            return taken
        for position, texts in rows:
            if position in leave_out or (search is not None and texts is not None
                                         and not search.accepts(cast(RowFacts, texts))):
                continue
            taken.append(position)
            if len(taken) >= limit:
                break
        return taken

    def _locked_positions(self) -> frozenset[int]:
        """The segments the file marks as not to be translated (only XLIFF marks any)."""
        if self.properties().get("format") != "xliff":
            return frozenset()
        return frozenset(
            int(position) for position, meta in self._db.execute(
                "SELECT position, meta FROM segments WHERE position >= 0 AND meta IS NOT NULL")
            if is_locked(json.loads(meta)))


@dataclass(frozen=True)
class _Search:
    """A text query: its test of a row, and the SQL that leaves out rows it cannot match."""

    accepts: Predicate
    condition: str
    parameters: list[object]

    @classmethod
    def of(cls, text: TextQuery | None) -> _Search | None:
        """None when there is nothing to look for."""
        if text is None or not text.text:
            return None
        accepts = text.predicate()  # a bad regular expression fails here
        columns = dict(_COLUMNS)
        if "mt" in text.fields:  # a segment without a revision: its correction is its MT
            columns["correction"] = "r.text"
        return cls(accepts, *prefilter(text, columns))
