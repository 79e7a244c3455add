"""Marks from several features on one text view: each sets its own extra selections
under a key, and the view shows them all (Qt keeps only one list per view).

The key travels in each selection's format, so nothing outside Qt holds text cursors
(Python-held cursors outliving their document crash the interpreter at exit).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

_KEY = QTextFormat.Property.UserProperty + 77  # which feature a selection belongs to

TextView = QTextEdit | QPlainTextEdit


def _key_of(selection: QTextEdit.ExtraSelection) -> object:
    return selection.format.property(_KEY)


def span_selection(view: TextView, start: int, end: int,
                   fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    """A mark of document positions ``start`` to ``end`` of ``view`` in ``fmt``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format = fmt
    return selection


def set_marks(view: TextView, key: str,
              selections: Sequence[QTextEdit.ExtraSelection]) -> None:
    """Show ``selections`` as ``key``'s marks on ``view``, beside other features' marks."""
    shown = view.extraSelections()
    others = [s for s in shown if _key_of(s) != key]
    if not selections and len(others) == len(shown):
        return  # nothing shown, nothing to show: no repaint while typing
    for selection in selections:
        selection.format.setProperty(_KEY, key)
    view.setExtraSelections([*others, *selections])


def marks_of(view: TextView, key: str) -> list[QTextEdit.ExtraSelection]:
    """The marks ``key`` shows on ``view``."""
    return [s for s in view.extraSelections() if _key_of(s) == key]
