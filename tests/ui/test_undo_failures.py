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
    assert revisions_in_db(seed_project) == [(0, "corrected", "confirmed"), (0, mt, "edited")]
    assert window.undo_stack.index() == index - 1
    assert window.editor.text() == mt

    fault.remaining = 1
    errors = len(interaction.errors)
    ctrl(window, Qt.Key.Key_Z, shift=True)  # the redo's save fails: nothing moves
    assert len(revisions_in_db(seed_project)) == 2
    assert window.undo_stack.index() == index - 1
    assert window.model.segment(0).text == mt and window.editor.text() == mt
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


def test_replace_all_keeps_on_the_stack_exactly_what_it_saved(
        window: MainWindow, seed_project: Path, interaction: ScriptedInteraction,
        monkeypatch: pytest.MonkeyPatch) -> None:
    rows = range(window.model.rowCount())
    with_putin = [p for p in rows if "Putin" in window.model.segment(p).mt]
    assert len(with_putin) >= 3
    fault = Fault(window, monkeypatch, sqlite3.OperationalError("disk I/O error"))
    fault.remaining = 1
    assert window.replace_all("Putin", "V. Putin") == 0  # the first save fails
    assert revisions_in_db(seed_project) == [] and window.undo_stack.count() == 0
    assert "disk I/O error" in interaction.errors[-1][1]

    original = fault._add_revision
    saved: list[int] = []

    def third_fails(position: int, *args: object, **kwargs: object) -> object:
        if len(saved) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        saved.append(position)
        return original(position, *args, **kwargs)

    monkeypatch.setattr(window.session._store, "add_revision", third_fails)
    assert window.replace_all("Putin", "V. Putin") == 2
    assert [r[0] for r in revisions_in_db(seed_project)] == with_putin[:2]
    assert "2 of" in interaction.errors[-1][1]
    assert window.undo_stack.count() == 1
    assert [window.model.segment(p).text.count("V. Putin") > 0 for p in with_putin[:3]] == [
        True, True, False]

    monkeypatch.setattr(window.session._store, "add_revision", original)
    ctrl(window, Qt.Key.Key_Z)
    rows = revisions_in_db(seed_project)
    assert len(rows) == 4 and all("V. Putin" not in r[1] for r in rows[2:])
    assert all(window.model.segment(p).text == window.model.segment(p).mt for p in with_putin)


def test_an_undo_of_replace_all_that_fails_half_way_keeps_the_rest_undoable(
        window: MainWindow, seed_project: Path, interaction: ScriptedInteraction,
        monkeypatch: pytest.MonkeyPatch) -> None:
    changed = window.replace_all("Putin", "V. Putin")
    assert changed >= 3
    original = window.session._store.add_revision
    calls: list[int] = []

    def second_fails(position: int, *args: object, **kwargs: object) -> object:
        calls.append(position)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return original(position, *args, **kwargs)

    monkeypatch.setattr(window.session._store, "add_revision", second_fails)
    index = window.undo_stack.index()
    ctrl(window, Qt.Key.Key_Z)  # undo runs in reverse: the last segment is undone, then fails
    monkeypatch.setattr(window.session._store, "add_revision", original)
    assert window.undo_stack.index() == index
    assert "1 of" in interaction.errors[-1][1]
    undone, failed = calls
    model_texts = [window.model.segment(p) for p in range(window.model.rowCount())]
    assert model_texts[undone].text == model_texts[undone].mt
    assert "V. Putin" in model_texts[failed].text
    assert len(revisions_in_db(seed_project)) == changed + 1

    ctrl(window, Qt.Key.Key_Z)  # the rest is undone; the segment undone before stays undone
    rows = revisions_in_db(seed_project)
    assert len(rows) == 2 * changed
    assert all(window.model.segment(p).text == window.model.segment(p).mt
               for p in range(window.model.rowCount()))
    assert window.undo_stack.index() == index - 1
