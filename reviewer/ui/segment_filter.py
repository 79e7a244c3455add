"""The segment table as filtered and sorted: a proxy whose rows are a list of model rows."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from reviewer.core.filtering import Predicate, SegmentFilter, sorted_rows
from reviewer.ui.segment_model import (
    COL_INDEX,
    SegmentTableModel,
)
from reviewer.ui.sort_keys import sort_key, status_name
from reviewer.ui.stored_scan import StoredScan

Index = QModelIndex | QPersistentModelIndex
SLICE_S = 0.015  # filtering works in slices this long: the window never waits longer
_name = status_name


class ModelFacts:
    """A row of the segment model as a filter sees it (``row`` is set before each test)."""

    __slots__ = ("model", "row", "warnings_of", "comments_of")

    def __init__(self, model: SegmentTableModel) -> None:
        self.model = model
        self.row = 0
        # the row's QA warnings and open comments where the model tells them (the QA and
        # comments parts add them); else its tag problems, and no comments
        qa = getattr(model, "qa_warnings", None)
        comments = getattr(model, "open_comments", None)
        self.warnings_of: Callable[[int], bool] = \
            (lambda row: bool(qa(row))) if qa else (lambda row: bool(model.tag_problems(row)))
        self.comments_of: Callable[[int], bool] = \
            (lambda row: comments(row) > 0) if comments else (lambda row: False)

    @property
    def status(self) -> str:
        status = self.model.status(self.row)
        return status if type(status) is str else _name(status)

    @property
    def hter(self) -> float:
        return self.model.hter(self.row)

    @property
    def source(self) -> str:
        return self.model.segment(self.row).source or ""

    @property
    def mt(self) -> str:
        return self.model.segment(self.row).mt

    @property
    def correction(self) -> str:
        return self.model.current_text(self.row)

    @property
    def warnings(self) -> bool:
        return self.warnings_of(self.row)

    @property
    def comments(self) -> bool:
        return self.comments_of(self.row)

    @property
    def position(self) -> int:
        return self.row


class SegmentFilterProxy(QAbstractProxyModel):
    """Shows the model rows a filter accepts, in document order or sorted by a column.

    A filter or sort is applied when set (rows being edited stay until the next one); a
    long project is filtered in slices, the first ones shown at once.
    """

    countChanged = Signal(int, int, bool)  # rows shown, rows in all, whether still filtering
    applied = Signal()  # a filter or sort has been applied in full

    def __init__(self, model: SegmentTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.facts = ModelFacts(model)
        self._model = model
        # proxy row -> model row; every row in order is a range (a million rows as lists
        # take a second and 60 MB), and then ``_where`` is not used
        self._rows: list[int] | range = []
        self._where: list[int] = []  # model row -> proxy row, -1 when hidden
        self._stored: StoredScan | None = None  # asks the project which rows can match
        self._filter = SegmentFilter()
        self._accepts: Predicate | None = None
        self._sort_column = COL_INDEX
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._scan = 0  # the next model row to test while filtering in slices
        self._found: list[int] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.setSourceModel(model)
        model.dataChanged.connect(self._on_source_data_changed)
        model.modelAboutToBeReset.connect(self._on_source_about_to_change)
        model.modelReset.connect(self._on_source_changed)
        for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved,
                       model.layoutChanged):
            signal.connect(self._on_source_rows_changed)
        self._apply()

    # -- what the window and the bars ask ------------------------------------------------

    @property
    def segment_filter(self) -> SegmentFilter:
        """The filter in force."""
        return self._filter

    @property
    def filtering(self) -> bool:
        """Whether slices of a long project are still being tested."""
        return self._timer.isActive()

    def set_filter(self, segment_filter: SegmentFilter) -> None:
        """Show only the rows ``segment_filter`` accepts; a bad regex raises ReviewerError
        and leaves the rows as they were."""
        accepts = segment_filter.predicate() if segment_filter.active else None
        self._filter, self._accepts = segment_filter, accepts
        self._apply()

    def refresh(self) -> None:
        """Apply the filter and sort again (rows edited since may come or go)."""
        self._apply()

    def source_rows(self) -> list[int]:
        """The model rows shown, in the order shown."""
        return list(self._rows)

    def proxy_row(self, source_row: int) -> int:
        """Where a model row is shown; -1 when the filter hides it."""
        if isinstance(self._rows, range):
            return source_row if 0 <= source_row < len(self._rows) else -1
        return self._where[source_row] if 0 <= source_row < len(self._where) else -1

    def shown_after(self, source_row: int, step: int = 1) -> int:
        """The model row shown ``step`` rows after (or before) ``source_row``; -1 for none.
        A hidden row counts from where it would be in document order."""
        at = self.proxy_row(source_row)
        if at < 0:
            later = [row for row in self._rows if (row > source_row if step > 0
                                                   else row < source_row)]
            if not later:
                return -1
            return min(later) if step > 0 else max(later)
        target = at + step
        return self._rows[target] if 0 <= target < len(self._rows) else -1

    # -- Qt proxy API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._model.columnCount()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows)) \
                or not (0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        if not proxy_index.isValid() or proxy_index.row() >= len(self._rows):
            return QModelIndex()
        return self._model.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self.proxy_row(source_index.row())
        return QModelIndex() if row < 0 else self.createIndex(row, source_index.column())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self._model.headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column; the # column ascending is document order."""
        self._sort_column, self._sort_order = column, order
        if self.filtering:
            self._apply()
            return
        self._reorder(self._sorted(self._rows))
        self.applied.emit()

    # -- filtering -----------------------------------------------------------------------

    def _apply(self) -> None:
        self._timer.stop()
        total = self._model.rowCount()
        self.beginResetModel()
        if self._accepts is None and self._document_order():
            self._rows, self._where, self._found, self._scan = range(total), [], [], total
            self._stored = None
            self.endResetModel()
            self._finish()
            return
        self._where = [-1] * total
        self._rows, self._found, self._scan = [], [], 0
        self._stored = None
        if self._accepts is None:
            self._found, self._scan = list(range(total)), total
        else:
            if StoredScan.usable(self._model, self._filter):
                pages = self._model.pages
                assert pages is not None
                self._stored = StoredScan(self._model, pages, self._filter, self._accepts)
            self._test_slice()
        if self._scan >= total or self._document_order():
            self._show(self._found if self._scan < total else self._sorted(self._found))
        self.endResetModel()
        if self._scan < total:
            self._timer.start()
            self.countChanged.emit(len(self._rows), total, True)
        else:
            self._finish()

    def _test_slice(self) -> None:
        accepts, facts, found = self._accepts, self.facts, self._found
        assert accepts is not None
        total = self._model.rowCount()
        deadline = time.perf_counter() + SLICE_S
        row = self._scan
        while row < total and self._stored is not None:
            end = min(row + self._stored.size, total)
            found += self._stored.accepted(row, end, facts)
            row = end
            if time.perf_counter() > deadline:
                break
        while row < total and self._stored is None:
            end = min(row + 500, total)
            for candidate in range(row, end):
                facts.row = candidate
                if accepts(facts):
                    found.append(candidate)
            row = end
            if time.perf_counter() > deadline:
                break
        self._scan = row

    def _on_timer_timeout(self) -> None:
        before = len(self._found)
        self._test_slice()
        total = self._model.rowCount()
        if self._document_order() and len(self._found) > before:
            assert isinstance(self._rows, list)  # a range only when nothing is left out
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(self._found) - before - 1)
            for row in self._found[before:]:
                self._where[row] = len(self._rows)
                self._rows.append(row)
            self.endInsertRows()
        if self._scan < total:
            self.countChanged.emit(len(self._rows), total, True)
            return
        self._timer.stop()
        if not self._document_order():
            self.beginResetModel()
            self._show(self._sorted(self._found))
            self.endResetModel()
        self._finish()

    def _finish(self) -> None:
        self.countChanged.emit(len(self._rows), self._model.rowCount(), False)
        self.applied.emit()

    def _show(self, rows: list[int]) -> None:
        """Make ``rows`` the rows shown (the caller tells the views)."""
        self._rows = list(rows)
        if len(self._where) != self._model.rowCount():
            self._where = [-1] * self._model.rowCount()
        where = self._where
        for number, row in enumerate(self._rows):
            where[row] = number

    # -- sorting -------------------------------------------------------------------------

    def _document_order(self) -> bool:
        return self._sort_column == COL_INDEX \
            and self._sort_order == Qt.SortOrder.AscendingOrder

    def _sorted(self, rows: Sequence[int]) -> list[int]:
        if self._document_order():
            return sorted(rows)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted_rows(rows, self._sort_key(), descending)

    def _sort_key(self) -> Callable[[int], object]:
        return sort_key(self._model, self._sort_column)

    def _reorder(self, rows: list[int]) -> None:
        """Show the same rows in another order; selections and the current row follow."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        sources = [(self._rows[index.row()], index.column()) for index in old]
        if isinstance(self._rows, range):
            self._where = [-1] * self._model.rowCount()
        for row in self._rows:
            self._where[row] = -1
        self._show(rows)
        self.changePersistentIndexList(
            old, [self.createIndex(self._where[row], column) for row, column in sources])
        self.layoutChanged.emit()

    # -- the model changing --------------------------------------------------------------

    def _on_source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                                roles: list[int]) -> None:
        first, last = top_left.row(), bottom_right.row()
        left, right = top_left.column(), bottom_right.column()
        if last - first > 64:
            if self._rows:
                self.dataChanged.emit(self.index(0, left),
                                      self.index(len(self._rows) - 1, right), roles)
            return
        for row in range(first, last + 1):
            at = self.proxy_row(row)
            if at >= 0:
                self.dataChanged.emit(self.index(at, left), self.index(at, right), roles)

    def _on_source_about_to_change(self) -> None:
        self._timer.stop()
        self.beginResetModel()
        self._rows, self._where = [], []

    def _on_source_changed(self) -> None:
        self.endResetModel()
        self._apply()

    def _on_source_rows_changed(self, *args: object) -> None:
        self._apply()
