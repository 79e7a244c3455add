"""What a replace-all would change, segment by segment, before anything is saved."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.diff import DiffPart, word_diff
from reviewer.core.tags import InlineTag
from reviewer.ui.diff_delegate import DiffDelegate
from reviewer.ui.segment_model import DIFF_ROLE
from reviewer.ui.tag_html import labelled_text, tagged_diff_html

Change = tuple[int, str, str, int]  # position, old text, new text, replacements in it
COL_SEGMENT, COL_BEFORE, COL_AFTER, COL_COUNT = range(4)
HEADERS = ("#", "Before", "After", "Replacements")
Index = QModelIndex | QPersistentModelIndex
TagsOf = Callable[[int], list[InlineTag]]
CONTEXT = 24  # characters of unchanged text shown on either side of a change
LINES = 3  # a row's height in lines: every change of a long segment fits, with context


def _head(text: str, size: int) -> str:
    """The start of ``text``, cut after a whole word."""
    if len(text) <= size:
        return text
    piece = text[:size]
    space = piece.rfind(" ")
    return piece[:space] if space > 0 and not text[size].isspace() else piece


def _tail(text: str, size: int) -> str:
    """The end of ``text``, cut before a whole word."""
    if len(text) <= size:
        return text
    piece = text[-size:]
    space = piece.find(" ")
    return piece[space + 1:] if space >= 0 and not text[-size - 1].isspace() else piece


def excerpt(parts: Sequence[DiffPart], context: int = CONTEXT) -> list[DiffPart]:
    """The changes with ``context`` characters around each; unchanged text between them
    is left out with an ellipsis, so a change late in a long segment shows too."""
    shown: list[DiffPart] = []
    last = len(parts) - 1
    for number, part in enumerate(parts):
        text = part.text
        if part.kind != "equal" or len(text) <= 2 * context + 3 or last == 0:
            shown.append(part)
        elif number == 0:
            shown.append(DiffPart("equal", "… " + _tail(text, context).lstrip()))
        elif number == last:
            shown.append(DiffPart("equal", _head(text, context).rstrip() + " …"))
        else:
            shown.append(DiffPart("equal", f"{_head(text, context).rstrip()} … "
                                           f"{_tail(text, context).lstrip()}"))
    return shown


def _no_tags(position: int) -> list[InlineTag]:
    return []


def summary(changes: Sequence[Change]) -> str:
    """"12 replacements in 5 segments", or that nothing matches."""
    if not changes:
        return "Nothing to replace: no segment matches."
    matches = sum(change[3] for change in changes)
    return (f"{matches:,} replacement{'s' if matches != 1 else ''} in {len(changes):,} "
            f"segment{'s' if len(changes) != 1 else ''}")


class ReplacePreviewModel(QAbstractTableModel):
    """One row per segment that would change; the after column marks the change."""

    def __init__(self, tags_of: TagsOf = _no_tags, parent: Any = None) -> None:
        super().__init__(parent)
        self._tags_of = tags_of  # a segment's tag table: tags show as chips, not characters
        self._changes: list[Change] = []
        self._diffs: dict[int, str] = {}
        self._excerpts: dict[int, list[DiffPart]] = {}  # made only for the rows in view

    def set_changes(self, changes: Sequence[Change]) -> None:
        """Show these changes (as the session's ``replacements`` lists them)."""
        self.beginResetModel()
        self._changes = list(changes)
        self._diffs.clear()
        self._excerpts.clear()
        self.endResetModel()

    def changes(self) -> list[Change]:
        """The changes shown."""
        return list(self._changes)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._changes)

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
        position, old, new, count = self._changes[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_BEFORE, COL_AFTER):
            return labelled_text(old if column == COL_BEFORE else new, self._tags_of(position))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column in (COL_BEFORE, COL_AFTER):
                left_out = "insert" if column == COL_BEFORE else "delete"
                return labelled_text("".join(part.text for part in self._excerpt(index.row())
                                             if part.kind != left_out),
                                     self._tags_of(position))
            return str(position + 1) if column == COL_SEGMENT else str(count)
        if role == DIFF_ROLE and column == COL_AFTER:  # made only for the rows in view
            if index.row() not in self._diffs:
                tags, parts = self._tags_of(position), self._excerpt(index.row())
                self._diffs[index.row()] = tagged_diff_html(parts, tags)
            return self._diffs[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column in (COL_SEGMENT, COL_COUNT) \
                else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        return None

    def _excerpt(self, row: int) -> list[DiffPart]:
        if row not in self._excerpts:
            _position, old, new, _count = self._changes[row]
            self._excerpts[row] = excerpt(word_diff(old, new))
        return self._excerpts[row]


class ReplacePreview(QWidget):
    """The list of changes with their counts; a replace dialog shows it before replacing."""

    def __init__(self, tags_of: TagsOf = _no_tags, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replacePreview")
        self.model = ReplacePreviewModel(tags_of, self)
        self.summary = QLabel()
        self.summary.setObjectName("replaceSummary")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_AFTER, DiffDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.fontMetrics().lineSpacing() * LINES + 4)
        header = self.table.horizontalHeader()
        for column in (COL_BEFORE, COL_AFTER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (COL_SEGMENT, COL_COUNT):  # their headers whole, never "eplacement"
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_changes(self, changes: Sequence[Change]) -> None:
        """List ``changes``: (position, old text, new text, replacements) per segment."""
        self.model.set_changes(changes)
        self.summary.setText(summary(changes))
