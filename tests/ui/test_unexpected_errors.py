"""An error nobody expected: one clear line through the window's interaction, and the
typed text kept (in the editor and as a draft in the project)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, type_text

from PySide6.QtCore import QTimer

from reviewer.ui.excepthook import UnexpectedErrorHook
from reviewer.ui.main_window import MainWindow


def drafts_in_db(project: Path) -> list[tuple[int, str]]:
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    rows = db.execute("SELECT s.position, d.text FROM drafts d "
                      "JOIN segments s ON s.id = d.segment_id").fetchall()
    db.close()
    return rows


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_told_in_one_line_and_the_typing_is_kept(
        window: MainWindow, seed_project: Path, interaction: ScriptedInteraction,
        qtbot, capsys) -> None:  # type: ignore[no-untyped-def]
    type_text(window.editor.correction_edit, " (typed)")
    typed = window.editor.text()
    hook = UnexpectedErrorHook(window).install()

    def broken_slot() -> None:
        raise KeyError("no such thing\nin two lines")

    try:
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(interaction.errors), timeout=5000)
    finally:
        hook.uninstall()
    title, message = interaction.errors[-1]
    assert title == "Unexpected error" and "\n" not in message
    assert "KeyError" in message and "no such thing" in message and "segment 1" in message
    assert window.editor.text() == typed
    assert drafts_in_db(seed_project) == [(0, typed)]
    assert "Traceback" in capsys.readouterr().err  # the details, for a bug report
