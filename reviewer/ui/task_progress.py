"""One long job at a time off the GUI thread, with a progress dialog that can cancel it."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from reviewer.ui.tasks import Job, Task

Done = Callable[[object], None]
Failed = Callable[[str], None]  # a one-line message; empty when the user cancelled
# while a job runs, Python hands its lock to the GUI thread every millisecond instead of
# every 5, and collects no cycles (a full collection, on whichever thread, holds the lock
# for tens of milliseconds): the job's Python code otherwise delays the GUI thread
SWITCH_INTERVAL_S = 0.001


class TaskRunner(QObject):
    """Runs a job in a ``Task`` while a window-modal dialog shows its progress.

    The dialog blocks the window's keys and mouse while the job runs, so nothing on the
    GUI thread touches the project meanwhile; the callbacks run on the GUI thread.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._task: Task | None = None
        self._dialog: QProgressDialog | None = None
        self._done: Done | None = None
        self._failed: Failed | None = None
        self._switch_interval = sys.getswitchinterval()
        self._collecting = True

    @property
    def busy(self) -> bool:
        """Whether a job is running."""
        return self._task is not None

    def run(self, label: str, job: Job, done: Done, failed: Failed,
            cancellable: bool = True, title: str = "") -> bool:
        """Start ``job(progress)``; False (nothing started) while another job runs."""
        if self._task is not None:
            return False
        dialog = QProgressDialog(label, "Cancel" if cancellable else "", 0, 0, self._parent)
        dialog.setWindowTitle(title or label.rstrip("…"))
        dialog.setMinimumDuration(0)  # at once: it is what keeps the window's keys away
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        if not cancellable:
            dialog.setCancelButton(None)
        task = Task(job, self)
        # bound methods: Qt queues the worker's signals to the GUI thread
        task.progressed.connect(self._on_task_progressed)
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)
        dialog.canceled.connect(task.cancel)
        self._task, self._dialog, self._done, self._failed = task, dialog, done, failed
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_INTERVAL_S))
        self._collecting = gc.isenabled()
        gc.disable()
        dialog.show()
        task.start()
        return True

    def cancel_and_wait(self, milliseconds: int = 5000) -> None:
        """Ask the running job to stop and wait for it; its result is dropped (the window
        is closing)."""
        if self._task is not None:
            self._task.cancel()
            self._task.wait(milliseconds)
            self._finish()

    def _on_task_progressed(self, done: int, total: int) -> None:
        if self._dialog is not None:
            self._dialog.setMaximum(total)
            self._dialog.setValue(done)

    def _finish(self) -> tuple[Done | None, Failed | None]:
        if self._dialog is not None:
            self._dialog.reset()  # stops its show timer: a fast job's dialog never comes back
            self._dialog.hide()  # (shown again, it would take the keyboard as it went)
            self._dialog.deleteLater()
        if self._task is not None:
            self._task.wait()
            self._task.deleteLater()
            sys.setswitchinterval(self._switch_interval)
            if self._collecting:
                gc.freeze()  # what the job made is kept (the window shows it): no collection
                gc.enable()  # of it all at once, on the GUI thread, right now
        callbacks = (self._done, self._failed)
        self._task = self._dialog = self._done = self._failed = None
        return callbacks

    def _on_task_succeeded(self, result: object) -> None:
        done, _failed = self._finish()
        if done is not None:
            done(result)

    def _on_task_failed(self, message: str) -> None:
        _done, failed = self._finish()
        if failed is not None:
            failed(message)
