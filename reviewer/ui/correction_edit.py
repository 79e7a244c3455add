"""The correction editor: plain typing around tag chips that move and go only whole."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QWidget

from reviewer.core.tags import CLOSE, OPEN, InlineTag, tags_in
from reviewer.ui.effort_keys import key_kind
from reviewer.ui.spelling import SpellingSupport
from reviewer.ui.tag_chips import (
    chip_format,
    has_chip_properties,
    insert_stored,
    plain_format,
    without_private,
)
from reviewer.ui.tagged_text import TAG_MIME, TaggedTextEdit, text_from_mime


def source_order(source: str | None, tags: Sequence[InlineTag]) -> list[int]:
    """The tag indexes in the order the source has them (table order without a source)."""
    if source and tags_in(source, tags):
        return [index for index, tag in tags_in(source, tags) if tag.in_source]
    return [index for index, tag in enumerate(tags) if tag.in_source]


def has_line_break(text: str) -> bool:
    """Whether a text breaks a line anywhere."""
    return any(char in text for char in "\n\r\u2028\u2029\x0b")


class CorrectionEdit(TaggedTextEdit):
    """The correction editor; Ctrl+Enter (main or keypad Enter) asks to confirm.

    Its own undo is off: typing goes to the window's undo stack, so Ctrl+Z there undoes
    typing and saved edits in one order. A tag is one character of the document, so
    Backspace and Delete remove it whole and typing never makes one.
    """

    confirmRequested = Signal()
    focusChanged = Signal(bool)
    undoRequested = Signal()
    redoRequested = Signal()
    keystroke = Signal(str)  # "insert", "delete" or "navigate"
    lineBreakRefused = Signal()  # plain Enter in a one-line segment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self._order: list[int] = []
        self.line_breaks = True  # plain Enter breaks a line (the source or MT has one)
        self.spelling = SpellingSupport(self)  # underlines; suggestions on right click

    def set_text(self, text: str, tags: Sequence[InlineTag] = (),
                 source: str | None = None) -> None:
        """Show a stored text; F8 inserts ``tags`` missing from it in ``source``'s order."""
        super().set_text(text, tags)
        self._order = source_order(source, tags)

    def replace_text(self, text: str) -> None:
        """Show another text of the same segment (undo, redo), cursor at its end."""
        super().set_text(text, self._tags)
        self.moveCursor(QTextCursor.MoveOperation.End)

    # -- tags ------------------------------------------------------------------------------

    def missing_tags(self) -> list[int]:
        """Indexes of source tags the correction lacks, in source order."""
        have: dict[int, int] = {}
        for index, _tag in tags_in(self.text(), self._tags):
            have[index] = have.get(index, 0) + 1
        missing = []
        for index in self._order:
            if have.get(index, 0) > 0:
                have[index] -= 1
            else:
                missing.append(index)
        return missing

    def insert_next_tag(self) -> bool:
        """Insert the next missing source tag at the cursor; an opening tag whose closing
        one is missing too wraps the selection. False when none is missing."""
        missing = self.missing_tags()
        if self.isReadOnly() or not missing:
            return False
        first = missing[0]
        tag = self._tags[first]
        partner = next((index for index in missing if self._tags[index].kind == CLOSE
                        and self._tags[index].number == tag.number), None)
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        cursor.beginEditBlock()
        if tag.kind == OPEN and partner is not None and start != end:
            cursor.setPosition(end)
            cursor.insertText("\ufffc", chip_format(partner, self._tags[partner]))
            cursor.setPosition(start)
            cursor.insertText("\ufffc", chip_format(first, tag))
            cursor.setPosition(end + 2)
        else:
            cursor.setPosition(end)
            cursor.insertText("\ufffc", chip_format(first, tag))
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.keystroke.emit("insert")
        return True

    # -- keys ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            self.confirmRequested.emit()
            return
        if enter and not self.isReadOnly() and self._enter(event):
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            event.accept()
            self.undoRequested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            event.accept()
            self.redoRequested.emit()
            return
        if event.text() and without_private(event.text()) != event.text():
            event.accept()  # a tag character from a key: never a tag, never text
            return
        kind = key_kind(event)
        # a key typed over a selection deletes it too (Ctrl+A then typing is retyping)
        overwrites = kind == "insert" and not enter and self.textCursor().hasSelection()
        self._type_plain()
        super().keyPressEvent(event)
        if kind and not self.isReadOnly():
            if overwrites:
                self.keystroke.emit("delete")
            self.keystroke.emit(kind)

    def _enter(self, event: QKeyEvent) -> bool:
        """Shift+Enter always breaks the line; plain Enter only where the source or MT
        has line breaks. True when the key was handled here."""
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event.accept()
            self._type_plain()
            self.textCursor().insertText("\n")  # a paragraph break: "\n" in the text
            self.ensureCursorVisible()
            self.keystroke.emit("insert")
            return True
        if not self.line_breaks:
            event.accept()
            self.lineBreakRefused.emit()
            return True
        return False

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        self._type_plain()
        super().inputMethodEvent(event)

    def _type_plain(self) -> None:
        """Text typed right after a chip gets plain text's format, not the chip's."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return
        fmt = cursor.charFormat()
        if has_chip_properties(fmt):
            cursor.setCharFormat(plain_format(fmt))
            self.setTextCursor(cursor)

    # -- clipboard and drops --------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasFormat(TAG_MIME) or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        if self.isReadOnly():
            return
        text = text_from_mime(source, self._tags)
        if text is None:
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        insert_stored(cursor, text, self._tags)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.focusChanged.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.focusChanged.emit(False)
