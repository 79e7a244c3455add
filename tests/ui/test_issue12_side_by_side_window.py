"""Issue 12's window parts beside a terminal, in a read-only window, across split and
merge, and on a project an older version wrote."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from old_project import old_project
from qt_helpers import select_all_and_delete, type_text

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow

SEGMENT_7 = ("“We act in accordance with our beliefs and the norms of international law,” "
             "said the Russian President.")
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def taught(seed_project: Path) -> Path:
    """The seed article with segment 7 corrected and confirmed."""
    session = ReviewSession.open(seed_project)
    session.edit(6, SEGMENT_7, "tester")
    session.close()
    return seed_project


def subprocess_verify(path: Path) -> bool:
    """``reviewer verify`` in a process of its own, as a terminal runs it."""
    return subprocess.run([sys.executable, "-m", "reviewer", "verify", str(path)],
                          capture_output=True, timeout=60).returncode == 0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_only_window(project: Path, tmp_path: Path, interaction,  # type: ignore[no-untyped-def]
                     qtbot) -> MainWindow:
    settings = QSettings(str(tmp_path / "ro.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ReviewSession.open(project, read_only=True), interaction=interaction,
                        settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_read_only_window_keys_refuse_and_write_nothing(
        taught: Path, tmp_path: Path, interaction, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = ReviewSession.open(taught)
    session.add_glossary_term("President", "Präsident")
    session.close()
    before = digest(taught)
    window = read_only_window(taught, tmp_path, interaction, qtbot)
    qtbot.waitUntil(lambda: window.suggestions.learned is not None, timeout=10000)
    window.select_row(13)  # a learned fix, a term; segment 7 a TM match
    text = window.editor.text()
    edit = window.editor.correction_edit
    for key, modifiers in ((Qt.Key.Key_1, CTRL), (Qt.Key.Key_G, CTRL_SHIFT),
                           (Qt.Key.Key_Period, CTRL), (Qt.Key.Key_Period, CTRL_SHIFT),
                           (Qt.Key.Key_Period, CTRL | Qt.KeyboardModifier.AltModifier),
                           (Qt.Key.Key_P, CTRL_SHIFT)):
        window.statusBar().clearMessage()
        qtbot.keyClick(edit, key, modifiers)
        assert not window.busy
        assert window.statusBar().currentMessage().startswith("Read-only:"), (key, modifiers)
        assert window.editor.text() == text
    assert interaction.errors == []
    window.close()
    assert digest(taught) == before


def test_a_schema_9_project_opened_by_the_window_gets_matches_fixes_and_repetitions(
        open_window, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.review"
    db = old_project(path, 9)
    for position, mt in ((1, "Hello world!"), (2, "Hello world"), (3, "Hello world again")):
        db.execute("INSERT INTO segments (position, mt, gap_before, mt_stats, mt_hter, "
                   "mt_bleu, mt_chrf) VALUES (?, ?, '\n', (SELECT mt_stats FROM segments "
                   "WHERE position = 0), 0, 100, 100)", (position, mt))
    db.commit()
    db.close()
    window = open_window(path)
    window.select_row(0)
    edit = window.editor.correction_edit
    select_all_and_delete(edit)
    type_text(edit, "Hallo world")
    qtbot.keyClick(edit, Qt.Key.Key_Return, CTRL)  # confirm; segment 3 repeats the MT
    qtbot.waitUntil(lambda: window.repetitions.bar.isVisible())
    assert window.editor.position == 1
    pane = window.memory.pane
    qtbot.waitUntil(lambda: pane.caption.text().startswith("Segment 2:")
                    and "looking up" not in pane.caption.text(), timeout=5000)
    assert [(m.score, m.target) for m in pane.matches] == [(91, "Hallo world")]
    qtbot.waitUntil(lambda: window.suggestions.learned is not None
                    and bool(window.suggestions.found), timeout=10000)
    assert [(s.mt, s.suggestion) for s in window.suggestions.found] == [("Hello", "Hallo")]
    window.repetitions.propagate()
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert window.session.segment(2).text == "Hallo world"
    window.close()
    assert subprocess_verify(path)


def confirm_segment_7(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.select_row(6)
    edit = window.editor.correction_edit
    select_all_and_delete(edit)
    type_text(edit, SEGMENT_7)
    qtbot.keyClick(edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.session.segment(6).status == "confirmed")


def found_at(window: MainWindow, qtbot, row: int) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    window.select_row(row)
    qtbot.waitUntil(lambda: not window.busy and window.suggestions.learned is not None
                    and not window.suggestions._timer.isActive(), timeout=10000)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: window.suggestions.learned is not None, timeout=10000)
    return [(s.learned_from, s.mt) for s in window.suggestions.found]


def test_dismissing_then_undoing_the_confirm_it_was_learned_from(
        open_window, seed_project: Path, interaction, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    confirm_segment_7(window, qtbot)
    qtbot.waitUntil(lambda: len(found_at(window, qtbot, 13)) == 2, timeout=10000)
    edit = window.editor.correction_edit
    qtbot.keyClick(edit, Qt.Key.Key_Period, CTRL | Qt.KeyboardModifier.AltModifier)
    assert len(window.suggestions.found) == 1
    kept = window.suggestions.found[0].mt
    window.undo_stack.undo()  # the confirm of segment 7: nothing is learned from it now
    qtbot.waitUntil(lambda: window.session.segment(6).status != "confirmed")
    qtbot.waitUntil(lambda: found_at(window, qtbot, 13) == [], timeout=10000)
    assert window.session.suggestions(13) == []  # its typing is saved, not confirmed
    window.select_row(6)
    qtbot.keyClick(edit, Qt.Key.Key_Return, CTRL)  # confirmed again: learned again
    qtbot.waitUntil(lambda: window.session.segment(6).status == "confirmed")
    qtbot.waitUntil(lambda: found_at(window, qtbot, 13) == [(6, kept)], timeout=10000)
    assert [s.mt for s in window.session.suggestions(13)] == [kept]  # still dismissed
    assert interaction.errors == []


def test_splitting_and_merging_a_segment_with_a_suggestion_showing(
        open_window, seed_project: Path, interaction, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    confirm_segment_7(window, qtbot)
    qtbot.waitUntil(lambda: len(found_at(window, qtbot, 13)) == 2, timeout=10000)
    edit = window.editor.correction_edit
    cursor = edit.textCursor()
    cursor.setPosition(20)
    edit.setTextCursor(cursor)
    interaction.answer = True
    rows = window.model.rowCount()
    assert window.split_merge.split_at_cursor()
    qtbot.waitUntil(lambda: not window.busy and window.model.rowCount() == rows + 1,
                    timeout=20000)
    session = window.session
    for row in (13, 14):
        shown = found_at(window, qtbot, row)
        assert shown == [(s.learned_from, s.mt) for s in session.suggestions(row)]
        for suggestion in window.suggestions.found:
            assert window.editor.text()[suggestion.start:suggestion.end] == suggestion.mt
    window.select_row(13)
    assert window.split_merge.merge_with_next()
    qtbot.waitUntil(lambda: not window.busy and window.model.rowCount() == rows,
                    timeout=20000)
    assert len(found_at(window, qtbot, 13)) == 2
    qtbot.keyClick(edit, Qt.Key.Key_Period, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not window.busy and "Applied" in
                    window.statusBar().currentMessage(), timeout=20000)
    assert interaction.errors == []
    window.close()
    assert subprocess_verify(seed_project)
