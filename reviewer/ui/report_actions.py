"""File → Export report…: the quality report as HTML or PDF, written off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.report.content import build_report
from reviewer.report.output import check_report_destination, write_report
from reviewer.ui.actions import ActionSpec
from reviewer.ui.charts_dialog import ChartImages, ChartsDialog, chart_images
from reviewer.ui.report_pdf import report_pdf
from reviewer.ui.settings import LAST_EXPORT_FOLDER

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

REPORT_FILTER = "HTML report (*.html);;PDF report (*.pdf)"
ACTION = ActionSpec("file.report", "&File", "Export re&port…")
CHARTS = ActionSpec("view.charts", "&View", "Qualit&y charts…", separator_before=True)


def _refuse(chosen: Path, project: Path) -> None:
    check_report_destination(chosen, project)


class ReportActions:
    """Asks where the report goes and writes it in a task."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        table = window.action_table
        self.action = table.add(ACTION, self.export_report_dialog)
        files = table.menus[ACTION.menu]  # after Export, not after Quit
        files.removeAction(self.action)
        files.insertAction(table.action("file.backup"), self.action)
        table.add(CHARTS, self.show_charts)
        self.charts: ChartsDialog | None = None

    def export_report_dialog(self) -> None:
        """Ask where to write the report, then write it."""
        window = self._window
        if window.tasks.busy:
            return
        window.editing.save_pending()
        session = window.session
        folder = window.project_actions.export_folder()
        path = window.interaction.save_file(
            "Export report", REPORT_FILTER, str(folder / f"{session.path.stem}-report.html"),
            lambda chosen: _refuse(chosen, session.path))
        if path is not None:
            self.export_report_to(path)

    def export_report_to(self, path: Path) -> bool:
        """Start writing the report to ``path`` (its format by extension); False if busy."""
        window = self._window
        session = window.session

        def job(progress: Callable[[int, int], None]) -> str:
            progress(0, 0)
            return write_report(session, path, report_pdf)

        def done(chosen: object) -> None:
            window.settings.set(LAST_EXPORT_FOLDER, str(Path(path).resolve().parent))
            window.statusBar().showMessage(f"Wrote the report {path} ({chosen})", 6000)

        def failed(message: str) -> None:
            if message:
                window.interaction.error("Export report", message)

        return window.tasks.run("Writing the report…", job, done, failed,
                                title="Export report")

    def show_charts(self) -> bool:
        """Draw the charts in a task, then show them in their window; False if busy."""
        window = self._window
        if window.tasks.busy:
            return False
        window.editing.save_pending()
        session = window.session

        def job(progress: Callable[[int, int], None]) -> ChartImages:
            progress(0, 0)
            return chart_images(build_report(session))

        def done(images: object) -> None:
            if self.charts is not None:
                self.charts.close()
            self.charts = ChartsDialog(images,  # type: ignore[arg-type]
                                       f"Quality charts: {session.path.name}", window)
            self.charts.show()
            self.charts.activateWindow()

        def failed(message: str) -> None:
            if message:
                window.interaction.error("Quality charts", message)

        return window.tasks.run("Drawing the charts…", job, done, failed,
                                title="Quality charts")
