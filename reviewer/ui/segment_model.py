"""The table of segments: a model over the session's segments, plus unconfirmed typing."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from reviewer.core.diff import diff_html, word_diff
from reviewer.core.scoring import Scores
from reviewer.store.project import SegmentRecord

COL_INDEX, COL_SOURCE, COL_MT, COL_CORRECTION, COL_HTER, COL_STATUS = range(6)
HEADERS = ("#", "Source", "MT", "Correction", "HTER", "Status")
DIFF_ROLE = Qt.ItemDataRole.UserRole + 1
PENDING_MARK = "…"  # scores not known yet: being typed, or saved with scores pending


def score_text(value: float, digits: int = 1) -> str:
    """A score as shown; one still being computed (NaN) shows as ``PENDING_MARK``."""
    return PENDING_MARK if math.isnan(value) else f"{value:.{digits}f}"

_STATUS_COLOURS = {
    "confirmed": QColor("#2e7d32"),
    "edited": QColor("#ef6c00"),
    "imported": QColor("#6a1b9a"),
    "draft": QColor("#c62828"),
}

Index = QModelIndex | QPersistentModelIndex


class SegmentTableModel(QAbstractTableModel):
    """Rows are segments; the correction column is editable and edits go out as a signal."""

    correctionEdited = Signal(int, str)  # position, new text: the window turns it into a command

    def __init__(self, segments: list[SegmentRecord], parent: Any = None) -> None:
        super().__init__(parent)
        self._segments = segments
        self._typing: dict[int, tuple[str, Scores | None]] = {}  # unconfirmed text per row
        self._diff_cache: dict[int, tuple[str, str]] = {}

    # -- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._segments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == COL_CORRECTION:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        segment = self._segments[row]
        typing = self._typing.get(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == COL_INDEX:
                return str(row + 1)
            if column == COL_SOURCE:
                return segment.source or ""
            if column == COL_MT:
                return segment.mt
            if column == COL_CORRECTION:
                return typing[0] if typing else segment.text
            if column == COL_HTER:
                if typing:
                    return f"{typing[1].hter:.1f}" if typing[1] else "…"
                return PENDING_MARK if segment.pending else f"{segment.hter:.1f}"
            if column == COL_STATUS:
                return "draft" if typing else segment.status
            return None
        if role == DIFF_ROLE and column == COL_MT:
            return self._diff(row)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_SOURCE, COL_MT, COL_CORRECTION):
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_HTER:
            if not typing and segment.pending:
                return "Scores pending: they are being computed in the background"
            scores = typing[1] if typing and typing[1] else segment
            return f"HTER {scores.hter:.2f}  BLEU {scores.bleu:.2f}  chrF {scores.chrf:.2f}"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return _STATUS_COLOURS.get("draft" if typing else segment.status)
        if role == Qt.ItemDataRole.FontRole and column == COL_HTER and (
                typing or segment.pending):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_INDEX, COL_HTER):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_CORRECTION \
                or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value)
        if text == self.current_text(index.row()):
            return False
        self.correctionEdited.emit(index.row(), text)
        return True

    # -- what the window asks and tells --------------------------------------------------

    def reset(self, segments: list[SegmentRecord]) -> None:
        """Show another project's segments, with no typing."""
        self.beginResetModel()
        self._segments = segments
        self._typing.clear()
        self._diff_cache.clear()
        self.endResetModel()

    def segment(self, row: int) -> SegmentRecord:
        """The stored segment at ``row``."""
        return self._segments[row]

    def current_text(self, row: int) -> str:
        """What the correction shows now: unconfirmed typing, else the stored text."""
        typing = self._typing.get(row)
        return typing[0] if typing else self._segments[row].text

    def first_unconfirmed(self) -> int:
        """The first row not yet confirmed (the last row when all are)."""
        for row, segment in enumerate(self._segments):
            if segment.status != "confirmed":
                return row
        return max(0, len(self._segments) - 1)

    def replace_segment(self, record: SegmentRecord) -> None:
        """Show a segment as stored after an edit; drops that row's unconfirmed typing."""
        row = record.position
        self._segments[row] = record
        self._typing.pop(row, None)
        self._emit_row(row)

    def update_scores(self, record: SegmentRecord) -> None:
        """Show a segment's scores that came late; unconfirmed typing in its row stays."""
        self._segments[record.position] = record
        self._emit_row(record.position)

    def set_typing(self, row: int, text: str, scores: Scores | None) -> None:
        """Show typed but unconfirmed text (and its live scores once known)."""
        if text == self._segments[row].text:
            if self._typing.pop(row, None) is not None:
                self._emit_row(row)
            return
        self._typing[row] = (text, scores)
        self._emit_row(row)

    def clear_typing(self, row: int) -> None:
        """Forget unconfirmed typing in ``row``."""
        if self._typing.pop(row, None) is not None:
            self._emit_row(row)

    def _emit_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, COL_MT), self.index(row, COL_STATUS),
                              [Qt.ItemDataRole.DisplayRole, DIFF_ROLE,
                               Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole])

    def _diff(self, row: int) -> str | None:
        segment = self._segments[row]
        text = self.current_text(row)
        if text == segment.mt:
            return None
        cached = self._diff_cache.get(row)
        if cached and cached[0] == text:
            return cached[1]
        rendered = diff_html(word_diff(segment.mt, text))
        self._diff_cache[row] = (text, rendered)
        return rendered
