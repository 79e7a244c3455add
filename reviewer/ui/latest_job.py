"""Work a dialog asks for while it stays usable: off the GUI thread, newest request wins."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from reviewer.ui.tasks import Task

_ALIVE: set[Task] = set()  # threads outlive a dialog closed while they run


QUIT_WAIT_MS = 10_000


def _forget(task: Task) -> None:
    _ALIVE.discard(task)


def _wait_for_all() -> None:
    """The app quits: a thread still reading must end before Qt tears it down."""
    for task in list(_ALIVE):
        try:
            task.wait(QUIT_WAIT_MS)
        except RuntimeError:  # already deleted by Qt
            _ALIVE.discard(task)


class LatestJob(QObject):
    """Runs one job at a time in a ``Task``; a request made meanwhile waits for it (a
    newer one replaces it), and only the newest request's result is reported."""

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        app = QCoreApplication.instance()
        if app is not None and not app.property("latestJobHooked"):
            app.setProperty("latestJobHooked", True)
            app.aboutToQuit.connect(_wait_for_all)
        self._waiting: Callable[[Callable[[int, int], None]], object] | None = None
        self._requested = 0  # requests made
        self._running = 0  # the running job's request number

    @property
    def busy(self) -> bool:
        """Whether a job runs or waits."""
        return self._task is not None or self._waiting is not None

    def request(self, job: Callable[[Callable[[int, int], None]], object]) -> None:
        """Run ``job(progress)`` once the running one ends; its result supersedes theirs."""
        self._requested += 1
        if self._task is None:
            self._start(job)
        else:
            self._waiting = job

    def drop(self) -> None:
        """Report nothing of what runs or waits now."""
        self._requested += 1
        self._waiting = None

    def wait(self, milliseconds: int = QUIT_WAIT_MS) -> None:
        """Drop what waits and let the running job end (its project is about to close)."""
        self.drop()
        if self._task is not None:
            self._task.wait(milliseconds)

    def _start(self, job: Callable[[Callable[[int, int], None]], object]) -> None:
        task = Task(job)  # no parent: a dialog deleted meanwhile must not take the thread
        _ALIVE.add(task)
        self._task, self._running = task, self._requested
        # bound methods: Qt queues the worker's signals to the GUI thread
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)
        task.finished.connect(task.deleteLater)
        task.destroyed.connect(lambda: _forget(task))
        task.start()

    def _next(self) -> bool:
        """The ended job's result is the newest one's; start the waiting job."""
        latest = self._running == self._requested
        self._task = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(waiting)
        return latest

    def _on_task_succeeded(self, result: object) -> None:
        if self._next():
            self.succeeded.emit(result)

    def _on_task_failed(self, message: str) -> None:
        if self._next():
            self.failed.emit(message)
