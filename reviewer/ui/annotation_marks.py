"""MQM annotations painted on the MT view and the correction: a background per severity.

Offsets count characters of a side's text in the tag notation (``<1>`` is three, as the
session and ``score --json`` count); the views' documents count differently (a tag is one
chip, a character beyond the BMP two UTF-16 units, and the MT view also shows the
correction's inserted words), so each side has a map both ways.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QTextCharFormat
from PySide6.QtWidgets import QTextEdit

from reviewer.core.diff import DiffPart, word_diff
from reviewer.core.tags import InlineTag, tag_char, tag_index, to_notation
from reviewer.ui.extra_marks import marks_of, set_marks, span_selection
from reviewer.ui.tag_chips import OBJECT_CHAR, tag_of_format
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

    def runs(self, start: int, end: int) -> list[tuple[int, int]]:
        """The document ranges of stored ``[start, end)``, split where the view shows
        other text between its characters (the MT view's inserted words)."""
        start, end = max(0, start), min(end, len(self._positions))
        found: list[tuple[int, int]] = []
        for index in range(start, end):
            first, last = self._positions[index], self._ends[index]
            if found and first <= found[-1][1]:
                found[-1] = (found[-1][0], max(found[-1][1], last))
            else:
                found.append((first, last))
        return found

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


def shown_map(view: QTextEdit, text: str, tags: Sequence[InlineTag] = ()) -> PositionMap:
    """The map of a view that shows ``text`` among other words, found by aligning ``text``
    with what the view shows but underlines (reviewer mode's track changes, whose layout
    does not say which struck-through words were the MT's)."""
    shown: list[str] = []
    places: list[tuple[int, int]] = []
    block = view.document().begin()
    while block.isValid():
        runs = []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            iterator += 1
            runs.append((fragment.charFormat(), fragment.position(), fragment.text()))
        for index, (fmt, at, part) in enumerate(runs):
            if fmt.fontUnderline() or _spacer(runs, index):
                continue  # inserted, or the space shown between a deletion and an insertion
            tag = tag_of_format(fmt)
            for char in part:
                width = 2 if ord(char) > 0xFFFF else 1
                shown.append(tag_char(tag[0]) if tag is not None and char == OBJECT_CHAR
                             else char)
                places.append((at, at + width))
                at += width
        end = block.position() + block.length() - 1
        block = block.next()
        if block.isValid():
            shown.append("\n")
            places.append((end, end + 1))
    found: dict[int, tuple[int, int]] = {}
    matcher = SequenceMatcher(None, text, "".join(shown), autojunk=False)
    for first, second, size in matcher.get_matching_blocks():
        for step in range(size):
            found[first + step] = places[second + step]
    positions: list[int] = []
    ends: list[int] = []
    previous = 0
    for index, length in enumerate(notation_lengths(text, tags)):
        start, previous = found.get(index, (previous, previous))
        positions += [start] * length
        ends += [previous] * length
    return PositionMap(positions, ends)


def _spacer(runs: Sequence[tuple[QTextCharFormat, int, str]], index: int) -> bool:
    fmt, _at, part = runs[index]
    return (part == " " and not fmt.fontStrikeOut() and 0 < index < len(runs) - 1
            and runs[index - 1][0].fontStrikeOut() and runs[index + 1][0].fontUnderline())


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


ANNOTATIONS = "annotations"  # the key of MQM marks among a view's marks


def paint(view: QTextEdit, spans: Sequence[Span], positions: PositionMap) -> None:
    """Mark ``spans`` on ``view`` (replacing earlier marks); an empty span marks nothing."""
    selections = []
    length = view.document().characterCount() - 1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        for first, last in positions.runs(span.start, span.end):
            start, end = min(first, length), min(last, length)
            if end > start:
                selections.append(_selection(view, start, end, span.severity))
    set_marks(view, ANNOTATIONS, selections)


def _selection(view: QTextEdit, start: int, end: int,
               severity: str) -> QTextEdit.ExtraSelection:
    fmt = QTextCharFormat()
    fmt.setBackground(severity_colour(severity))
    return span_selection(view, start, end, fmt)


def background_at(view: QTextEdit, position: int) -> QColor | None:
    """The mark's background at document ``position`` of ``view`` (tests, screenshots)."""
    for selection in marks_of(view, ANNOTATIONS):
        cursor = selection.cursor
        if cursor.selectionStart() <= position < cursor.selectionEnd():
            return selection.format.background().color()
    return None
