"""The MQM palette: one key picks the category, one the severity, Enter saves (F7).

Keys: a category's key (1…9, 0, then letters) picks it and moves on to the severities;
a severity's key (0 neutral, 1 minor, 2 major, 3 critical) picks it and moves on to the
note; Enter in the note saves, Esc cancels. Arrows and Enter work in both lists too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.mqm import SEVERITIES, SEVERITY_LABELS, category_label
from reviewer.ui.annotation_marks import severity_icon

CATEGORY_KEYS = "1234567890abcdefghijklmnopqrstuvwxyz"
SEVERITY_KEYS = {"neutral": "0", "minor": "1", "major": "2", "critical": "3"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class AnnotationDialog(QDialog):
    """Asks for an annotation's category, severity and note (new, or one to change)."""

    def __init__(self, parent: QWidget | None, title: str, span: str,
                 categories: Sequence[str], category: str | None = None,
                 severity: str | None = None, note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("annotationDialog")
        self.setWindowTitle(title)
        quote = QLabel(span)
        quote.setObjectName("annotationSpan")
        quote.setWordWrap(True)
        quote.setTextFormat(Qt.TextFormat.PlainText)
        self.categories = QListWidget()
        self.categories.setObjectName("annotationCategories")
        for key, name in zip(CATEGORY_KEYS, categories, strict=False):
            item = QListWidgetItem(f"{key.upper()}  {category_label(name)}")
            item.setData(ID_ROLE, name)
            self.categories.addItem(item)
        self.severities = QListWidget()
        self.severities.setObjectName("annotationSeverities")
        for name in SEVERITIES:
            item = QListWidgetItem(severity_icon(name),
                                   f"{SEVERITY_KEYS[name]}  {SEVERITY_LABELS[name]}")
            item.setData(ID_ROLE, name)
            self.severities.addItem(item)
        self.note = QLineEdit(note)
        self.note.setObjectName("annotationNote")
        self.note.setPlaceholderText("Optional note; Enter saves, Esc cancels")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.buttons():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the three fields

        grid = QGridLayout()
        for column, (text, field) in enumerate((("&Category (1…9, 0, A…)", self.categories),
                                                ("Se&verity (0…3)", self.severities))):
            label = QLabel(text)
            label.setBuddy(field)
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        note_label = QLabel("&Note")
        note_label.setBuddy(self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        layout.addLayout(grid)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(520, 380)

        self._select(self.categories, category)
        self._select(self.severities, severity)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.note.returnPressed.connect(self._on_buttons_accepted)
        self.categories.installEventFilter(self)
        self.severities.installEventFilter(self)
        self.categories.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> tuple[str, str, str]:
        """The category, severity and note chosen."""
        return (self._current(self.categories), self._current(self.severities),
                self.note.text())

    def _current(self, view: QListWidget) -> str:
        item = view.currentItem()
        return "" if item is None else str(item.data(ID_ROLE))

    @staticmethod
    def _select(view: QListWidget, name: str | None) -> None:
        for row in range(view.count()):
            if view.item(row).data(ID_ROLE) == name:
                view.setCurrentRow(row)
                return
        view.setCurrentRow(-1)

    def _on_buttons_accepted(self) -> None:
        category, severity, _note = self.chosen()
        if not category:
            self.categories.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not severity:
            self.severities.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.accept()

    def _pick(self, view: QListWidget, key: str) -> bool:
        if view is self.categories:
            keys = [CATEGORY_KEYS[row] for row in range(view.count())]
        else:
            keys = [SEVERITY_KEYS[str(view.item(row).data(ID_ROLE))]
                    for row in range(view.count())]
        if key not in keys:
            return False
        view.setCurrentRow(keys.index(key))
        return True

    def _next(self, view: QListWidget) -> None:
        following = self.severities if view is self.categories else self.note
        following.setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A list's key picks its entry and moves on; Enter moves on with the one chosen."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or not isinstance(watched, QListWidget) \
                or event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier
                                         | Qt.KeyboardModifier.ShiftModifier):
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if watched.currentItem() is not None:
                self._next(watched)
            return True
        if self._pick(watched, event.text().lower()):
            self._next(watched)
            return True
        return False
