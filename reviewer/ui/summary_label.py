"""A one- or two-line summary (the editor's scores and edits) that is never cut off: when
the window is too narrow for it, each line ends in "…" and the tooltip holds all of it."""

from __future__ import annotations

import math

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

SMALLEST_TEXT = "HTER 100.0 …"  # the label may shrink to this much text


class SummaryLabel(QLabel):
    """``text()`` is the whole (rich) text; ``shown_text()`` what fits; ``elided`` says which."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._tip = ""
        self.elided = False

    def text(self) -> str:
        """The whole text, as set."""
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self._refit()
        self.updateGeometry()

    def setToolTip(self, tip: str) -> None:  # noqa: N802
        self._tip = tip
        self._show_tip()

    def shown_text(self) -> str:
        """The text as shown now (elided or whole)."""
        return super().text()

    def plain_text(self) -> str:
        """The whole text without markup, one line per line."""
        return self._document().toPlainText().replace("\u2029", "\n").replace("\u2028", "\n")

    def sizeHint(self) -> QSize:  # noqa: N802
        document = self._document()
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        return QSize(math.ceil(document.idealWidth()) + extra,
                     max(super().sizeHint().height(), math.ceil(document.size().height())))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = QFontMetrics(self._bold()).horizontalAdvance(SMALLEST_TEXT)
        return QSize(min(width, self.sizeHint().width()), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._refit()

    def _document(self) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.font())
        if QtGui.Qt.mightBeRichText(self._full):
            document.setHtml(self._full)
        else:
            document.setPlainText(self._full)
        return document

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)  # measure as if all bold: an elided line never overflows
        return font

    def _refit(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        fits = self._document().idealWidth() <= width
        if fits or width <= 0:
            self.setTextFormat(Qt.TextFormat.AutoText)
            super().setText(self._full)
            self.elided = False
        else:
            metrics = QFontMetrics(self._bold())
            lines = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
                     for line in self.plain_text().split("\n")]
            self.setTextFormat(Qt.TextFormat.PlainText)
            super().setText("\n".join(lines))
            self.elided = True
        self._show_tip()

    def _show_tip(self) -> None:
        whole = f"{self.plain_text()}\n\n{self._tip}" if self.elided else self._tip
        super().setToolTip(whole.strip())
