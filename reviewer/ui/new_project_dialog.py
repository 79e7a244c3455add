"""Choose the files of a new project: the MT and, optionally, aligned source and more."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)


@dataclass(frozen=True)
class NewProjectRequest:
    """What the user asked for; the window does the import."""

    project: Path
    mt: Path
    source: Path | None = None
    reference: Path | None = None
    corrections: Path | None = None
    segmentation: str | None = None
    encoding: str | None = None


class NewProjectDialog(QDialog):
    """A form of file pickers; OK is enabled once an MT file and a project name are given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project from file(s)")
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self._fields: dict[str, QLineEdit] = {}
        for key, label in (("mt", "MT file"), ("source", "Source (optional)"),
                           ("reference", "Reference (optional)"),
                           ("corrections", "Corrections (optional)")):
            form.addRow(label, self._file_row(key))
        self.segmentation = QComboBox()
        self.segmentation.addItems(["automatic", "sentences", "lines"])
        form.addRow("Segments", self.segmentation)
        self.encoding = QComboBox()
        self.encoding.setEditable(True)
        self.encoding.addItems(["automatic", "utf-8", "utf-16", "cp1251", "koi8-r", "latin-1"])
        form.addRow("Encoding", self.encoding)
        self.project = QLineEdit()
        form.addRow("Project file", self.project)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._fields["mt"].textChanged.connect(self._on_mt_text_changed)
        self.project.textChanged.connect(self._update_ok)
        self._update_ok()

    def _file_row(self, key: str) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        field = QLineEdit()
        browse = QPushButton("Browse…")
        layout.addWidget(field, 1)
        layout.addWidget(browse)
        self._fields[key] = field
        browse.clicked.connect(lambda: self._browse(field))
        return row

    def _browse(self, field: QLineEdit) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a file", field.text(),
                                              "Text files (*.txt);;All files (*)")
        if name:
            field.setText(name)

    def _on_mt_text_changed(self, text: str) -> None:
        if text and not self.project.isModified():
            self.project.setText(str(Path(text).with_suffix(".review")))
        self._update_ok()

    def _update_ok(self) -> None:
        ready = bool(self._fields["mt"].text().strip() and self.project.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def request(self) -> NewProjectRequest:
        """The files and options as entered."""
        def optional(key: str) -> Path | None:
            text = self._fields[key].text().strip()
            return Path(text) if text else None

        segmentation = self.segmentation.currentText()
        encoding = self.encoding.currentText().strip()
        return NewProjectRequest(
            project=Path(self.project.text().strip()),
            mt=Path(self._fields["mt"].text().strip()),
            source=optional("source"),
            reference=optional("reference"),
            corrections=optional("corrections"),
            segmentation=None if segmentation == "automatic" else segmentation,
            encoding=None if encoding in ("", "automatic") else encoding,
        )
