"""Every revision of the document, newest first, filterable; a click jumps to the segment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.store.project import RevisionRecord, VersionRecord
from reviewer.ui.history_model import (
    RevisionListModel,
    local_time,
    note_line,
    short_time,
    status_and_note,
)
from reviewer.ui.row_slices import RowSlices
from reviewer.ui.segment_model import score_text

HEADERS = ("Time", "Seg", "Rev", "Author", "HTER", "Status", "Text")
COL_TIME, COL_SEGMENT, COL_NUMBER, COL_AUTHOR, COL_HTER, COL_STATUS, COL_TEXT = range(7)
ALL_AUTHORS = "All authors"
ALL_CHANGES = "All changes"

Index = QModelIndex | QPersistentModelIndex


class TimelineModel(RevisionListModel):
    """All revisions of the document, newest first."""

    headers = HEADERS

    def add_revision(self, revision: RevisionRecord) -> None:
        """Put a new revision at the top."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._revisions.insert(0, revision)
        self.endInsertRows()

    def add_revisions(self, revisions: Sequence[RevisionRecord]) -> None:
        """Put many new revisions (oldest first) at the top at once."""
        if revisions:
            self.beginInsertRows(QModelIndex(), 0, len(revisions) - 1)
            self._revisions[0:0] = reversed(revisions)
            self.endInsertRows()

    def replace_revision(self, revision: RevisionRecord) -> None:
        """Show a revision anew (its scores arrived late)."""
        for row, shown in enumerate(self._revisions):
            if shown.id == revision.id:
                self._revisions[row] = revision
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
                return

    def authors(self) -> list[str]:
        """Everyone who wrote a revision."""
        return sorted({r.author for r in self._revisions})

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        revision = self._revisions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (short_time(revision.created_at), str(revision.position + 1),
                    str(revision.number), revision.author, score_text(revision.hter),
                    status_and_note(revision), self.shown_text(revision))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{local_time(revision.created_at)}{note_line(revision)}\n"
                    f"{self.shown_text(revision)}")
        return None


class TimelineFilter(QSortFilterProxyModel):
    """Keeps the revisions that match author, date range, segment and "changed since"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.author: str | None = None
        self.date_from: QDate | None = None
        self.date_to: QDate | None = None
        self.segment: int | None = None  # 0-based position
        self.after_revision = 0

    def begin_change(self) -> None:
        """Criteria are about to change (Qt 6.9+ wants to know before)."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def end_change(self) -> None:
        """Apply changed criteria."""
        if hasattr(self, "endFilterChange"):
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.author is None and self.segment is None and not self.after_revision \
                and self.date_from is None and self.date_to is None:
            return True  # no criteria: thousands of rows a batch adds cost no call each
        model = self.sourceModel()
        assert isinstance(model, TimelineModel)
        revision = model.revision(source_row)
        if self.author is not None and revision.author != self.author:
            return False
        if self.segment is not None and revision.position != self.segment:
            return False
        if revision.id <= self.after_revision:
            return False
        if self.date_from is not None or self.date_to is not None:
            day = QDate.fromString(local_time(revision.created_at)[:10], "yyyy-MM-dd")
            if self.date_from is not None and day < self.date_from:
                return False
            if self.date_to is not None and day > self.date_to:
                return False
        return True


