"""Reviewer mode in the window, with real keys: accept, reject with a comment, the
reviewer's edit, the track changes in two colours, and the Rejected filter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot
from qt_helpers import ScriptedInteraction, type_text

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextEdit

from reviewer.core.status import SegmentStatus
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow
from reviewer.ui.review_mode import REVIEWER_MODE
from reviewer.ui.theme import colours

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def _fragments(view: QTextEdit) -> list[tuple[str, str, bool, bool]]:
    """Each run of the view's text: its text, colour, struck through, underlined."""
    found = []
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            found.append((fragment.text(), fmt.foreground().color().name(),
                          fmt.fontStrikeOut(), fmt.fontUnderline()))
            iterator += 1
        block = block.next()
    return found


def _edited_by_the_editor(project: Path) -> list[str]:
    """Segments 1-3 corrected and confirmed by the editor; their texts."""
    session = ReviewSession.open(project)
    texts = []
    for position in range(3):
        mt = session.segment(position).mt
        texts.append(session.edit(position, mt.replace(" ", " very ", 1), "ed").segment.text)
    session.close()
    return texts


def _reviewer_mode(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()  # window-wide keys reach the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_R, CTRL | ALT)
    assert window.review_mode.active and window.review_mode.note.isVisible()


def test_accept_reject_and_edit_in_reviewer_mode_with_keys(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        interaction: ScriptedInteraction, qtbot: QtBot) -> None:
    editor_texts = _edited_by_the_editor(seed_project)
    window = open_window(seed_project)
    _reviewer_mode(window, qtbot)
    window.select_row(0)
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_A, CTRL | ALT)  # accept
    assert window.editor.position == 1
    interaction.next_text = "The date is wrong"
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_J, CTRL | ALT)  # reject
    assert interaction.messages[-1][0] == "Reject segment 2"
    assert window.editor.position == 2
    window.editor.correction_edit.moveCursor(window.editor.correction_edit.textCursor()
                                             .MoveOperation.End)
    type_text(window.editor.correction_edit, " Checked")
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)  # reviewer's edit
    session = window.session
    assert [(s.status, s.text) for s in session.segments()[:3]] == [
        (SegmentStatus.REVIEWED, editor_texts[0]), (SegmentStatus.REJECTED, editor_texts[1]),
        (SegmentStatus.REVIEWED, editor_texts[2] + " Checked")]
    assert [session.history(p)[-1].role for p in range(3)] == ["reviewer"] * 3
    assert [c.text for c in session.comments(1)] == ["The date is wrong"]
    assert window.model.status(1) == SegmentStatus.REJECTED
    outcome = session.review_outcome()
    assert (outcome.accepted, outcome.rejected, outcome.edited) == (1, 1, 1)
    assert interaction.errors == []


def test_track_changes_show_the_editor_and_the_reviewer_in_two_colours(
        open_window: Callable[[Path], MainWindow], seed_project: Path, qtbot: QtBot) -> None:
    _edited_by_the_editor(seed_project)
    window = open_window(seed_project)
    _reviewer_mode(window, qtbot)
    window.select_row(0)
    box = window.editor.correction_edit
    box.moveCursor(box.textCursor().MoveOperation.End)
    type_text(box, " Checked")
    look = colours()
    editor_colour, reviewer_colour = look.editor_change, look.reviewer_change

    def marked() -> list[tuple[str, str, bool, bool]]:
        return [f for f in _fragments(window.editor.mt_view) if f[2] or f[3]]

    qtbot.waitUntil(lambda: any("Checked" in f[0] for f in marked()), timeout=3000)
    assert ("very", editor_colour, False, True) in [(t.strip(), c, s, u)
                                                     for t, c, s, u in marked()]
    assert ("Checked", reviewer_colour, False, True) in [(t.strip(), c, s, u)
                                                         for t, c, s, u in marked()]
    assert {f[1] for f in marked()} == {editor_colour, reviewer_colour}
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)  # saved: the marks stay when it comes back
    window.select_row(0)
    assert ("Checked", reviewer_colour, False, True) in [(t.strip(), c, s, u)
                                                         for t, c, s, u in marked()]
    qtbot.keyClick(box, Qt.Key.Key_R, CTRL | ALT)  # off: the plain diff of MT and text
    assert not window.review_mode.active
    assert {f[1] for f in marked()} <= {look.inserted, look.deleted}


def test_a_rejection_needs_a_reason_and_the_editor_filters_rejected(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        interaction: ScriptedInteraction, qtbot: QtBot) -> None:
    _edited_by_the_editor(seed_project)
    window = open_window(seed_project)
    _reviewer_mode(window, qtbot)
    window.select_row(0)
    interaction.next_text = "   "
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_J, CTRL | ALT)
    assert window.session.history(0)[-1].status == SegmentStatus.CONFIRMED  # nothing saved
    for reason in ("Too literal", "Terminology"):
        interaction.next_text = reason
        qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_J, CTRL | ALT)
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_R, CTRL | ALT)  # the editor
    bar = window.filters.filter_bar
    bar.status.setCurrentIndex(bar.status.findText("Rejected"))
    assert bar.count.text() == "2 of 26 segments"
    bar.status.setCurrentIndex(bar.status.findText("Reviewed"))
    assert bar.count.text() == "0 of 26 segments"
    bar.status.setCurrentIndex(bar.status.findText("Rejected"))
    window.select_row(0)
    type_text(window.editor.correction_edit, "!")  # the editor takes it back as usual
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    assert (window.session.segment(0).status, window.session.history(0)[-1].role) == (
        SegmentStatus.CONFIRMED, "editor")


def test_reviewer_mode_is_remembered_and_open_as_reviewer(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        interaction: ScriptedInteraction, qtbot: QtBot) -> None:
    window = open_window(seed_project)
    assert not window.review_mode.active
    assert not window.action_table.action("segment.review_accept").isEnabled()
    interaction.next_open = seed_project
    window.action_table.action("file.open_reviewer").trigger()
    assert window.review_mode.active
    assert window.action_table.action("segment.review_accept").isEnabled()
    assert window.settings.get(REVIEWER_MODE) is True
    window.close()
    again = open_window(seed_project)
    assert again.review_mode.active and again.review_mode.toggle_action.isChecked()
