"""The table of segments: a model over the session's segments, plus unconfirmed typing."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from reviewer.core.diff import word_diff
from reviewer.core.qa import TAGS, QaWarning
from reviewer.core.scoring import Scores
from reviewer.core.status import SegmentStatus
from reviewer.core.tags import InlineTag, has_tag_chars
from reviewer.store.project import SegmentRecord
from reviewer.ui.comment_marks import COMMENTS_ROLE, CommentMarks, Counts
from reviewer.ui.qa_text import qa_tooltip
from reviewer.ui.segment_pages import Records, SegmentPages, texts_with_status
from reviewer.ui.tag_html import labelled_text, tagged_diff_html, tagged_html
from reviewer.ui.theme import colours

COL_INDEX, COL_SOURCE, COL_MT, COL_CORRECTION, COL_HTER, COL_STATUS = range(6)
HEADERS = ("#", "Source", "MT", "Correction", "HTER", "Status")
DIFF_ROLE = Qt.ItemDataRole.UserRole + 1  # rich text of a cell: the MT's diff, tags as chips
TAG_PROBLEMS_ROLE = Qt.ItemDataRole.UserRole + 2  # the shown text's tag problems (messages)
QA_ROLE = Qt.ItemDataRole.UserRole + 3  # the shown text's QA warnings (QaWarning list)
COMMENT_MARK_ROLES = (COMMENTS_ROLE, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole)
PENDING_MARK = "…"  # scores not known yet: being typed, or saved with scores pending


def score_text(value: float, digits: int = 1) -> str:
    """A score as shown; one still being computed (NaN) shows as ``PENDING_MARK``."""
    return PENDING_MARK if math.isnan(value) else f"{value:.{digits}f}"

TagsOf = Callable[[int], list[InlineTag]]
LockedOf = Callable[[int], bool]
ProblemsOf = Callable[[int, str], list[str]]
QaOf = Callable[[int, str], list[QaWarning]]  # row, text: its warnings


def _no_tags(row: int) -> list[InlineTag]:
    return []


def _unlocked(row: int) -> bool:
    return False


def _no_problems(row: int, text: str) -> list[str]:
    return []

Index = QModelIndex | QPersistentModelIndex


class SegmentTableModel(QAbstractTableModel):
    """Rows are segments; the correction column is editable and edits go out as a signal."""

    correctionEdited = Signal(int, str)  # position, new text: the window turns it into a command

    def __init__(self, segments: Records, parent: Any = None) -> None:
        super().__init__(parent)
        self._segments = segments
        self._typing: dict[int, tuple[str, Scores | None]] = {}  # unconfirmed text per row
        self._diff_cache: dict[int, tuple[str, str]] = {}
        self._tags_of: TagsOf = _no_tags
        self._locked_of: LockedOf = _unlocked
        self._problems_of: ProblemsOf = _no_problems
        self._tags: dict[int, list[InlineTag]] = {}
        self._locked: dict[int, bool] = {}
        self._problems: dict[int, tuple[str, list[str]]] = {}
        self._qa_of: QaOf | None = None  # None: a row's tag problems are its warnings
        self._qa: dict[int, tuple[str, list[QaWarning]]] = {}
        self._warning_icon: QIcon | None = None
        self.comment_marks = CommentMarks()

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
        # tagged texts are edited in the editor pane, where tags are chips a cell would lose
        if index.isValid() and index.column() == COL_CORRECTION \
                and not self.locked(index.row()) and not self.tags(index.row()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        segment = self._segments[row]
        typing = self._typing.get(row)
        if column == COL_INDEX and role in COMMENT_MARK_ROLES:
            return self.comment_marks.data(row, role)
        if role == Qt.ItemDataRole.DisplayRole and column in (COL_SOURCE, COL_MT,
                                                              COL_CORRECTION):
            return labelled_text(self._cell_text(row, column), self.tags(row))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == COL_INDEX:
                return str(row + 1)
            if column in (COL_SOURCE, COL_MT, COL_CORRECTION):
                return self._cell_text(row, column)
            if column == COL_HTER:
                if typing:
                    return f"{typing[1].hter:.1f}" if typing[1] else "…"
                return PENDING_MARK if segment.pending else f"{segment.hter:.1f}"
            if column == COL_STATUS:
                return self._status(row)
            return None
        if role == DIFF_ROLE and column == COL_MT:
            return self._diff(row)
        if role == DIFF_ROLE and column in (COL_SOURCE, COL_CORRECTION):
            text = self._cell_text(row, column)
            tags = self.tags(row)
            return tagged_html(text, tags) if tags and has_tag_chars(text) else None
        if column == COL_STATUS and role in (TAG_PROBLEMS_ROLE, QA_ROLE,
                                             Qt.ItemDataRole.DecorationRole,
                                             Qt.ItemDataRole.ToolTipRole):
            if role == TAG_PROBLEMS_ROLE:
                return self.tag_problems(row)
            warnings = self.qa_warnings(row)
            if role == QA_ROLE:
                return warnings
            if role == Qt.ItemDataRole.DecorationRole:
                return self._warning() if warnings else None
            if warnings:
                return qa_tooltip(warnings)
            return "The file marks this unit as not to be translated" \
                if self.locked(row) else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_SOURCE, COL_MT, COL_CORRECTION):
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_HTER:
            if not typing and segment.pending:
                return "Scores pending: they are being computed in the background"
            scores = typing[1] if typing and typing[1] else segment
            return f"HTER {scores.hter:.2f}  BLEU {scores.bleu:.2f}  chrF {scores.chrf:.2f}"
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return colours().status_colour(self._status(row))
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

    def reset(self, segments: Records, tags: TagsOf = _no_tags,
              locked: LockedOf = _unlocked, problems: ProblemsOf = _no_problems) -> None:
        """Show another project's segments, with no typing; ``tags``, ``locked`` and
        ``problems`` tell a row's tag table, lock and tag problems (asked when shown)."""
        self.beginResetModel()
        self._segments = segments
        self._typing.clear()
        self._diff_cache.clear()
        self._tags_of, self._locked_of, self._problems_of = tags, locked, problems
        self._tags.clear()
        self._locked.clear()
        self._problems.clear()
        self.comment_marks.forget()
        self._qa.clear()
        self.endResetModel()

    def tags(self, row: int) -> list[InlineTag]:
        """The tag table of the segment at ``row``."""
        if row not in self._tags:
            self._tags[row] = self._tags_of(row)
        return self._tags[row]

    def locked(self, row: int) -> bool:
        """Whether the file marks the segment at ``row`` as not to be translated."""
        if row not in self._locked:
            self._locked[row] = self._locked_of(row)
        return self._locked[row]

    def tag_problems(self, row: int) -> list[str]:
        """What is wrong with the tags of the text the row shows (none when locked)."""
        if not self.tags(row) or self.locked(row):
            return []
        if row not in self._typing and self._segments[row].status == SegmentStatus.NEW:
            return []  # the file's MT, untouched: shown when opened, not marked in the table
        text = self.current_text(row)
        cached = self._problems.get(row)
        if cached is None or cached[0] != text:
            cached = (text, self._problems_of(row, text))
            self._problems[row] = cached
        return cached[1]

    # -- QA warnings (qa_actions.py says where they come from) ---------------------------

    def set_qa(self, qa_of: QaOf | None) -> None:
        """Where a row's QA warnings come from (None: its tag problems); asks every row
        again, as after the project's checks were switched on or off."""
        self._qa_of = qa_of
        self._qa.clear()
        if self._segments:
            self.dataChanged.emit(self.index(0, COL_STATUS),
                                  self.index(len(self._segments) - 1, COL_STATUS),
                                  [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                                   QA_ROLE])

    def qa_warnings(self, row: int) -> list[QaWarning]:
        """The QA warnings of the text the row shows: none for a locked segment or the
        file's MT untouched (those are shown when the segment is opened)."""
        if self.locked(row) or (row not in self._typing
                                and self._segments[row].status == SegmentStatus.NEW):
            return []
        text = self.current_text(row)
        if self._qa_of is None:
            return [QaWarning(TAGS, problem, 0, len(text)) for problem in self.tag_problems(row)]
        cached = self._qa.get(row)
        if cached is None or cached[0] != text:
            cached = (text, self._qa_of(row, text))
            self._qa[row] = cached
        return cached[1]

    def segment(self, row: int) -> SegmentRecord:
        """The stored segment at ``row``."""
        return self._segments[row]

    def current_text(self, row: int) -> str:
        """What the correction shows now: unconfirmed typing, else the stored text."""
        typing = self._typing.get(row)
        return typing[0] if typing else self._segments[row].text

    def first_unconfirmed(self) -> int:
        """The first row not yet confirmed (the last row when all are)."""
        if isinstance(self._segments, SegmentPages):
            return self._segments.first_unconfirmed()
        for row, segment in enumerate(self._segments):
            if segment.status != SegmentStatus.CONFIRMED:
                return row
        return max(0, len(self._segments) - 1)

    def replace_segment(self, record: SegmentRecord) -> None:
        """Show a segment as stored after an edit; drops that row's unconfirmed typing."""
        row = record.position
        self._segments[row] = record
        self._typing.pop(row, None)
        self._emit_row(row)

    def replace_segments(self, records: Sequence[SegmentRecord]) -> None:
        """Show many segments as stored after a batch (replace all), with one signal."""
        for record in records:
            self._segments[record.position] = record
            self._typing.pop(record.position, None)
        if records:
            rows = [record.position for record in records]
            self.dataChanged.emit(self.index(min(rows), COL_MT), self.index(max(rows),
                                                                            COL_STATUS))

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

    # -- what filters and sorting ask (segment_filter.py) --------------------------------

    def status(self, row: int) -> str:
        """The status the row shows: draft while typed, locked, else the stored one."""
        return self._status(row)

    def hter(self, row: int) -> float:
        """The HTER the row shows; NaN while pending, or typed and not scored yet."""
        typing = self._typing.get(row)
        if typing:
            return typing[1].hter if typing[1] else math.nan
        return self._segments[row].hter

    # -- comments (comments_panel.py keeps them up to date) -------------------------------

    def set_comment_source(self, counts: Counts) -> None:
        """Where the open comments of every row come from (asked once, then kept)."""
        self.comment_marks.set_source(counts)
        if self._segments:
            self.dataChanged.emit(self.index(0, COL_INDEX),
                                  self.index(len(self._segments) - 1, COL_INDEX),
                                  [COMMENTS_ROLE, Qt.ItemDataRole.DecorationRole,
                                   Qt.ItemDataRole.ToolTipRole])

    def set_open_comments(self, row: int, count: int) -> None:
        """A row's open comments after they changed."""
        if not 0 <= row < len(self._segments):
            return
        self.comment_marks.set_count(row, count)
        self.dataChanged.emit(self.index(row, COL_INDEX), self.index(row, COL_INDEX),
                              [COMMENTS_ROLE, Qt.ItemDataRole.DecorationRole,
                               Qt.ItemDataRole.ToolTipRole])

    def open_comments(self, row: int) -> int:
        """How many open comments the segment at ``row`` has (filters ask this)."""
        return self.comment_marks.count(row)

    # -- what the project answers without reading every row (segment_pages.py) ------------

    @property
    def pages(self) -> SegmentPages | None:
        """The rows as read a page at a time from the project; None for a list."""
        return self._segments if isinstance(self._segments, SegmentPages) else None

    def typed_rows(self) -> list[int]:
        """The rows with unconfirmed typing, in order."""
        return sorted(self._typing)

    def stored_texts_with_status(self, statuses: Collection[str]) -> dict[int, str]:
        """The stored text of every row whose stored status is one of ``statuses``."""
        return texts_with_status(self._segments, statuses)

    def _emit_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, COL_MT), self.index(row, COL_STATUS),
                              [Qt.ItemDataRole.DisplayRole, DIFF_ROLE,
                               Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
                               Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                               TAG_PROBLEMS_ROLE, QA_ROLE])

    def _cell_text(self, row: int, column: int) -> str:
        segment = self._segments[row]
        if column == COL_SOURCE:
            return segment.source or ""
        if column == COL_MT:
            return segment.mt
        return self.current_text(row)

    def _status(self, row: int) -> str:
        if row in self._typing:
            return SegmentStatus.DRAFT
        return SegmentStatus.LOCKED if self.locked(row) else self._segments[row].status

    def _warning(self) -> QIcon:
        if self._warning_icon is None:
            self._warning_icon = QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    def refresh_colours(self) -> None:
        """Paint every row again in the colours of the theme now in use."""
        self._diff_cache.clear()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _diff(self, row: int) -> str | None:
        segment = self._segments[row]
        text = self.current_text(row)
        if text == segment.mt:
            tags = self.tags(row)
            return tagged_html(text, tags) if tags and has_tag_chars(text) else None
        cached = self._diff_cache.get(row)
        if cached and cached[0] == text:
            return cached[1]
        tags = self.tags(row)
        parts = word_diff(segment.mt, text)
        rendered = tagged_diff_html(parts, tags)
        self._diff_cache[row] = (text, rendered)
        return rendered
