"""A filter's rows found by asking the project, a range of rows at a time.

Testing a million rows one by one would read every page of them through the store's
pipe. When the filter asks for statuses or text, SQL tells which stored rows of a range
can match; only those, the rows being typed in (shown as drafts, with their typing) and,
when locked rows are asked for, the locked ones are tested as the table shows them.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from reviewer.core.filtering import Predicate, SegmentFilter
from reviewer.core.status import SegmentStatus
from reviewer.ui.segment_model import SegmentTableModel
from reviewer.ui.segment_pages import SegmentPages

if TYPE_CHECKING:
    from reviewer.ui.segment_filter import ModelFacts

FIRST_RANGE = 20_000  # rows asked about at once, then sized to take about TARGET_S
TARGET_S = 0.02
RANGES = (5_000, 250_000)  # the least and most rows asked about at once
MOST_FOUND = 10_000  # rows found per range, about


class StoredScan:
    """Which rows of a range a filter accepts, from the project's answer."""

    def __init__(self, model: SegmentTableModel, pages: SegmentPages,
                 segment_filter: SegmentFilter, accepts: Predicate) -> None:
        self._model, self._pages, self._accepts = model, pages, accepts
        statuses = segment_filter.statuses
        self._statuses = sorted(str(getattr(s, "value", s)) for s in statuses)
        self._locked_wanted = SegmentStatus.LOCKED in self._statuses
        self._text = segment_filter.text if segment_filter.text and segment_filter.text.text \
            else None
        # SQL decides a stored row alone when the filter asks nothing else
        self._only_sql = segment_filter.hter_min is None and segment_filter.hter_max is None \
            and segment_filter.warnings is None and segment_filter.comments is None
        self.size = FIRST_RANGE
        self._positions = segment_filter.positions  # "Mine": SQL is not asked, rows are

    @staticmethod
    def usable(model: SegmentTableModel, segment_filter: SegmentFilter) -> bool:
        """Whether the project can be asked: a paged model and a status or text asked."""
        text = segment_filter.text
        return model.pages is not None and bool(segment_filter.statuses
                                                or (text is not None and text.text))

    def accepted(self, start: int, stop: int, facts: ModelFacts) -> list[int]:
        """The rows from ``start`` to ``stop`` (excluded) the filter accepts, in order;
        ``facts`` is the proxy's view of a row (its ``row`` is set here)."""
        began = time.perf_counter()
        stored = self._pages.matching(start, stop, self._statuses, self._text)
        if self._positions is not None:
            stored = [row for row in stored if row in self._positions]
        elapsed = time.perf_counter() - began
        # the next range: about TARGET_S of the project's time, and rows the table takes
        # in at once without a pause (inserting 250,000 rows took 300 ms)
        size = self.size * TARGET_S / max(elapsed, 1e-4)
        if stored:
            size = min(size, (stop - start) * MOST_FOUND / len(stored))
        self.size = int(min(max(size, RANGES[0]), RANGES[1]))
        model, may_lock = self._model, self._pages.may_lock
        # rows the table shows other than as stored: typed ones, locked ones
        shown_otherwise = {row for row in model.typed_rows() if start <= row < stop}
        if may_lock:
            rows = range(start, stop) if self._locked_wanted else stored
            shown_otherwise.update(row for row in rows if model.locked(row))
        if self._only_sql and not shown_otherwise:
            return stored
        found = []
        accepts = self._accepts
        for row in sorted(set(stored) | shown_otherwise):
            if self._only_sql and row not in shown_otherwise:
                found.append(row)
                continue
            facts.row = row
            if accepts(facts):
                found.append(row)
        return found
