"""Bringing a window to the front with the keyboard in it: window managers that prevent
focus stealing leave a new or re-asked window behind the active one otherwise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def bring_forward(window: QWidget, focus: QWidget | None = None) -> None:
    """Raise and activate ``window``, the keyboard in ``focus`` (else where it was last,
    else its first control)."""
    if not window.isVisible():
        return
    window.raise_()
    window.activateWindow()
    target = focus or window.focusWidget()
    if target is not None:
        target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    else:
        window.focusNextChild()

