"""The window as the editor left it: its size and place, the docks, the split between the
table and the editor, and the segment table's column widths, kept in the settings."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QHeaderView, QMainWindow, QSplitter, QTableView

from reviewer.ui.settings import (
    TABLE_COLUMNS,
    WINDOW_GEOMETRY,
    WINDOW_SPLITTER,
    WINDOW_STATE,
    Setting,
    Settings,
)

DEFAULT_SIZE = (1360, 820)
DOCK_WIDTH = 520


def _encoded(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _decoded(text: str) -> QByteArray:
    return QByteArray.fromBase64(QByteArray(text.encode("ascii")))


class WindowState:
    """Restores the window's layout from the settings and keeps it there on close."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, table: QTableView,
                 settings: Settings) -> None:
        self._window = window
        self._splitter = splitter
        self._table = table
        self._settings = settings

    def restore(self) -> None:
        """Lay the window out as it was left; the first time, a size that fits the screen."""
        window = self._window
        if not self._restored(WINDOW_GEOMETRY, window.restoreGeometry):
            screen = window.screen().availableGeometry() if window.screen() else None
            width, height = DEFAULT_SIZE
            # an offscreen render (screenshots, tests) has no real screen to fit
            if screen is not None and screen.width() > 0 \
                    and QGuiApplication.platformName() != "offscreen":
                width, height = min(width, screen.width()), min(height, screen.height())
            window.resize(width, height)
            docks = [dock for dock in window.findChildren(QDockWidget) if not dock.isHidden()]
            # a third of the width: in a small window the editor keeps the most of it
            window.resizeDocks(docks, [min(DOCK_WIDTH, width // 3)] * len(docks),
                               Qt.Orientation.Horizontal)
        self._restored(WINDOW_STATE, window.restoreState)
        self._restored(WINDOW_SPLITTER, self._splitter.restoreState)
        self.restore_columns()

    def restore_columns(self) -> None:
        """Give the table's columns the widths the editor chose (by title, so a column added
        or taken away in a later version leaves the others as they were)."""
        try:
            widths = json.loads(self._settings.get(TABLE_COLUMNS) or "{}")
        except ValueError:
            return
        if not isinstance(widths, dict):
            return
        header = self._table.horizontalHeader()
        for column, title in self._titles().items():
            width = widths.get(title)
            if isinstance(width, int) and width > 0 and \
                    header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(column, width)

    def save(self) -> None:
        """Keep the window's layout for the next start."""
        window = self._window
        self._settings.set(WINDOW_GEOMETRY, _encoded(window.saveGeometry()))
        self._settings.set(WINDOW_STATE, _encoded(window.saveState()))
        self._settings.set(WINDOW_SPLITTER, _encoded(self._splitter.saveState()))
        header = self._table.horizontalHeader()
        widths = {title: header.sectionSize(column) for column, title in self._titles().items()
                  if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive
                  and not header.isSectionHidden(column)}
        self._settings.set(TABLE_COLUMNS, json.dumps(widths, ensure_ascii=False))

    def _titles(self) -> dict[int, str]:
        model = self._table.model()
        return {column: str(model.headerData(column, Qt.Orientation.Horizontal))
                for column in range(model.columnCount())}

    def _restored(self, setting: Setting[str], restore: object) -> bool:
        text = self._settings.get(setting)
        if not text:
            return False
        assert callable(restore)
        try:
            return bool(restore(_decoded(text)))
        except (UnicodeError, ValueError):
            return False
