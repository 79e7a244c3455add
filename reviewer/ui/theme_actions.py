"""View → Theme: light, dark or the desktop's, remembered and applied at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu

from reviewer.ui.settings import THEME
from reviewer.ui.theme import DARK, LIGHT, SYSTEM, THEMES, apply_theme

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

_LABELS = {SYSTEM: "&System (follow the desktop)", LIGHT: "&Light", DARK: "&Dark"}


class ThemeActions:
    """The Theme submenu of View; choosing one repaints the window in it."""

    def __init__(self, window: MainWindow, view_menu: QMenu) -> None:
        self._window = window
        menu = view_menu.addMenu("&Theme")
        menu.setObjectName("themeMenu")
        group = QActionGroup(menu)
        chosen = window.settings.get(THEME)
        self.actions: dict[str, QAction] = {}
        for theme in THEMES:
            action = QAction(_LABELS[theme], menu, checkable=True)
            action.setChecked(theme == chosen if chosen in THEMES else theme == SYSTEM)
            action.triggered.connect(lambda _=False, choice=theme: self.choose(choice))
            group.addAction(action)
            menu.addAction(action)
            self.actions[theme] = action

    def choose(self, theme: str) -> None:
        """Remember ``theme`` and repaint everything in it."""
        window = self._window
        window.settings.set(THEME, theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.actions[theme].setChecked(True)
        window.editor.refresh_colours()  # the MT diff's colours are in its text formats
        window.model.refresh_colours()  # the table's diffs are cached as rich text
        window.update()
