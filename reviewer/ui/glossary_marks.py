"""Glossary terms found in a segment, marked on the view that shows the text searched
(the source, or the MT when the project has none), each with its target as a tooltip."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat
from PySide6.QtWidgets import QTextEdit, QToolTip

from reviewer.core.glossary import GlossaryTerm, TermHit
from reviewer.core.tags import InlineTag
from reviewer.ui.annotation_marks import PositionMap, notation_lengths
from reviewer.ui.extra_marks import marks_of, set_marks, span_selection
from reviewer.ui.theme import colours

TERMS = "glossary"  # the key of glossary marks among a view's marks
DO_NOT_USE = "do not use"


def term_line(term: GlossaryTerm) -> str:
    """A term as the Terms list and tooltips write it: ``source → target`` and its note."""
    line = f"{term.source} → {term.target}"
    if term.forbidden:
        line += f" ({DO_NOT_USE})"
    return f"{line} — {term.note}" if term.note else line


def notation_spans(text: str, tags: Sequence[InlineTag],
                   hits: Sequence[TermHit]) -> list[tuple[int, int, TermHit]]:
    """The hits' spans of stored ``text`` counted in its tag notation, as the views' maps
    count (a tag is ``<1>``'s three characters there)."""
    starts = [0, *accumulate(notation_lengths(text, tags))]
    last = len(starts) - 1
    return [(starts[min(hit.start, last)], starts[min(hit.end, last)], hit) for hit in hits]


def paint_terms(view: QTextEdit, text: str, tags: Sequence[InlineTag],
                hits: Sequence[TermHit], positions: PositionMap) -> None:
    """Mark ``hits`` of stored ``text`` on ``view`` (replacing its earlier term marks)."""
    selections = []
    length = view.document().characterCount() - 1
    background = colours().qcolor("term_background")
    for start, end, hit in notation_spans(text, tags, hits):
        for first, last in positions.runs(start, end):
            first, last = min(first, length), min(last, length)
            if last > first:
                selections.append(_selection(view, first, last, background,
                                             term_line(hit.term)))
    set_marks(view, TERMS, selections)


def clear_terms(view: QTextEdit) -> None:
    """No term marks on ``view``."""
    set_marks(view, TERMS, [])


def _selection(view: QTextEdit, start: int, end: int, background: QColor,
               tip: str) -> QTextEdit.ExtraSelection:
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    fmt.setToolTip(tip)  # read back by TermTips: a mark's own tooltip is not shown by Qt
    return span_selection(view, start, end, fmt)


def term_mark_at(view: QTextEdit, position: int) -> QTextEdit.ExtraSelection | None:
    """The term mark over document ``position`` of ``view``, if any."""
    for selection in marks_of(view, TERMS):
        cursor = selection.cursor
        if cursor.selectionStart() <= position < cursor.selectionEnd():
            return selection
    return None


def term_background_at(view: QTextEdit, position: int) -> QColor | None:
    """The term mark's background at document ``position`` (tests, screenshots)."""
    mark = term_mark_at(view, position)
    return None if mark is None else mark.format.background().color()


class TermTips(QObject):
    """Shows a term's target when the mouse rests on its mark (tag tooltips otherwise)."""

    def __init__(self, view: QTextEdit) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        view = self._view
        position = view.cursorForPosition(event.pos()).position()
        mark = term_mark_at(view, position) or term_mark_at(view, position - 1)
        if mark is None:
            return False
        QToolTip.showText(event.globalPos(), mark.format.toolTip(), view.viewport())
        return True
