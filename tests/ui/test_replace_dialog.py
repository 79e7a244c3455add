"""Find and replace: Ctrl+H, a preview of every change with its counts (nothing saved),
whole words, then one undoable step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qt_helpers import type_text

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.ui.main_window import MainWindow
from reviewer.ui.replace_dialog import ReplaceDialog


def revision_count(project: Path) -> int:
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    count = int(db.execute("SELECT count(*) FROM revisions").fetchone()[0])
    db.close()
    return count


def test_preview_then_replace_all(window: MainWindow, seed_project: Path,  # type: ignore[no-untyped-def]
                                  qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in window._dialogs if isinstance(d, ReplaceDialog))
    with_putin = [p for p in range(26) if "Putin" in window.model.segment(p).mt]
    matches = sum(window.model.segment(p).mt.count("Putin") for p in with_putin)

    type_text(dialog.find_edit, "Puti")
    dialog.replace_edit.setText("X")
    dialog.whole_word.setChecked(True)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert dialog.preview.model.rowCount() == 0  # "Puti" is no whole word
    assert "no segment matches" in dialog.preview.summary.text()

    type_text(dialog.find_edit, "n")
    dialog.replace_edit.setText("Vladimir Putin")
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert [c[0] for c in dialog.preview.model.changes()] == with_putin
    assert dialog.preview.summary.text().startswith(f"{matches} replacements in "
                                                    f"{len(with_putin)} segments")
    assert revision_count(seed_project) == 0  # a preview saves nothing

    dialog.replace_button.click()
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    assert revision_count(seed_project) == len(with_putin)
    assert f"{len(with_putin)} segment(s) changed" in dialog.result_label.text()
    assert window.undo_stack.count() == 1
