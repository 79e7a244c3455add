"""MQM annotations painted on the MT view and the correction: a background per severity.

Offsets count characters of a side's text in the tag notation (``<1>`` is three, as the
session and ``score --json`` count); the views' documents count differently (a tag is one
chip, a character beyond the BMP two UTF-16 units, and the MT view also shows the
correction's inserted words), so each side has a map both ways.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reviewer.core.diff import DiffPart, word_diff
from reviewer.core.tags import InlineTag, tag_index, to_notation
from reviewer.ui.theme import colours


class Span(Protocol):
    """What a mark needs of an annotation."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def severity(self) -> str: ...


def _width(char: str) -> int:
    return 2 if ord(char) > 0xFFFF and tag_index(char) is None else 1


class PositionMap:
    """Stored-text offsets ↔ document positions of one view."""

    def __init__(self, positions: Sequence[int], ends: Sequence[int]) -> None:
        self._positions = list(positions)  # where each stored character starts
        self._ends = list(ends)  # and where it ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The document positions of stored ``[start, end)`` (empty when out of range)."""
        start, end = max(0, start), min(end, len(self._positions))
        if end <= start:
            return 0, 0
        return self._positions[start], self._ends[end - 1]

    def to_offset(self, position: int) -> int:
        """How many stored characters start before document ``position``: a selection's
        start or end (an inserted word of the MT view counts for none)."""
        return bisect_left(self._positions, position)


def notation_lengths(text: str, tags: Sequence[InlineTag]) -> list[int]:
    """How many characters of the notation each stored character is (a tag: ``<1>``'s
    three); escaping a literal ``<`` is put on the last character of its run."""
    lengths = [1] * len(text)
    run_start = 0
    for index, char in enumerate([*text, ""]):
        tag = tag_index(char) if char else None
        if char and (tag is None or tag >= len(tags)):
            continue
        if tag is not None:
            lengths[index] = len(tags[tag].placeholder)
        run = text[run_start:index]
        extra = len(to_notation(run, ())) - len(run) if ("<" in run or "\\" in run) else 0
        if extra and run:
            lengths[index - 1] += extra
        run_start = index + 1
    return lengths


def text_map(text: str, tags: Sequence[InlineTag] = ()) -> PositionMap:
    """The map of a view that shows ``text`` as it is (the correction)."""
    positions: list[int] = []
    ends: list[int] = []
    at = 0
    for char, length in zip(text, notation_lengths(text, tags), strict=True):
        width = _width(char)
        positions += [at] * length
        ends += [at + width] * length
        at += width
    return PositionMap(positions, ends)


def mt_map(mt: str, correction: str, tags: Sequence[InlineTag] = ()) -> PositionMap:
    """The map of the MT view, which shows the MT's diff against ``correction`` (as
    ``for_display`` lays it out: a space between a deleted and an inserted word)."""
    lengths = iter(notation_lengths(mt, tags))
    positions: list[int] = []
    ends: list[int] = []
    at = 0
    previous: DiffPart | None = None
    for part in word_diff(mt, correction):
        if previous is not None and previous.kind == "delete" and part.kind == "insert" \
                and not previous.text[-1:].isspace() and not part.text[:1].isspace():
            at += 1
        for char in part.text:
            width = _width(char)
            if part.kind != "insert":
                length = next(lengths, 1)
                positions += [at] * length
                ends += [at + width] * length
            at += width
        previous = part
    return PositionMap(positions, ends)


def severity_colour(severity: str) -> QColor:
    """The background an annotation of ``severity`` is marked with, in the look in use."""
    look = colours()
    return QColor(look.severity.get(severity) or look.severity["minor"])


def severity_icon(severity: str) -> QIcon:
    """A small swatch of a severity's colour (the annotation list, the palette)."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor(colours().muted))
    painter.setBrush(severity_colour(severity))
    painter.drawRect(1, 1, 11, 11)
    painter.end()
    return QIcon(pixmap)


def paint(view: QTextEdit, spans: Sequence[Span], positions: PositionMap) -> None:
    """Mark ``spans`` on ``view`` (replacing earlier marks); an empty span marks nothing."""
    selections = []
    length = view.document().characterCount() - 1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = positions.span(span.start, span.end)
        start, end = min(start, length), min(end, length)
        if end <= start:
            continue
        cursor = QTextCursor(view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(severity_colour(span.severity))
        fmt.setToolTip(span.severity)
        selection.format = fmt
        selections.append(selection)
    view.setExtraSelections(selections)


def background_at(view: QTextEdit, position: int) -> QColor | None:
    """The mark's background at document ``position`` of ``view`` (tests, screenshots)."""
    for selection in view.extraSelections():
        cursor = selection.cursor
        if cursor.selectionStart() <= position < cursor.selectionEnd():
            return selection.format.background().color()
    return None
