"""A save that fails never leaves a step on the undo stack that the file does not have."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, press, select_all_and_delete, type_text

from PySide6.QtCore import Qt

from reviewer.core.errors import ReviewerError
from reviewer.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
FAULTS = [sqlite3.OperationalError("disk I/O error"),
          ReviewerError("valdai.review: busy, another program is writing")]


def revisions_in_db(project: Path) -> list[tuple[int, str, str]]:
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    rows = db.execute("SELECT s.position, r.text, r.status FROM revisions r "
                      "JOIN segments s ON s.id = r.segment_id ORDER BY r.id").fetchall()
    db.close()
    return rows


class Fault:
    """Makes the window's next ``times`` saves fail the way a full or failing disk does."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                 error: Exception) -> None:
        store = window.session._store
        self._add_revision: Callable[..., object] = store.add_revision
        self.error = error
        self.remaining = 0
        monkeypatch.setattr(store, "add_revision", self._fail_or_save)

    def _fail_or_save(self, *args: object, **kwargs: object) -> object:
        if self.remaining:
            self.remaining -= 1
            raise self.error
        return self._add_revision(*args, **kwargs)


def retype(window: MainWindow, text: str) -> None:
    select_all_and_delete(window.editor.correction_edit)
    type_text(window.editor.correction_edit, text)


def ctrl(window: MainWindow, key: Qt.Key, shift: bool = False) -> None:
    press(window.editor.correction_edit, key, CTRL | SHIFT if shift else CTRL)


