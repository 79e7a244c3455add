"""Asking the editor's preferences: the name that signs revisions, the pause limit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewer.ui.settings import AUTHOR, PAUSE_LIMIT_S

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class PreferenceActions:
    """Edit → Your name…, Edit → Pause limit…"""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def ask_author(self) -> None:
        """Ask the name that signs revisions."""
        window = self._window
        name = window.interaction.ask_text("Your name", "Name that signs your revisions:",
                                           window.settings.author())
        if name and name.strip():
            window.settings.set(AUTHOR, name.strip())

    def ask_pause_limit(self) -> None:
        """Ask how long a pause may be before it stops counting as editing time."""
        window = self._window
        seconds = window.interaction.ask_integer(
            "Pause limit", "Pauses longer than this many seconds are not editing time:",
            window.settings.pause_limit_ms() // 1000, 1, 3600)
        if seconds is not None:
            window.settings.set(PAUSE_LIMIT_S, seconds)
            window.editor.pause_limit_ms = seconds * 1000
