"""Choose the files of a new project, see the first segments, then create it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from reviewer.core.document import ImportedDocument
from reviewer.core.tags import tags_of
from reviewer.formats.encoding import COMMON_ENCODINGS
from reviewer.formats.readers import IMPORT_FORMATS, import_document
from reviewer.formats.tmx import SKIPPED
from reviewer.ui.latest_job import LatestJob
from reviewer.ui.tag_html import labelled_text
from reviewer.ui.theme import colours

AUTOMATIC = "automatic"
PREVIEW_ROWS = 8
FILE_FILTER = ("Jobs (*.txt *.xlf *.xliff *.sdlxliff *.tmx *.po *.pot *.tsv *.csv);;"
               "Text (*.txt);;XLIFF (*.xlf *.xliff *.sdlxliff);;TMX (*.tmx);;PO (*.po *.pot);;"
               "TSV or CSV (*.tsv *.csv);;All files (*)")


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
    file_format: str | None = None
    langs: str | None = None


class NewProjectDialog(QDialog):
    """File pickers, import options and a preview; OK once the preview reads the file.

    The files are read off the GUI thread (a big file takes seconds): the dialog stays
    usable, and the newest choice's preview is the one shown.
    """

    previewed = Signal()  # a preview (or its error) is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project from file(s)")
        self.setMinimumWidth(680)
        form = QFormLayout(self)
        self._fields: dict[str, QLineEdit] = {}
        for key, label in (("mt", "MT file"), ("source", "Source (optional)"),
                           ("reference", "Reference (optional)"),
                           ("corrections", "Corrections (optional)")):
            form.addRow(label, self._file_row(key))
        self.file_format = QComboBox()
        self.file_format.addItems([AUTOMATIC, *IMPORT_FORMATS])
        form.addRow("Format", self.file_format)
        self.segmentation = QComboBox()
        self.segmentation.addItems([AUTOMATIC, "sentences", "lines"])
        form.addRow("Segments", self.segmentation)
        self.encoding = QComboBox()
        self.encoding.setEditable(True)
        self.encoding.addItems([AUTOMATIC, *COMMON_ENCODINGS])
        form.addRow("Encoding", self.encoding)
        self.langs = QLineEdit()
        self.langs.setPlaceholderText("source,target, e.g. ru,en (picks the pair in a TMX file)")
        form.addRow("Languages", self.langs)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form.addRow("Preview", self.summary)
        self.reading = QProgressBar()  # busy while the files are read
        self.reading.setRange(0, 0)
        self.reading.setTextVisible(False)
        self.reading.setMaximumHeight(8)
        self.reading.hide()
        form.addRow(self.reading)
        self.preview = QTableWidget(0, 2)
        self.preview.setHorizontalHeaderLabels(["Source", "MT"])
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview.setMinimumHeight(180)
        form.addRow(self.preview)
        self.project = QLineEdit()
        form.addRow("Project file", self.project)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._document: ImportedDocument | None = None
        self._preview_error: str | None = None
        self._reader = LatestJob(self)
        self._reader.succeeded.connect(self._on_reader_succeeded)
        self._reader.failed.connect(self._on_reader_failed)
        self._accept_when_read = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)  # preview once typing in a path pauses
        self._timer.timeout.connect(self.refresh_preview)
        self._fields["mt"].textChanged.connect(self._on_mt_text_changed)
        for key in ("source", "reference", "corrections"):
            self._fields[key].textChanged.connect(self._on_option_changed)
        self.file_format.currentTextChanged.connect(self._on_option_changed)
        self.segmentation.currentTextChanged.connect(self._on_option_changed)
        self.encoding.currentTextChanged.connect(self._on_option_changed)
        self.langs.textChanged.connect(self._on_option_changed)
        self.project.textChanged.connect(self._update_ok)
        self.refresh_preview()

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
        name, _ = QFileDialog.getOpenFileName(self, "Choose a file", field.text(), FILE_FILTER)
        if name:
            field.setText(name)

    def set_file(self, key: str, path: str | Path) -> None:
        """Fill one file field (``mt``, ``source``, ``reference`` or ``corrections``)."""
        self._fields[key].setText(str(path))

    def _on_mt_text_changed(self, text: str) -> None:
        if text and not self.project.isModified():
            self.project.setText(str(Path(text).with_suffix(".review")))
        self._on_option_changed()

    def _on_option_changed(self, *_: object) -> None:
        self._timer.start()
        self._update_ok()

    def refresh_preview(self) -> None:
        """Start reading the files with the chosen options; the first segments or the error
        show when read (``previewed``)."""
        self._timer.stop()
        self._document, self._preview_error = None, None
        self.preview.setRowCount(0)
        request = self.request()
        if not self._fields["mt"].text().strip():
            self._reader.drop()
            self._show_reading(False)
            self._set_automatic_label(AUTOMATIC)
            self.summary.setText("Choose the MT file: plain text, XLIFF, TMX, PO, TSV or CSV.")
            self._update_ok()
            self.previewed.emit()
            return

        def job(progress: Callable[[int, int], None]) -> ImportedDocument:
            return import_document(request.mt, request.source, request.reference,
                                   request.corrections, request.segmentation,
                                   request.encoding, request.file_format, request.langs)

        self._show_reading(True)
        self.summary.setText(f"Reading {_html(request.mt.name)}…")
        self._update_ok()
        self._reader.request(job)

    def reading_preview(self) -> bool:
        """Whether the files are being read for the preview."""
        return self._reader.busy

    def _show_reading(self, reading: bool) -> None:
        self.reading.setVisible(reading)

    def _on_reader_failed(self, message: str) -> None:
        self._show_reading(False)
        self._set_automatic_label(AUTOMATIC)
        self._preview_error = message or "the files could not be read"
        error_colour = colours().error
        self.summary.setText(f"<span style='color:{error_colour}'>"
                             f"{_html(self._preview_error)}</span>")
        self._accept_when_read = False
        self._update_ok()
        self.previewed.emit()

    def _on_reader_succeeded(self, document: object) -> None:
        assert isinstance(document, ImportedDocument)
        self._show_reading(False)
        self._show_document(document)
        self.previewed.emit()
        if self._accept_when_read:
            self._accept_when_read = False
            self.accept()

    def _show_document(self, document: ImportedDocument) -> None:
        request = self.request()
        self._set_automatic_label(AUTOMATIC)
        self._document = document
        if request.encoding is None:
            self._set_automatic_label(f"{AUTOMATIC} ({document.encoding})")
        bom = ", with byte-order mark" if document.bom else ""
        skipped = document.metadata.get(SKIPPED)
        warning = (f"<br><span style='color:{colours().warning}'>{_html(skipped)}</span>" if skipped
                   else "")
        self.summary.setText(f"{document.format}, {len(document.segments)} segments "
                             f"({document.segmentation}), encoding {document.encoding}{bom}"
                             f"{warning}")
        shown = document.segments[:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        for row, segment in enumerate(shown):
            tags = tags_of(segment.meta)
            self.preview.setItem(row, 0, QTableWidgetItem(labelled_text(segment.source or "",
                                                                        tags)))
            self.preview.setItem(row, 1, QTableWidgetItem(labelled_text(segment.mt, tags)))
        self._update_ok()

    def _set_automatic_label(self, text: str) -> None:
        # item 0 stands for "detect"; its label shows what detection found
        if self.encoding.itemText(0) != text:
            typed = self.encoding.currentText()
            automatic = typed == self.encoding.itemText(0)
            blocked = self.encoding.blockSignals(True)
            self.encoding.setItemText(0, text)
            if not automatic:  # relabelling the current item would overwrite what was typed
                self.encoding.setEditText(typed)
            self.encoding.blockSignals(blocked)

    def preview_document(self) -> ImportedDocument | None:
        """What the preview read, or None when it could not read the files."""
        return self._document

    def preview_error(self) -> str | None:
        """Why the preview could not read the files."""
        return self._preview_error

    def _update_ok(self) -> None:
        ready = bool(self._fields["mt"].text().strip() and self.project.text().strip())
        ready = ready and (self._timer.isActive() or self._reader.busy
                           or self._preview_error is None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def accept(self) -> None:
        """Create only what the preview can read (once it is read)."""
        if self._timer.isActive():
            self.refresh_preview()
        if self._reader.busy:
            self._accept_when_read = True
        elif self._preview_error is None and self._document is not None:
            super().accept()

    def request(self) -> NewProjectRequest:
        """The files and options as entered."""
        def optional(key: str) -> Path | None:
            text = self._fields[key].text().strip()
            return Path(text) if text else None

        segmentation = self.segmentation.currentText()
        encoding = self.encoding.currentText().strip()
        file_format = self.file_format.currentText()
        return NewProjectRequest(
            project=Path(self.project.text().strip()),
            mt=Path(self._fields["mt"].text().strip()),
            source=optional("source"),
            reference=optional("reference"),
            corrections=optional("corrections"),
            segmentation=None if segmentation == AUTOMATIC else segmentation,
            encoding=None if not encoding or encoding.startswith(AUTOMATIC) else encoding,
            file_format=None if file_format == AUTOMATIC else file_format,
            langs=self.langs.text().strip() or None,
        )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
