"""Keystrokes the correction's own typing does not see: selecting all, typing over a
selection, and edits made in the segment table's cell editor."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTextEdit, QWidget

from reviewer.core.effort import Effort, EffortClock

_DELETE_KEYS = {Qt.Key.Key_Backspace, Qt.Key.Key_Delete}
_NAVIGATION_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
                    Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
_ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


def monotonic_ms() -> int:
    """Milliseconds of a monotonic clock."""
    return int(time.monotonic() * 1000)


def key_kind(event: QKeyEvent) -> str | None:
    """What a key does to a text box: "insert", "delete", "navigate" or nothing."""
    if event.key() in _DELETE_KEYS or event.matches(QKeySequence.StandardKey.Cut):
        return "delete"
    if event.key() in _NAVIGATION_KEYS or event.matches(QKeySequence.StandardKey.SelectAll):
        return "navigate"
    if event.matches(QKeySequence.StandardKey.Paste):
        return "insert"
    text = event.text()
    control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
    if text and not control and (text.isprintable() or text in "\r\n\t"):
        return "insert"
    return None


def _has_selection(widget: QObject) -> bool:
    if isinstance(widget, QTextEdit):
        return widget.textCursor().hasSelection()
    return isinstance(widget, QLineEdit) and widget.hasSelectedText()


class CellEffort(QObject):
    """Times the table's cell editor and counts its keys, for the edit it commits."""

    def __init__(self, view: QAbstractItemView, pause_limit_ms: int) -> None:
        super().__init__(view)
        self.pause_limit_ms = pause_limit_ms
        self._viewport = view.viewport()
        self._editor: QObject | None = None
        self._clock = EffortClock(pause_limit_ms)
        self._viewport.installEventFilter(self)  # cell editors are made as its children

    def take(self) -> Effort:
        """The open (or just closed) cell editor's effort; counting starts over."""
        effort = self._clock.effort(monotonic_ms())
        self._clock = EffortClock(self.pause_limit_ms)
        self._editor = None
        return effort

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self._viewport:
            if kind == QEvent.Type.ChildAdded:
                child = event.child()  # type: ignore[attr-defined]
                if isinstance(child, QObject) and child.isWidgetType():
                    child.installEventFilter(self)
            return False
        if not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.FocusIn:
            if watched is not self._editor:
                self._editor = watched
                self._clock = EffortClock(self.pause_limit_ms)
            self._clock.start(monotonic_ms())
        elif kind == QEvent.Type.FocusOut and watched is self._editor:
            self._clock.stop(monotonic_ms())
        elif kind == QEvent.Type.KeyPress and watched is self._editor \
                and isinstance(event, QKeyEvent):
            self._count(watched, event)
        return False

    def _count(self, editor: QWidget, event: QKeyEvent) -> None:
        what = key_kind(event)
        if what is None or event.key() in _ENTER_KEYS:
            return
        self._clock.tick(monotonic_ms())
        if what == "insert":
            self._clock.insertions += 1
            if _has_selection(editor):
                self._clock.deletions += 1
        elif what == "delete":
            self._clock.deletions += 1
        else:
            self._clock.navigation += 1
