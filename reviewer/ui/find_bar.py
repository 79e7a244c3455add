"""The find bar below the segment table: what to look for, next and previous, no replacing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reviewer.core.filtering import TextQuery
from reviewer.ui.filter_bar import text_search_controls


class FindBar(QWidget):
    """Enter finds the next segment, Shift+Enter the previous, Escape closes the bar."""

    findRequested = Signal(bool)  # forward
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.text = QLineEdit()
        self.text.setObjectName("findText")
        self.text.setPlaceholderText("Find in segments (F3 next, Shift+F3 previous)")
        self.fields, self.match_case, self.whole_word, self.regex = text_search_controls()
        self.previous_button = QToolButton()
        self.previous_button.setText("Previous")
        self.next_button = QToolButton()
        self.next_button.setText("Next")
        self.result = QLabel()
        self.result.setObjectName("findResult")
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip("Close (Escape)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel("Find"), self.text, self.fields, self.match_case,
                       self.whole_word, self.regex, self.previous_button, self.next_button,
                       self.result, self.close_button):
            layout.addWidget(widget)
        layout.setStretchFactor(self.text, 1)
        for button in (self.previous_button, self.next_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.installEventFilter(self)
        self.previous_button.clicked.connect(lambda: self.findRequested.emit(False))
        self.next_button.clicked.connect(lambda: self.findRequested.emit(True))
        self.close_button.clicked.connect(self.close_bar)

    def query(self) -> TextQuery | None:
        """What to look for; None while the box is empty."""
        text = self.text.text()
        if not text:
            return None
        return TextQuery(text, self.regex.isChecked(), self.match_case.isChecked(),
                         self.whole_word.isChecked(), self.fields.currentData())

    def open(self, text: str = "") -> None:
        """Show the bar with the cursor in its box (``text`` in it if given), all selected."""
        if text:
            self.text.setText(text)
        self.show()
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()

    def close_bar(self) -> None:
        """Hide the bar and say so (the window puts the cursor back in the correction)."""
        self.hide()
        self.closed.emit()

    def show_result(self, message: str) -> None:
        """Say where find went, or why it found nothing."""
        self.result.setText(message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                forward = not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.findRequested.emit(bool(forward))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
