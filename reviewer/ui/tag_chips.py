"""Inline tags in a QTextDocument: one object character a tag, painted as a small chip.

A segment's stored text holds tag ``i`` as ``tag_char(i)``; a document holds it as
U+FFFC whose character format has the object type ``TAG_OBJECT`` and the tag's index
and data as properties. ``insert_stored`` and ``stored_text`` convert both ways.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit

from reviewer.core.tags import CLOSE, MAX_TAGS, OPEN, TAG_BASE, InlineTag, tag_char
from reviewer.ui.theme import colours

TAG_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
OBJECT_CHAR = "\ufffc"
_USER = int(QTextFormat.Property.UserProperty)
_INDEX, _NUMBER, _KIND, _NAME, _MARKUP, _IN_SOURCE = range(_USER + 1, _USER + 7)
_TAG_CHAR = re.compile(f"[{chr(TAG_BASE)}-{chr(TAG_BASE + MAX_TAGS - 1)}]")
# any character of the private plane the tags live in: never text a user types or pastes
_PRIVATE_PLANE = re.compile("[\U0010f000-\U0010fffd]")



def chip_label(tag: InlineTag) -> str:
    """What a chip shows: ``‹1`` opens, ``1›`` closes, ``‹2›`` stands alone."""
    if tag.kind == OPEN:
        return f"‹{tag.number}"
    if tag.kind == CLOSE:
        return f"{tag.number}›"
    return f"‹{tag.number}›"


def chip_tooltip(tag: InlineTag) -> str:
    """Rich text naming the tag, with its original markup."""
    role = {OPEN: "opening", CLOSE: "closing"}.get(tag.kind, "standalone")
    extra = "; not in the source" if not tag.in_source else ""
    return (f"<qt><b>Tag {tag.number}</b> — {role} {html.escape(tag.name)}{extra}"
            f"<p style='margin:0;{_NOWRAP if len(tag.markup) <= 100 else ''}'>"
            f"<code>{html.escape(tag.markup)}</code></p></qt>")


_NOWRAP = "white-space:pre"  # markup of a usual length on one line
_PLACEHOLDER = re.compile(r"<(/?)(\d+)(/?)>")


def labelled_message(message: str) -> str:
    """A tag problem's message with ``<1>``, ``</1>``, ``<2/>`` written as the chip
    labels the window shows (``‹1``, ``1›``, ``‹2›``)."""
    def label(match: re.Match[str]) -> str:
        closing, number, standalone = match.groups()
        if standalone:
            return f"‹{number}›"
        return f"{number}›" if closing else f"‹{number}"

    return _PLACEHOLDER.sub(label, message)


def without_private(text: str) -> str:
    """``text`` without characters of the private plane tags use (pasted from elsewhere)."""
    return _PRIVATE_PLANE.sub("", text)


# --- formats ---------------------------------------------------------------------------

def chip_format(index: int, tag: InlineTag,
                base: QTextCharFormat | None = None) -> QTextCharFormat:
    """The character format of tag ``index``'s object character."""
    fmt = QTextCharFormat(base) if base is not None else QTextCharFormat()
    fmt.setObjectType(TAG_OBJECT)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
    fmt.setProperty(_INDEX, index)
    fmt.setProperty(_NUMBER, tag.number)
    fmt.setProperty(_KIND, tag.kind)
    fmt.setProperty(_NAME, tag.name)
    fmt.setProperty(_MARKUP, tag.markup)
    fmt.setProperty(_IN_SOURCE, tag.in_source)
    return fmt


def tag_of_format(fmt: QTextFormat) -> tuple[int, InlineTag] | None:
    """The (index, tag) a chip's format stands for; None for any other format."""
    if fmt.objectType() != TAG_OBJECT:
        return None
    tag = InlineTag(number=int(fmt.property(_NUMBER)), kind=str(fmt.property(_KIND)),
                    name=str(fmt.property(_NAME)), markup=str(fmt.property(_MARKUP)),
                    in_source=bool(fmt.property(_IN_SOURCE)))
    return int(fmt.property(_INDEX)), tag


def has_chip_properties(fmt: QTextFormat) -> bool:
    """Whether ``fmt`` is a chip's, or text's that took a chip's properties when typed."""
    return fmt.objectType() == TAG_OBJECT or fmt.hasProperty(_INDEX)


