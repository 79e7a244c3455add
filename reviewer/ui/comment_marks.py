"""The segment table's mark for segments with open comments: an icon in the # column."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

COMMENTS_ROLE = Qt.ItemDataRole.UserRole + 10  # a row's open comments (int)
Counts = Callable[[], dict[int, int]]  # open comments by position, segments without left out


def _no_counts() -> dict[int, int]:
    return {}


def small_icon(colour: str, paint: Callable[[QPainter], None]) -> QIcon:
    """A 16-pixel icon of one colour that ``paint`` draws."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    paint(painter)
    painter.end()
    return QIcon(pixmap)


def comment_icon(colour: str = "#1565c0") -> QIcon:
    """A small speech bubble."""

    def bubble(painter: QPainter) -> None:
        painter.drawRoundedRect(QRectF(1, 2, 14, 9), 3, 3)
        painter.drawPolygon(QPolygonF([QPointF(4, 10), QPointF(9, 10), QPointF(4, 14)]))

    return small_icon(colour, bubble)


class CommentMarks:
    """How many open comments each row has, asked once per project and then kept."""

    def __init__(self) -> None:
        self._source: Counts = _no_counts
        self._counts: dict[int, int] | None = None
        self._icon: QIcon | None = None

    def set_source(self, source: Counts) -> None:
        """Where the counts come from (asked again on the next ``count``)."""
        self._source = source
        self._counts = None

    def forget(self) -> None:
        """Another project, or its segments changed: ask the source again when needed."""
        self._counts = None

    def count(self, row: int) -> int:
        """Open comments of the segment at ``row``."""
        if self._counts is None:
            self._counts = dict(self._source())
        return self._counts.get(row, 0)

    def set_count(self, row: int, count: int) -> None:
        """A row's count after its comments changed."""
        if self._counts is None:
            self._counts = dict(self._source())
        self._counts[row] = count

    def data(self, row: int, role: int) -> Any:
        """What the # column shows for ``role``: the icon, a tip, the count."""
        count = self.count(row)
        if role == COMMENTS_ROLE:
            return count
        if not count:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            if self._icon is None:
                self._icon = comment_icon()
            return self._icon
        return f"{count} open comment{'s' if count != 1 else ''}"
