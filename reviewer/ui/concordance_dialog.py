"""Tools → Concordance (Ctrl+K): a word or phrase searched in the project's MT, corrections
and sources and in its translation memories, every hit in its context; Enter on a hit of
the project opens its segment. The search runs off the GUI thread as the words are typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewer.ui.concordance_model import COL_CONTEXT, COL_FIELD, COL_WHERE, ConcordanceModel
from reviewer.ui.diff_delegate import DiffDelegate
from reviewer.ui.latest_job import LatestJob

if TYPE_CHECKING:
    from reviewer.core.memory import ConcordanceHit

Search = Callable[[str, bool], Sequence["ConcordanceHit"]]  # query, match case
SEARCH_DELAY_MS = 250  # typing pauses this long before the search follows it
LIMIT = 200


def count_text(query: str, hits: int, limit: int = LIMIT) -> str:
    """ "3 hits for “word”", or that there are none (or that only the first are listed)."""
    if not hits:
        return f"No hits for “{query}”"
    first = f" (the first {limit})" if hits >= limit else ""
    return f"{hits} hit{'s' if hits != 1 else ''} for “{query}”{first}"


class ConcordanceDialog(QDialog):
    """A search box over a list of hits; ``segmentActivated`` asks to open a segment."""

    segmentActivated = Signal(int)  # position

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concordanceDialog")
        self.setWindowTitle("Concordance")
        self.resize(820, 460)
        self._search = search
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("concordanceSearch")
        self.search_edit.setPlaceholderText("A word or phrase")
        self.search_edit.setClearButtonEnabled(True)
        label = QLabel("&Find:")
        label.setBuddy(self.search_edit)
        self.match_case = QCheckBox("Match &case")
        self.count_label = QLabel("Type a word or phrase; Enter searches at once.")
        self.count_label.setObjectName("concordanceCount")
        self.model = ConcordanceModel(self)
        self.table = QTableView()
        self.table.setObjectName("concordanceHits")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_CONTEXT, DiffDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # one line a hit: as high as the context's rich text drawn with its margin
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        for column in (COL_WHERE, COL_FIELD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CONTEXT, QHeaderView.ResizeMode.Stretch)
        self.go_button = QPushButton("&Go to segment")
        self.go_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)  # Enter in the list goes to a hit, not a button
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.match_case)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self._job = LatestJob(self)
        self._job.succeeded.connect(self._on_job_succeeded)
        self._job.failed.connect(self._on_job_failed)
        self._to_results = False  # Enter searched: the keyboard goes to the hits
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.match_case.toggled.connect(self.search_now)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.go_button.clicked.connect(self.go_to_current)
        buttons.rejected.connect(self.close)

    @property
    def searching(self) -> bool:
        """Whether a search runs or waits."""
        return self._job.busy or self._timer.isActive()

    def set_query(self, text: str) -> None:
        """Search ``text`` (selected in the box, to type over)."""
        self.search_edit.setText(text)
        self.search_edit.selectAll()
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search_now()

    def search_now(self) -> None:
        """Search what the box holds (off the GUI thread; the newest search wins)."""
        self._timer.stop()
        query = self.search_edit.text().strip()
        if not query:
            self._job.drop()
            self.model.set_hits([])
            self.count_label.setText("Type a word or phrase; Enter searches at once.")
            return
        match_case = self.match_case.isChecked()
        search = self._search
        self.count_label.setText(f"Searching for “{query}”…")
        self._job.request(lambda _progress: (query, search(query, match_case)))

    def wait(self) -> None:
        """Search no more for now and let a search that runs end."""
        self._timer.stop()
        self._job.wait()

    def go_to_current(self) -> None:
        """Open the segment of the hit selected (a hit of the project)."""
        index = self.table.currentIndex()
        if index.isValid():
            self._on_table_activated(index)

    def _on_job_succeeded(self, result: object) -> None:
        query, hits = cast(tuple[str, Sequence['ConcordanceHit']], result)
        self.model.set_hits(hits)
        self.count_label.setText(count_text(query, len(hits)))
        if hits:
            self.table.setCurrentIndex(self.model.index(0, COL_CONTEXT))
        if self._to_results and hits:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._to_results = False

    def _on_job_failed(self, message: str) -> None:
        self._to_results = False
        self.count_label.setText(f"Not searched: {message}")

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._to_results = False
        self._timer.start()

    def _on_search_edit_return_pressed(self) -> None:
        self._to_results = True
        self.search_now()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.go_button.setEnabled(current.isValid()
                                  and self.model.hit(current.row()).position is not None)

    def _on_table_activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit.position is None:
            self.count_label.setText(f"That hit is in the translation memory from "
                                     f"{hit.origin}, not in a segment of this project.")
            return
        self.segmentActivated.emit(hit.position)
