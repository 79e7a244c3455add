"""A project open read-only says so (title, status bar) and takes no typing anywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QLabel

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

NOTE = "Read-only"
NOTE_TIP = ("This project is open read-only (another window or program is editing it, or "
            "its file cannot be written here): you can read, filter and export, not edit.")
TABLE_EDITING = (QAbstractItemView.EditTrigger.DoubleClicked
                 | QAbstractItemView.EditTrigger.EditKeyPressed)


class ReadOnlyMode:
    """Applies the open project's read-only state to the window's title and editors."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.note = QLabel(NOTE)
        self.note.setObjectName("readOnlyNote")
        self.note.setToolTip(NOTE_TIP)
        self.note.setStyleSheet("font-weight: bold; padding: 0 8px;")
        window.statusBar().insertPermanentWidget(0, self.note)
        self.note.hide()

    def apply(self, read_only: bool) -> None:
        """Title, status bar note, the correction box, the table's cells, Confirm."""
        window = self._window
        window.setWindowTitle(f"{window.session.path.name}{' [read-only]' if read_only else ''}"
                              " — reviewer")
        self.note.setVisible(read_only)
        window.editor.set_read_only(read_only)
        window.editor.confirm_button.setEnabled(not read_only)
        window.confirm_action.setEnabled(not read_only)
        window.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers
                                     if read_only else TABLE_EDITING)
