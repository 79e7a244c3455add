"""Effort that is true, with real key events: an edit in the table's cell, a draft kept
after a crash and confirmed on reopening, and select-all retyping all save the editing
time and keystrokes they took with the revision, as typing in the correction does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from reviewer.session import ReviewSession
from reviewer.store.project import RevisionRecord
from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_CORRECTION

CTRL = Qt.KeyboardModifier.ControlModifier
PAUSE_MS = 15  # between keys: the editing time is the sum of such gaps


def typed(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` key by key with a short pause between keys, as a person does."""
    for char in text:
        qtbot.keyClicks(widget, char)
        qtbot.wait(PAUSE_MS)


def last_revision(window: MainWindow, position: int) -> RevisionRecord:
    """The newest revision of a segment, read back through the session's history."""
    return window.session.history(position)[-1]


def active(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_an_edit_in_the_table_saves_its_time_and_keys(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    active(qtbot, window)
    window.select_row(2)
    table = window.table
    table.setFocus()
    table.setCurrentIndex(window.filters.index_of(2, COL_CORRECTION))
    qtbot.keyClick(table, Qt.Key.Key_F2)  # the cell's editor, its text all selected
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    qtbot.wait(PAUSE_MS)
    typed(qtbot, cell, "New words")
    qtbot.keyClick(cell, Qt.Key.Key_Backspace)
    qtbot.keyClick(cell, Qt.Key.Key_Left)
    qtbot.wait(PAUSE_MS)
    qtbot.keyClick(cell, Qt.Key.Key_Return)  # commits the cell (a queued call)
    qtbot.waitUntil(lambda: len(window.session.history(2)) == 1)
    revision = last_revision(window, 2)
    assert revision.text == "New word"
    # the first key replaced the selected text: an insertion and a deletion
    assert (revision.keys_insert, revision.keys_delete, revision.keys_navigate) == (9, 2, 1)
    assert revision.editing_ms >= 9 * PAUSE_MS


def test_select_all_retyping_saves_its_time_and_keys(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    active(qtbot, window)
    window.select_row(1)
    editor = window.editor.correction_edit
    window.editor.focus_correction()
    qtbot.wait(PAUSE_MS)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    typed(qtbot, editor, "All new")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    revision = last_revision(window, 1)
    assert revision.text == "All new"
    # Ctrl+A selects (navigation); the first key replaces the selection (and deletes it)
    assert (revision.keys_insert, revision.keys_delete, revision.keys_navigate) == (7, 1, 1)
    assert revision.editing_ms >= 7 * PAUSE_MS


def test_a_recovered_draft_keeps_its_time_and_keys(  # type: ignore[no-untyped-def]
        qtbot, seed_project: Path, open_window: Callable[[Path], MainWindow]) -> None:
    session = ReviewSession.open(seed_project)
    mt = session.segment(0).text
    draft = mt + " (typed)"
    session.save_draft(0, draft, "tester", 4200)  # kept by a window that then crashed
    session.close()

    window = active(qtbot, open_window(seed_project))
    assert window.editor.position == 0 and window.editor.text() == draft
    window.editor.focus_correction()
    qtbot.wait(PAUSE_MS)
    typed(qtbot, window.editor.correction_edit, "!")
    window.save_draft()  # the draft kept again holds the time of both sittings
    assert window.session.drafts()[0].editing_ms >= 4200 + PAUSE_MS
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    revision = last_revision(window, 0)
    assert revision.text == draft + "!"
    assert revision.editing_ms >= 4200 + PAUSE_MS
    # the draft's own typing: at least the 8 characters it added, and the one typed now
    assert revision.keys_insert >= len(" (typed)") + 1


def test_a_draft_keeps_its_exact_keys_across_a_crash(  # type: ignore[no-untyped-def]
        qtbot, seed_project: Path, open_window: Callable[[Path], MainWindow],
        monkeypatch) -> None:
    window = active(qtbot, open_window(seed_project))
    edit = window.editor.correction_edit
    edit.setFocus()
    typed(qtbot, edit, "ab")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(edit, Qt.Key.Key_Left)
    window.save_draft()  # what the draft timer does; then the window is killed
    kept = window.session.drafts()[0]
    assert kept.keystrokes == (2, 1, 1)
    monkeypatch.setattr(window.editing, "save_pending", lambda: None)  # a crash saves nothing
    window.close()

    again = active(qtbot, open_window(seed_project))
    typed(qtbot, again.editor.correction_edit, "!")
    qtbot.keyClick(again.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    revision = last_revision(again, 0)
    # the first sitting's keys exactly (not the fewest its text needs: 1 insertion), and
    # the key typed after the restart
    assert (revision.keys_insert, revision.keys_delete) == (3, 1)
    assert revision.keys_navigate >= 1
