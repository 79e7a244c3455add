"""Learned fixes in the window: the underline, Ctrl+. (undone by Ctrl+Z), apply everywhere
(one Ctrl+Z), dismiss."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.core.status import SegmentStatus
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow
from reviewer.ui.suggestion_marks import underlined
from reviewer.ui.theme import colours

SEGMENT_7 = ("“We act in accordance with our beliefs and the norms of international law,” "
             "said the Russian President.")
PHRASE = "President of the Russian Federation"


@pytest.fixture
def taught(seed_project: Path) -> Path:
    """The seed article with segment 7 corrected and confirmed."""
    session = ReviewSession.open(seed_project)
    session.edit(6, SEGMENT_7, "tester")
    session.close()
    return seed_project


def open_at(window: MainWindow, qtbot, row: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.suggestions.learned is not None, timeout=10000)
    window.select_row(row)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def press(window: MainWindow, qtbot, modifiers: Qt.KeyboardModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Period, modifiers)


def test_the_phrase_is_underlined_with_its_fix_under_the_editor(
        open_window, taught: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(taught)
    open_at(window, qtbot, 13)
    text = window.editor.text()
    start = text.index(PHRASE)
    marks = underlined(window.editor.correction_edit)
    assert (start, start + len(PHRASE), colours().qcolor("suggestion")) in marks
    assert (text.index("”, – said"), text.index("”, – said") + 9,
            colours().qcolor("suggestion")) in marks
    line = window.suggestions.line
    assert line.isVisible()
    assert "Learned from segment 7: ‘”, – said’ → ‘,” said’ (one of 2 here)" in line.text()
    assert "Ctrl+. apply" in line.text()
    open_at(window, qtbot, 6)  # the confirmed segment itself: nothing
    assert underlined(window.editor.correction_edit) == []
    assert not line.isVisible()


def test_ctrl_period_applies_the_fix_and_ctrl_z_takes_it_back(
        open_window, taught: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(taught)
    open_at(window, qtbot, 18)
    before = window.editor.text()
    assert PHRASE in before
    press(window, qtbot, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.text() == before.replace(PHRASE, "Russian President")
    assert underlined(window.editor.correction_edit) == []
    assert window.session.segment(18).text == before  # typing, not saved by itself
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.editor.text() == before
    assert len(underlined(window.editor.correction_edit)) == 1


def test_apply_everywhere_then_one_ctrl_z_restores_every_segment(
        open_window, taught: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(taught)
    open_at(window, qtbot, 3)  # "”, – said" in segments 4, 5 and 14
    texts = {p: window.session.segment(p).text for p in (3, 4, 13)}
    press(window, qtbot, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not window.busy and window.undo_stack.count() == 1,
                    timeout=20000)
    for position, text in texts.items():
        segment = window.session.segment(position)
        assert segment.text == text.replace("”, – said", ",” said")
        assert segment.status == SegmentStatus.EDITED
    assert window.editor.text() == window.session.segment(3).text
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier)  # one Ctrl+Z: every segment back
    qtbot.waitUntil(lambda: not window.busy and window.undo_stack.index() == 0,
                    timeout=20000)
    for position, text in texts.items():
        assert window.session.segment(position).text == text
        assert window.session.segment(position).status == SegmentStatus.NEW


def test_dismiss_removes_the_underline_and_is_remembered(
        open_window, taught: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(taught)
    open_at(window, qtbot, 18)
    assert len(underlined(window.editor.correction_edit)) == 1
    press(window, qtbot, Qt.KeyboardModifier.ControlModifier
          | Qt.KeyboardModifier.AltModifier)
    assert underlined(window.editor.correction_edit) == []
    assert not window.suggestions.line.isVisible()
    assert window.session.suggestions(18) == []
    assert window.session.suggestions(13) != []  # only here
    window.close()
    again = open_window(taught)
    open_at(again, qtbot, 18)
    assert underlined(again.editor.correction_edit) == []
    open_at(again, qtbot, 13)
    assert len(underlined(again.editor.correction_edit)) == 2


def test_a_confirm_teaches_the_open_document_at_once(
        open_window, seed_project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    open_at(window, qtbot, 6)
    window.editor.correction_edit.selectAll()
    window.editor.correction_edit.insertPlainText(SEGMENT_7)
    window.confirm_current()
    open_at(window, qtbot, 18)
    qtbot.waitUntil(lambda: len(underlined(window.editor.correction_edit)) == 1,
                    timeout=10000)


def test_another_project_shows_only_its_own_fixes(
        open_window, taught: Path, seed: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
        qtbot) -> None:
    from reviewer.formats.plaintext import import_plain_text

    other = tmp_path / "other.review"
    ReviewSession.create(other, import_plain_text(seed)).close()
    window = open_window(taught)
    open_at(window, qtbot, 18)
    assert len(underlined(window.editor.correction_edit)) == 1
    assert window.open_project(other)
    qtbot.waitUntil(lambda: window.suggestions.learned is not None, timeout=10000)
    window.select_row(18)
    assert underlined(window.editor.correction_edit) == []
    assert len(window.suggestions.learned.index) == 0


def test_the_tooltip_on_the_phrase_names_the_fix(
        open_window, taught: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QTextCursor
    from PySide6.QtWidgets import QToolTip

    window = open_window(taught)
    open_at(window, qtbot, 18)
    edit = window.editor.correction_edit
    cursor = QTextCursor(edit.document())
    cursor.setPosition(window.editor.text().index(PHRASE) + 3)
    at = edit.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, at, edit.viewport().mapToGlobal(at))
    QApplication.sendEvent(edit.viewport(), event)
    assert QToolTip.text() == ("learned from segment 7: ‘President of the Russian Federation’ → "
                               "‘Russian President’ — Ctrl+. applies it")
    QToolTip.hideText()
