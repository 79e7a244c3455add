"""Project files: open, new from files (imported in the background), export, backup."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.core.errors import ReviewerError
from reviewer.session import ReviewSession
from reviewer.store.lock import ProjectLockedError, ReadOnlyError
from reviewer.ui.interaction import Interaction
from reviewer.ui.new_project_dialog import NewProjectRequest
from reviewer.ui.settings import LAST_EXPORT_FOLDER

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

PROJECT_FILTER = "Review projects (*.review);;All files (*)"


def open_or_ask_read_only(path: Path | str, interaction: Interaction) -> ReviewSession | None:
    """Open a project for editing; if someone else is editing it, or it cannot be written
    here, offer read-only. Problems the quick check finds are shown at once."""
    try:
        session = ReviewSession.open(path, isolated=True)
    except (ProjectLockedError, ReadOnlyError) as blocked:
        title = "Project in use" if isinstance(blocked, ProjectLockedError) else \
            "Project cannot be written"
        if not interaction.confirm(title, f"{blocked}.\n\nOpen it read-only?"):
            return None
        try:
            session = ReviewSession.open(path, read_only=True, isolated=True)
        except ReviewerError as error:
            interaction.error("Cannot open project", str(error))
            return None
    except ReviewerError as error:
        interaction.error("Cannot open project", str(error))
        return None
    problems = session.verify(full=False)
    if problems:
        interaction.error("Project check", "\n".join(problems) +
                          "\n\nRun “reviewer verify” for a full check.")
    return session


class ProjectActions:
    """File menu: the project the window shows, and copies of it."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def open_project(self, path: Path | str) -> bool:
        """Replace the open project by the one at ``path``; False (and a message) on failure."""
        window = self._window
        if Path(path).resolve() == window.session.path.resolve():
            return True
        session = open_or_ask_read_only(path, window.interaction)
        if session is None:
            return False
        window.editing.save_pending()
        window.memory.wait()  # no lookup thread reads the project as it closes
        window.suggestions.stop()  # nor the one learning fixes
        window.repetitions.wait()  # nor a confirm's repetitions lookup
        window.session.close()
        window.session = session
        window.show_session()
        return True

    def open_project_dialog(self) -> None:
        """Ask for a project file and open it."""
        window = self._window
        path = window.interaction.open_file("Open project", PROJECT_FILTER,
                                            str(window.session.path.parent))
        if path is not None:
            self.open_project(path)

    def export_dialog(self) -> None:
        """Ask where to export the corrected document, then write it."""
        self._window.editing.save_pending()
        self.ask_and_export("Export", f"{self._window.session.path.stem}-corrected")

    def export_formats(self) -> list[tuple[str, str, str]]:
        """(name, label, extension) the project can produce, its own format first."""
        session = self._window.session
        own = session.properties().get("format", "")
        return sorted(session.export_formats(), key=lambda item: item[0] != own)

    def ask_and_export(self, title: str, stem: str, version: str | None = None) -> None:
        """Offer only the formats the project can produce; the name's extension is the
        first one's (Qt's dialog changes it with the type chosen)."""
        formats = self.export_formats()
        file_filter = ";;".join(f"{label} (*{extension})" for _name, label, extension
                                in formats)
        suggestion = self.export_folder() / (stem + (formats[0][2] if formats else ""))
        path = self._window.interaction.save_file(
            title, file_filter, str(suggestion), self._window.session.check_export_destination)
        if path is not None:
            self.export_to(path, version)

    def export_to(self, path: Path, version: str | None = None) -> bool:
        """Write the export (of a version, if named); the format follows the extension."""
        window = self._window
        by_extension = {extension: name for name, _label, extension in self.export_formats()}
        try:
            chosen = window.session.export(path, by_extension.get(Path(path).suffix.lower()),
                                           version=version)
        except ReviewerError as error:
            window.interaction.error("Export failed", str(error))
            return False
        window.settings.set(LAST_EXPORT_FOLDER, str(Path(path).resolve().parent))
        window.statusBar().showMessage(f"Exported {path} ({chosen})", 6000)
        return True

    def export_folder(self) -> Path:
        """Where the export dialog opens: the folder of the last export, else the project's."""
        last = self._window.settings.get(LAST_EXPORT_FOLDER)
        return Path(last) if last and Path(last).is_dir() else self._window.session.path.parent

    def backup_dialog(self) -> None:
        """Write a consistent copy of the project where the user says."""
        window = self._window
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        suggestion = window.session.path.with_name(f"{window.session.path.stem}-{stamp}.review")
        path = window.interaction.save_file("Backup copy", PROJECT_FILTER, str(suggestion))
        if path is None:
            return
        try:
            window.session.backup(path)
        except ReviewerError as error:
            window.interaction.error("Backup failed", str(error))
            return
        window.statusBar().showMessage(f"Backed up to {path}", 6000)

    def new_project(self) -> None:
        """Ask for files, import them in the background with progress, then open the result."""
        request = self._window.interaction.new_project_request(self._window)
        if isinstance(request, NewProjectRequest):
            self.create_project(request)

    def create_project(self, request: NewProjectRequest) -> None:
        """Import ``request``'s files into a new project off the GUI thread."""
        from reviewer.formats.readers import import_document

        def job(progress: object) -> Path:
            document = import_document(request.mt, request.source, request.reference,
                                       request.corrections, request.segmentation,
                                       request.encoding, request.file_format, request.langs)
            ReviewSession.create(request.project, document, progress).close()  # type: ignore[arg-type]
            return request.project

        self._window.tasks.run("Importing and scoring segments…", job,
                               self._on_project_created, self._on_project_failed,
                               title="New project")

    def _on_project_created(self, path: object) -> None:
        self.open_project(Path(str(path)))

    def _on_project_failed(self, message: str) -> None:
        if message:
            self._window.interaction.error("Cannot create project", message)
