"""The open segment's MQM annotations beside the editor, with its MQM score.

Keyboard (Ctrl+F7 goes to the list): Enter or F2 changes the selected annotation's
category, severity and note, Delete deletes it, Esc goes back to the correction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reviewer.core.mqm import SEVERITY_LABELS, Annotation, MqmScore, category_label
from reviewer.ui.annotation_marks import severity_icon
from reviewer.ui.history_model import local_time

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # a list item's annotation id
SIDE_NAMES = {"mt": "MT", "correction": "correction"}


def score_text(score: MqmScore) -> str:
    """An MQM score in a few words: "MQM 95.0 pass"."""
    return f"MQM {score.score:.1f} {'pass' if score.passed else 'fail'}"


def annotation_label(annotation: Annotation, quoted: str) -> str:
    """A list entry: severity, category, side and the words marked, then the note."""
    head = (f"{SEVERITY_LABELS.get(annotation.severity, annotation.severity)} · "
            f"{category_label(annotation.category)} · "
            f"{SIDE_NAMES.get(annotation.side, annotation.side)} “{quoted}”")
    return head + (f"\n{annotation.note}" if annotation.note else "")


class AnnotationPanel(QWidget):
    """A segment's annotations; the window's annotation actions change them."""

    editRequested = Signal(int)  # annotation id
    deleteRequested = Signal(int)
    finished = Signal()  # Esc: the keyboard goes back to the correction

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self.heading = QLabel("MQM annotations")
        self.heading.setObjectName("annotationsHeading")
        self.list = QListWidget()
        self.list.setObjectName("annotationsList")
        self.list.setWordWrap(True)
        self.list.setToolTip("F7 annotates the selected words. Here: Enter or F2 changes "
                             "an annotation, Delete deletes it, Esc goes back.")
        self._annotations: list[Annotation] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.setMinimumWidth(200)
        self.setMaximumWidth(320)
        self.list.installEventFilter(self)

    def show_annotations(self, annotations: Sequence[Annotation],
                         quote: Callable[[Annotation], str], score: MqmScore | None,
                         select: int | None = None) -> None:
        """List ``annotations`` (``quote`` gives each one's words) under the segment's
        score; ``select`` an id to make current (else the current one stays)."""
        selected = select if select is not None else self.selected_id()
        self._annotations = list(annotations)
        self.list.clear()
        for annotation in self._annotations:
            item = QListWidgetItem(severity_icon(annotation.severity),
                                   annotation_label(annotation, quote(annotation)))
            item.setData(ID_ROLE, annotation.id)
            item.setToolTip(f"{annotation.author}, {local_time(annotation.created_at)}; "
                            f"characters {annotation.start}–{annotation.end} of the "
                            f"{SIDE_NAMES.get(annotation.side, annotation.side)}")
            self.list.addItem(item)
            if annotation.id == selected:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        count = len(self._annotations)
        figure = f" · {score_text(score)}" if score is not None and count else ""
        self.heading.setText(f"MQM annotations ({count}){figure}" if count
                             else "MQM annotations")
        if score is not None:
            self.heading.setToolTip(f"APT {score.apt:g} over {score.ewc} words: NPT "
                                    f"{score.npt:.1f}, score {score.score:.1f}")

    def annotations(self) -> list[Annotation]:
        """The annotations listed, in document order."""
        return list(self._annotations)

    def selected_id(self) -> int | None:
        """The id of the annotation selected in the list."""
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def focus_list(self) -> None:
        """Put the keyboard in the list."""
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter, F2, Delete and Esc belong to the list, whatever the menus bind."""
        if watched is not self.list \
                or event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                or not isinstance(event, QKeyEvent) \
                or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        selected = self.selected_id()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and selected is not None:
            action: Callable[[], None] = lambda: self.editRequested.emit(selected)  # noqa: E731
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and selected is not None:
            action = lambda: self.deleteRequested.emit(selected)  # noqa: E731
        elif key == Qt.Key.Key_Escape:
            action = self.finished.emit
        else:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes here as a key press, not to a shortcut
            return True
        action()
        return True
