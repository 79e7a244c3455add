"""Drafts, the score line and the heading in step with what the correction holds, with real
key events: typing undone leaves no draft, the score line is the text's, restored drafts
are scored, and the heading says the status the table says."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, select_all_and_delete, type_text

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.core.scoring import score_segment
from reviewer.session import ReviewSession
from reviewer.ui import editing
from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_HTER, COL_STATUS

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def drafts_in_db(project: Path) -> list[tuple[int, str]]:
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    rows = db.execute("SELECT s.position, d.text FROM drafts d "
                      "JOIN segments s ON s.id = d.segment_id").fetchall()
    db.close()
    return rows


def key(qtbot, which: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:  # type: ignore[no-untyped-def]
    """A real key press where the keyboard is (window shortcuts included)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, which, modifiers)


def activated(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.focus_correction()
    return window


def cell(window: MainWindow, row: int, column: int) -> str:
    return str(window.model.data(window.model.index(row, column)))


def score_line(window: MainWindow) -> str:
    return window.editor.scores_label.text()


def shown_hter(window: MainWindow) -> str:
    found = re.search(r"HTER (\d+\.\d)", score_line(window))
    assert found, score_line(window)
    return found.group(1)


@pytest.fixture
def quick_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drafts reach the file 50 ms after typing instead of 1.5 s."""
    monkeypatch.setattr(editing, "DRAFT_DELAY_MS", 50)


@pytest.mark.usefixtures("quick_drafts")
def test_typing_undone_leaves_no_draft_in_the_file_nor_after_a_restart(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        interaction: ScriptedInteraction, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = activated(qtbot, open_window(seed_project))
    interaction.next_integer = 12
    key(qtbot, Qt.Key.Key_G, CTRL)
    assert window.editor.position == 11
    mt = window.editor.text()
    key(qtbot, Qt.Key.Key_Home, CTRL)
    type_text(window.editor.correction_edit, "ZZZ ")
    qtbot.waitUntil(lambda: drafts_in_db(seed_project) == [(11, "ZZZ " + mt)])
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == mt and cell(window, 11, COL_STATUS) == "new"
    assert drafts_in_db(seed_project) == []  # the typing was taken back: so was its draft
    key(qtbot, Qt.Key.Key_M, CTRL | SHIFT)
    key(qtbot, Qt.Key.Key_Down, ALT)
    assert window.editor.position == 12
    qtbot.wait(150)  # a draft timer still running has fired
    assert drafts_in_db(seed_project) == []
    window.close()

    again = activated(qtbot, open_window(seed_project))
    assert again.editing.drafts == {}
    again.select_row(11)
    assert again.editor.text() == mt and "draft" not in again.editor.heading.text()


@pytest.mark.usefixtures("quick_drafts")
def test_a_restored_draft_typed_back_to_the_saved_text_is_gone(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    session = ReviewSession.open(seed_project)
    mt = session.segment(0).text
    session.save_draft(0, mt + "!", "tester", 900)  # kept by a window that then crashed
    session.close()
    window = activated(qtbot, open_window(seed_project))
    assert window.editor.text() == mt + "!"
    key(qtbot, Qt.Key.Key_Backspace)
    assert window.editor.text() == mt and drafts_in_db(seed_project) == []
    assert cell(window, 0, COL_STATUS) == "new"


def test_the_score_line_after_undoing_a_confirm_is_the_typed_texts(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    activated(qtbot, window)
    select_all_and_delete(window.editor.correction_edit)
    type_text(window.editor.correction_edit, "Putin says the army did well in Syria")
    qtbot.waitUntil(lambda: "(live;" in score_line(window), timeout=20000)
    typed_hter = shown_hter(window)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert window.editor.position == 1
    key(qtbot, Qt.Key.Key_Z, CTRL)  # undo the confirm: the typing stays, unsaved
    assert window.editor.position == 0
    assert cell(window, 0, COL_STATUS) == "draft"
    assert cell(window, 0, COL_HTER) == typed_hter
    assert "(live;" in score_line(window) and shown_hter(window) == typed_hter


def test_the_score_line_of_a_saved_edited_segment_says_saved(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    activated(qtbot, window)
    type_text(window.editor.correction_edit, " and more")
    qtbot.waitUntil(lambda: "(live;" in score_line(window), timeout=20000)
    typed_hter = shown_hter(window)
    key(qtbot, Qt.Key.Key_Down, ALT)  # kept as an edited revision
    key(qtbot, Qt.Key.Key_Up, ALT)
    assert window.editor.position == 0 and window.model.segment(0).status == "edited"
    assert "(saved;" in score_line(window) and shown_hter(window) == typed_hter


def test_restored_drafts_are_scored_when_the_project_opens(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    session = ReviewSession.open(seed_project)
    texts = {position: "A draft nobody confirmed " + str(position) for position in (4, 9)}
    expected = {position: f"{score_segment(session.segment(position).mt, text)[1].hter:.1f}"
                for position, text in texts.items()}
    for position, text in texts.items():
        session.save_draft(position, text, "tester", 500)
    session.close()
    window = open_window(seed_project)
    assert window.editor.position == 0  # neither draft is visited
    qtbot.waitUntil(lambda: all(cell(window, p, COL_HTER) != "…" for p in texts),
                    timeout=20000)
    assert {p: cell(window, p, COL_HTER) for p in texts} == expected
    assert all(cell(window, p, COL_STATUS) == "draft" for p in texts)
    window.select_row(4)  # visited: the same figures, live, at once
    assert "(live;" in score_line(window) and shown_hter(window) == expected[4]


def test_the_heading_says_draft_while_the_table_does(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    session = ReviewSession.open(seed_project)
    session.save_draft(3, "typed before a crash", "tester", 500)
    session.close()
    window = activated(qtbot, open_window(seed_project))
    assert "· new ·" in window.editor.heading.text()
    type_text(window.editor.correction_edit, "!")
    assert cell(window, 0, COL_STATUS) == "draft"
    assert "· draft ·" in window.editor.heading.text()
    key(qtbot, Qt.Key.Key_Z, CTRL)  # the typing taken back
    assert cell(window, 0, COL_STATUS) == "new" and "· new ·" in window.editor.heading.text()
    window.select_row(3)  # a restored draft: draft in both, and the note says so
    heading = window.editor.heading.text()
    assert cell(window, 3, COL_STATUS) == "draft"
    assert "· draft ·" in heading and heading.endswith("restored")

