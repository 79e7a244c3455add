"""What GUI tests share: a scripted interaction and typing like a keyboard does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from reviewer.ui.interaction import Refusal, accept_destination


class ScriptedInteraction:
    """Answers the window's questions from a script and records what it was told."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.messages: list[tuple[str, str]] = []
        self.next_open: Path | None = None
        self.next_save: Path | None = None
        self.next_new_project: object | None = None
        self.next_text: str | None = None
        self.next_integer: int | None = None
        self.next_item: str | None = None
        self.answer = False

    def error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def information(self, title: str, message: str) -> None:
        self.messages.append((title, message))

    def confirm(self, title: str, question: str) -> bool:
        self.messages.append((title, question))
        return self.answer

    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        self.messages.append((title, label))
        return self.next_text

    def ask_integer(self, title: str, label: str, value: int, minimum: int,
                    maximum: int) -> int | None:
        self.messages.append((title, label))
        return self.next_integer

    def choose_item(self, title: str, label: str, items: list[str]) -> str | None:
        self.messages.append((title, label))
        return self.next_item if self.next_item in items else None

    def open_file(self, title: str, file_filter: str, folder: str = "") -> Path | None:
        return self.next_open

    def save_file(self, title: str, file_filter: str, suggestion: str = "",
                  refuse: Refusal | None = None) -> Path | None:
        """The scripted name, asked about as the real picker asks (refusals first)."""
        if self.next_save is None or not accept_destination(self, title, self.next_save,
                                                            refuse):
            return None
        return self.next_save

    def new_project_request(self, parent: object = None) -> object | None:
        return self.next_new_project


def type_text(widget: QWidget, text: str) -> None:
    """Send one key event per character, carrying the character (works for any script)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def press(widget: QWidget, key: Qt.Key,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press and release one key."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))


def select_all_and_delete(widget: QWidget) -> None:
    """Clear an editor the way a user does: Ctrl+A, Backspace."""
    press(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(widget, Qt.Key.Key_Backspace)


def show_file_dialog_and_cancel(parent: QWidget, folder: Path, milliseconds: int) -> None:
    """A real (Qt, not native) file dialog on ``folder`` for a while, then Cancel: it lists
    and sniffs the folder's files, as the export and open dialogs do."""
    dialog = QFileDialog(parent, "Export", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    deadline = QDeadlineTimer(milliseconds)
    while not deadline.hasExpired():
        QApplication.processEvents()
    dialog.reject()
