"""Find and replace across all segments, as one undoable step."""

from __future__ import annotations

from collections.abc import Callable

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

ReplaceAll = Callable[[str, str, bool, bool], int]


class ReplaceDialog(QDialog):
    """Search text, replacement and options; "Replace all" reports how many changed."""

    def __init__(self, replace_all: ReplaceAll, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find and replace")
        self._replace_all = replace_all
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

    def _on_replace_button_clicked(self) -> None:
        changed = self._replace_all(self.find_edit.text(), self.replace_edit.text(),
                                    self.regex.isChecked(), self.match_case.isChecked())
        self.result_label.setText(f"{changed} segment(s) changed; Ctrl+Z undoes it.")
