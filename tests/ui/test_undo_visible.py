"""Undo you can see: undo and redo go to the segment they change, undoing a confirm keeps
the typing as a step of its own, and a text back to the MT is back to its earlier status."""

from __future__ import annotations

from pathlib import Path

from qt_helpers import press, select_all_and_delete, type_text
from test_keyboard import revisions_in_db

from PySide6.QtCore import Qt

from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_STATUS

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def keys(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    press(window.editor.correction_edit, key, modifiers)


def shown_status(window: MainWindow, row: int) -> str:
    return str(window.model.data(window.model.index(row, COL_STATUS)))


def test_undo_and_redo_go_to_the_segment_they_change(window: MainWindow,
                                                     seed_project: Path) -> None:
    mt = window.editor.text()
    select_all_and_delete(window.editor.correction_edit)
    type_text(window.editor.correction_edit, "corrected")
    keys(window, Qt.Key.Key_Return, CTRL)  # confirmed; on to segment 2
    window.select_row(9)
    assert window.editor.position == 9

    keys(window, Qt.Key.Key_Z, CTRL)  # undo the confirm: we see it happen in segment 1
    assert window.editor.position == 0 and window.table.currentIndex().row() == 0
    assert window.model.segment(0).status == "new"
    assert window.editor.text() == "corrected"  # the typing is still there, unsaved
    assert shown_status(window, 0) == "draft"

    keys(window, Qt.Key.Key_Z, CTRL)  # then the typing, a step of its own
    assert window.editor.text() == mt and shown_status(window, 0) == "new"

    window.select_row(20)
    keys(window, Qt.Key.Key_Z, CTRL | SHIFT)  # redo the typing, from far away
    assert (window.editor.position, window.editor.text()) == (0, "corrected")
    keys(window, Qt.Key.Key_Z, CTRL | SHIFT)  # and the confirm
    assert window.editor.position == 0
    assert (window.model.segment(0).text, window.model.segment(0).status) == (
        "corrected", "confirmed")
    assert [r[1:] for r in revisions_in_db(seed_project)] == [
        ("corrected", "confirmed"), (mt, "new"), ("corrected", "confirmed")]


def test_a_text_typed_back_to_the_mt_is_back_to_its_earlier_status(
        window: MainWindow, seed_project: Path) -> None:
    mt = window.editor.text()
    type_text(window.editor.correction_edit, " and more")
    keys(window, Qt.Key.Key_Down, ALT)  # kept as an unconfirmed edit
    assert window.model.segment(0).status == "edited"
    assert window.progress_label.text().endswith("edited 1")

    keys(window, Qt.Key.Key_Up, ALT)
    select_all_and_delete(window.editor.correction_edit)
    type_text(window.editor.correction_edit, mt)
    keys(window, Qt.Key.Key_Down, ALT)
    assert (window.model.segment(0).text, window.model.segment(0).status) == (mt, "new")
    assert shown_status(window, 0) == "new"
    assert window.progress_label.text().endswith("edited 0")
    assert revisions_in_db(seed_project)[-1] == (0, mt, "new")


def test_undoing_replace_all_goes_to_its_first_segment(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = [p for p in range(window.model.rowCount()) if "Putin" in window.model.segment(p).mt]
    window.select_row(25)
    window.replace_all("Putin", "V. Putin")
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    window.select_row(25)
    keys(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert window.editor.position == rows[0]
    assert all(window.model.segment(p).text == window.model.segment(p).mt for p in rows)
    window.select_row(25)
    keys(window, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert window.editor.position == rows[0]
    assert "V. Putin" in window.editor.text()
