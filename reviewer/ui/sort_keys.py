"""What the segment table sorts a column by, row by row.

A table read a page at a time asks the project for the column's stored values of every
row at once (reading every page to sort took seconds at 100,000 rows); rows shown other
than as stored (typed in; locked by the file) take what the table shows.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer.core.status import SegmentStatus
from reviewer.ui.segment_model import (
    COL_CORRECTION,
    COL_HTER,
    COL_MT,
    COL_SOURCE,
    COL_STATUS,
    SegmentTableModel,
)

STATUS_ORDER = {status.value: rank for rank, status in enumerate(SegmentStatus)}


def status_name(value: object) -> str:
    """A status as its plain name, whether a string or an enum member."""
    return str(getattr(value, "value", value))


def status_rank(value: object) -> int:
    """Where a status sorts (an unknown one last)."""
    return STATUS_ORDER.get(status_name(value), len(STATUS_ORDER))


def sort_key(model: SegmentTableModel, column: int) -> Callable[[int], object]:
    """The value a row sorts by in ``column`` (its number for any other column)."""
    pages = model.pages
    typed = set(model.typed_rows())
    if column == COL_HTER:
        if pages is None:
            return model.hter
        scores = pages.column("hter")
        return lambda row: model.hter(row) if row in typed else scores[row]
    if column == COL_STATUS:
        if pages is None or pages.may_lock:
            return lambda row: status_rank(model.status(row))
        ranks = [status_rank(status) for status in pages.column("status")]
        draft = status_rank(SegmentStatus.DRAFT)
        return lambda row: draft if row in typed else ranks[row]
    if column == COL_SOURCE:
        if pages is None:
            return lambda row: model.segment(row).source or ""
        sources = pages.column("source")
        return lambda row: sources[row] or ""
    if column == COL_MT:
        if pages is None:
            return lambda row: model.segment(row).mt
        return pages.column("mt").__getitem__
    if column == COL_CORRECTION:
        if pages is None:
            return model.current_text
        texts = pages.column("text")
        return lambda row: model.current_text(row) if row in typed else texts[row]
    return lambda row: row
