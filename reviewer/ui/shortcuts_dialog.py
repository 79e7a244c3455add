"""Help → Keyboard shortcuts: every action with its keys, and a way to change them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reviewer.ui.actions import ActionTable, key_text

COLUMNS = ("Menu", "Action", "Keys")


def plain(text: str) -> str:
    """A menu text without its mnemonic marks."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ShortcutsDialog(QDialog):
    """The list of actions; pick one, press the new keys, Set (or Default, or None)."""

    def __init__(self, actions: ActionTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(620, 560)
        self._actions = actions
        self._names = [spec.name for spec in actions.specs()]
        self.table = QTableWidget(len(self._names), len(COLUMNS))
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.key_edit = QKeySequenceEdit()
        self.key_edit.setObjectName("shortcutEdit")
        self.set_button = QPushButton("&Set")
        self.default_button = QPushButton("&Default")
        self.none_button = QPushButton("&No keys")
        self.message = QLabel("Pick an action, press its new keys, then Set.")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.addWidget(QLabel("New keys:"))
        row.addWidget(self.key_edit, 1)
        for button in (self.set_button, self.default_button, self.none_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._fill()
        buttons.rejected.connect(self.close)
        self.set_button.clicked.connect(self._on_set_button_clicked)
        self.default_button.clicked.connect(self._on_default_button_clicked)
        self.none_button.clicked.connect(self._on_none_button_clicked)
        self.table.selectRow(0)

    def rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) as listed."""
        cells = [[self._cell(row, column) for column in range(len(COLUMNS))]
                 for row in range(self.table.rowCount())]
        return [(menu, action, keys) for menu, action, keys in cells]

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text()

    def set_keys(self, name: str, keys: list[str] | None) -> bool:
        """Give an action other keys (None: its defaults); False (and why) if another
        action has one of them."""
        for key in keys or []:
            owner = self._actions.owner_of(key, besides=name)
            if owner is not None:
                taken_by = plain(self._actions.action(owner).text())
                self.message.setText(f"{key_text([key])} is already “{taken_by}”; "
                                     "change that one first.")
                return False
        self._actions.set_keys(name, keys)
        self._fill()
        self.message.setText(f"“{plain(self._actions.action(name).text())}”: "
                             f"{key_text(self._actions.keys(name)) or 'no keys'}.")
        return True

    def _fill(self) -> None:
        specs = {spec.name: spec for spec in self._actions.specs()}
        for row, name in enumerate(self._names):
            spec = specs[name]
            for column, text in enumerate((plain(spec.menu), plain(spec.text),
                                           key_text(self._actions.keys(name)))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self._names[row] if 0 <= row < len(self._names) else None

    def _on_set_button_clicked(self) -> None:
        name = self._selected()
        sequence = self.key_edit.keySequence()
        if name is None or sequence.isEmpty():
            self.message.setText("Pick an action and press its new keys first.")
            return
        self.set_keys(name, [sequence.toString(QKeySequence.SequenceFormat.PortableText)])
        self.key_edit.clear()

    def _on_default_button_clicked(self) -> None:
        name = self._selected()
        if name is not None:
            self.set_keys(name, None)

    def _on_none_button_clicked(self) -> None:
        name = self._selected()
        if name is not None:
            self.set_keys(name, [])
