"""Keyboard first, with real key events: Tab and Space never confirm, Enter, every
shortcut, the shortcut list and changing a key, copying source or MT, next unconfirmed,
focus frames, and the segment table."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, select_all_and_delete, type_text
from test_undo_failures import revisions_in_db

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.locations import resources_dir
from reviewer.session import ReviewSession
from reviewer.ui.actions import SPECS
from reviewer.ui.main_window import MainWindow
from reviewer.ui.shortcuts_dialog import ShortcutsDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def key(qtbot, widget: QWidget | None, which: Qt.Key,  # type: ignore[no-untyped-def]
        modifiers: Qt.KeyboardModifier = NONE) -> None:
    """A real key press where the keyboard is (shortcuts included)."""
    assert widget is not None
    qtbot.keyClick(widget, which, modifiers)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def activated(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window active, as a user's is (window shortcuts need it)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.focus_correction()
    return window


@pytest.fixture
def window(window: MainWindow, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    return activated(qtbot, window)


@pytest.fixture
def aligned_project(tmp_path: Path) -> Path:
    """Three segments with source; the second one's MT and source span two lines."""
    segments = [ImportedSegment("The cat sleeps.", source="Кот спит."),
                ImportedSegment("First line\nsecond line", source="Первая\nвторая"),
                ImportedSegment("A dog barks.", source="Собака лает.")]
    path = tmp_path / "aligned.review"
    document = ImportedDocument(segments, Layout(("", "\n", "\n", "\n")), "lines")
    ReviewSession.create(path, document).close()
    return path