def plain_format(fmt: QTextCharFormat) -> QTextCharFormat:
    """``fmt`` without anything of a chip: what text typed beside a chip gets."""
    clean = QTextCharFormat(fmt)
    clean.setObjectType(0)
    clean.clearProperty(QTextFormat.Property.TextVerticalAlignment)
    for prop in (_INDEX, _NUMBER, _KIND, _NAME, _MARKUP, _IN_SOURCE):
        clean.clearProperty(prop)
    return clean


# --- document <-> stored text ------------------------------------------------------------

def insert_stored(cursor: QTextCursor, text: str, tags: Sequence[InlineTag],
                  base: QTextCharFormat | None = None) -> None:
    """Insert a stored text at ``cursor``: its tags as chips, the rest as text."""
    fmt = base if base is not None else QTextCharFormat()
    position = 0
    for match in _TAG_CHAR.finditer(text):
        index = ord(match.group()) - TAG_BASE
        if index >= len(tags):
            continue  # a private character in a segment without that tag is text
        if match.start() > position:
            cursor.insertText(text[position:match.start()], fmt)
        cursor.insertText(OBJECT_CHAR, chip_format(index, tags[index], base))
        position = match.end()
    if position < len(text):
        cursor.insertText(text[position:], fmt)


def set_stored(document: QTextDocument, text: str, tags: Sequence[InlineTag]) -> None:
    """Make ``document`` show a stored text (one change: one ``contentsChanged``)."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.removeSelectedText()
    cursor.setCharFormat(QTextCharFormat())
    insert_stored(cursor, text, tags)
    cursor.endEditBlock()


def _utf16_slice(text: str, start: int, end: int) -> str:
    """``text[start:end]`` counted in UTF-16 units, as document positions are."""
    if text.isascii():
        return text[start:end]
    data = text.encode("utf-16-le", "surrogatepass")
    return data[2 * start:2 * end].decode("utf-16-le", "surrogatepass")


def stored_text(document: QTextDocument, start: int = 0, end: int | None = None) -> str:
    """The stored text of ``document`` (or of positions ``start`` to ``end``): chips as
    ``tag_char``, paragraphs joined by line feeds, every other character as it is."""
    end = document.characterCount() - 1 if end is None else end
    parts: list[str] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fragments += 1
            first, last = fragment.position(), fragment.position() + fragment.length()
            low, high = max(first, start), min(last, end)
            if low >= high:
                continue
            text = fragment.text()
            if (low, high) != (first, last):
                text = _utf16_slice(text, low - first, high - first)
            tag = tag_of_format(fragment.charFormat())
            if tag is not None:
                text = text.replace(OBJECT_CHAR, tag_char(tag[0]))
            parts.append(text)
        separator = block.position() + block.length() - 1
        block = block.next()
        if block.isValid() and start <= separator < end:
            parts.append("\n")
    return "".join(parts)


def chips_in(document: QTextDocument) -> list[tuple[int, int]]:
    """(position, tag index) of every chip in ``document``, in order."""
    found: list[tuple[int, int]] = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fragments += 1
            tag = tag_of_format(fragment.charFormat())
            if tag is not None:
                found.extend((fragment.position() + offset, tag[0])
                             for offset in range(fragment.length()))
        block = block.next()
    return found


def chip_at(document: QTextDocument, position: int) -> tuple[int, InlineTag] | None:
    """The chip at ``position`` (the character right after it), if one is there."""
    if not 0 <= position < document.characterCount() - 1 \
            or document.characterAt(position) != OBJECT_CHAR:
        return None
    cursor = QTextCursor(document)
    cursor.setPosition(position + 1)
    return tag_of_format(cursor.charFormat())


# --- painting ------------------------------------------------------------------------------

def _text_font(doc: QTextDocument, fmt: QTextFormat) -> QFont:
    return fmt.toCharFormat().font().resolve(doc.defaultFont())


def _label_font(doc: QTextDocument, fmt: QTextFormat) -> QFont:
    font = _text_font(doc, fmt)
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 0.85)
    else:
        font.setPixelSize(max(6, round(font.pixelSize() * 0.85)))
    return font


def chip_number(tag: InlineTag) -> str:
    """What a chip's box shows: the number; its shape tells opening, closing or code."""
    return str(tag.number)


