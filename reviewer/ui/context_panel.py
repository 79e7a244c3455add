"""What the file says about the open segment (notes, ids, comments), beside the editor."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget


def context_html(lines: Sequence[tuple[str, str]]) -> str:
    """(label, text) lines as rich text: labels bold, texts as the file has them."""
    rows = "".join(
        f"<tr><td style='padding:0 8px 3px 0'><b>{html.escape(label)}</b></td>"
        f"<td style='padding:0 0 3px 0'>{html.escape(text).replace(chr(10), '<br>')}</td></tr>"
        for label, text in lines)
    return f"<table cellspacing='0' cellpadding='0'>{rows}</table>"


class ContextPanel(QScrollArea):
    """A scrolling list of the segment's context lines; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contextPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view = QLabel()
        self.view.setObjectName("contextView")
        self.view.setTextFormat(Qt.TextFormat.RichText)
        self.view.setWordWrap(True)
        self.view.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWidget(self.view)
        self.setMinimumWidth(200)
        self.setMaximumWidth(320)
        self.hide()

    def show_lines(self, lines: Sequence[tuple[str, str]]) -> None:
        """Show ``lines`` (hide the panel when there are none)."""
        self.view.setText(context_html(lines) if lines else "")
        self.view.setToolTip("What the file says about this segment")
        self.setVisible(bool(lines))
        self.view.setVisible(bool(lines))