@pytest.mark.parametrize("error", FAULTS, ids=["sqlite", "reviewer"])
def test_a_confirm_that_cannot_be_saved_leaves_no_step_to_undo(
        window: MainWindow, seed_project: Path, interaction: ScriptedInteraction,
        monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    mt = window.editor.text()
    retype(window, "corrected")
    fault = Fault(window, monkeypatch, error)
    fault.remaining = 1
    index, count = window.undo_stack.index(), window.undo_stack.count()

    ctrl(window, Qt.Key.Key_Return)  # the confirm's save fails
    assert revisions_in_db(seed_project) == []
    assert (window.undo_stack.index(), window.undo_stack.count()) == (index, count)
    assert len(interaction.errors) == 1
    title, message = interaction.errors[0]
    assert str(error) in message and "segment 1" in message.lower() and "\n" not in message
    assert "Python override" not in message
    assert window.editor.position == 0 and window.editor.text() == "corrected"
    assert window.model.segment(0).status == "new"

    ctrl(window, Qt.Key.Key_Z)  # undoes the typing, writes nothing
    assert revisions_in_db(seed_project) == []
    assert window.editor.text() == mt
    ctrl(window, Qt.Key.Key_Z, shift=True)
    assert window.editor.text() == "corrected"

    ctrl(window, Qt.Key.Key_Return)  # the fault has cleared: saved, and on to segment 2
    assert revisions_in_db(seed_project) == [(0, "corrected", "confirmed")]
    assert window.editor.position == 1
    assert window.undo_action.text() == "&Undo Confirm segment 1"
    assert len(interaction.errors) == 1


def test_an_undo_that_cannot_be_saved_leaves_the_stack_and_the_window_as_they_were(
        window: MainWindow, seed_project: Path, interaction: ScriptedInteraction,
        monkeypatch: pytest.MonkeyPatch) -> None:
    mt = window.editor.text()
    retype(window, "corrected")
    ctrl(window, Qt.Key.Key_Return)
    window._select_row(0)
    fault = Fault(window, monkeypatch, sqlite3.OperationalError("database or disk is full"))
    index = window.undo_stack.index()

    for undo in (lambda: ctrl(window, Qt.Key.Key_Z), window.undo_action.trigger):  # Edit menu
        fault.remaining = 1
        undo()
        assert revisions_in_db(seed_project) == [(0, "corrected", "confirmed")]
        assert window.undo_stack.index() == index
        assert window.undo_action.text() == "&Undo Confirm segment 1"
        assert window.model.segment(0).text == "corrected"
        assert window.editor.text() == "corrected"
        title, message = interaction.errors[-1]
        assert title == "Could not undo" and "\n" not in message
        assert "database or disk is full" in message and "confirm segment 1" in message
    assert len(interaction.errors) == 2

    ctrl(window, Qt.Key.Key_Z)  # the disk has room again
    assert revisions_in_db(seed_project) == [(0, "corrected", "confirmed"), (0, mt, "new")]
    assert window.undo_stack.index() == index - 1
    assert window.model.segment(0).text == mt
    assert window.editor.text() == "corrected"  # the typing stays, a step of its own

    fault.remaining = 1
    errors = len(interaction.errors)
    ctrl(window, Qt.Key.Key_Z, shift=True)  # the redo's save fails: nothing moves
    assert len(revisions_in_db(seed_project)) == 2
    assert window.undo_stack.index() == index - 1
    assert window.model.segment(0).text == mt and window.editor.text() == "corrected"
    assert len(interaction.errors) == errors + 1

    ctrl(window, Qt.Key.Key_Z, shift=True)
    assert revisions_in_db(seed_project)[-1] == (0, "corrected", "confirmed")
    assert window.undo_stack.index() == index
    assert window.model.segment(0).text == "corrected"


def test_a_restore_that_cannot_be_saved_pushes_nothing(
        window: MainWindow, seed_project: Path, interaction: ScriptedInteraction,
        monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ("first", "second"):
        retype(window, text)
        ctrl(window, Qt.Key.Key_Return)
        window._select_row(0)
    fault = Fault(window, monkeypatch, sqlite3.OperationalError("disk I/O error"))
    fault.remaining = 1
    index = window.undo_stack.index()
    window.history.table.selectRow(1)  # newest first: revision 1
    window.history.restore_button.click()
    assert [r[1] for r in revisions_in_db(seed_project)] == ["first", "second"]
    assert window.undo_stack.index() == index
    assert window.undo_action.text() == "&Undo Confirm segment 1"
    assert window.editor.text() == "second"
    assert "disk I/O error" in interaction.errors[-1][1]

    window.history.restore_button.click()  # revision 1 is still selected
    assert [r[1] for r in revisions_in_db(seed_project)] == ["first", "second", "first"]
    assert window.undo_action.text() == "&Undo Restore revision 1 of segment 1"


class BatchFault:
    """Makes the window's next batch fail on its third segment, as a failing disk does."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        store = window.session._store
        self._append: Callable[..., object] = store._append_revision
        self.armed = False
        self.calls = 0
        monkeypatch.setattr(store, "_append_revision", self._fail_third)

    def _fail_third(self, *args: object) -> object:
        self.calls += 1
        if self.armed and self.calls == 3:
            self.armed = False
            raise sqlite3.OperationalError("disk I/O error")
        return self._append(*args)


def test_a_replace_all_that_cannot_be_saved_saves_and_pushes_nothing(
        window: MainWindow, seed_project: Path, interaction: ScriptedInteraction,
        monkeypatch: pytest.MonkeyPatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    with_putin = [p for p in range(window.model.rowCount())
                  if "Putin" in window.model.segment(p).mt]
    assert len(with_putin) >= 3
    fault = BatchFault(window, monkeypatch)
    fault.armed = True
    window.replace_all("Putin", "V. Putin")
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert revisions_in_db(seed_project) == [] and window.undo_stack.count() == 0
    title, message = interaction.errors[-1]
    assert "disk I/O error" in message and "Nothing was replaced" in message
    assert "\n" not in message
    assert all("V. Putin" not in window.model.segment(p).text for p in with_putin)

    window.replace_all("Putin", "V. Putin")  # the disk works again: all of them at once
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert [r[0] for r in revisions_in_db(seed_project)] == with_putin
    assert window.undo_stack.count() == 1
    assert all("V. Putin" in window.model.segment(p).text for p in with_putin)


def test_an_undo_of_replace_all_that_fails_leaves_everything_as_it_was(
        window: MainWindow, seed_project: Path, interaction: ScriptedInteraction,
        monkeypatch: pytest.MonkeyPatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.replace_all("Putin", "V. Putin")
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    changed = len(revisions_in_db(seed_project))
    assert changed >= 3
    fault = BatchFault(window, monkeypatch)
    fault.armed = True
    index = window.undo_stack.index()
    ctrl(window, Qt.Key.Key_Z)
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert window.undo_stack.index() == index
    title, message = interaction.errors[-1]
    assert title == "Could not undo" and "disk I/O error" in message
    assert len(revisions_in_db(seed_project)) == changed
    assert sum("V. Putin" in window.model.segment(p).text
               for p in range(window.model.rowCount())) == changed

    ctrl(window, Qt.Key.Key_Z)  # the rest is undone in one go
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert len(revisions_in_db(seed_project)) == 2 * changed
    assert all(window.model.segment(p).text == window.model.segment(p).mt
               for p in range(window.model.rowCount()))
    assert window.undo_stack.index() == index - 1
