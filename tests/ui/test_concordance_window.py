"""Tools → Concordance (Ctrl+K), from the keyboard: the words selected are searched, every
hit is listed in its context with its text and segment, Enter goes to the segment; one
window, asked for again in front; its mnemonics; the hit's context cut to fit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import select_all_and_delete, type_text
from test_keyboard_reach import menu_clashes, mnemonic_clashes
from test_match_pane import activate, make_project

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reviewer.ui.concordance_dialog import ConcordanceDialog
from reviewer.ui.concordance_model import COL_CONTEXT, COL_FIELD, COL_WHERE, DIFF_ROLE, around
from reviewer.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def key(qtbot, which: Qt.Key,  # type: ignore[no-untyped-def]
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, which, modifiers)


def the_dialog(window: MainWindow, qtbot) -> ConcordanceDialog:  # type: ignore[no-untyped-def]
    dialog = window.memory.concordance.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_ctrl_k_finds_a_word_and_enter_goes_to_its_segment(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    activate(window, qtbot)
    window.select_row(0)
    key(qtbot, Qt.Key.Key_K, CTRL)
    dialog = the_dialog(window, qtbot)
    assert QApplication.focusWidget() is dialog.search_edit
    type_text(dialog.search_edit, "milk")
    key(qtbot, Qt.Key.Key_Return)  # searches at once, the keyboard goes to the hits
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table, timeout=5000)
    model = dialog.model
    assert model.rowCount() == 1
    assert model.index(0, COL_WHERE).data() == "Segment 3"
    assert model.index(0, COL_FIELD).data() == "MT"
    assert "<span" in model.index(0, COL_CONTEXT).data(DIFF_ROLE)
    assert model.index(0, COL_CONTEXT).data() == "Cat drinks the milk."
    assert dialog.count_label.text() == "1 hit for “milk”"
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.position == 2)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is window.editor.correction_edit
    assert dialog.isVisible()  # still open for the next hit


def test_the_words_selected_are_searched_in_the_mt_and_the_corrections(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    activate(window, qtbot)
    window.select_row(0)
    edit = window.editor.correction_edit
    select_all_and_delete(edit)
    type_text(edit, "The dog sleeps in the garden.")
    key(qtbot, Qt.Key.Key_Return, CTRL)  # confirmed: a correction to find
    qtbot.waitUntil(lambda: window.editor.position == 1)
    cursor = edit.textCursor()  # "The dog" selected in segment 2's correction (its MT)
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 7)
    edit.setTextCursor(cursor)
    key(qtbot, Qt.Key.Key_K, CTRL)
    dialog = the_dialog(window, qtbot)
    assert dialog.search_edit.text() == "The dog"
    qtbot.waitUntil(lambda: not dialog.searching and dialog.model.rowCount() > 0,
                    timeout=5000)
    found = {(dialog.model.index(row, COL_WHERE).data(), dialog.model.index(row, COL_FIELD)
              .data()) for row in range(dialog.model.rowCount())}
    assert {("Segment 1", "MT"), ("Segment 1", "Correction"), ("Segment 2", "MT"),
            ("Segment 4", "MT")} <= found
    assert ("Segment 3", "MT") not in found

    window.activateWindow()  # Ctrl+K again: the same window, in front, the search selected
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.focus_correction()
    key(qtbot, Qt.Key.Key_K, CTRL)
    assert the_dialog(window, qtbot) is dialog
    assert dialog.search_edit.selectedText() == "The dog"
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.activateWindow()  # closed, then asked for again: back with its last search
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.focus_correction()
    key(qtbot, Qt.Key.Key_K, CTRL)
    assert the_dialog(window, qtbot) is dialog and dialog.search_edit.text() == "The dog"
    assert dialog.model.rowCount() == len(found)
    key(qtbot, Qt.Key.Key_Escape)


def test_a_read_only_window_searches_too(
        project: Path, interaction, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from reviewer.session import ReviewSession

    settings = QSettings(str(project.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(ReviewSession.open(project, read_only=True), interaction=interaction,
                        settings=settings)
    qtbot.addWidget(window)
    window.show()
    dialog = window.memory.concordance.open()
    dialog.set_query("Hund")
    qtbot.waitUntil(lambda: not dialog.searching and dialog.model.rowCount() == 3,
                    timeout=5000)
    assert {dialog.model.index(row, COL_FIELD).data() for row in range(3)} == {"Source"}
    dialog.close()
    window.close()


def test_the_concordance_and_the_tools_menu_have_no_mnemonic_twice(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = window.memory.concordance.open()
    assert mnemonic_clashes(dialog) == {}
    assert mnemonic_clashes(window) == {}
    assert menu_clashes(window.action_table.menus["&Tools"]) == {}
    names = [action.objectName() for action in window.action_table.menus["&Tools"].actions()]
    assert {"tools.insert_match_1", "tools.concordance", "tools.add_memory"} <= set(names)
    assert window.action_table.keys("tools.concordance") == ["Ctrl+K"]
    dialog.close()


def test_a_hits_context_is_cut_at_words_and_marked_where_cut() -> None:
    text = " ".join(f"word{n}" for n in range(60)) + " target " + \
        " ".join(f"more{n}" for n in range(60))
    start = text.index("target")
    before, hit, after = around(text, start, start + 6, width=30)
    assert hit == "target"
    assert before.startswith("…") and not before.startswith("… ")
    assert after.endswith("…") and len(after) <= 32
    assert around("short target here", 6, 12) == ("short ", "target", " here")
    assert around("a\nb target", 4, 10)[0] == "a b "