def test_tab_from_the_correction_never_lands_on_a_button_and_space_never_confirms(
        window: MainWindow, seed_project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = window.editor.correction_edit
    assert focused() is editor
    key(qtbot, editor, Qt.Key.Key_Tab)
    assert not isinstance(focused(), QAbstractButton)
    assert focused() is window.table  # the segment table is the next stop
    key(qtbot, focused(), Qt.Key.Key_Space)
    key(qtbot, focused(), Qt.Key.Key_Tab, SHIFT)  # and back
    assert focused() is editor
    key(qtbot, editor, Qt.Key.Key_Backtab, SHIFT)
    assert not isinstance(focused(), QAbstractButton)
    key(qtbot, focused(), Qt.Key.Key_Space)
    assert revisions_in_db(seed_project) == []
    assert window.editor.confirm_button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_plain_enter_adds_no_line_break_to_a_one_line_segment(
        open_window: Callable[[Path], MainWindow], aligned_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    window = activated(qtbot, open_window(aligned_project))
    editor = window.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, "A cat")
    key(qtbot, editor, Qt.Key.Key_Return)
    key(qtbot, editor, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert window.editor.text() == "A cat"
    assert "Shift+Enter" in window.statusBar().currentMessage()
    key(qtbot, editor, Qt.Key.Key_Return, SHIFT)  # always a line break
    type_text(editor, "sleeps")
    assert window.editor.text() == "A cat\nsleeps"

    window.select_row(1)  # its source and MT have a line break: Enter makes one
    select_all_and_delete(editor)
    type_text(editor, "one")
    key(qtbot, editor, Qt.Key.Key_Return)
    type_text(editor, "two")
    assert window.editor.text() == "one\ntwo"


def test_every_action_is_in_a_menu_with_its_keys(window: MainWindow) -> None:
    in_menus = {action.objectName(): action for menu in window.action_table.menus.values()
                for action in menu.actions() if action.objectName()}
    for spec in SPECS:
        action = in_menus[spec.name]
        assert [k.toString() for k in action.shortcuts()] == list(spec.keys)
    keys = [k for spec in SPECS for k in spec.keys]
    assert len(keys) == len(set(keys)), "two actions share a key"


def test_help_keyboard_shortcuts_lists_them_and_a_key_can_be_changed(
        window: MainWindow, seed_project: Path, tmp_path: Path,
        open_window: Callable[[Path], MainWindow], qtbot) -> None:  # type: ignore[no-untyped-def]
    key(qtbot, window.editor.correction_edit, Qt.Key.Key_F1)
    dialog = next(d for d in window._dialogs if isinstance(d, ShortcutsDialog))
    rows = dialog.rows()
    assert ("Segment", "Confirm and next", "Ctrl+Return, Ctrl+Enter") in rows
    assert ("Edit", "Copy MT into the correction", "Ctrl+Shift+M") in rows
    assert len(rows) == len(window.action_table.specs())  # SPECS and the parts' own

    assert not dialog.set_keys("segment.next_unconfirmed", ["Ctrl+G"])  # Go to segment's
    assert "already" in dialog.message.text()
    assert dialog.set_keys("segment.next_unconfirmed", ["Ctrl+Alt+U"])
    assert ("Segment", "Next unconfirmed", "Ctrl+Alt+U") in dialog.rows()
    dialog.close()
    editor = window.editor.correction_edit
    key(qtbot, editor, Qt.Key.Key_U, CTRL | ALT)
    assert window.editor.position == 1
    key(qtbot, window.editor.correction_edit, Qt.Key.Key_U, CTRL)  # no longer its key
    assert window.editor.position == 1

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("shortcuts/segment.next_unconfirmed") == "Ctrl+Alt+U"  # kept


def test_each_segment_shortcut_works_from_the_correction(
        window: MainWindow, seed_project: Path, interaction: ScriptedInteraction,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    def at() -> int:
        return window.editor.position

    key(qtbot, window.editor.correction_edit, Qt.Key.Key_Down, ALT)
    assert at() == 1 and focused() is window.editor.correction_edit
    key(qtbot, focused(), Qt.Key.Key_Up, ALT)
    assert at() == 0
    interaction.next_integer = 5
    key(qtbot, focused(), Qt.Key.Key_G, CTRL)
    assert at() == 4
    key(qtbot, focused(), Qt.Key.Key_T, CTRL)
    assert focused() is window.table
    key(qtbot, window.table, Qt.Key.Key_Down)  # arrows in the table move the segment
    assert at() == 5
    key(qtbot, window.table, Qt.Key.Key_Return)  # Enter goes to the correction
    assert focused() is window.editor.correction_edit and at() == 5
    key(qtbot, focused(), Qt.Key.Key_T, CTRL)
    key(qtbot, focused(), Qt.Key.Key_F6)
    assert focused() is window.editor.correction_edit
    type_text(window.editor.correction_edit, "!")
    key(qtbot, focused(), Qt.Key.Key_Return, CTRL)
    assert revisions_in_db(seed_project)[-1][0] == 5 and at() == 6
    key(qtbot, focused(), Qt.Key.Key_Z, CTRL)  # undo the confirm: back at segment 6
    assert at() == 5
    interaction.next_text = "v1"
    key(qtbot, focused(), Qt.Key.Key_L, CTRL)
    assert [v.label for v in window.session.versions()] == ["v1"]


def test_copy_source_or_mt_into_the_correction_is_one_undo_step(
        open_window: Callable[[Path], MainWindow], aligned_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    window = activated(qtbot, open_window(aligned_project))
    editor = window.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, "typed")
    key(qtbot, editor, Qt.Key.Key_S, CTRL | SHIFT)
    assert window.editor.text() == "Кот спит."
    key(qtbot, editor, Qt.Key.Key_M, CTRL | SHIFT)
    assert window.editor.text() == "The cat sleeps."
    key(qtbot, editor, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == "Кот спит."
    key(qtbot, editor, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == "typed"


def test_next_unconfirmed_is_the_next_one_after_this_one_wrapping(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):  # segments 1 to 3 confirmed as they are
        key(qtbot, window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    window.select_row(5)
    key(qtbot, window.editor.correction_edit, Qt.Key.Key_U, CTRL)
    assert window.editor.position == 6  # after this one, not the first in the document
    window.select_row(1)
    key(qtbot, window.editor.correction_edit, Qt.Key.Key_U, CTRL)
    assert window.editor.position == 3
    window.select_row(25)
    key(qtbot, window.editor.correction_edit, Qt.Key.Key_U, CTRL)
    assert window.editor.position == 3  # from the top again


def test_focus_frames_on_every_focusable_box(window: MainWindow) -> None:
    sheet = (resources_dir() / "style.qss").read_text(encoding="utf-8")
    framed = set(re.findall(r"(Q\w+)(?:#\w+)?:focus", sheet))
    missing = set()
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
            classes = []
            meta = widget.metaObject()
            while meta is not None:
                classes.append(meta.className())
                meta = meta.superClass()
            if not framed.intersection(classes):
                missing.add(classes[0])
    assert not missing, f"no focus frame for {sorted(missing)}"
