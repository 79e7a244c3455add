"""Long work in a background thread that reports progress and its end through signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from reviewer.core.errors import ReviewerError

Job = Callable[[Callable[[int, int], None]], Any]


class CancelledError(Exception):
    """The user cancelled the task."""


class Task(QThread):
    """Runs ``job(progress)`` off the GUI thread; never touches widgets."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancel = False

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report."""
        self._cancel = True

    def _progress(self, done: int, total: int) -> None:
        if self._cancel:
            raise CancelledError()
        self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except CancelledError:
            self.failed.emit("")
        except (ReviewerError, OSError) as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - report any failure instead of dying silently
            self.failed.emit(f"unexpected error: {error!r}")
        else:
            self.succeeded.emit(result)
