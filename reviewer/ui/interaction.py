"""The one door through which the app asks the user something or tells them a problem.

Tests replace it with a scripted object, so no test ever waits on a modal dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Interaction:
    """Message boxes and file pickers, shown over ``parent``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def error(self, title: str, message: str) -> None:
        """Tell the user something went wrong and what to do."""
        QMessageBox.warning(self.parent, title, message)

    def information(self, title: str, message: str) -> None:
        """Tell the user something worth knowing."""
        QMessageBox.information(self.parent, title, message)

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question; no is the safe default."""
        answer = QMessageBox.question(self.parent, title, question,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def open_file(self, title: str, file_filter: str, folder: str = "") -> Path | None:
        """Pick an existing file, or None when cancelled."""
        name, _ = QFileDialog.getOpenFileName(self.parent, title, folder, file_filter)
        return Path(name) if name else None

    def save_file(self, title: str, file_filter: str, suggestion: str = "") -> Path | None:
        """Pick where to write a file, or None when cancelled."""
        name, _ = QFileDialog.getSaveFileName(self.parent, title, suggestion, file_filter)
        return Path(name) if name else None

    def new_project_request(self, parent: QWidget | None = None) -> object | None:
        """Ask which files make a new project; a ``NewProjectRequest`` or None."""
        from reviewer.ui.new_project_dialog import NewProjectDialog

        dialog = NewProjectDialog(parent or self.parent)
        if dialog.exec():
            return dialog.request()
        return None
