"""The concordance's hits as a table: where each is, in which text, and the words around it
with the hit marked."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reviewer.ui.segment_model import DIFF_ROLE
from reviewer.ui.theme import colours

if TYPE_CHECKING:
    from reviewer.core.memory import ConcordanceHit

COL_WHERE, COL_FIELD, COL_CONTEXT = range(3)
HEADERS = ("Where", "Text", "In context")
FIELD_LABELS = {"mt": "MT", "correction": "Correction", "source": "Source",
                "tm source": "TM source", "tm target": "TM target"}
AROUND = 60  # characters shown on each side of a hit

Index = QModelIndex | QPersistentModelIndex


def around(text: str, start: int, end: int, width: int = AROUND) -> tuple[str, str, str]:
    """The words before a hit, the hit and the words after it, cut to about ``width``
    characters on each side (at a space where there is one) with "…" where cut."""
    before, after = text[max(0, start - width):start], text[end:end + width]
    if start > width:
        space = before.find(" ")
        before = "…" + (before[space + 1:] if 0 <= space < width // 2 else before)
    if end + width < len(text):
        space = after.rfind(" ")
        after = (after[:space] if space > width // 2 else after) + "…"
    flat = " ".join  # line breaks in a cell would hide the rest of the row
    return flat(before.split("\n")), text[start:end], flat(after.split("\n"))


def where_text(hit: ConcordanceHit) -> str:
    """A project hit's segment number, or the memory it is in."""
    return f"Segment {hit.position + 1}" if hit.position is not None else hit.origin


def context_html(hit: ConcordanceHit) -> str:
    """The hit in its context as rich text, the hit bold in the theme's insertion colours
    (readable on a selected row too: they come with their own background)."""
    before, found, after = around(hit.text, hit.start, hit.end)
    look = colours()
    style = (f"color:{look.inserted};background-color:{look.inserted_background};"
             "font-weight:bold")
    return (f"{html.escape(before)}<span style='{style}'>{html.escape(found)}</span>"
            f"{html.escape(after)}")


class ConcordanceModel(QAbstractTableModel):
    """Read-only rows of hits in the order the search found them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[ConcordanceHit] = []

    def set_hits(self, hits: Sequence[ConcordanceHit]) -> None:
        """Show ``hits`` instead of the rows shown."""
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> ConcordanceHit:
        """The hit of ``row``."""
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_WHERE:
                return where_text(hit)
            if column == COL_FIELD:
                return FIELD_LABELS.get(hit.field, hit.field)
            return "".join(around(hit.text, hit.start, hit.end))
        if role == DIFF_ROLE and column == COL_CONTEXT:
            return context_html(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.text if column == COL_CONTEXT else (
                "Enter goes to this segment" if hit.position is not None
                else f"In the translation memory added from {hit.origin}")
        return None
