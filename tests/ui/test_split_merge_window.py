"""Segment → Split segment at cursor and Merge with next, with real key events."""

from __future__ import annotations

from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, type_text

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextCursor

from reviewer.ui.main_window import MainWindow
from reviewer.ui.split_merge import SplitMergeActions

QUOTE = 4  # the seed's fifth segment: a quotation of several sentences
BREAK = "already there."
SPLIT_KEYS = (Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
              | Qt.KeyboardModifier.ShiftModifier)
MERGE_KEYS = (Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture(autouse=True)
def _with_the_actions(window: MainWindow) -> None:
    """The window's Segment menu has both actions (added here until the frame adds them)."""
    if window.findChild(QAction, "segment.split") is None:
        SplitMergeActions(window).add_actions(window.action_table)


def _put_cursor(window: MainWindow, offset: int) -> None:
    edit = window.editor.correction_edit
    cursor = edit.textCursor()
    cursor.setPosition(offset)
    edit.setTextCursor(cursor)


def test_split_at_the_cursor_in_the_correction_keeps_history_and_exports_byte_for_byte(
        qtbot, window: MainWindow, interaction: ScriptedInteraction,  # type: ignore[no-untyped-def]
        seed: Path, tmp_path: Path) -> None:
    window.select_row(QUOTE)
    mt = window.model.segment(QUOTE).mt
    count = window.model.rowCount()
    _put_cursor(window, mt.index(BREAK) + len(BREAK))
    interaction.answer = True
    qtbot.keyClick(window.editor.correction_edit, *SPLIT_KEYS)
    qtbot.waitUntil(lambda: not window.busy)
    assert window.model.rowCount() == count + 1
    assert window.model.segment(QUOTE).mt == mt[:mt.index(BREAK) + len(BREAK)]
    assert window.model.segment(QUOTE + 1).mt.startswith("It is sufficient")
    assert any("cannot be undone" in message for _title, message in interaction.messages)
    assert window.editor.position == QUOTE
    assert window.history.model.rowCount() == 1  # the part's first revision
    assert "split from segment 5" in (window.session.history(QUOTE + 1)[0].note or "")
    assert window.undo_stack.count() == 0
    assert window.export_to(tmp_path / "out.txt")
    assert (tmp_path / "out.txt").read_bytes() == seed.read_bytes()


def test_split_keeps_the_typing_and_splits_it_at_the_cursor(
        qtbot, window: MainWindow, interaction: ScriptedInteraction,  # type: ignore[no-untyped-def]
        ) -> None:
    window.select_row(QUOTE)
    edit = window.editor.correction_edit
    edit.moveCursor(QTextCursor.MoveOperation.Start)
    type_text(edit, "Well, ")
    mt = window.model.segment(QUOTE).mt
    _put_cursor(window, len("Well, ") + mt.index(BREAK) + len(BREAK))
    interaction.answer = True
    qtbot.keyClick(edit, *SPLIT_KEYS)
    qtbot.waitUntil(lambda: not window.busy)
    assert window.session.segment(QUOTE).text.startswith("Well, “In my opinion")
    assert window.session.segment(QUOTE).text.endswith(BREAK)
    assert window.session.segment(QUOTE + 1).text.startswith("It is sufficient")
    assert window.session.segment(QUOTE + 1).mt.startswith("It is sufficient")


def test_a_declined_split_changes_nothing(
        qtbot, window: MainWindow, interaction: ScriptedInteraction,  # type: ignore[no-untyped-def]
        ) -> None:
    window.select_row(QUOTE)
    count = window.model.rowCount()
    _put_cursor(window, 10)
    interaction.answer = False
    qtbot.keyClick(window.editor.correction_edit, *SPLIT_KEYS)
    assert window.model.rowCount() == count and interaction.errors == []


def test_merge_with_next_and_a_refusal_said_in_one_message(
        qtbot, window: MainWindow, interaction: ScriptedInteraction,  # type: ignore[no-untyped-def]
        ) -> None:
    first, second = window.model.segment(1).mt, window.model.segment(2).mt
    window.select_row(1)
    interaction.answer = True
    qtbot.keyClick(window.editor.correction_edit, *MERGE_KEYS)
    qtbot.waitUntil(lambda: not window.busy)
    assert window.model.segment(1).mt == first + " " + second
    assert window.editor.position == 1
    asked = interaction.messages[-1][1]
    assert asked.startswith("Merge segment 2 with segment 3?")
    assert "splitting the segment again" in asked and "merging the parts" not in asked
    last = window.model.rowCount() - 1
    window.select_row(last)
    qtbot.keyClick(window.editor.correction_edit, *MERGE_KEYS)
    assert interaction.errors and "last segment" in interaction.errors[-1][1]
    assert window.model.rowCount() == last + 1
