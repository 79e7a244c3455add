"""Moving between segments from the keyboard: next, previous, next unconfirmed, go to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from reviewer.session import STATUS_CONFIRMED

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class Navigation:
    """The Segment menu's moves; each one lands in the correction, ready to type."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def move(self, step: int) -> None:
        """The segment ``step`` rows away, if there is one."""
        row = self._window.filters.shown_after(self._window.editor.position, step)
        if row >= 0:  # the rows as shown: filtered, sorted
            self._window.select_row(row)

    def next_unconfirmed(self) -> None:
        """The next segment after this one that is not confirmed, from the top again after
        the last; a message when every segment is confirmed."""
        window = self._window
        model, count = window.model, window.model.rowCount()
        start = window.editor.position
        for step in range(1, count + 1):
            row = (start + step) % count
            segment = model.segment(row)
            if segment.status != STATUS_CONFIRMED or model.current_text(row) != segment.text:
                window.select_row(row)
                return
        window.statusBar().showMessage("Every segment is confirmed.", 4000)

    def go_to_segment_dialog(self) -> None:
        """Ask for a segment number and show that segment (the table loads rows lazily)."""
        window = self._window
        count = window.model.rowCount()
        if count == 0:
            return
        number = window.interaction.ask_integer("Go to segment", f"Segment (1 to {count}):",
                                                max(1, window.editor.position + 1), 1, count)
        if number is not None:
            window.select_row(number - 1)

    def focus_table(self) -> None:
        """Put the keyboard in the segment table (arrows move, Enter edits the correction)."""
        self._window.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
