"""Revision history in the window: restore, undo, versions, drafts, timeline, comparisons."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, press, select_all_and_delete, type_text

from PySide6.QtCore import QSettings, Qt

from reviewer.cli import main as cli_main
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow, open_or_ask_read_only
from reviewer.ui.segment_model import COL_STATUS

CHILD = Path(__file__).parent / "app_child.py"


def revisions_in_db(project: Path) -> list[tuple[int, int, str, str]]:
    db = sqlite3.connect(project)
    rows = db.execute("SELECT s.position, r.number, r.text, r.status FROM revisions r "
                      "JOIN segments s ON s.id = r.segment_id ORDER BY r.id").fetchall()
    db.close()
    return rows


def retype(window: MainWindow, text: str) -> None:
    editor = window.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, text)


def test_edit_confirm_edit_restore_then_undo(window: MainWindow, seed_project: Path) -> None:
    retype(window, "first correction")
    press(window.editor.correction_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window._select_row(0)
    retype(window, "second correction")
    press(window.editor.correction_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window._select_row(0)
    assert [r[2] for r in revisions_in_db(seed_project)] == ["first correction",
                                                             "second correction"]

    window.history.table.selectRow(1)  # newest first: row 1 is revision 1
    window.history.restore_button.click()
    assert [r[2] for r in revisions_in_db(seed_project)] == [
        "first correction", "second correction", "first correction"]
    assert window.editor.text() == "first correction"
    assert window.model.segment(0).text == "first correction"
    assert window.undo_action.text() == "&Undo Restore revision 1 of segment 1"

    window.undo_stack.undo()
    assert window.editor.text() == "second correction"
    rows = revisions_in_db(seed_project)
    assert len(rows) == 4 and rows[-1][2] == "second correction"
    window.undo_stack.redo()
    assert window.editor.text() == "first correction"
    assert len(revisions_in_db(seed_project)) == 5


def test_typing_merges_into_one_undo_step(window: MainWindow, seed_project: Path) -> None:
    mt = window.editor.text()
    type_text(window.editor.correction_edit, " and more words")
    assert window.undo_stack.count() == 1
    assert window.undo_action.text() == "&Undo Typing in segment 1"
    press(window.editor.correction_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.text() == mt
    assert window.model.data(window.model.index(0, COL_STATUS)) == "new"
    press(window.editor.correction_edit, Qt.Key.Key_Z,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.text() == mt + " and more words"
    assert revisions_in_db(seed_project) == []  # typing alone writes no revision


def test_undo_of_a_confirm_writes_the_old_text_back(window: MainWindow,
                                                    seed_project: Path) -> None:
    mt = window.editor.text()
    retype(window, "corrected")
    window.confirm_current()
    window.undo_stack.undo()  # the confirm: the segment is untouched again, as it was
    rows = revisions_in_db(seed_project)
    assert [(r[2], r[3]) for r in rows] == [("corrected", "confirmed"), (mt, "new")]
    assert window.model.segment(0).status == "new"
    assert (window.editor.position, window.editor.text()) == (0, "corrected")  # typing stays


def test_version_export_equals_the_export_made_then(window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    interaction: ScriptedInteraction,
                                                    qtbot) -> None:
    retype(window, "Version one text.")
    window.confirm_current()
    before = tmp_path / "before.txt"
    assert window.export_to(before)
    interaction.next_text = "sent to client"
    window.label_version_dialog()
    assert interaction.errors == []

    window._select_row(0)
    retype(window, "Later text.")
    window.confirm_current()
    retype(window, "Sochi, 22 October.")
    window.confirm_current()

    interaction.next_item = "sent to client"
    interaction.next_save = tmp_path / "version.txt"
    window.export_version_dialog()
    assert (tmp_path / "version.txt").read_bytes() == before.read_bytes()

    dialog = window.compare_versions_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.comparing)  # worked out in a task
    report = dialog.report.toPlainText()
    assert "2 segment(s) differ" in report and "Segment 1" in report and "Segment 2" in report
    assert window.timeline.since_box.findText("Since sent to client") > 0


def test_a_taken_version_label_is_refused_with_a_message(
        window: MainWindow, interaction: ScriptedInteraction) -> None:
    assert window.label_version("v1")
    assert not window.label_version("v1")
    assert "already" in interaction.errors[0][1]


def test_timeline_filters_and_jumps(window: MainWindow, seed_project: Path) -> None:
    for text in ("one", "two", "three"):
        retype(window, text)
        window.confirm_current()
    window.settings.setValue("author", "other")
    window._select_row(0)
    retype(window, "one again")
    window.confirm_current()
    timeline = window.timeline
    assert timeline.proxy.rowCount() == 4
    assert timeline.model.revision(0).text == "one again"  # newest first
    timeline.author_box.setCurrentText("tester")
    assert timeline.proxy.rowCount() == 3
    timeline.author_box.setCurrentIndex(0)
    timeline.segment_box.setValue(1)
    assert timeline.proxy.rowCount() == 2
    timeline.segment_box.setValue(0)
    timeline.from_check.setChecked(True)
    timeline.from_date.setDate(timeline.from_date.date().addDays(1))
    assert timeline.proxy.rowCount() == 0
    timeline.from_check.setChecked(False)

    row = next(r for r in range(timeline.proxy.rowCount())
               if timeline.proxy.index(r, 6).data() == "three")
    timeline.table.clicked.emit(timeline.proxy.index(row, 0))
    assert window.editor.position == 2


def test_history_panel_compares_two_revisions(window: MainWindow) -> None:
    for text in ("the old words here", "the new words there"):
        retype(window, text)
        window.confirm_current()
        window._select_row(0)
    history = window.history
    history.table.selectRow(0)
    assert "against revision 1" in history.details.toPlainText()
    history.table.selectAll()
    assert history.compare_button.isEnabled()
    history.compare_button.click()
    dialog = window._dialogs[-1]
    assert "old" in dialog.old_view.toHtml() and "line-through" in dialog.old_view.toHtml()
    assert "underline" in dialog.new_view.toHtml()


def test_effort_is_recorded_with_the_revision(window: MainWindow, seed_project: Path) -> None:
    editor = window.editor.correction_edit
    type_text(editor, "abc")
    press(editor, Qt.Key.Key_Backspace)
    press(editor, Qt.Key.Key_Left)
    window.confirm_current()
    session_rows = sqlite3.connect(seed_project).execute(
        "SELECT keys_insert, keys_delete, keys_navigate, editing_ms FROM revisions").fetchall()
    assert session_rows[0][:3] == (3, 1, 1)
    assert session_rows[0][3] >= 0


@pytest.mark.parametrize("mode", ["draft", "confirm"])
def test_killed_app_loses_nothing(mode: str, seed_project: Path, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                  capsys: pytest.CaptureFixture[str]) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(CHILD), str(seed_project), mode],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "READY", child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    session = ReviewSession.open(seed_project)  # runs the integrity check
    db = sqlite3.connect(seed_project)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    if mode == "confirm":
        assert session.history(0)[-1].text.startswith("Putin: Russia's military succeeds")
        assert session.segment(0).status == "confirmed"
        session.close()
        return
    drafts = session.drafts()
    assert drafts[0].text == "SOCHI, 22 October (typed, never confirmed)"
    assert session.history(0) == []
    session.close()

    assert cli_main(["history", str(seed_project), "--json"]) == 0
    import json
    rows = json.loads(capsys.readouterr().out)
    assert rows[-1]["draft"] is True and rows[-1]["segment"] == 1

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("author", "tester")
    reopened = MainWindow(ReviewSession.open(seed_project),
                          interaction=ScriptedInteraction(),  # type: ignore[arg-type]
                          settings=settings)
    qtbot.addWidget(reopened)
    assert reopened.editor.position == 0
    assert reopened.editor.text() == "SOCHI, 22 October (typed, never confirmed)"
    assert "draft" in reopened.editor.heading.text()
    assert reopened.model.data(reopened.model.index(0, COL_STATUS)) == "draft"
    reopened.close()


def test_second_process_is_refused_and_no_edit_is_lost(seed_project: Path, qtbot,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    holder = subprocess.Popen([sys.executable, str(CHILD), str(seed_project), "hold"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "READY"

        # a second writer from the command line: a clear message naming the holder
        assert cli_main(["edit", str(seed_project), "2", "lost?"]) == 1
        err = capsys.readouterr().err
        assert "is being edited by" in err and f"process {holder.pid}" in err
        # readers still work while the window edits
        assert cli_main(["score", str(seed_project), "--json"]) == 0
        capsys.readouterr()

        # a second window: asked, and opened read-only when the user says so
        interaction = ScriptedInteraction()
        interaction.answer = True
        session = open_or_ask_read_only(seed_project, interaction)
        assert session is not None and session.read_only
        assert "is being edited by" in interaction.messages[-1][1]
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        other = MainWindow(session, interaction=interaction,  # type: ignore[arg-type]
                           settings=settings)
        qtbot.addWidget(other)
        assert "[read-only]" in other.windowTitle()
        assert other.editor.correction_edit.isReadOnly()
        other.confirm_current()
        other.close()
        interaction.answer = False
        assert open_or_ask_read_only(seed_project, interaction) is None
    finally:
        holder.terminate()
        holder.wait(timeout=30)

    # the holder's acknowledged edit is there, and the file is whole
    session = ReviewSession.open(seed_project)
    assert session.segment(0).text.startswith("Putin: Russia's military succeeds")
    assert session.segment(1).text == session.segment(1).mt
    session.close()


def test_replace_all_is_one_undoable_step(window: MainWindow, seed_project: Path,  # type: ignore[no-untyped-def]
                                          interaction: ScriptedInteraction, qtbot) -> None:
    from reviewer.ui.replace_dialog import ReplaceDialog

    expected = sum("Putin" in window.model.segment(p).mt for p in range(26))
    assert expected > 1
    window.replace_dialog()
    dialog = next(d for d in window._dialogs if isinstance(d, ReplaceDialog))
    dialog.find_edit.setText("Putin")
    dialog.replace_edit.setText("Vladimir Putin")
    dialog.replace_button.click()  # replaced in the background
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    changed = [r for r in revisions_in_db(seed_project)]
    assert len(changed) == expected and all("Vladimir Putin" in r[2] for r in changed)
    assert f"{expected} segment(s) changed" in dialog.result_label.text()
    assert window.undo_action.text().startswith("&Undo Replace all 'Putin'")

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    rows = revisions_in_db(seed_project)
    assert len(rows) == 2 * expected  # undo writes the old texts back as new revisions
    session_texts = [window.model.segment(p).text for p in range(26)]
    assert not any("Vladimir Vladimir" in t for t in session_texts)
    assert all(window.model.segment(r[0]).text == window.model.segment(r[0]).mt
               for r in rows)

    assert window.replace_all("(unbalanced", "x", regex=True)
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert "regular expression" in interaction.errors[-1][1]
    assert window.batches.last_changed == 0
    assert window.replace_all("no such words anywhere", "x")
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert window.batches.last_changed == 0 and window.undo_stack.count() == 1
