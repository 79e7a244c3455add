"""What the window does with an error nobody expected: say so in one line, keep the typing."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

Hook = type(sys.excepthook)


class UnexpectedErrorHook:
    """``sys.excepthook`` for the window: the traceback goes to stderr (for a bug report),
    the open segment's typing is saved as a draft, and the user is told in one line through
    the window's interaction (so a test never waits on a dialog)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._handling = False
        self.previous = sys.excepthook

    def install(self) -> UnexpectedErrorHook:
        """Become ``sys.excepthook``; ``uninstall`` puts the previous hook back."""
        self.previous = sys.excepthook
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        """Put back the hook that was there before."""
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(self, kind: type[BaseException], error: BaseException,
                 trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) or self._handling:
            self.previous(kind, error, trace)
            return
        self._handling = True
        try:
            traceback.print_exception(kind, error, trace, file=sys.stderr)
            kept = self._keep_typing()
            message = " ".join(str(error).split()) or kind.__name__
            self._window.interaction.error(
                "Unexpected error",
                f"Something went wrong ({kind.__name__}: {message}). {kept} Everything you "
                "confirmed is saved; if it happens again, please report it with the details "
                "printed in the terminal.")
        finally:
            self._handling = False

    def _keep_typing(self) -> str:
        """Save the open segment's typing as a draft; what to tell the user about it."""
        window = self._window
        try:
            editor = window.editor
            if editor.position < 0 or editor.text() == window.model.segment(
                    editor.position).text:
                return ""
            window.editing.save_draft()
            return (f"Your typing in segment {editor.position + 1} is kept in the editor "
                    "and saved as a draft.")
        except Exception:  # noqa: BLE001 - the hook must never raise itself
            return "Your typing is still in the editor."