class TimelinePanel(QWidget):
    """The document timeline with its filters."""

    segmentActivated = Signal(int)  # 0-based position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TimelineModel(self)
        self.proxy = TimelineFilter(self)
        self.proxy.setSourceModel(self.model)
        self._versions: list[VersionRecord] = []
        self._slices = RowSlices(self._insert_revisions, self)  # a batch's many revisions

        self.author_box = QComboBox()
        self.since_box = QComboBox()
        self.since_box.setToolTip("What changed since a labelled version")
        self.from_check = QCheckBox("From")
        self.from_date = QDateEdit(QDate.currentDate())
        self.to_check = QCheckBox("To")
        self.to_date = QDateEdit(QDate.currentDate())
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.segment_box = QSpinBox()
        self.segment_box.setSpecialValueText("all")
        self.segment_box.setPrefix("")
        self.segment_box.setMinimum(0)
        self.table = QTableView()
        self.table.setObjectName("timelineTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_TIME, 74), (COL_SEGMENT, 36), (COL_NUMBER, 34),
                              (COL_AUTHOR, 64), (COL_HTER, 46), (COL_STATUS, 70)):
            header.resizeSection(column, width)
        self.count_label = QLabel()

        # three short rows, so the dock leaves room for the editor in a 1024-pixel window
        for box in (self.author_box, self.since_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
        filters = QGridLayout()
        filters.addWidget(self.author_box, 0, 0, 1, 2)
        filters.addWidget(self.since_box, 0, 2, 1, 2)
        filters.addWidget(self.from_check, 1, 0)
        filters.addWidget(self.from_date, 1, 1)
        filters.addWidget(self.to_check, 1, 2)
        filters.addWidget(self.to_date, 1, 3)
        filters.addWidget(QLabel("Segment"), 2, 0)
        filters.addWidget(self.segment_box, 2, 1)
        filters.addWidget(self.count_label, 2, 2, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self.author_box.currentIndexChanged.connect(self._on_filters_changed)
        self.since_box.currentIndexChanged.connect(self._on_filters_changed)
        self.segment_box.valueChanged.connect(self._on_filters_changed)
        for check in (self.from_check, self.to_check):
            check.toggled.connect(self._on_filters_changed)
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(self._on_filters_changed)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.activated.connect(self._on_table_clicked)

    def show_history(self, revisions: list[RevisionRecord], versions: list[VersionRecord],
                     segments: int) -> None:
        """Show a project's revisions and versions."""
        self._slices.clear()
        self.model.set_revisions(revisions)
        self.segment_box.setMaximum(segments)
        self.set_versions(versions)
        self._refill_authors()
        self._on_filters_changed()

    def reset_filters(self) -> None:
        """Every filter back to "all" (another project: its authors, versions and days differ)."""
        widgets = (self.author_box, self.since_box, self.segment_box, self.from_check,
                   self.to_check, self.from_date, self.to_date)
        for widget in widgets:
            widget.blockSignals(True)
        self.author_box.setCurrentIndex(0)
        self.since_box.setCurrentIndex(0)
        self.segment_box.setValue(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.from_date.setDate(QDate.currentDate())
        self.to_date.setDate(QDate.currentDate())
        for widget in widgets:
            widget.blockSignals(False)
        self._on_filters_changed()

    def set_versions(self, versions: list[VersionRecord]) -> None:
        """Offer "changed since" each labelled version."""
        self._versions = versions
        current = self.since_box.currentText()
        self.since_box.blockSignals(True)
        self.since_box.clear()
        self.since_box.addItem(ALL_CHANGES)
        for version in versions:
            self.since_box.addItem(f"Since {version.label}")
        index = self.since_box.findText(current)
        self.since_box.setCurrentIndex(max(0, index))
        self.since_box.blockSignals(False)

    def add_revision(self, revision: RevisionRecord) -> None:
        """Show a new revision at the top."""
        self._slices.flush()
        self.model.add_revision(revision)
        if self.author_box.findText(revision.author) < 0:
            self._refill_authors()
        self._show_count()

    def add_revisions(self, revisions: Sequence[RevisionRecord]) -> None:
        """Show many new revisions (a batch) at the top, a slice per turn of the event loop
        from the next one."""
        self._slices.add(revisions)

    def pending_revisions(self) -> int:
        """Revisions of a batch not in the table yet."""
        return self._slices.pending

    def _insert_revisions(self, revisions: Sequence[RevisionRecord]) -> None:
        self.model.add_revisions(revisions)
        if any(self.author_box.findText(r.author) < 0 for r in revisions[:1]):
            self._refill_authors()
        self._show_count()

    def replace_revision(self, revision: RevisionRecord) -> None:
        """Show a revision anew (its scores arrived late)."""
        self._slices.flush()
        self.model.replace_revision(revision)

    def _refill_authors(self) -> None:
        current = self.author_box.currentText()
        self.author_box.blockSignals(True)
        self.author_box.clear()
        self.author_box.addItem(ALL_AUTHORS)
        self.author_box.addItems(self.model.authors())
        self.author_box.setCurrentIndex(max(0, self.author_box.findText(current)))
        self.author_box.blockSignals(False)

    def _on_filters_changed(self) -> None:
        self.proxy.begin_change()
        author = self.author_box.currentText()
        self.proxy.author = None if author in ("", ALL_AUTHORS) else author
        since = self.since_box.currentIndex()
        self.proxy.after_revision = self._versions[since - 1].last_revision if since > 0 else 0
        self.proxy.segment = self.segment_box.value() - 1 if self.segment_box.value() else None
        self.from_date.setEnabled(self.from_check.isChecked())
        self.to_date.setEnabled(self.to_check.isChecked())
        self.proxy.date_from = self.from_date.date() if self.from_check.isChecked() else None
        self.proxy.date_to = self.to_date.date() if self.to_check.isChecked() else None
        self.proxy.end_change()
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} revisions")

    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            source = self.proxy.mapToSource(index)
            self.segmentActivated.emit(self.model.revision(source.row()).position)
