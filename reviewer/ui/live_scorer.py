"""Scores the text being typed in another process, so typing never waits for TER.

A one-process pool, started ahead of the first keystroke; requests are debounced, only
the newest text of a segment is scored (a request made while a job runs waits for it and
replaces any older waiting one), and results for texts no longer current are dropped.
With a reference, the worker also scores the correction against it; the MT's own
reference statistics are computed once per segment and remembered in the worker.
"""

from __future__ import annotations

import os
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from reviewer.core.scoring import Scores, SegmentStats, score_segment
from reviewer.core.workers import process_pool

DEBOUNCE_MS = 120


def make_executor() -> Executor:
    """A one-process pool (spawned: forking a process that runs Qt is unsafe; the worker
    ends with this process even if it crashes).

    ``REVIEWER_SCORING=thread`` uses a thread instead, for platforms without processes.
    """
    if os.environ.get("REVIEWER_SCORING") == "thread":
        return ThreadPoolExecutor(max_workers=1)
    return process_pool(1)


class LiveScorer(QObject):
    """Debounced scoring of the latest text per segment; stale results are dropped."""

    scored = Signal(int, str, object, object)  # position, text, SegmentStats, Scores
    failed = Signal(str)
    _finished = Signal(int, str, object)  # from the executor's thread to this one

    def __init__(self, parent: QObject | None = None, executor: Executor | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._wanted: tuple[int, str, str, str | None] | None = None  # position, mt, text, ref
        self._running: tuple[int, str] | None = None
        self._latest: dict[int, str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._finished.connect(self._on_job_finished)

    def request(self, position: int, mt: str, text: str, reference: str | None = None) -> None:
        """Score ``text`` soon (and against ``reference``); a newer request replaces it."""
        self._latest[position] = text
        self._wanted = (position, mt, text, reference)
        self._timer.start()

    def flush(self) -> None:
        """Start the waiting request now instead of after the debounce delay."""
        self._timer.stop()
        self._on_timer_timeout()

    def is_current(self, position: int, text: str) -> bool:
        """Whether ``text`` is the newest text requested for the segment."""
        return self._latest.get(position) == text

    def warm_up(self) -> None:
        """Start the worker process now, so the first keystroke is scored without delay."""
        self._submit(-1, "", "", None)

    def shutdown(self, wait: bool = False) -> None:
        """Stop the worker (``wait``: until it has ended); pending results are dropped."""
        self._timer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None

    def _on_timer_timeout(self) -> None:
        if self._running is not None or self._wanted is None:
            return  # the job in flight starts the next one when it ends
        position, mt, text, reference = self._wanted
        self._wanted = None
        self._submit(position, mt, text, reference)

    def _submit(self, position: int, mt: str, text: str, reference: str | None) -> None:
        if self._executor is None:
            self._executor = make_executor()
        self._running = (position, text)
        future = self._executor.submit(score_segment, mt, text, reference)
        future.add_done_callback(lambda done: self._finished.emit(position, text, done))

    def _on_job_finished(self, position: int, text: str, future: Future[object]) -> None:
        self._running = None
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            if isinstance(error, BrokenExecutor):  # the worker died: start a fresh one next time
                self._executor = None
            self.failed.emit(f"scoring failed: {error}")
        elif position >= 0 and self.is_current(position, text):
            result = future.result()
            assert isinstance(result, tuple)
            stats, scores = result
            assert isinstance(stats, SegmentStats) and isinstance(scores, Scores)
            self.scored.emit(position, text, stats, scores)
        if self._wanted is not None and not self._timer.isActive():
            self._on_timer_timeout()
