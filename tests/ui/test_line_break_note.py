"""A plain Enter refused in a one-line segment is explained by what the project has."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow


def refused_enter(window: MainWindow, qtbot) -> str:  # type: ignore[no-untyped-def]
    """Press a plain Enter in the open one-line segment; what the status bar says."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.focus_correction()
    text = window.editor.text()
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Return)
    assert window.editor.text() == text
    return window.statusBar().currentMessage()


def test_a_refused_enter_names_only_the_mt_in_a_project_without_source(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert not window.session.has_source()
    message = refused_enter(window, qtbot)
    assert message.startswith("Its MT is one line: Shift+Enter"), message
    assert "source" not in message


def test_a_refused_enter_names_source_and_mt_when_there_is_a_source(
        open_window: Callable[[Path], MainWindow], tmp_path: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "aligned.review"
    ReviewSession.create(path, ImportedDocument(
        [ImportedSegment("The cat sleeps.", source="Кот спит.")], Layout(("", "\n")),
        "lines")).close()
    message = refused_enter(open_window(path), qtbot)
    assert message.startswith("Its source and MT are one line: Shift+Enter"), message
