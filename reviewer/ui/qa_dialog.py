"""Segment → Check document: every QA warning of the saved segments; Enter or a double
click on one opens its segment with the place selected."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.qa import QaWarning
from reviewer.ui.qa_text import check_label
from reviewer.ui.tag_chips import labelled_message

_PLACE = Qt.ItemDataRole.UserRole + 1  # an item's (position, start, end)


def count_text(found: Sequence[tuple[int, QaWarning]]) -> str:
    """ "3 warnings in 2 segments", or that there are none."""
    if not found:
        return "No QA warnings in the saved segments"
    warnings, segments = len(found), len({position for position, _warning in found})
    return (f"{warnings} warning{'s' if warnings != 1 else ''} in {segments} "
            f"segment{'s' if segments != 1 else ''}")


class QaDocumentDialog(QDialog):
    """A list of (segment, check, warning); activating a row asks to go there."""

    warningActivated = Signal(int, int, int)  # position, start, end
    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaDocumentDialog")
        self.setWindowTitle("Check document")
        self.resize(640, 420)
        self.count_label = QLabel()
        self.count_label.setObjectName("qaCount")
        self.tree = QTreeWidget()
        self.tree.setObjectName("qaWarnings")
        self.tree.setHeaderLabels(["#", "Check", "Warning"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        again = QPushButton("Check &again")
        again.setAutoDefault(False)  # Enter in the list goes to a warning, not to a button
        buttons.addButton(again, QDialogButtonBox.ButtonRole.ActionRole)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.close)
        again.clicked.connect(self.refreshRequested)
        self.tree.itemActivated.connect(self._on_tree_item_activated)

    def show_warnings(self, found: Sequence[tuple[int, QaWarning]]) -> None:
        """List ``found`` (position, warning) in document order."""
        self.tree.clear()
        items = []
        for position, warning in found:
            item = QTreeWidgetItem([str(position + 1), check_label(warning.check),
                                    labelled_message(warning.message)])
            item.setData(0, _PLACE, (position, warning.start, warning.end))
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.count_label.setText(count_text(found))
        if items:
            self.tree.setCurrentItem(items[0])
        self.tree.setFocus()

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        position, start, end = item.data(0, _PLACE)
        self.warningActivated.emit(position, start, end)
