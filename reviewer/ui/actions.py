"""Every action of the window in one table: its menu, its text and its default keys.

The table is the source of the menus, of Help → Keyboard shortcuts and of the keys a user
may change (kept in the settings). Other parts add their actions with ``ActionTable.add``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from reviewer.ui.settings import Settings

MENUS = ("&File", "&Edit", "&Segment", "Versi&ons", "&View", "&Help")


@dataclass(frozen=True)
class ActionSpec:
    """One action: ``name`` is stable (the settings key of its keys), ``text`` is shown."""

    name: str
    menu: str
    text: str
    keys: tuple[str, ...] = ()
    separator_before: bool = False


SPECS = (
    ActionSpec("file.new", "&File", "&New from file(s)…", ("Ctrl+N",)),
    ActionSpec("file.open", "&File", "&Open…", ("Ctrl+O",)),
    ActionSpec("file.export", "&File", "&Export…", ("Ctrl+E",)),
    ActionSpec("file.backup", "&File", "&Backup copy…"),
    ActionSpec("file.quit", "&File", "&Quit", ("Ctrl+Q",), separator_before=True),
    ActionSpec("edit.undo", "&Edit", "&Undo", ("Ctrl+Z",)),
    ActionSpec("edit.redo", "&Edit", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("edit.replace", "&Edit", "Find and rep&lace…", ("Ctrl+H",),
               separator_before=True),
    ActionSpec("edit.insert_tag", "&Edit", "Insert next missing &tag", ("F8", "Ctrl+,")),
    ActionSpec("edit.copy_source", "&Edit", "Copy &source into the correction",
               ("Ctrl+Shift+S",)),
    ActionSpec("edit.copy_mt", "&Edit", "Copy &MT into the correction", ("Ctrl+Shift+M",)),
    ActionSpec("edit.author", "&Edit", "Your &name…", separator_before=True),
    ActionSpec("edit.pause_limit", "&Edit", "&Pause limit for editing time…"),
    ActionSpec("segment.confirm", "&Segment", "&Confirm and next", ("Ctrl+Return", "Ctrl+Enter")),
    ActionSpec("segment.next", "&Segment", "&Next segment", ("Alt+Down",)),
    ActionSpec("segment.previous", "&Segment", "&Previous segment", ("Alt+Up",)),
    ActionSpec("segment.next_unconfirmed", "&Segment", "Next &unconfirmed", ("Ctrl+U",)),
    ActionSpec("segment.go_to", "&Segment", "&Go to segment…", ("Ctrl+G",)),
    ActionSpec("segment.edit", "&Segment", "&Edit correction", ("F6",)),
    ActionSpec("segment.table", "&Segment", "Segment &table", ("Ctrl+T",)),
    ActionSpec("versions.label", "Versi&ons", "&Label this version…", ("Ctrl+L",)),
    ActionSpec("versions.compare", "Versi&ons", "&Compare versions…"),
    ActionSpec("versions.export", "Versi&ons", "&Export a version…"),
    ActionSpec("help.shortcuts", "&Help", "&Keyboard shortcuts…", ("F1",)),
    ActionSpec("help.about", "&Help", "&About reviewer"),
)


def key_text(keys: list[str]) -> str:
    """Keys as the platform writes them, e.g. "Ctrl+Return, Ctrl+Enter"."""
    return ", ".join(QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
                     for key in keys)


class ActionTable:
    """The window's actions by name, in their menus, with the keys the user chose."""

    def __init__(self, window: QMainWindow, settings: Settings) -> None:
        self._window = window
        self._settings = settings
        bar = window.menuBar()
        self.menus: dict[str, QMenu] = {name: bar.addMenu(name) for name in MENUS}
        self._specs: dict[str, ActionSpec] = {}
        self._actions: dict[str, QAction] = {}

    def add(self, spec: ActionSpec, slot: Callable[[], object] | None = None,
            action: QAction | None = None) -> QAction:
        """Put an action in its menu (a new one, or ``action``) with its keys."""
        if spec.name in self._specs:
            raise ValueError(f"two actions named {spec.name}")
        if action is None:
            action = QAction(spec.text, self._window)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        action.setObjectName(spec.name)
        # window-wide: the keys work wherever the focus is in the main window
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._specs[spec.name] = spec
        self._actions[spec.name] = action
        menu = self.menus.get(spec.menu) or self._window.menuBar().addMenu(spec.menu)
        self.menus[spec.menu] = menu
        if spec.separator_before:
            menu.addSeparator()
        menu.addAction(action)
        self._apply(spec.name)
        return action

    def add_all(self, slots: Mapping[str, Callable[[], object]],
                actions: Mapping[str, QAction] | None = None) -> None:
        """Add every action of ``SPECS``, each with its slot (or made action)."""
        for spec in SPECS:
            made = (actions or {}).get(spec.name)
            self.add(spec, None if made is not None else slots[spec.name], made)

    def action(self, name: str) -> QAction:
        """The action called ``name``."""
        return self._actions[name]

    def specs(self) -> list[ActionSpec]:
        """Every action, in menu order."""
        order = {menu: index for index, menu in enumerate(self.menus)}
        return sorted(self._specs.values(), key=lambda spec: order[spec.menu])

    def keys(self, name: str) -> list[str]:
        """The keys of an action now: the user's choice, else its defaults."""
        chosen = self._settings.shortcuts(name)
        return list(self._specs[name].keys) if chosen is None else chosen

    def set_keys(self, name: str, keys: list[str] | None) -> None:
        """Change an action's keys (None: back to its defaults) and keep the choice."""
        self._settings.set_shortcuts(name, keys)
        self._apply(name)

    def owner_of(self, key: str, besides: str = "") -> str | None:
        """The name of another action that already has ``key``, if any."""
        wanted = QKeySequence(key)
        for name in self._specs:
            if name != besides and any(QKeySequence(k) == wanted for k in self.keys(name)):
                return name
        return None

    def _apply(self, name: str) -> None:
        self._actions[name].setShortcuts([QKeySequence(key) for key in self.keys(name)])
