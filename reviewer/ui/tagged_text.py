"""Text views that show a segment's tags as chips: hover names the markup, copy keeps them."""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint
from PySide6.QtGui import (
    QClipboard,
    QGuiApplication,
    QHelpEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget
from shiboken6 import Shiboken

from reviewer.core.diff import DiffPart, for_display
from reviewer.core.tags import (
    TAG_BASE,
    InlineTag,
    has_tag_chars,
    tag_char,
    tags_data,
    tags_of,
    to_notation,
)
from reviewer.ui.tag_chips import (
    chip_at,
    chip_tooltip,
    insert_stored,
    install_chips,
    set_stored,
    stored_text,
    without_private,
)
from reviewer.ui.theme import colours

TAG_MIME = "application/x-reviewer-tagged-text"  # a stored text and the tag table it uses


# Qt owns clipboard data once handed over and deletes it after Python has finished when
# the program ends; deleting an object Python made crashes then (PySide6 6.11). Each such
# object is kept while Qt has it, and before the application quits the clipboard's data,
# if ours, is replaced by plain text Qt makes itself.
_HANDED_OVER: list[QMimeData] = []


def _keep_until_qt_deletes(data: QMimeData) -> QMimeData:
    _HANDED_OVER[:] = [kept for kept in _HANDED_OVER if Shiboken.isValid(kept)]
    _HANDED_OVER.append(data)
    return data


def hand_the_clipboard_to_qt() -> None:
    """Replace clipboard data this module made by the same text Qt holds (call on quit)."""
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
        data = clipboard.mimeData(mode)
        if data is not None and any(data is kept for kept in _HANDED_OVER
                                    if Shiboken.isValid(kept)):
            clipboard.setText(data.text(), mode)  # other programs keep the notation
    _HANDED_OVER.clear()


def tagged_mime(text: str, tags: Sequence[InlineTag]) -> QMimeData:
    """Clipboard data for a stored text: the text notation for other programs, and the
    stored text with its tag table for reviewer's editors."""
    data = _keep_until_qt_deletes(QMimeData())
    if not tags or not has_tag_chars(text):
        data.setText(text)
        return data
    data.setText(to_notation(text, tags))
    data.setData(TAG_MIME, json.dumps({"text": text, "tags": tags_data(tags)},
                                      ensure_ascii=False).encode("utf-8"))
    return data


def text_from_mime(source: QMimeData, tags: Sequence[InlineTag]) -> str | None:
    """The stored text to insert for clipboard or drop data, or None when it holds none.

    A tag keeps its chip only when this segment has the very same tag; any other
    character of the tags' private plane (from another program) is dropped.
    """
    if source.hasFormat(TAG_MIME):
        try:
            payload = json.loads(bytes(source.data(TAG_MIME).data()).decode("utf-8"))
            text, theirs = str(payload["text"]), tags_of({"tags": payload["tags"]})
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # not what we wrote: take the plain text below
        else:
            return _retagged(text, theirs, tags)
    if source.hasText():
        return without_private(source.text())
    return None


def _retagged(text: str, theirs: Sequence[InlineTag], ours: Sequence[InlineTag]) -> str:
    parts: list[str] = []
    for char in text:
        index = ord(char) - TAG_BASE
        if not 0 <= index < len(theirs):
            parts.append(without_private(char))
            continue
        tag = theirs[index]
        if index < len(ours) and ours[index] == tag:
            parts.append(char)
        else:
            same = [i for i, candidate in enumerate(ours) if candidate == tag]
            parts.append(tag_char(same[0]) if same else "")
    return "".join(parts)


class TaggedTextEdit(QTextEdit):
    """A text edit whose document may hold chips of one segment's tag table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[InlineTag] = []
        self._chips = install_chips(self)

    def tags(self) -> list[InlineTag]:
        """The tag table of the segment shown."""
        return list(self._tags)

    def text(self) -> str:
        """The stored text shown: chips as the tag characters they stand for."""
        return stored_text(self.document())

    def set_text(self, text: str, tags: Sequence[InlineTag] = ()) -> None:
        """Show a stored text with ``tags`` as its tag table."""
        self._tags = list(tags)
        set_stored(self.document(), text, self._tags)

    def tag_tooltip_at(self, point: QPoint) -> str | None:
        """The tooltip of the chip under ``point`` (viewport coordinates), if any."""
        document = self.document()
        position = self.cursorForPosition(point).position()
        for candidate in (position - 1, position):
            found = chip_at(document, candidate)
            if found is None:
                continue
            cursor = QTextCursor(document)
            cursor.setPosition(candidate)
            left = self.cursorRect(cursor)
            cursor.setPosition(candidate + 1)
            right = self.cursorRect(cursor)
            inside_x = left.left() <= point.x() <= right.left() + 1 \
                if right.top() == left.top() else point.x() >= left.left()
            if inside_x and left.top() <= point.y() <= left.bottom():
                return chip_tooltip(found[1])
        return None

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tag_tooltip_at(event.pos())
            if tip is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            return True
        return super().viewportEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        cursor = self.textCursor()
        text = stored_text(self.document(), cursor.selectionStart(), cursor.selectionEnd())
        return tagged_mime(text, self._tags)


class TagView(TaggedTextEdit):
    """A read-only view of a source or an MT, tags as chips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)

    def show_diff(self, parts: Sequence[DiffPart], tags: Sequence[InlineTag]) -> None:
        """Show a text with its edits: deletions struck through in red, insertions
        underlined in blue (chips too)."""
        self._tags = list(tags)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        for part in for_display(parts):
            fmt = QTextCharFormat()
            if part.kind == "delete":
                fmt.setForeground(colours().qcolor("deleted"))
                fmt.setFontStrikeOut(True)
            elif part.kind == "insert":
                fmt.setForeground(colours().qcolor("inserted"))
                fmt.setFontUnderline(True)
            insert_stored(cursor, part.text, self._tags, fmt)
        cursor.endEditBlock()
