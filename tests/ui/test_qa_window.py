"""QA in the window: the row's warning icon, the live line under the editor, the document
check that jumps to each warning, and the checks switched off for the project."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from qa_seed import SEED_EDITS
from qt_helpers import press, select_all_and_delete, type_text

from PySide6.QtCore import Qt

from reviewer.core.qa import DOUBLE_SPACE, NUMBERS, REPEATED_WORD, SPELLING, TAGS
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow
from reviewer.ui.qa_actions import QaActions
from reviewer.ui.qa_dialog import QaDocumentDialog
from reviewer.ui.qa_settings_dialog import QaSettingsDialog
from reviewer.ui.segment_model import COL_STATUS, QA_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier


def with_qa(main: MainWindow) -> QaActions:
    """The window's QA part (made here until the main window composes it)."""
    if not isinstance(getattr(main, "qa", None), QaActions):
        main.qa = QaActions(main)  # type: ignore[attr-defined]
    qa = main.qa  # type: ignore[attr-defined]
    assert isinstance(qa, QaActions)
    return qa


@pytest.fixture
def window(open_window: Callable[[Path], MainWindow], seed_project: Path) -> MainWindow:
    main = open_window(seed_project)
    with_qa(main)
    return main


def retype(window: MainWindow, row: int, text: str) -> None:
    """Open segment ``row`` and type ``text`` over its correction with real key events."""
    window.select_row(row)
    editor = window.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, text)


def row_checks(window: MainWindow, row: int) -> list[str]:
    return [warning.check for warning in window.model.data(window.model.index(row, COL_STATUS),
                                                             QA_ROLE)]


