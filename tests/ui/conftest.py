"""A main window on a fresh copy of the seed project, with scripted dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction

from PySide6.QtCore import QSettings

from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow


@pytest.fixture
def interaction() -> ScriptedInteraction:
    return ScriptedInteraction()


@pytest.fixture
def window(qtbot, seed_project: Path, interaction: ScriptedInteraction,  # type: ignore[no-untyped-def]
           tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("author", "tester")
    main = MainWindow(ReviewSession.open(seed_project), interaction=interaction,  # type: ignore[arg-type]
                      settings=settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    if main.isVisible():
        main.close()
