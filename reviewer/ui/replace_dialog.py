"""Find and replace across all segments, as one undoable step run in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

if TYPE_CHECKING:
    from reviewer.ui.batch_edits import BatchEdits


class ReplaceDialog(QDialog):
    """Search text, replacement and options; "Replace all" reports how many changed."""

    def __init__(self, batches: BatchEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find and replace")
        self._batches = batches
        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.match_case = QCheckBox("Match case")
        self.match_case.setChecked(True)
        self.regex = QCheckBox("Regular expression")
        self.result_label = QLabel()
        self.replace_button = QPushButton("Replace all")
        self.replace_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        form = QFormLayout(self)
        form.addRow("Find", self.find_edit)
        form.addRow("Replace with", self.replace_edit)
        form.addRow(self.match_case)
        form.addRow(self.regex)
        form.addRow(self.result_label)
        form.addRow(buttons)
        buttons.rejected.connect(self.close)
        self.replace_button.clicked.connect(self._on_replace_button_clicked)
        batches.finished.connect(self._on_batches_finished)

    def _on_replace_button_clicked(self) -> None:
        started = self._batches.replace_all(self.find_edit.text(), self.replace_edit.text(),
                                            self.regex.isChecked(), self.match_case.isChecked())
        self.result_label.setText("Replacing…" if started else "Busy: try again in a moment.")

    def _on_batches_finished(self, changed: int) -> None:
        self.result_label.setText(f"{changed} segment(s) changed; Ctrl+Z undoes it.")
