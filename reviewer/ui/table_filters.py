"""Filters, sorting and find over the segment table, wired to the table and the editor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTableView, QVBoxLayout, QWidget

from reviewer.core.errors import ReviewerError
from reviewer.core.filtering import SegmentFilter, match_spans, next_match
from reviewer.core.tags import tag_index
from reviewer.ui.editor_pane import EditorPane
from reviewer.ui.filter_bar import FilterBar
from reviewer.ui.find_bar import FindBar
from reviewer.ui.segment_filter import ModelFacts, SegmentFilterProxy
from reviewer.ui.segment_model import COL_CORRECTION, COL_INDEX, SegmentTableModel


def document_offset(text: str, index: int) -> int:
    """Where ``text[index]`` is in an editor's document: UTF-16 units, a tag chip one."""
    head = text[:index]
    if head.isascii():
        return index
    return index + sum(1 for char in head if ord(char) > 0xFFFF and tag_index(char) is None)


class TableFilters(QObject):
    """Puts a filter proxy between the table and the model, a filter bar above the table
    and a find bar below it; the window asks it to map rows both ways."""

    def __init__(self, table: QTableView, model: SegmentTableModel, editor: EditorPane,
                 save_pending: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table, self.model, self.editor = table, model, editor
        self._save_pending = save_pending
        self.proxy = SegmentFilterProxy(model, self)
        self.filter_bar = FilterBar()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.panel = QWidget()  # what the window lays out where the table was
        layout = QVBoxLayout(self.panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_bar)
        layout.addWidget(table, 1)
        layout.addWidget(self.find_bar)
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(COL_INDEX, Qt.SortOrder.AscendingOrder)
        self._follow = False  # a filter set from the bar: keep or move the selection once done
        self.filter_bar.changed.connect(self._on_filter_bar_changed)
        self.proxy.countChanged.connect(self.filter_bar.show_count)
        self.proxy.applied.connect(self._on_proxy_applied)
        self.find_bar.findRequested.connect(self.find)
        self.find_bar.closed.connect(self.editor.focus_correction)
        self.filter_bar.show_count(self.proxy.rowCount(), model.rowCount(), False)

    # -- rows both ways ------------------------------------------------------------------

    def index_of(self, row: int, column: int = COL_CORRECTION) -> QModelIndex:
        """The table index showing model ``row``; a filter hiding it is cleared first."""
        if self.proxy.proxy_row(row) < 0 and 0 <= row < self.model.rowCount():
            self._save_pending()
            self.filter_bar.clear()
        return self.proxy.mapFromSource(self.model.index(row, column))

    def select(self, row: int) -> None:
        """Make model ``row`` the table's current row, in view (its filter cleared if it
        hides the row)."""
        index = self.index_of(row)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def source_row(self, index: QModelIndex) -> int:
        """The model row a table index shows; -1 for none."""
        return self.proxy.mapToSource(index).row() if index.isValid() else -1

    def shown_after(self, row: int, step: int = 1) -> int:
        """The model row shown ``step`` rows below (above) model ``row``; -1 for none."""
        return self.proxy.shown_after(row, step)

    # -- filtering and sorting -----------------------------------------------------------

    def clear(self) -> None:
        """Show every segment again (Clear in the filter bar)."""
        self.filter_bar.clear()

    def reset(self) -> None:
        """Forget the filter and the sort, moving no selection: call it before the model
        shows another project (filters are not carried to the next one)."""
        self.filter_bar.reset()
        self.proxy.set_filter(SegmentFilter())
        self.table.horizontalHeader().setSortIndicator(COL_INDEX, Qt.SortOrder.AscendingOrder)
        self.find_bar.show_result("")

    def document_order(self) -> None:
        """Sort back to document order."""
        self.table.horizontalHeader().setSortIndicator(COL_INDEX, Qt.SortOrder.AscendingOrder)

    def _on_filter_bar_changed(self, segment_filter: SegmentFilter) -> None:
        try:
            self._follow = True
            self.proxy.set_filter(segment_filter)
        except ReviewerError as error:
            self._follow = False
            self.filter_bar.show_error(str(error))
            return
        self.filter_bar.show_error("")
        if self.proxy.filtering and self.proxy.proxy_row(self.editor.position) >= 0:
            self._keep_selection()

    def _on_proxy_applied(self) -> None:
        follow, self._follow = self._follow, False
        if not follow:
            return
        if self.proxy.proxy_row(self.editor.position) >= 0:
            self._keep_selection()
        elif self.proxy.rowCount():
            self._save_pending()  # the editor's segment is hidden: keep its typing first
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, COL_CORRECTION),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _keep_selection(self) -> None:
        """Select the editor's segment again without reloading it (its typing and timing
        stay): the selection model is told quietly, the view repainted."""
        index = self.proxy.mapFromSource(self.model.index(self.editor.position,
                                                          COL_CORRECTION))
        selection = self.table.selectionModel()
        if not index.isValid() or selection.currentIndex() == index:
            return
        blocked = selection.blockSignals(True)
        try:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            selection.blockSignals(blocked)
        self.table.viewport().update()
        self.table.scrollTo(index)

    # -- find ----------------------------------------------------------------------------

    def open_find(self) -> None:
        """Show the find bar, seeded with the correction's selected text if any."""
        selected = self.editor.correction_edit.textCursor().selectedText()
        self.find_bar.open(selected if selected and "\u2029" not in selected else "")

    def find_next(self) -> None:
        """The next segment (after the current, wrapping) that matches (F3)."""
        self.find(True)

    def find_previous(self) -> None:
        """The previous one (Shift+F3)."""
        self.find(False)

    def find(self, forward: bool = True) -> None:
        """Go to the next (previous) match: first within the open correction after its
        selection, then in the segments as shown; the match is selected in the correction."""
        query = self.find_bar.query()
        if query is None:
            self.open_find()
            return
        try:
            pattern = query.pattern()
        except ReviewerError as error:
            self.find_bar.show_result(str(error))
            return
        current = self.editor.position
        if "correction" in query.fields and current >= 0 \
                and self._select_in_correction(pattern, forward, after_cursor=True):
            self.find_bar.show_result(f"Segment {current + 1}")
            return
        facts = ModelFacts(self.model)
        fields = query.fields

        def matches(row: int) -> bool:
            facts.row = row
            return any(pattern.search(getattr(facts, field)) for field in fields)

        order = self.proxy.source_rows()
        row = next_match(order, current, matches, forward)
        if row is None:
            self.find_bar.show_result("No match" + (" among the segments shown"
                                                    if self.proxy.segment_filter.active
                                                    else ""))
            return
        if row != current:
            self.select(row)
        if "correction" in fields:
            self._select_in_correction(pattern, forward, after_cursor=False)
        here, there = self.proxy.proxy_row(current), self.proxy.proxy_row(row)
        wrapped = here >= 0 and (there <= here if forward else there >= here)
        self.find_bar.show_result(f"Segment {row + 1}" + (" (wrapped)" if wrapped else ""))

    def _select_in_correction(self, pattern: object, forward: bool,
                              after_cursor: bool) -> bool:
        """Select a match in the correction editor: the first after (last before) the
        selection, or, not ``after_cursor``, the first (last) of all; False if none."""
        edit = self.editor.correction_edit
        text = edit.text()
        spans = [(document_offset(text, start), document_offset(text, end))
                 for start, end in match_spans(pattern, text)]  # type: ignore[arg-type]
        if after_cursor:
            cursor = edit.textCursor()
            if forward:
                spans = [span for span in spans if span[0] >= cursor.selectionEnd()
                         and span != (cursor.selectionStart(), cursor.selectionEnd())]
            else:
                spans = [span for span in spans if span[1] <= cursor.selectionStart()]
        if not spans:
            return False
        start, end = spans[0] if forward else spans[-1]
        cursor = edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()
        return True
