"""Repetitions in the window: a confirm offers propagation in the editor (no dialog),
Ctrl+Shift+P writes it as one undo step, and a setting makes it automatic."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, press, select_all_and_delete, type_text

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.formats.readers import import_document
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow
from reviewer.ui.repetition_actions import AUTOMATIC
from reviewer.ui.segment_model import COL_CORRECTION, COL_STATUS

CAT, MT = "The cat sat on the mat.", "Die Katze sass auf der Matte."
FIXED = "Die Katze saß auf der Matte."
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Segments 1, 3 and 4 share a source; segment 4 is confirmed already."""
    table = tmp_path / "in.tsv"
    table.write_text(f"source\tmt\n{CAT}\t{MT}\nThe dog barked.\tDer Hund bellte.\n"
                     f"{CAT}\t{MT}\n{CAT}\t{MT}\n", encoding="utf-8")
    path = tmp_path / "job.review"
    session = ReviewSession.create(path, import_document(table))
    session.edit(3, "Die Katze lag auf der Matte.", "bo")
    session.close()
    return path


def texts_in_db(project: Path) -> list[tuple[str, str]]:
    session = ReviewSession.open(project, read_only=True)
    try:
        return [(segment.text, str(segment.status)) for segment in session.segments()]
    finally:
        session.close()


def authors_in_db(project: Path) -> list[tuple[int, str]]:
    db = sqlite3.connect(project)
    rows = db.execute("SELECT s.position, r.author FROM revisions r JOIN segments s "
                      "ON s.id = r.segment_id ORDER BY r.id").fetchall()
    db.close()
    return rows


def confirm_first(window: MainWindow) -> None:
    window.select_row(0)
    editor = window.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, FIXED)
    press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.position == 1


def test_a_confirm_offers_and_ctrl_shift_p_propagates_as_one_step(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot,  # type: ignore[no-untyped-def]
        interaction: ScriptedInteraction) -> None:
    window = open_window(project)
    offer = window.repetitions
    confirm_first(window)
    qtbot.waitUntil(lambda: offer.bar.isVisible())
    assert offer.label.text().startswith("1 repetition of segment 1 is not confirmed — ")
    assert "Ctrl+Shift+P" in offer.label.text()
    assert interaction.messages == []  # no dialog asked anything

    window.activateWindow()  # the key is the window's shortcut
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert not offer.bar.isVisible()
    assert texts_in_db(project) == [(FIXED, "confirmed"), ("Der Hund bellte.", "new"),
                                    (FIXED, "confirmed"),
                                    ("Die Katze lag auf der Matte.", "confirmed")]
    assert authors_in_db(project)[-2:] == [(0, "tester"), (2, "tester")]
    assert window.model.data(window.model.index(2, COL_CORRECTION)) == FIXED
    assert window.model.data(window.model.index(2, COL_STATUS)) == "confirmed"
    stack = window.undo_stack
    assert [stack.text(i) for i in range(stack.count())][-2:] == [
        "Confirm segment 1", "Propagate segment 1 to 1 repetition"]

    press(window.editor.correction_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert texts_in_db(project)[:3] == [(FIXED, "confirmed"), ("Der Hund bellte.", "new"),
                                        (MT, "new")]
    assert window.model.data(window.model.index(2, COL_CORRECTION)) == MT
    press(window.editor.correction_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: texts_in_db(project)[0] == (MT, "new"))
    assert texts_in_db(project)[2] == (MT, "new")
    assert interaction.errors == []


def test_dismiss_and_undoing_the_confirm_take_the_offer_away(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    offer = window.repetitions
    confirm_first(window)
    qtbot.waitUntil(lambda: offer.bar.isVisible())
    offer.label.linkActivated.emit("dismiss")
    assert not offer.bar.isVisible()

    window.select_row(0)
    offer.offer(0, 1)
    window.undo_stack.undo()  # the confirm
    qtbot.waitUntil(lambda: not offer.bar.isVisible())
    assert texts_in_db(project)[2] == (MT, "new")


def test_the_setting_propagates_on_every_confirm(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    action = window.action_table.action("segment.propagate_automatically")
    assert action.isCheckable() and not action.isChecked()
    action.trigger()
    assert window.settings.get(AUTOMATIC) is True
    confirm_first(window)
    qtbot.waitUntil(lambda: texts_in_db(project)[2] == (FIXED, "confirmed"), timeout=20000)
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert not window.repetitions.bar.isVisible()
    stack = window.undo_stack  # the confirm, then the propagation
    assert [stack.text(i) for i in range(stack.count())][-2:] == [
        "Confirm segment 1", "Propagate segment 1 to 1 repetition"]
    window.close()
    again = open_window(project)
    assert again.action_table.action("segment.propagate_automatically").isChecked()


def test_check_document_lists_inconsistent_translations(
        open_window: Callable[[Path], MainWindow], project: Path) -> None:
    window = open_window(project)
    confirm_first(window)  # segment 4, same source, was confirmed otherwise
    window.repetitions.dismiss()
    window.qa.check_document()
    dialog = window.qa.dialog
    assert dialog is not None
    rows = [(dialog.tree.topLevelItem(i).text(0), dialog.tree.topLevelItem(i).text(1))
            for i in range(dialog.tree.topLevelItemCount())]
    assert ("1", "Inconsistent translation") in rows and ("4", "Inconsistent translation") in rows


def test_a_confirm_looks_its_repetitions_up_off_the_gui_thread(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a sentence repeated thousands of times took seconds (the first ask makes an index)
    window = open_window(project)
    looked_up_in: list[bool] = []  # per lookup: on the GUI thread?
    session = window.session
    repetitions = session.repetitions

    def spy(position: int) -> list[int]:
        looked_up_in.append(threading.current_thread() is threading.main_thread())
        return repetitions(position)

    monkeypatch.setattr(session, "repetitions", spy)
    confirm_first(window)
    qtbot.waitUntil(lambda: window.repetitions.bar.isVisible())
    assert window.repetitions.label.text().startswith("1 repetition of segment 1 ")
    assert looked_up_in == [False]


def test_opening_the_window_writes_nothing_to_find_repetitions(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    # an index made as the window opened (in a thread) held the project's write lock while
    # the window's own first writes came: 'busy, another program is writing'
    before = set(sqlite_names(project))
    window = open_window(project)
    confirm_first(window)
    qtbot.waitUntil(lambda: window.repetitions.bar.isVisible())
    assert set(sqlite_names(project)) == before


def sqlite_names(project: Path) -> list[str]:
    """The tables, indexes and triggers of a project file."""
    db = sqlite3.connect(project)
    try:
        return [str(row[0]) for row in db.execute("SELECT name FROM sqlite_master")]
    finally:
        db.close()

