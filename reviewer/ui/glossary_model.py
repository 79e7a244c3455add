"""The glossary's terms as a table: source, target, note, whether forbidden, origin."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reviewer.core.glossary import GlossaryTerm
from reviewer.ui.glossary_marks import DO_NOT_USE

HEADERS = ("Source", "Target", "Note", "Use", "Origin")
COL_SOURCE, COL_TARGET, COL_NOTE, COL_USE, COL_ORIGIN = range(len(HEADERS))
Index = QModelIndex | QPersistentModelIndex


class GlossaryTableModel(QAbstractTableModel):
    """One row per term, in the order the session lists them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[GlossaryTerm] = []

    def set_terms(self, terms: Sequence[GlossaryTerm]) -> None:
        """Show ``terms`` instead."""
        self.beginResetModel()
        self._terms = list(terms)
        self.endResetModel()

    def term(self, row: int) -> GlossaryTerm:
        """The term of ``row``."""
        return self._terms[row]

    def row_of(self, term_id: int) -> int:
        """The row of the term with ``term_id`` (-1: none)."""
        return next((row for row, term in enumerate(self._terms) if term.id == term_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._terms)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        term = self._terms[index.row()]
        column = index.column()
        if column == COL_SOURCE:
            return term.source
        if column == COL_TARGET:
            return term.target
        if column == COL_NOTE:
            return term.note
        if column == COL_USE:
            return DO_NOT_USE if term.forbidden else "use"
        return term.origin

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None


def filtered(model: GlossaryTableModel, parent: QObject | None = None) -> QSortFilterProxyModel:
    """``model`` sortable and filtered by a text found in any column, ignoring case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
