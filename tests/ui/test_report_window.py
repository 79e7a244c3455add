"""File → Export report… writes the report in a task off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qt_helpers import ScriptedInteraction

from reviewer.ui.main_window import MainWindow


def test_export_report_writes_a_pdf_from_the_file_menu(
        qtbot, open_window: Callable[[Path], MainWindow],  # type: ignore[no-untyped-def]
        interaction: ScriptedInteraction, seed_project: Path, tmp_path: Path) -> None:
    window = open_window(seed_project)
    files = window.action_table.menus["&File"]
    names = [action.objectName() for action in files.actions()]
    assert names.index("file.report") == names.index("file.export") + 1
    target = tmp_path / "valdai-report.pdf"
    interaction.next_save = target
    window.action_table.action("file.report").trigger()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60_000)
    assert interaction.errors == []
    assert target.read_bytes().startswith(b"%PDF")
    assert "Wrote the report" in window.statusBar().currentMessage()


def test_export_report_refuses_the_project_itself(
        qtbot, open_window: Callable[[Path], MainWindow],  # type: ignore[no-untyped-def]
        interaction: ScriptedInteraction, seed_project: Path) -> None:
    window = open_window(seed_project)
    before = seed_project.read_bytes()
    interaction.next_save = seed_project
    window.report_actions.export_report_dialog()
    assert not window.tasks.busy
    assert "is the project itself" in interaction.errors[0][1]
    assert seed_project.read_bytes() == before


def test_quality_charts_open_in_a_window_of_their_own(
        qtbot, open_window: Callable[[Path], MainWindow],  # type: ignore[no-untyped-def]
        seed_project: Path) -> None:
    window = open_window(seed_project)
    window.action_table.action("view.charts").trigger()
    qtbot.waitUntil(lambda: window.report_actions.charts is not None, timeout=60_000)
    charts = window.report_actions.charts
    assert charts is not None and charts.isVisible()
    names = [label.accessibleName() for label in charts.labels]
    assert names[:3] == ["HTER distribution", "HTER along the document",
                         "Editing time per word against HTER"]
    assert all(not label.pixmap().isNull() for label in charts.labels)
