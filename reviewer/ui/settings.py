"""The window's settings: each one typed, with its default declared here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

from reviewer.session import default_author

T = TypeVar("T", str, int, bool)


@dataclass(frozen=True)
class Setting(Generic[T]):
    """A key in the settings file and the value it has until the user sets one."""

    key: str
    default: T


AUTHOR = Setting("author", "")  # empty: the login name signs
PAUSE_LIMIT_S = Setting("pause_limit_s", 30)
THEME = Setting("theme", "system")  # system, light or dark (theme.py)
SHORTCUTS_GROUP = "shortcuts"  # shortcuts/<action name> = "Ctrl+X;Ctrl+Y"
# the window as it was left (window_state.py); Qt's saved states, base64
WINDOW_GEOMETRY = Setting("window/geometry", "")
WINDOW_STATE = Setting("window/state", "")  # docks
WINDOW_SPLITTER = Setting("window/splitter", "")  # the table over the editor
TABLE_COLUMNS = Setting("window/table_columns", "")  # JSON {column title: width}
EDITOR_ZOOM = Setting("editor/zoom", 0)  # points added to the editor's text (editor_zoom.py)
RECENT_PROJECTS = Setting("recent_projects", "")  # JSON list of paths, newest first
LAST_EXPORT_FOLDER = Setting("last_export_folder", "")  # empty: the project's folder
TIP_DISMISSED = Setting("first_start_tip_dismissed", False)  # "Don't show again"


class Settings:
    """Typed access to the settings file (``QSettings``); a bad stored value reads as the
    default."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings("reviewer", "reviewer")

    def get(self, setting: Setting[T]) -> T:
        """The stored value as the setting's type, or its default."""
        raw = self.store.value(setting.key, setting.default)
        default = setting.default
        try:
            if isinstance(default, bool):
                value: object = raw if isinstance(raw, bool) \
                    else str(raw).lower() in ("1", "true", "yes")
            elif isinstance(default, int):
                value = int(str(raw))
            else:
                value = str(raw)
        except (TypeError, ValueError):
            return default
        return value  # type: ignore[return-value]

    def set(self, setting: Setting[T], value: T) -> None:
        """Store a value."""
        self.store.setValue(setting.key, value)

    def author(self) -> str:
        """Who signs revisions: the name set, else the login name."""
        return self.get(AUTHOR).strip() or default_author()

    def pause_limit_ms(self) -> int:
        """Pauses longer than this do not count as editing time (at least a second)."""
        return max(1, self.get(PAUSE_LIMIT_S)) * 1000

    def shortcuts(self, name: str) -> list[str] | None:
        """The keys the user chose for an action (None: its default keys)."""
        raw = self.store.value(f"{SHORTCUTS_GROUP}/{name}")
        if raw is None:
            return None
        return [key for key in str(raw).split(";") if key] if raw != "" else []

    def set_shortcuts(self, name: str, keys: list[str] | None) -> None:
        """Keep the keys chosen for an action; None goes back to its defaults."""
        if keys is None:
            self.store.remove(f"{SHORTCUTS_GROUP}/{name}")
        else:
            self.store.setValue(f"{SHORTCUTS_GROUP}/{name}", ";".join(keys))

    def setValue(self, key: str, value: object) -> None:
        """Store an undeclared value (QSettings' spelling, for code not yet typed)."""
        self.store.setValue(key, value)

    def value(self, key: str, default: object = None) -> object:
        """Read an undeclared value (QSettings' spelling)."""
        return self.store.value(key, default)


def scratch_copy(store: QSettings, folder: Path) -> QSettings:
    """A copy of ``store`` in ``folder`` for an offscreen render (a screenshot): it looks as
    the user set it, at the default size, and what it keeps on close never reaches them."""
    copy = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    for key in store.allKeys():
        if key != WINDOW_GEOMETRY.key:
            copy.setValue(key, store.value(key))
    return copy
