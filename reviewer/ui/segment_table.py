"""The table of segments as the window shows it: rich cells, whole rows, keyboard-first."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from reviewer.ui.diff_delegate import DiffDelegate
from reviewer.ui.segment_model import (
    COL_CORRECTION,
    COL_HTER,
    COL_INDEX,
    COL_MT,
    COL_SOURCE,
    COL_STATUS,
    SegmentTableModel,
)


class SegmentTableView(QTableView):
    """Rows are segments; arrows move between them, Enter goes to the correction."""

    enterPressed = Signal()  # plain Enter on a row: edit its correction

    def __init__(self, model: SegmentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("segmentTable")
        self.setModel(model)
        # rich cells: the MT's diff, and tags as chips in every text column
        for column in (COL_SOURCE, COL_MT, COL_CORRECTION):
            self.setItemDelegateForColumn(column, DiffDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in every other box
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # fixed heights of three whole lines: sizing rows to their contents does not scale
        vertical.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 3 + 2)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (COL_SOURCE, COL_MT, COL_CORRECTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_INDEX, 44)
        header.resizeSection(COL_HTER, 60)
        header.resizeSection(COL_STATUS, 108)  # room for a tag warning's icon

    def segment_model(self) -> SegmentTableModel:
        """The model of segments shown."""
        model = self.model()
        assert isinstance(model, SegmentTableModel)
        return model

    def select_row(self, row: int) -> None:
        """Make ``row`` the current segment and scroll it into view."""
        index = self.model().index(row, COL_CORRECTION)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(index)

    def current_row(self) -> int:
        """The current segment's row (-1 for none)."""
        return self.currentIndex().row()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.state() != QAbstractItemView.State.EditingState:
            event.accept()
            self.enterPressed.emit()
            return
        super().keyPressEvent(event)
