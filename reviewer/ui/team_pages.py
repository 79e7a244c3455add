"""What the segment table shows of a server project besides the stored rows: edits waiting
to be sent (shown instead of the server's text) and who else is editing a row."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QIcon, QPainter, QPolygonF

from reviewer.core.status import SegmentStatus
from reviewer.store.project import SegmentRecord
from reviewer.store.server_errors import ServerUnavailableError
from reviewer.ui.comment_marks import COMMENTS_ROLE, CommentMarks, small_icon
from reviewer.ui.segment_pages import PAGE, PagedSession, SegmentPages


def holder_icon(colour: str = "#e65100") -> QIcon:
    """A small pencil: someone is editing this segment."""

    def pencil(painter: QPainter) -> None:
        painter.drawPolygon(QPolygonF([QPointF(11, 1), QPointF(15, 5), QPointF(6, 14),
                                       QPointF(2, 10)]))
        painter.drawPolygon(QPolygonF([QPointF(1, 11), QPointF(5, 15), QPointF(1, 15)]))

    return small_icon(colour, pencil)


class TeamPages(SegmentPages):
    """The project's rows a page at a time, an edit still waiting to be sent shown in its
    row (the server does not have it yet) until ``sent``."""

    def __init__(self, session: PagedSession, lost: Callable[[], None]) -> None:
        super().__init__(session)
        self.waiting: dict[int, SegmentRecord] = {}
        self._lost = lost

    def _read(self, number: int) -> list[SegmentRecord]:
        try:
            return super()._read(number)
        except ServerUnavailableError:  # offline: blank rows, read when the server is back
            self._lost()
            start = number * PAGE
            return [SegmentRecord(-1, row, None, "", None, "", SegmentStatus.NEW, 0, math.nan,
                                  math.nan, math.nan, True)
                    for row in range(start, min(start + PAGE, len(self)))]

    def __getitem__(self, row: int) -> SegmentRecord:
        waiting = self.waiting.get(row)
        return waiting if waiting is not None else super().__getitem__(row)

    def keep_waiting(self, record: SegmentRecord) -> None:
        """Show ``record`` (an edit queued offline) in its row until it is sent."""
        self.waiting[record.position] = record
        self[record.position] = record

    def sent(self) -> list[int]:
        """The waiting edits went to the server: their rows show what it has (read again)."""
        rows = sorted(self.waiting)
        self.waiting.clear()
        self.forget(rows)
        return rows

    def forget(self, rows: Iterable[int] | None = None) -> None:
        """Read the pages of ``rows`` (all: None) from the project again when next shown."""
        if rows is None:
            self._pages.clear()
            return
        for number in {row // PAGE for row in rows}:
            self._pages.pop(number, None)


class HolderMarks(CommentMarks):
    """The # column's marks: open comments, and a pencil on a row someone else is editing
    (its tooltip says who)."""

    def __init__(self, previous: CommentMarks) -> None:
        super().__init__()
        self._source = previous._source  # the comments panel may have bound it already
        self.holders: dict[int, str] = {}
        self._pencil: QIcon | None = None

    def set_holders(self, holders: dict[int, str]) -> list[int]:
        """Who edits which row now; the rows whose mark changed."""
        changed = {row for row in set(holders) | set(self.holders)
                   if holders.get(row) != self.holders.get(row)}
        self.holders = dict(holders)
        return sorted(changed)

    def data(self, row: int, role: int) -> Any:
        holder = self.holders.get(row)
        if holder is None or role == COMMENTS_ROLE:
            return super().data(row, role)
        if role == Qt.ItemDataRole.DecorationRole:
            if self._pencil is None:
                self._pencil = holder_icon()
            return self._pencil
        comments = super().data(row, role)
        return f"Being edited by {holder}" + (f"; {comments}" if comments else "")

