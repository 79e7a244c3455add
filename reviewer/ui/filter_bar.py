"""The filter bar above the segment table: status, HTER range, QA, comments, text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from reviewer.core.filtering import FIELDS, SegmentFilter, TextQuery, count_label
from reviewer.core.status import NOT_CONFIRMED, SegmentStatus
from reviewer.ui.flow_layout import FlowLayout
from reviewer.ui.theme import colours

TEXT_DELAY_MS = 250  # typing in the text box filters once the typing pauses this long
HTER_TOP = 1000.0  # the "to" box at its top means no upper bound
STATUS_CHOICES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Any status", frozenset()),
    ("Not confirmed", frozenset(NOT_CONFIRMED)),
    ("New", frozenset({SegmentStatus.NEW})),
    ("Draft (typed, unsaved)", frozenset({SegmentStatus.DRAFT})),
    ("Edited", frozenset({SegmentStatus.EDITED})),
    ("Confirmed", frozenset({SegmentStatus.CONFIRMED})),
    ("Imported", frozenset({SegmentStatus.IMPORTED})),
    ("Reviewed", frozenset({SegmentStatus.REVIEWED})),
    ("Rejected", frozenset({SegmentStatus.REJECTED})),
    ("Locked", frozenset({SegmentStatus.LOCKED})),
)
FIELD_CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("in all texts", FIELDS),
    ("in the source", ("source",)),
    ("in the MT", ("mt",)),
    ("in the correction", ("correction",)),
)
ANY_WITH_WITHOUT = ((None, "any"), (True, "with"), (False, "without"))


class _UpperBound(QDoubleSpinBox):
    """A number box whose top value reads "max" (no bound)."""

    def textFromValue(self, value: float) -> str:
        return "max" if value >= self.maximum() else super().textFromValue(value)


def text_search_controls() -> tuple[QComboBox, QToolButton, QToolButton, QToolButton]:
    """Which fields to search, and the match case, whole words and regex toggles."""
    fields = QComboBox()
    for label, choice in FIELD_CHOICES:
        fields.addItem(label, choice)
    return (fields, option_button("Aa", "Match case"), option_button("W", "Whole words only"),
            option_button(".*", "Regular expression"))


def option_button(text: str, tip: str) -> QToolButton:
    """A small checkable button for a search option (match case, whole word, regex)."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setCheckable(True)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class FilterBar(QWidget):
    """Widgets that make a ``SegmentFilter``; ``changed`` carries each new one."""

    changed = Signal(object)  # SegmentFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.status = QComboBox()
        self.status.setObjectName("filterStatus")
        for label, statuses in STATUS_CHOICES:
            self.status.addItem(label, statuses)
        self.hter_min = QDoubleSpinBox()
        self.hter_max = _UpperBound()
        for spin, value in ((self.hter_min, 0.0), (self.hter_max, HTER_TOP)):
            spin.setRange(0.0, HTER_TOP)
            spin.setDecimals(1)
            spin.setSingleStep(5.0)
            spin.setValue(value)
            spin.setKeyboardTracking(False)
        self.hter_min.setToolTip("Segments whose HTER is at least this (0: no lower bound)")
        self.hter_max.setToolTip("Segments whose HTER is at most this (max: no upper bound)")
        self.warnings = QComboBox()
        self.comments = QComboBox()
        for box, noun in ((self.warnings, "QA warnings"), (self.comments, "comments")):
            for choice, word in ANY_WITH_WITHOUT:
                box.addItem(f"{word.capitalize()} {noun}" if choice is not None
                            else f"{noun[0].upper()}{noun[1:]}: any", choice)
        # only the segments assigned to the user: a server project's (ui/mine_filter.py
        # shows it and says which they are)
        self.mine = option_button("Mine", "Only the segments assigned to you")
        self.mine.setObjectName("filterMine")
        self.mine.hide()
        self.mine_positions: Callable[[], frozenset[int]] = frozenset
        self.text = QLineEdit()
        self.text.setObjectName("filterText")
        self.text.setPlaceholderText("Filter by text…")
        self.text.setClearButtonEnabled(True)
        self.fields, self.match_case, self.whole_word, self.regex = text_search_controls()
        self.count = QLabel()
        self.count.setObjectName("filterCount")
        self.message = QLabel()
        self.message.setObjectName("filterMessage")
        self.message.setStyleSheet(f"color: {colours().error}")
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Show every segment")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        # one row in a wide window, wrapped onto two in a narrow one (1024 pixels)
        layout = FlowLayout(self)
        for group in ((self.status, self.mine), (QLabel("HTER"), self.hter_min, QLabel("to"),
                                       self.hter_max), (self.warnings,), (self.comments,)):
            layout.add_group(group)
        layout.add_group((self.text, self.fields, self.match_case, self.whole_word, self.regex,
                          self.clear_button, self.message, self.count), stretch=True)

        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self._emit)
        self._quiet = False
        for combo in (self.status, self.warnings, self.comments, self.fields):
            combo.currentIndexChanged.connect(self._emit)
        for spin in (self.hter_min, self.hter_max):
            spin.valueChanged.connect(self._emit)
        for button in (self.match_case, self.whole_word, self.regex, self.mine):
            button.toggled.connect(self._emit)
        self.text.textEdited.connect(self._on_text_text_edited)
        self.text.returnPressed.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)

    def segment_filter(self) -> SegmentFilter:
        """The filter the widgets say."""
        top = self.hter_max.value()
        text = self.text.text()
        return SegmentFilter(
            statuses=self.status.currentData(),
            hter_min=self.hter_min.value() or None,
            hter_max=None if top >= HTER_TOP else top,
            warnings=self.warnings.currentData(),
            comments=self.comments.currentData(),
            text=TextQuery(text, self.regex.isChecked(), self.match_case.isChecked(),
                           self.whole_word.isChecked(), self.fields.currentData())
            if text else None,
            positions=self.mine_positions() if self.mine.isChecked() else None)

    def clear(self) -> None:
        """Back to every segment (one ``changed``)."""
        self.reset()
        self._emit()

    def reset(self) -> None:
        """Every widget back to "any", the options off, the message gone; no ``changed``."""
        self._quiet = True
        try:
            self.status.setCurrentIndex(0)
            self.hter_min.setValue(0.0)
            self.hter_max.setValue(HTER_TOP)
            self.warnings.setCurrentIndex(0)
            self.comments.setCurrentIndex(0)
            self.text.clear()
            self.fields.setCurrentIndex(0)
            for button in (self.match_case, self.whole_word, self.regex, self.mine):
                button.setChecked(False)
        finally:
            self._quiet = False
        self._text_timer.stop()
        self.show_error("")

    def show_count(self, shown: int, total: int, busy: bool) -> None:
        """Say how many segments the filter shows."""
        self.count.setText(count_label(shown, total) + (" (filtering…)" if busy else ""))

    def show_error(self, message: str) -> None:
        """Say what is wrong with the filter (one line); empty clears it."""
        self.message.setText(message)
        self.message.setToolTip(message)

    def focus_text(self) -> None:
        """Put the cursor in the text box, its text selected."""
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()

    def _on_text_text_edited(self, _text: str) -> None:
        self._text_timer.start()

    def _emit(self) -> None:
        self._text_timer.stop()
        if not self._quiet:
            self.changed.emit(self.segment_filter())
