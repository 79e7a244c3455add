"""A short banner over the segments on a first start: the few keys that matter. It never
blocks (no dialog); "Don't show again" is remembered, × hides it until the next start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.ui.actions import ActionSpec, ActionTable, key_text
from reviewer.ui.settings import TIP_DISMISSED, Settings

SHOW_TIP = ActionSpec("help.tip", "&Help", "Show the &first-start tip")
# (action, what its keys do): the keys are the user's, as Help → Keyboard shortcuts has them
KEYS = (("segment.confirm", "confirms and goes to the next segment"),
        ("segment.next", "next segment"), ("segment.previous", "previous one"),
        ("segment.next_unconfirmed", "next unconfirmed"),
        ("edit.insert_tag", "inserts the next missing tag"),
        ("edit.find", "finds"))


class FirstStartTip(QFrame):
    """The banner; ``wrap`` puts it above the window's main area."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartTip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._actions: ActionTable | None = None
        self._settings = settings
        self.label = QLabel()
        self.label.setObjectName("firstStartTipText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.dismiss_button = QPushButton("Don't show again")
        self.dismiss_button.setObjectName("firstStartTipDismiss")
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip("Hide the tip until the next start")
        self.close_button.setObjectName("firstStartTipClose")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.close_button.clicked.connect(self.hide)
        if settings.get(TIP_DISMISSED):
            self.hide()  # never show() here: without a parent yet it would be a window

    def wrap(self, main_area: QWidget) -> QWidget:
        """A widget with the banner above ``main_area``."""
        container = QWidget()
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self)
        column.addWidget(main_area, 1)
        return container

    def use_actions(self, actions: ActionTable) -> None:
        """Word the tip with these actions' keys; Help → Show the first-start tip."""
        self._actions = actions
        actions.add(SHOW_TIP, self.show_again)
        self.refresh()

    def refresh(self) -> None:
        """Word the tip with the keys the actions have now."""
        actions = self._actions
        if actions is None:
            return
        parts = []
        for name, what in KEYS:
            try:
                keys = actions.keys(name)
            except KeyError:
                continue
            if keys:  # Ctrl+Enter rather than Ctrl+Return: the key's name on most keyboards
                shown = next((key for key in keys if "Enter" in key), keys[0])
                parts.append(f"<b>{key_text([shown])}</b> {what}")
        shortcuts = actions.keys("help.shortcuts")
        where = f" ({key_text(shortcuts[:1])})" if shortcuts else ""
        self.label.setText("Welcome! The keys that matter: " + " · ".join(parts)
                           + f". <b>Help → Keyboard shortcuts</b>{where} lists every key "
                           "and lets you change them.")

    def show_again(self) -> None:
        """Show the tip (Help menu), whatever was chosen before."""
        self.refresh()
        self.show()

    def dismiss(self) -> None:
        """Hide the tip for good."""
        self._settings.set(TIP_DISMISSED, True)
        self.hide()
