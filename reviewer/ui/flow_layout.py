"""A row of widgets that wraps onto more rows when its space is too narrow (a bar of filters
in a 1024-pixel window), instead of making the window wider than the screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right at their preferred widths, wrapping as needed; a stretching item
    takes the spare width of its row."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretching: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def add_group(self, widgets: Sequence[QWidget], stretch: bool = False) -> None:
        """Add widgets that stay together on one row (the first one stretching, if asked)."""
        if len(widgets) == 1:
            self.addWidget(widgets[0])
        else:
            group = QWidget()
            row = QHBoxLayout(group)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(self._gap)
            for index, widget in enumerate(widgets):
                row.addWidget(widget, 1 if stretch and index == 0 else 0)
            self.addWidget(group)
        if stretch:
            self._stretching.append(self._items[-1])

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        if item in self._stretching:
            self._stretching.remove(item)
        return item

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self._gap * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height) + self._margin_size()

    def minimumSize(self) -> QSize:  # noqa: N802
        shown = self._shown()
        width = max((item.minimumSize().width() for item in shown), default=0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height) + self._margin_size()

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _margin_size(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in rows inside ``rect``; the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        width = max(1, area.width())
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            wanted = min(width, item.sizeHint().width())
            if rows[-1] and used + self._gap + wanted > width:
                rows.append([])
                used = 0
            used += (self._gap if rows[-1] else 0) + wanted
            rows[-1].append(item)
        y = area.y()
        for row in rows:
            if not row:
                continue
            height = max(item.sizeHint().height() for item in row)
            if move:
                self._place(row, QPoint(area.x(), y), width, height)
            y += height + self._gap
        return y - self._gap - area.y() + margins.top() + margins.bottom()

    def _place(self, row: list[QLayoutItem], at: QPoint, width: int, height: int) -> None:
        widths = [min(width, item.sizeHint().width()) for item in row]
        spare = width - sum(widths) - self._gap * (len(row) - 1)
        stretching = [index for index, item in enumerate(row) if item in self._stretching]
        for index in stretching:
            widths[index] += spare // len(stretching) if spare > 0 else 0
        x = at.x()
        for item, item_width in zip(row, widths, strict=True):
            item_height = min(height, item.sizeHint().height())
            top = at.y() + (height - item_height) // 2
            item.setGeometry(QRect(x, top, item_width, item_height))
            x += item_width + self._gap

