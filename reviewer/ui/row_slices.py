"""Many rows put into a view a slice per turn of the event loop, so that no turn takes
longer than a frame (a replace-all's undo adds thousands of revisions to the timeline)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer

SLICE_ROWS = 300  # the timeline takes about 1 ms per 300 rows


class RowSlices(QObject):
    """Queues items and hands them to ``insert`` in order, ``SLICE_ROWS`` per turn."""

    def __init__(self, insert: Callable[[Sequence[Any]], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._insert = insert
        self._queued: list[Any] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def pending(self) -> int:
        """Items queued but not inserted yet."""
        return len(self._queued)

    def add(self, items: Sequence[Any]) -> None:
        """Insert ``items`` after everything queued, a slice at a time from the next turn."""
        self._queued.extend(items)
        if self._queued and not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Insert everything queued now (something needs the rows in place)."""
        self._timer.stop()
        queued, self._queued = self._queued, []
        if queued:
            self._insert(queued)

    def clear(self) -> None:
        """Forget what is queued (the view shows something else)."""
        self._timer.stop()
        self._queued = []

    def _on_timer_timeout(self) -> None:
        chunk, self._queued = self._queued[:SLICE_ROWS], self._queued[SLICE_ROWS:]
        if self._queued:
            self._timer.start()
        if chunk:
            self._insert(chunk)