def _chip_path(box: QRectF, kind: str) -> QPainterPath:
    """Brackets around the content: an opening tag points left (‹), a closing one right
    (›); a standalone code is round."""
    radius = min(4.0, box.height() / 3)
    point = box.height() * 0.32
    path = QPainterPath()
    if kind == CLOSE:
        path.moveTo(box.left() + radius, box.top())
        path.lineTo(box.right() - point, box.top())
        path.lineTo(box.right(), box.center().y())
        path.lineTo(box.right() - point, box.bottom())
        path.lineTo(box.left() + radius, box.bottom())
        path.quadTo(box.left(), box.bottom(), box.left(), box.bottom() - radius)
        path.lineTo(box.left(), box.top() + radius)
        path.quadTo(box.left(), box.top(), box.left() + radius, box.top())
    elif kind == OPEN:
        path.moveTo(box.right() - radius, box.top())
        path.lineTo(box.left() + point, box.top())
        path.lineTo(box.left(), box.center().y())
        path.lineTo(box.left() + point, box.bottom())
        path.lineTo(box.right() - radius, box.bottom())
        path.quadTo(box.right(), box.bottom(), box.right(), box.bottom() - radius)
        path.lineTo(box.right(), box.top() + radius)
        path.quadTo(box.right(), box.top(), box.right() - radius, box.top())
    else:
        path.addRoundedRect(box, box.height() / 2, box.height() / 2)
    path.closeSubpath()
    return path


class ChipPainter(QPyTextObject):
    """Sizes and draws the chips of one document (a handler of its layout)."""

    def intrinsicSize(self, doc: QTextDocument, position: int,  # noqa: N802
                      fmt: QTextFormat) -> QSizeF:
        tag = tag_of_format(fmt)
        if tag is None:
            return QSizeF(0, 0)
        label = QFontMetricsF(_label_font(doc, fmt))
        text = QFontMetricsF(_text_font(doc, fmt))
        height = text.ascent() + text.descent() * 0.7
        point = height * 0.32 if tag[1].kind in (OPEN, CLOSE) else 2.0
        return QSizeF(label.horizontalAdvance(chip_number(tag[1])) + 10 + point, height)

    def drawObject(self, painter: QPainter, rect: QRectF | QRect,  # noqa: N802
                   doc: QTextDocument, position: int, fmt: QTextFormat) -> None:
        found = tag_of_format(fmt)
        if found is None:
            return
        tag = found[1]
        char = fmt.toCharFormat()
        pair = tag.kind in (OPEN, CLOSE)
        look = colours()
        fill, ink = ((look.qcolor("pair_fill"), look.qcolor("pair_text")) if pair
                     else (look.qcolor("code_fill"), look.qcolor("code_text")))
        border = ink if tag.in_source else look.qcolor("extra_tag")  # a tag only the MT had
        if char.hasProperty(QTextFormat.Property.BackgroundBrush):  # selected
            fill = char.background().color()
            ink = border = char.foreground().color()
        elif char.hasProperty(QTextFormat.Property.ForegroundBrush):
            border = char.foreground().color()  # a diff's insertion or deletion
        box = QRectF(rect).adjusted(1.5, 0.5, -1.5, -0.5)
        text_box = QRectF(box)
        point = box.height() * 0.32
        if tag.kind == CLOSE:
            text_box.setRight(box.right() - point * 0.7)
        elif tag.kind == OPEN:
            text_box.setLeft(box.left() + point * 0.7)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        marked = char.fontStrikeOut() or char.fontUnderline()
        painter.setPen(QPen(border, 1.6 if marked else 1.0))
        painter.setBrush(fill)
        painter.drawPath(_chip_path(box, tag.kind))
        painter.setFont(_label_font(doc, fmt))
        painter.setPen(ink)
        painter.drawText(text_box, int(Qt.AlignmentFlag.AlignCenter), chip_number(tag))
        if char.fontStrikeOut():
            painter.setPen(QPen(border, 1.4))
            middle = box.center().y()
            painter.drawLine(QPointF(box.left() - 1, middle), QPointF(box.right() + 1, middle))
        painter.restore()


def install_chips(edit: QTextEdit) -> ChipPainter:
    """Have ``edit``'s document layout draw chips (the painter lives as long as ``edit``)."""
    painter = ChipPainter(edit)
    edit.document().documentLayout().registerHandler(TAG_OBJECT, painter)
    return painter
