"""The main window as an editor uses it: type, confirm, find the work saved and exported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qt_helpers import ScriptedInteraction, press, select_all_and_delete, type_text
from sacrebleu.metrics import TER

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_CORRECTION, COL_HTER, COL_SOURCE, COL_STATUS

CORRECTION = "Putin: the Russian military is acting successfully in Syria, " \
             "but terrorism has not been defeated"


def revisions_in_db(project: Path) -> list[tuple[int, int, str, str, str]]:
    db = sqlite3.connect(project)
    rows = db.execute("SELECT s.position, r.number, r.text, r.author, r.status FROM revisions r "
                      "JOIN segments s ON s.id = r.segment_id ORDER BY r.id").fetchall()
    db.close()
    return rows


def test_opens_ready_to_type_in_the_first_unconfirmed_segment(window: MainWindow) -> None:
    assert window.windowTitle().startswith("valdai.review")
    editor = window.editor.correction_edit
    assert QApplication.focusWidget() is editor
    assert editor.toPlainText() == window.model.segment(0).mt
    assert editor.textCursor().position() == len(editor.toPlainText())
    assert window.table.isColumnHidden(COL_SOURCE)
    assert window.progress_label.text().startswith("Confirmed 0 / 26")


def test_type_confirm_then_find_revision_and_export(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                    seed_project: Path, tmp_path: Path,
                                                    interaction: ScriptedInteraction) -> None:
    editor = window.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, CORRECTION)
    assert window.model.data(window.model.index(0, COL_STATUS)) == "draft"
    # live scores arrive from the scoring process without blocking typing
    qtbot.waitUntil(lambda: "live" in window.editor.scores_label.text(), timeout=20000)
    expected = TER().sentence_score(window.model.segment(0).mt, [CORRECTION]).score
    assert f"HTER {expected:.1f}" in window.editor.scores_label.text()
    assert window.model.data(window.model.index(0, COL_HTER)) == f"{expected:.1f}"
    assert "line-through" in window.editor.mt_view.toHtml()

    press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert revisions_in_db(seed_project) == [(0, 1, CORRECTION, "tester", "confirmed")]
    assert window.editor.position == 1  # moved on to the next segment
    assert window.model.data(window.model.index(0, COL_STATUS)) == "confirmed"
    assert window.progress_label.text().startswith("Confirmed 1 / 26 · edited 1")

    out = tmp_path / "corrected.txt"
    interaction.next_save = out
    window.export_dialog()
    assert interaction.errors == []
    exported = out.read_text(encoding="utf-8")
    assert exported.startswith(CORRECTION + "\n\nSOCHI, October 22.")


def test_keypad_enter_confirms_too(window: MainWindow, seed_project: Path) -> None:
    editor = window.editor.correction_edit
    type_text(editor, " (updated)")
    press(editor, Qt.Key.Key_Enter,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
    rows = revisions_in_db(seed_project)
    assert len(rows) == 1 and rows[0][2].endswith("defeated (updated)")


def test_cyrillic_typing_is_saved_exactly(window: MainWindow, seed_project: Path) -> None:
    editor = window.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, "Путин: «ёлка» — ok")
    window.confirm_current()
    assert revisions_in_db(seed_project)[0][2] == "Путин: «ёлка» — ok"


def test_history_panel_lists_and_restores_revisions(window: MainWindow,
                                                    seed_project: Path) -> None:
    editor = window.editor.correction_edit
    for text in ("first version", "second version"):
        select_all_and_delete(editor)
        type_text(editor, text)
        window.confirm_current()
        window._select_row(0)
    assert window.history.model.rowCount() == 2
    assert window.history.model.revision(0).text == "second version"  # newest first

    window.history.table.selectRow(1)  # revision 1
    window.history.restore_button.click()
    assert window.editor.correction_edit.toPlainText() == "first version"
    assert [r[2] for r in revisions_in_db(seed_project)] == [
        "first version", "second version", "first version"]
    assert window.history.model.rowCount() == 3

    window.undo_stack.undo()  # undo the restore: a fourth revision, nothing deleted
    assert window.editor.correction_edit.toPlainText() == "second version"
    assert [r[2] for r in revisions_in_db(seed_project)][-1] == "second version"
    assert len(revisions_in_db(seed_project)) == 4


def test_moving_away_keeps_unconfirmed_typing(window: MainWindow, seed_project: Path) -> None:
    editor = window.editor.correction_edit
    type_text(editor, "!")
    window._move(1)
    assert revisions_in_db(seed_project)[0][4] == "edited"
    assert window.model.segment(0).text.endswith("defeated!")
    assert window.model.segment(0).status == "edited"


def test_editing_in_the_table_saves_a_revision(window: MainWindow, seed_project: Path) -> None:
    index = window.model.index(3, COL_CORRECTION)
    assert window.model.setData(index, "Edited in the grid.")
    assert revisions_in_db(seed_project)[-1][:3] == (3, 1, "Edited in the grid.")


def test_closing_saves_pending_typing(window: MainWindow, seed_project: Path) -> None:
    type_text(window.editor.correction_edit, " — closing")
    window.close()
    session = ReviewSession.open(seed_project)
    assert session.segment(0).text.endswith("defeated — closing")
    session.close()


def test_export_error_is_shown_not_raised(window: MainWindow, tmp_path: Path,
                                          interaction: ScriptedInteraction) -> None:
    interaction.next_save = tmp_path / "missing" / "out.txt"
    window.export_dialog()
    assert interaction.errors and "does not exist" in interaction.errors[0][1]


def test_open_refuses_a_broken_file_with_a_message(window: MainWindow, tmp_path: Path,
                                                   interaction: ScriptedInteraction) -> None:
    broken = tmp_path / "broken.review"
    broken.write_text("not a project")
    interaction.next_open = broken
    window.open_project_dialog()
    assert interaction.errors and "not a reviewer project" in interaction.errors[0][1]
    assert window.session.segment_count() == 26


def test_new_project_from_files_imports_in_the_background(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path,
                                                          interaction: ScriptedInteraction) -> None:
    from reviewer.ui.new_project_dialog import NewProjectRequest

    data = Path(__file__).parent.parent / "data"
    target = tmp_path / "aligned.review"
    interaction.next_new_project = NewProjectRequest(
        project=target, mt=data / "mt.en.txt", source=data / "source.ru.txt")
    window.new_project()
    qtbot.waitUntil(lambda: window.session.path == target, timeout=20000)
    assert window.model.rowCount() == 3
    assert not window.table.isColumnHidden(COL_SOURCE)
    assert window.windowTitle().startswith("aligned.review")


def test_new_project_with_mismatched_files_reports_and_keeps_the_open_one(
        window: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
        interaction: ScriptedInteraction) -> None:
    from reviewer.ui.new_project_dialog import NewProjectRequest

    data = Path(__file__).parent.parent / "data"
    interaction.next_new_project = NewProjectRequest(
        project=tmp_path / "bad.review", mt=data / "mt.en.txt",
        source=data / "source-short.ru.txt")
    window.new_project()
    qtbot.waitUntil(lambda: bool(interaction.errors), timeout=20000)
    assert "line counts differ" in interaction.errors[0][1]
    assert window.model.rowCount() == 26
    assert not (tmp_path / "bad.review").exists()


def test_a_long_segment_confirmed_at_once_is_scored_off_the_gui_thread(
        window: MainWindow, seed_project: Path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import reviewer.core.bounded as bounded

    def no_scoring_here(*args: object, **kwargs: object) -> object:
        raise AssertionError("scored on the GUI thread")

    monkeypatch.setattr(bounded, "score_segment", no_scoring_here)
    editor = window.editor.correction_edit
    long_text = " ".join(["the coalition struck targets in Syria"] * 15)  # 90 words
    select_all_and_delete(editor)
    type_text(editor, long_text)
    press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    rows = revisions_in_db(seed_project)
    assert rows == [(0, 1, long_text, "tester", "confirmed")]  # saved at once, scores pending
    expected = TER().sentence_score(window.model.segment(0).mt, [long_text]).score
    qtbot.waitUntil(lambda: not window.model.segment(0).pending, timeout=60000)
    assert window.model.segment(0).hter == expected
