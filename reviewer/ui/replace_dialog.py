"""Find and replace across all segments: a preview of every change with its counts, then
one undoable step, both worked out in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.ui.bring_forward import bring_forward
from reviewer.ui.replace_preview import ReplacePreview, TagsOf

if TYPE_CHECKING:
    from reviewer.ui.batch_edits import BatchEdits


class ReplaceDialog(QDialog):
    """Search text, replacement and options; Preview lists what would change, "Replace
    all" changes it and reports how many segments changed."""

    def __init__(self, batches: BatchEdits, parent: QWidget | None = None,
                 tags_of: TagsOf | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find and replace")
        self.resize(760, 520)
        self._batches = batches
        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.match_case = QCheckBox("Match &case")
        self.match_case.setChecked(True)
        self.whole_word = QCheckBox("Whole w&ords")
        self.regex = QCheckBox("Regular e&xpression")
        self.preview = ReplacePreview(tags_of) if tags_of is not None else ReplacePreview()
        self.result_label = QLabel()
        self.preview_button = QPushButton("&Preview")
        self.preview_button.setDefault(True)
        self.replace_button = QPushButton("Replace &all")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        form = QFormLayout()
        form.addRow("&Find", self.find_edit)
        form.addRow("Replace &with", self.replace_edit)
        options = QHBoxLayout()
        for box in (self.match_case, self.whole_word, self.regex):
            options.addWidget(box)
        options.addStretch(1)
        form.addRow(options)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.close)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.replace_button.clicked.connect(self._on_replace_button_clicked)
        batches.finished.connect(self._on_batches_finished)
        batches.previewed.connect(self._on_batches_previewed)
        self.find_edit.setFocus()  # where the keyboard is when the window opens

    def _search(self) -> tuple[str, str, bool, bool, bool]:
        return (self.find_edit.text(), self.replace_edit.text(), self.regex.isChecked(),
                self.match_case.isChecked(), self.whole_word.isChecked())

    def _on_preview_button_clicked(self) -> None:
        started = self._batches.preview(*self._search())
        self.result_label.setText("Looking…" if started else "Busy: try again in a moment.")

    def _on_replace_button_clicked(self) -> None:
        started = self._batches.replace_all(*self._search())
        self.result_label.setText("Replacing…" if started else "Busy: try again in a moment.")

    def _on_batches_previewed(self, changes: object) -> None:
        assert isinstance(changes, list)
        self.preview.show_changes(changes)
        self.result_label.setText("Nothing is changed until you press Replace all." if changes
                                  else "")
        bring_forward(self)  # the progress dialog took the keyboard

    def _on_batches_finished(self, changed: int) -> None:
        self.preview.show_changes([])
        self.preview.summary.setText("")
        self.result_label.setText(f"{changed} segment(s) changed; Ctrl+Z undoes it.")
        bring_forward(self)
