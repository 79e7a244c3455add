"""Edit → QA checks: which checks the project runs (kept in the project file)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.errors import ReviewerError
from reviewer.core.qa import CHECKS
from reviewer.qa_service import SessionQa
from reviewer.ui.qa_text import check_label


class QaSettingsDialog(QDialog):
    """A box per check; OK keeps the choice in the project."""

    changed = Signal()  # the project's checks were switched on or off

    def __init__(self, qa: SessionQa, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaSettingsDialog")
        self.setWindowTitle("QA checks")
        self._qa = qa
        read_only = qa.session.read_only
        self.note = QLabel("The project is open read-only: its checks cannot be changed."
                           if read_only else "Checks to run on this project's corrections:")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        disabled = qa.disabled()
        self._boxes: dict[str, QCheckBox] = {}
        for check, description in CHECKS.items():
            box = QCheckBox(f"{check_label(check)}: {description}")
            box.setObjectName(f"qaCheck-{check}")
            box.setChecked(check not in disabled)
            box.setEnabled(not read_only)
            layout.addWidget(box)
            self._boxes[check] = box
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not read_only)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def box(self, check: str) -> QCheckBox:
        """The box of check ``check``."""
        return self._boxes[check]

    def accept(self) -> None:
        """Keep the choice in the project; a failure stays in the dialog, said in it."""
        off = {check for check, box in self._boxes.items() if not box.isChecked()}
        if off != self._qa.disabled():
            try:
                self._qa.set_disabled(off)
            except ReviewerError as error:
                self.note.setText(f"Not saved: {error}")
                return
            self.changed.emit()
        super().accept()
