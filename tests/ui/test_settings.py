"""The window's settings: typed, each with a declared default; a bad value reads as it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from reviewer.session import default_author
from reviewer.ui.settings import AUTHOR, PAUSE_LIMIT_S, Settings


def test_defaults_types_and_bad_values(tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings = Settings(store)
    assert settings.get(PAUSE_LIMIT_S) == 30 and settings.pause_limit_ms() == 30_000
    assert settings.get(AUTHOR) == "" and settings.author() == default_author()
    store.setValue("pause_limit_s", "not a number")
    assert settings.get(PAUSE_LIMIT_S) == 30
    settings.set(PAUSE_LIMIT_S, 0)
    assert settings.pause_limit_ms() == 1000  # at least a second
    settings.set(AUTHOR, "  Anna  ")
    assert settings.author() == "Anna"
    assert settings.shortcuts("segment.confirm") is None
    settings.set_shortcuts("segment.confirm", ["Ctrl+K", "F12"])
    settings.set_shortcuts("help.about", [])
    again = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.shortcuts("segment.confirm") == ["Ctrl+K", "F12"]
    assert again.shortcuts("help.about") == []
    again.set_shortcuts("segment.confirm", None)
    assert again.shortcuts("segment.confirm") is None
