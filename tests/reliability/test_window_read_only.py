"""Issue 8, case 7: a project on read-only media opens read-only in the window."""

from __future__ import annotations

import sys
from pathlib import Path

from disks import read_only_folder

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))
from qt_helpers import ScriptedInteraction  # noqa: E402

from reviewer.session import ReviewSession  # noqa: E402
from reviewer.ui.main_window import MainWindow, open_or_ask_read_only  # noqa: E402


def test_window_offers_read_only_and_shows_the_project(qtbot, seed_project: Path,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(0, "Confirmed before the copy.", "tester")
    session.close()
    with read_only_folder(tmp_path, [seed_project]) as media:
        interaction = ScriptedInteraction()
        interaction.answer = True  # "Open it read-only?"
        opened = open_or_ask_read_only(media / seed_project.name, interaction)  # type: ignore[arg-type]
        assert opened is not None and opened.read_only
        assert "read-only" in interaction.messages[-1][1]
        assert interaction.errors == []
        window = MainWindow(opened, interaction=interaction)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        assert "[read-only]" in window.windowTitle()
        assert window.session.segment(0).text == "Confirmed before the copy."
        window.close()