def test_each_check_fires_on_the_seed_in_the_table(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    for number, (text, _check) in SEED_EDITS.items():
        retype(window, number - 1, text)
        press(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: row_checks(window, 12) == [SPELLING], timeout=10_000)  # loaded
    for number, (_text, check) in SEED_EDITS.items():
        status = window.model.index(number - 1, COL_STATUS)
        assert row_checks(window, number - 1) == [check], number
        assert window.model.data(status, Qt.ItemDataRole.DecorationRole) is not None
        assert window.model.data(status, Qt.ItemDataRole.ToolTipRole).startswith("QA warnings:")
    untouched = window.model.index(8, COL_STATUS)
    assert window.model.data(untouched, Qt.ItemDataRole.DecorationRole) is None
    assert window.model.data(untouched, QA_ROLE) == []


def test_the_icon_tooltip_lists_the_warnings_and_survives_reopening(
        window: MainWindow, seed_project: Path,
        open_window: Callable[[Path], MainWindow]) -> None:
    retype(window, 2, "The the President  of Russia")
    press(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    status = window.model.index(2, COL_STATUS)
    tip = window.model.data(status, Qt.ItemDataRole.ToolTipRole)
    assert "Double space: 2 spaces in a row" in tip
    assert "Repeated word: “The” twice in a row" in tip  # the word as written first
    window.close()
    again = open_window(seed_project)
    with_qa(again)
    assert row_checks(again, 2) == [DOUBLE_SPACE, REPEATED_WORD]


def test_the_live_line_follows_the_typing(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    line = window.editor.qa_warning
    window.select_row(1)  # SOCHI, October 22.
    assert line.isHidden()
    retype(window, 1, "SOCHI, October.")
    qtbot.waitUntil(lambda: line.isVisible(), timeout=2000)
    assert "number 22 (in the MT) is missing" in line.text()
    type_text(window.editor.correction_edit, " 22")
    qtbot.waitUntil(lambda: line.isHidden(), timeout=2000)


def test_the_live_line_shows_at_once_on_opening_a_segment(
        open_window: Callable[[Path], MainWindow], seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(4, "In my  view.", "anna")
    session.close()
    window = open_window(seed_project)
    with_qa(window)
    window.select_row(4)
    assert window.editor.qa_warning.isVisible()
    assert "2 spaces in a row" in window.editor.qa_warning.text()
    window.select_row(5)
    assert window.editor.qa_warning.isHidden()


def test_tags_keep_their_own_line(open_window: Callable[[Path], MainWindow],
                                  tmp_path: Path) -> None:
    from tag_project import tagged_project

    window = open_window(tagged_project(tmp_path))
    qa = with_qa(window)
    window.select_row(0)
    select_all_and_delete(window.editor.correction_edit)
    type_text(window.editor.correction_edit, "SOCHI,  22 October.")
    qa.check_editor_now()
    assert "2 spaces in a row" in window.editor.qa_warning.text()
    assert "tag" not in window.editor.qa_warning.text()
    press(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    assert TAGS in row_checks(window, 0) and DOUBLE_SPACE in row_checks(window, 0)


def test_confirming_with_warnings_says_so(window: MainWindow) -> None:
    retype(window, 2, "The President  of Russia")
    press(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    assert window.editor.position == 3  # a QA warning never stops the editor
    assert "Segment 3 was confirmed with a QA warning: 2 spaces in a row" in \
        window.statusBar().currentMessage()


def test_check_document_lists_the_warnings_and_jumps_to_each(
        open_window: Callable[[Path], MainWindow], seed_project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = ReviewSession.open(seed_project)
    session.edit(2, "The President of Russia,  Vladimir Putin, is convinced.", "anna")
    session.edit(1, "SOCHI, October.", "anna")
    session.close()
    window = open_window(seed_project)
    qa = with_qa(window)
    action = window.action_table.action("segment.check_document")
    action.trigger()
    dialog = qa.dialog
    assert isinstance(dialog, QaDocumentDialog) and dialog.isVisible()
    assert dialog.count_label.text() == "2 warnings in 2 segments"
    rows = [(dialog.tree.topLevelItem(i).text(0), dialog.tree.topLevelItem(i).text(1))
            for i in range(dialog.tree.topLevelItemCount())]
    assert rows == [("2", "Numbers"), ("3", "Double space")]
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    press(dialog.tree, Qt.Key.Key_Return)
    assert window.editor.position == 2
    cursor = window.editor.correction_edit.textCursor()
    assert cursor.selectedText() == "  "
    assert cursor.selectionStart() == 24


def test_a_large_document_is_checked_in_a_task(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    retype(window, 2, "The President  of Russia")
    press(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    qa = with_qa(window)
    monkeypatch.setattr("reviewer.ui.qa_actions.INLINE_SEGMENTS", 0)
    qa.check_document()
    qtbot.waitUntil(lambda: qa.dialog is not None and qa.dialog.tree.topLevelItemCount() == 1,
                    timeout=5000)
    assert not window.tasks.busy


def test_switching_a_check_off_clears_its_icon_and_is_kept(
        window: MainWindow, seed_project: Path,
        open_window: Callable[[Path], MainWindow]) -> None:
    retype(window, 2, "The President  of Russia")
    press(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    qa = with_qa(window)
    dialog = qa.settings_dialog()
    assert isinstance(dialog, QaSettingsDialog) and dialog.isVisible()
    assert dialog.box(DOUBLE_SPACE).isChecked()
    dialog.box(DOUBLE_SPACE).setChecked(False)
    dialog.accept()
    assert row_checks(window, 2) == []
    assert window.model.data(window.model.index(2, COL_STATUS),
                             Qt.ItemDataRole.DecorationRole) is None
    window.close()
    session = ReviewSession.open(seed_project, read_only=True)
    assert session.qa_disabled() == {DOUBLE_SPACE}
    session.close()


def test_the_settings_dialog_of_a_read_only_project_cannot_change_them(
        window: MainWindow, seed_project: Path) -> None:
    session = ReviewSession.open(seed_project, read_only=True)
    from reviewer.qa_service import SessionQa

    dialog = QaSettingsDialog(SessionQa(session), window)
    assert not dialog.box(NUMBERS).isEnabled()
    assert "read-only" in dialog.note.text()
    session.close()


def test_live_checks_are_fast_enough_for_the_gui_thread(window: MainWindow) -> None:
    qa = with_qa(window)
    window.select_row(4)  # the seed's longest sentence
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        qa.check_editor_now()
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.005, timings  # far below a frame: no worker thread needed


def test_spelling_marks_the_row_not_the_live_line_and_project_words_silence_it(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qa = with_qa(window)
    retype(window, 12, "Putin recalled that Moscow had ofered help.")
    qa.check_editor_now()
    assert window.editor.qa_warning.isHidden()  # the correction underlines it itself
    press(window.editor.correction_edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: row_checks(window, 12) == [SPELLING], timeout=10_000)
    assert "Spelling: “ofered” may be misspelled" in window.model.data(
        window.model.index(12, COL_STATUS), Qt.ItemDataRole.ToolTipRole)
    spelling = window.editor.correction_edit.spelling
    if spelling.checker is None:  # until the window hands it the project
        spelling.use_session(window.session)
    qtbot.waitUntil(lambda: spelling.ready, timeout=10_000)
    spelling.add_word("ofered")  # as its context menu does
    assert row_checks(window, 12) == []
