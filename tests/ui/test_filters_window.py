"""Filters, sorting and find in the main window, with real key events."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot
from qt_helpers import type_text

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_HTER, COL_INDEX

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def saved(project: Path) -> list[tuple[int, str]]:
    db = sqlite3.connect(project)
    rows = db.execute("SELECT s.position, r.status FROM revisions r "
                      "JOIN segments s ON s.id = r.segment_id ORDER BY r.id").fetchall()
    db.close()
    return rows


def shown(window: MainWindow) -> list[int]:
    return window.filters.proxy.source_rows()


def test_confirm_two_then_filter_by_status_shows_two_of_all(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    editor = window.editor.correction_edit
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    assert window.editor.position == 2
    bar = window.filters.filter_bar
    assert bar.count.text() == "26 segments"
    bar.status.setCurrentIndex(bar.status.findText("Confirmed"))
    assert bar.count.text() == "2 of 26 segments"
    assert shown(window) == [0, 1]
    assert window.editor.position == 0  # its segment hidden, the editor went to the first
    assert window.table.model().rowCount() == 2
    bar.status.setCurrentIndex(bar.status.findText("Not confirmed"))
    assert bar.count.text() == "24 of 26 segments"


def test_next_and_confirm_go_to_the_next_row_shown(window: MainWindow, qtbot: QtBot,
                                                   seed_project: Path) -> None:
    bar = window.filters.filter_bar
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_F, CTRL | SHIFT)
    assert bar.text.hasFocus()
    qtbot.keyClicks(bar.text, "Syria")
    qtbot.keyClick(bar.text, Qt.Key.Key_Return)
    rows = shown(window)
    assert rows[0] == 0 and 1 < len(rows) < 26 and rows[1] > 1
    assert window.editor.position == 0
    window.editor.focus_correction()
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.editor.position == rows[1]
    type_text(window.editor.correction_edit, " (checked)")
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    assert saved(seed_project)[-1] == (rows[1], "confirmed")
    assert window.editor.position == rows[2]  # not the segment after it in the document


def test_the_editor_works_on_the_row_chosen_in_a_sorted_table(window: MainWindow,
                                                              qtbot: QtBot,
                                                              seed_project: Path) -> None:
    for _ in range(3):  # three segments with different HTERs
        type_text(window.editor.correction_edit, " and more words here")
        qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    header = window.table.horizontalHeader()
    centre = QPoint(header.sectionViewportPosition(COL_HTER)
                    + header.sectionSize(COL_HTER) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    top = shown(window)[:3]
    hters = [window.model.segment(row).hter for row in top]
    assert hters == sorted(hters, reverse=True) and hters[0] > 0
    assert window.table.model().index(0, COL_INDEX).data() == str(top[0] + 1)
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_T, CTRL)  # to the table
    qtbot.keyClick(window.table, Qt.Key.Key_Home, CTRL)
    assert window.editor.position == top[0]
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.editor.position == top[1]
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    type_text(window.editor.correction_edit, "!")
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    assert saved(seed_project)[-1] == (top[1], "confirmed")
    assert window.editor.position == shown(window)[2]
    window.filters.document_order()
    assert shown(window) == list(range(26))


def test_ctrl_f_f3_and_shift_f3_find_in_the_window(window: MainWindow, qtbot: QtBot) -> None:
    matching = [row for row in range(26) if "Moscow" in window.model.segment(row).mt]
    editor = window.editor.correction_edit
    qtbot.keyClick(editor, Qt.Key.Key_F, CTRL)
    find_bar = window.filters.find_bar
    assert find_bar.isVisible() and QApplication.focusWidget() is find_bar.text
    qtbot.keyClicks(find_bar.text, "Moscow")
    qtbot.keyClick(find_bar.text, Qt.Key.Key_Return)
    assert window.editor.position == matching[0]
    assert window.editor.correction_edit.textCursor().selectedText() == "Moscow"
    qtbot.keyClick(find_bar.text, Qt.Key.Key_Escape)
    assert not find_bar.isVisible()
    assert QApplication.focusWidget() is window.editor.correction_edit
    seen = [window.editor.position]
    while window.editor.position != matching[-1]:
        qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_F3)
        seen.append(window.editor.position)
    assert sorted(set(seen)) == matching
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_F3, SHIFT)
    assert window.editor.position in matching
    assert window.editor.correction_edit.textCursor().selectedText() == "Moscow"


def test_find_and_filter_actions_are_in_the_menus_with_their_keys(window: MainWindow) -> None:
    keys = {name: window.action_table.keys(name) for name in (
        "edit.find", "edit.find_next", "edit.find_previous", "view.filter", "view.show_all",
        "view.document_order")}
    assert keys["edit.find"] == ["Ctrl+F"]
    assert keys["edit.find_next"] == ["F3"] and keys["edit.find_previous"] == ["Shift+F3"]
    assert all(keys.values())


def test_another_project_opens_unfiltered(window: MainWindow) -> None:
    bar = window.filters.filter_bar
    bar.status.setCurrentIndex(bar.status.findText("New"))
    window.filters.proxy.sort(COL_HTER, Qt.SortOrder.DescendingOrder)
    window.show_session()
    assert bar.status.currentIndex() == 0
    assert shown(window) == list(range(26)) and bar.count.text() == "26 segments"
    assert window.editor.position == 0


def test_no_two_actions_share_a_key(window: MainWindow) -> None:
    table = window.action_table
    keys = [key for spec in table.specs() for key in table.keys(spec.name)]
    assert len(keys) == len(set(keys)), sorted(key for key in keys if keys.count(key) > 1)
