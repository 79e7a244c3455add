"""The one door through which the app asks the user something or tells them a problem.

Tests replace it with a scripted object, so no test ever waits on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from reviewer.core.errors import ReviewerError

TITLE_BAR = 220  # pixels a title bar takes besides its text: an icon and three buttons
Refusal = Callable[[Path], None]  # raises ReviewerError for a place that must not be written


class _Asks(Protocol):
    def error(self, title: str, message: str) -> None: ...
    def confirm(self, title: str, question: str) -> bool: ...


def accept_destination(asks: _Asks, title: str, path: Path,
                       refuse: Refusal | None = None) -> bool:
    """Whether to write ``path``: a refused place is said first (no "replace it?" for a
    file that will not be written anyway), then an existing file is asked about."""
    if refuse is not None:
        try:
            refuse(path)
        except ReviewerError as error:
            asks.error(title, str(error))
            return False
    if path.exists():
        return asks.confirm(title, f"{path.name} already exists. Replace it?")
    return True


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

    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        """Ask for a line of text; None when cancelled."""
        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(default)
        # the title whole beside the title bar's icon and buttons ("Label … ersion" else);
        # its layout keeps the minimum size its own, so the width is set as a size
        hint = dialog.sizeHint()
        dialog.resize(max(hint.width(), dialog.fontMetrics().horizontalAdvance(title)
                          + TITLE_BAR), hint.height())
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        text = dialog.textValue()
        dialog.deleteLater()
        return text if accepted else None

    def ask_integer(self, title: str, label: str, value: int, minimum: int,
                    maximum: int) -> int | None:
        """Ask for a whole number in a range; None when cancelled."""
        number, ok = QInputDialog.getInt(self.parent, title, label, value, minimum, maximum)
        return number if ok else None

    def choose_item(self, title: str, label: str, items: list[str]) -> str | None:
        """Pick one of ``items``; None when cancelled."""
        item, ok = QInputDialog.getItem(self.parent, title, label, items, len(items) - 1, False)
        return item if ok else None

    def open_file(self, title: str, file_filter: str, folder: str = "") -> Path | None:
        """Pick an existing file, or None when cancelled."""
        name, _ = QFileDialog.getOpenFileName(self.parent, title, folder, file_filter)
        return Path(name) if name else None

    def save_file(self, title: str, file_filter: str, suggestion: str = "",
                  refuse: Refusal | None = None) -> Path | None:
        """Pick where to write a file, or None when cancelled; a place ``refuse`` objects to
        is said and the picker opens again."""
        while True:
            name, _ = QFileDialog.getSaveFileName(
                self.parent, title, suggestion, file_filter,
                options=QFileDialog.Option.DontConfirmOverwrite)  # asked after the refusals
            if not name:
                return None
            if accept_destination(self, title, Path(name), refuse):
                return Path(name)
            suggestion = name

    def new_project_request(self, parent: QWidget | None = None) -> object | None:
        """Ask which files make a new project; a ``NewProjectRequest`` or None."""
        from reviewer.ui.new_project_dialog import NewProjectDialog

        dialog = NewProjectDialog(parent or self.parent)
        if dialog.exec():
            return dialog.request()
        return None
