"""The menu actions of filters, sorting and find, with their keys."""

from __future__ import annotations

from reviewer.ui.actions import ActionSpec, ActionTable
from reviewer.ui.table_filters import TableFilters

FIND = ActionSpec("edit.find", "&Edit", "&Find…", ("Ctrl+F",), separator_before=True)
FIND_NEXT = ActionSpec("edit.find_next", "&Edit", "Find ne&xt", ("F3",))
FIND_PREVIOUS = ActionSpec("edit.find_previous", "&Edit", "Find pre&vious", ("Shift+F3",))
FILTER = ActionSpec("view.filter", "&View", "&Filter segments", ("Ctrl+Shift+F",),
                    separator_before=True)
SHOW_ALL = ActionSpec("view.show_all", "&View", "Show &all segments", ("Ctrl+Shift+A",))
DOCUMENT_ORDER = ActionSpec("view.document_order", "&View", "&Document order",
                            ("Ctrl+Shift+D",))


def add_filter_actions(actions: ActionTable, filters: TableFilters) -> None:
    """Put find next/previous and the filter's actions in the window's menus."""
    actions.add(FIND, filters.open_find)
    actions.add(FIND_NEXT, filters.find_next)
    actions.add(FIND_PREVIOUS, filters.find_previous)
    actions.add(FILTER, filters.filter_bar.focus_text)
    actions.add(SHOW_ALL, filters.clear)
    actions.add(DOCUMENT_ORDER, filters.document_order)
