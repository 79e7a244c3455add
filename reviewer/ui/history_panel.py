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
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.diff import word_diff
from reviewer.store.project import RevisionRecord
from reviewer.ui.history_model import COL_TEXT, RevisionTableModel
from reviewer.ui.tag_html import tagged_diff_html


class HistoryPanel(QWidget):
    """A table of revisions, newest first; Restore writes the selected one back."""

    restoreRequested = Signal(int)  # revision number
    compareRequested = Signal(object, object)  # two RevisionRecords

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RevisionTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for its buttons
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.caption = QLabel("No revisions yet: the correction is the MT.")
        self.caption.setWordWrap(True)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setToolTip("Bring the selected revision back as a new revision (Alt+R)")
        self.restore_button.setEnabled(False)
        self.compare_button = QPushButton("&Compare")
        self.compare_button.setToolTip("Select two revisions (Shift+arrow or Ctrl+click) to "
                                       "see them side by side (Alt+C)")
        self.compare_button.setEnabled(False)
        self.details = QTextBrowser()
        self.details.setObjectName("revisionDetails")
        self.details.setMaximumHeight(150)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self._mt = ""
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def show_revisions(self, position: int, revisions: list[RevisionRecord], mt: str) -> None:
        """List the revisions of the segment at ``position`` (whose MT is ``mt``)."""
        self._mt = mt
        self.model.set_revisions(revisions)
        count = len(revisions)
        self.caption.setText(f"Segment {position + 1}: {count} revision(s)" if count
                             else f"Segment {position + 1}: no revisions yet; "
                                  "the correction is the MT.")
        self.restore_button.setEnabled(False)
        self.compare_button.setEnabled(False)
        self.details.setHtml("<i>Select a revision to see what it changed.</i>" if count
                             else "")

    def selected_revisions(self) -> list[RevisionRecord]:
        """The revisions whose rows are selected, newest first."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.revision(row) for row in rows]

    def selected_revision(self) -> RevisionRecord | None:
        """The revision whose row is selected, if any."""
        selected = self.selected_revisions()
        return selected[0] if len(selected) == 1 else None

    def _on_selection_changed(self) -> None:
        selected = self.selected_revisions()
        self.restore_button.setEnabled(len(selected) == 1)
        self.compare_button.setEnabled(len(selected) == 2)
        if len(selected) == 1:
            self.details.setHtml(self._details_html(selected[0]))

    def _details_html(self, revision: RevisionRecord) -> str:
        before = self.model.previous(revision)
        earlier = before.text if before is not None else self._mt
        against = f"revision {before.number}" if before is not None else "the MT"
        tags = self.model.tags_for(revision.position)
        parts = [f"<b>Revision {revision.number}</b> against {against}:<br>"
                 f"{tagged_diff_html(word_diff(earlier, revision.text), tags)}"]
        if before is not None:
            parts.append(f"<br><b>Against the MT:</b><br>"
                         f"{tagged_diff_html(word_diff(self._mt, revision.text), tags)}")
        return "".join(parts)

    def _on_compare_button_clicked(self) -> None:
        selected = self.selected_revisions()
        if len(selected) == 2:
            self.compareRequested.emit(selected[1], selected[0])

    def _on_restore_button_clicked(self) -> None:
        revision = self.selected_revision()
        if revision is not None:
            self.restoreRequested.emit(revision.number)
