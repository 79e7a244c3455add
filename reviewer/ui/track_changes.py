"""Reviewer mode's track changes in a text view: the editor's edits of the MT in one colour,
the reviewer's edits of the editor's text in another (struck through: deleted,
underlined: inserted)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reviewer.core.tags import InlineTag
from reviewer.core.track_changes import DELETES, INSERTS, TrackPart, spaced, track_changes
from reviewer.ui.tag_chips import insert_stored
from reviewer.ui.theme import colours


def part_format(part: TrackPart) -> QTextCharFormat:
    """How a part is drawn: whose edit by its colour, deleted or inserted by its line."""
    fmt = QTextCharFormat()
    if part.kind == "equal":
        return fmt
    fmt.setForeground(colours().qcolor(
        "editor_change" if part.kind.startswith("editor") else "reviewer_change"))
    fmt.setFontStrikeOut(part.kind in DELETES)
    fmt.setFontUnderline(part.kind in INSERTS)
    return fmt


def show_track_changes(view: QTextEdit, mt: str, editor: str, reviewer: str,
                       tags: Sequence[InlineTag]) -> None:
    """Show the MT with the editor's and the reviewer's edits in ``view``."""
    cursor = QTextCursor(view.document())
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.removeSelectedText()
    for part in spaced(track_changes(mt, editor, reviewer)):
        insert_stored(cursor, part.text, tags, part_format(part))
    cursor.endEditBlock()
