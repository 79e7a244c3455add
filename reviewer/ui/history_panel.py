"""The current segment's revisions, with a button to bring one back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.store.project import RevisionRecord
from reviewer.ui.history_model import COL_TEXT, RevisionTableModel


class HistoryPanel(QWidget):
    """A table of revisions, newest first; Restore writes the selected one back."""

    restoreRequested = Signal(int)  # revision number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RevisionTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.caption = QLabel("No revisions yet: the correction is the MT.")
        self.caption.setWordWrap(True)
        self.restore_button = QPushButton("Restore selected revision")
        self.restore_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def show_revisions(self, position: int, revisions: list[RevisionRecord]) -> None:
        """List the revisions of the segment at ``position``."""
        self.model.set_revisions(revisions)
        count = len(revisions)
        self.caption.setText(f"Segment {position + 1}: {count} revision(s)" if count
                             else f"Segment {position + 1}: no revisions yet; "
                                  "the correction is the MT.")
        self.restore_button.setEnabled(False)

    def selected_revision(self) -> RevisionRecord | None:
        """The revision whose row is selected, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.revision(rows[0].row()) if rows else None

    def _on_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected_revision() is not None)

    def _on_restore_button_clicked(self) -> None:
        revision = self.selected_revision()
        if revision is not None:
            self.restoreRequested.emit(revision.number)
