"""Glossary…: the project's terms in a table, filtered as typed, added, changed, deleted
and imported from a TBX or CSV/TSV file; a read-only project's are only shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.glossary import GlossaryTerm
from reviewer.ui.glossary_model import COL_NOTE, COL_SOURCE, GlossaryTableModel, filtered

READ_ONLY_NOTE = "Read-only: the glossary can be read here, not changed."


class _TermTable(QTableView):
    """The terms; Delete asks to delete the selected one."""

    def __init__(self, delete: Callable[[], None]) -> None:
        super().__init__()
        self._delete = delete

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Delete:
            event.accept()
            self._delete()
            return
        super().keyPressEvent(event)


class Editor(Protocol):
    """What changes the glossary (the window's GlossaryActions): saves, says what failed."""

    def add_term(self, source: str, target: str, note: str, forbidden: bool) -> int | None: ...
    def update_term(self, term_id: int, source: str, target: str, note: str,
                    forbidden: bool) -> bool: ...
    def delete_term(self, term: GlossaryTerm) -> bool: ...
    def import_file(self) -> None: ...


class GlossaryDialog(QDialog):
    """Edits the glossary through ``editor``."""

    def __init__(self, parent: QWidget, editor: Editor) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryDialog")
        self.setWindowTitle("Glossary")
        self.resize(720, 480)
        self._editor = editor
        self.model = GlossaryTableModel(self)
        self.proxy = filtered(self.model, self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("glossaryFilter")
        self.filter_edit.setPlaceholderText("Words of a source, target or note")
        self.filter_edit.setClearButtonEnabled(True)
        self.table = _TermTable(self.delete_selected)
        self.table.setObjectName("glossaryTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the session's order
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(COL_SOURCE, 180)
        self.table.setColumnWidth(COL_SOURCE + 1, 180)
        self.table.setColumnWidth(COL_NOTE, 160)
        self.source_edit, self.target_edit, self.note_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.source_edit.setObjectName("termSource")
        self.target_edit.setObjectName("termTarget")
        self.note_edit.setObjectName("termNote")
        self.forbidden_box = QCheckBox("Forbidden target: &do not use")
        self.add_button = QPushButton("&Add")
        self.save_button = QPushButton("Sa&ve changes")
        self.delete_button = QPushButton("De&lete")
        self.import_button = QPushButton("&Import TBX/CSV…")
        self.close_button = QPushButton("&Close")
        self.note = QLabel()
        self.note.setObjectName("glossaryNote")
        self.note.setWordWrap(True)

        filter_row = QHBoxLayout()
        filter_label = QLabel("&Filter:")
        filter_label.setBuddy(self.filter_edit)
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_edit, 1)
        form = QFormLayout()
        for text, field in (("&Source:", self.source_edit), ("&Target:", self.target_edit),
                            ("&Note:", self.note_edit)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.forbidden_box)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.delete_button,
                       self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.add_button.clicked.connect(self.add_term)
        self.save_button.clicked.connect(self.save_term)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(editor.import_file)
        self.close_button.clicked.connect(self.close)
        self._read_only = False
        self._on_selection_changed()

    # -- what the window tells it --------------------------------------------------------

    def show_terms(self, terms: Sequence[GlossaryTerm], read_only: bool) -> None:
        """Show ``terms``, the same one selected; read-only: nothing can be changed."""
        kept = self.selected()
        self.model.set_terms(terms)
        self._read_only = read_only
        for widget in (self.source_edit, self.target_edit, self.note_edit, self.forbidden_box,
                       self.add_button, self.import_button):
            widget.setEnabled(not read_only)
        if kept is not None:
            self._select(kept.id)
        self._on_selection_changed()
        count = f"{len(terms)} term(s)."
        self.note.setText(f"{READ_ONLY_NOTE} {count}" if read_only else count)

    def selected(self) -> GlossaryTerm | None:
        """The term selected in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.term(self.proxy.mapToSource(rows[0]).row())

    # -- the buttons ----------------------------------------------------------------------

    def add_term(self) -> None:
        """Add the term the form holds; the form is emptied for the next one."""
        if self._read_only:
            return
        made = self._editor.add_term(*self._form())
        if made is None:
            return
        self.filter_edit.clear()  # the new term shows, whatever the filter was
        self.table.clearSelection()
        self._fill(None)
        row = self.model.row_of(made)
        if row >= 0:
            self.table.scrollTo(self.proxy.mapFromSource(self.model.index(row, 0)))
        self.source_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_term(self) -> None:
        """Save the form as the selected term's new texts."""
        term = self.selected()
        if term is not None and not self._read_only:
            self._editor.update_term(term.id, *self._form())

    def delete_selected(self) -> None:
        """Delete the selected term (asked first)."""
        term = self.selected()
        if term is not None and not self._read_only and self._editor.delete_term(term):
            self._fill(None)

    # -- inside --------------------------------------------------------------------------

    def _select(self, term_id: int) -> None:
        row = self.model.row_of(term_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _form(self) -> tuple[str, str, str, bool]:
        return (self.source_edit.text(), self.target_edit.text(), self.note_edit.text(),
                self.forbidden_box.isChecked())

    def _fill(self, term: GlossaryTerm | None) -> None:
        self.source_edit.setText("" if term is None else term.source)
        self.target_edit.setText("" if term is None else term.target)
        self.note_edit.setText("" if term is None else term.note)
        self.forbidden_box.setChecked(term is not None and term.forbidden)

    def _on_selection_changed(self, _selected: QItemSelection | None = None,
                              _deselected: QItemSelection | None = None) -> None:
        term = self.selected()
        if term is not None:
            self._fill(term)
        writable = term is not None and not self._read_only
        self.save_button.setEnabled(writable)
        self.delete_button.setEnabled(writable)
        # Enter in the form: save the selected term's changes, else add a new one
        self.save_button.setDefault(writable)
        self.add_button.setDefault(not writable and not self._read_only)
