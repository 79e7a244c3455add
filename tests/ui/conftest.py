"""A main window on a fresh copy of the seed project, with scripted dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction

from PySide6.QtCore import QSettings

from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tagged_text import hand_the_clipboard_to_qt


@pytest.fixture
def interaction() -> ScriptedInteraction:
    return ScriptedInteraction()


@pytest.fixture
def open_window(qtbot, interaction: ScriptedInteraction,  # type: ignore[no-untyped-def]
                tmp_path: Path) -> Iterator[Callable[[Path], MainWindow]]:
    """Opens a project in a shown main window signed by "tester"; closes it afterwards."""
    opened: list[MainWindow] = []

    def open_(project: Path) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("author", "tester")
        main = MainWindow(ReviewSession.open(project),
                          interaction=interaction,  # type: ignore[arg-type]
                          settings=settings)
        qtbot.addWidget(main)
        main.show()
        qtbot.waitExposed(main)
        main.activateWindow()
        opened.append(main)
        return main

    yield open_
    for main in opened:
        if main.isVisible():
            main.close()


@pytest.fixture
def window(open_window: Callable[[Path], MainWindow], seed_project: Path) -> MainWindow:
    """The main window on a fresh copy of the seed project."""
    return open_window(seed_project)


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp):  # type: ignore[no-untyped-def]
    """Clipboard data made in Python must be gone before Python is: Qt deletes it at exit,
    and deleting an object Python made then crashes (PySide6 6.11). The app does this on
    quit (hand_the_clipboard_to_qt); tests never quit, so each empties it."""
    yield
    hand_the_clipboard_to_qt()
    qapp.clipboard().clear()
