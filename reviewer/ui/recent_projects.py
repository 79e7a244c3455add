"""File → Recent projects: the last projects opened, newest first, each a keyboard
mnemonic away (Alt+F, R, 1…); a file that is gone is shown but cannot be chosen."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from reviewer.store.server_url import is_server_url, without_password
from reviewer.ui.settings import RECENT_PROJECTS, Settings

MOST = 8
Entry = Path | str  # a project file, or a server project's address (never with a password)


def _entry(item: Entry) -> Entry:
    return without_password(item) if isinstance(item, str) and is_server_url(item) else Path(item)


def _missing(entry: Entry) -> bool:
    return isinstance(entry, Path) and not entry.is_file()


class RecentProjects:
    """The list in the settings and the menu that shows it."""

    def __init__(self, settings: Settings, open_project: Callable[[Entry], object],
                 parent: QWidget | None = None) -> None:
        self._settings = settings
        self._open = open_project
        self.menu = QMenu("&Recent projects", parent)
        self.menu.setObjectName("recentProjectsMenu")
        self.menu.aboutToShow.connect(self.fill_menu)
        self.fill_menu()

    def paths(self) -> list[Entry]:
        """The projects, most recent first."""
        try:
            stored = json.loads(self._settings.get(RECENT_PROJECTS) or "[]")
        except ValueError:
            return []
        if not isinstance(stored, list):
            return []
        return [_entry(item) for item in stored if isinstance(item, str) and item][:MOST]

    def add(self, path: Entry) -> None:
        """Put ``path`` at the top of the list (once)."""
        first = _entry(path)
        first = first.resolve() if isinstance(first, Path) else first
        self._keep([first] + [known for known in self.paths() if known != first])

    def remove(self, path: Entry) -> None:
        """Take ``path`` off the list."""
        self._keep([known for known in self.paths() if known != _entry(path)])

    def clear(self) -> None:
        """Forget every project."""
        self._keep([])

    def fill_menu(self) -> None:
        """Rebuild the menu from the list: "&1 name — folder" each, missing ones greyed."""
        self.menu.clear()
        paths = self.paths()
        for number, path in enumerate(paths, start=1):
            mnemonic = f"&{number}" if number < 10 else str(number)
            missing = _missing(path)
            name, place = (path.name, str(path.parent)) if isinstance(path, Path) else \
                (path.rsplit("project=", 1)[-1], "server " + path.split("?", 1)[0])
            text = f"{mnemonic}  {name.replace('&', '&&')} — " \
                   f"{place.replace('&', '&&')}" + ("  (missing)" if missing else "")
            action = QAction(text, self.menu)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setEnabled(not missing)
            action.triggered.connect(lambda _checked=False, chosen=path: self._choose(chosen))
            self.menu.addAction(action)
        if not paths:
            none = self.menu.addAction("No recent projects")
            none.setEnabled(False)
        self.menu.addSeparator()
        clear = self.menu.addAction("&Clear list")
        clear.setObjectName("recentProjectsClear")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(lambda _checked=False: self.clear())

    def _choose(self, path: Entry) -> None:
        self._open(path)  # a file gone since the menu opened: the window says so
        if _missing(path):
            self.remove(path)

    def _keep(self, paths: list[Entry]) -> None:
        self._settings.set(RECENT_PROJECTS, json.dumps([str(path) for path in paths[:MOST]],
                                                       ensure_ascii=False))
        self.fill_menu()
