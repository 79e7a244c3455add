"""View menu actions that reach parts of the window from the keyboard: the history list
and sorting the segment table by a column."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt

from reviewer.ui.actions import ActionSpec
from reviewer.ui.segment_model import (
    COL_CORRECTION,
    COL_HTER,
    COL_INDEX,
    COL_MT,
    COL_SOURCE,
    COL_STATUS,
)

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

HISTORY = ActionSpec("view.history", "&View", "Go to the &history list", ("Ctrl+Shift+H",),
                     separator_before=True)
SORT_MENU = "Sort &by"
SORTS = (
    (COL_INDEX, ActionSpec("view.sort_index", SORT_MENU, "&Number (#)")),
    (COL_SOURCE, ActionSpec("view.sort_source", SORT_MENU, "S&ource")),
    (COL_MT, ActionSpec("view.sort_mt", SORT_MENU, "&MT")),
    (COL_CORRECTION, ActionSpec("view.sort_correction", SORT_MENU, "&Correction")),
    (COL_HTER, ActionSpec("view.sort_hter", SORT_MENU, "&HTER")),
    (COL_STATUS, ActionSpec("view.sort_status", SORT_MENU, "&Status")),
)


def add_view_actions(window: MainWindow) -> None:
    """Put "Go to the history list" and View → Sort by in the window's menus."""
    actions = window.action_table
    actions.add(HISTORY, lambda: focus_history(window))
    view = actions.menus["&View"]
    actions.menus[SORT_MENU] = view.addMenu(SORT_MENU)
    sorts = {column: actions.add(spec, _sorter(window, column)) for column, spec in SORTS}
    for action in sorts.values():
        action.setCheckable(True)
    header = window.table.horizontalHeader()

    def show_sort() -> None:
        for column, action in sorts.items():
            action.setChecked(column == header.sortIndicatorSection())
            action.setVisible(not window.table.isColumnHidden(column))

    header.sortIndicatorChanged.connect(show_sort)
    actions.menus[SORT_MENU].aboutToShow.connect(show_sort)
    show_sort()


def focus_history(window: MainWindow) -> None:
    """Show the History panel in front of its tab, the keyboard in its list."""
    window.history_dock.show()
    window.history_dock.raise_()
    table = window.history.table
    table.setFocus(Qt.FocusReason.ShortcutFocusReason)
    if not table.selectionModel().hasSelection() and table.model().rowCount():
        # the newest revision, what it changed shown below (selectRow would read the
        # shortcut's Ctrl and Shift as a toggle or a range)
        table.selectionModel().setCurrentIndex(
            table.model().index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)


def sort_by(window: MainWindow, column: int) -> None:
    """Sort the segment table by ``column``: ascending, or the other way if it already is."""
    header = window.table.horizontalHeader()
    order = Qt.SortOrder.AscendingOrder
    if header.sortIndicatorSection() == column \
            and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
        order = Qt.SortOrder.DescendingOrder
    header.setSortIndicator(column, order)


def _sorter(window: MainWindow, column: int) -> Callable[[], None]:
    return lambda: sort_by(window, column)
