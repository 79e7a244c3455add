"""Scores text in other processes, so neither typing nor confirming waits for TER.

Live scores of the text being typed: a one-process worker, started ahead of the first
keystroke; requests are debounced, only the newest text of a segment is scored (a request
made while a job runs waits for it and replaces any older waiting one), and results for
texts no longer current are dropped. With a reference, the worker also scores the
correction against it; the MT's own reference statistics are computed once per segment
and remembered in the worker.

Late scores of revisions saved with their scores pending (``score_late``): a second
worker, one revision after another, so a segment whose TER takes minutes never holds up
live scoring. Both workers are stopped mid-job when the window closes.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from reviewer.core.scoring import MetricStats, Scores, SegmentStats, score_segment
from reviewer.core.workers import StoppableExecutor
from reviewer.formats.limits import MAX_SEGMENT_CHARS

DEBOUNCE_MS = 120

LateJob = tuple[int, str, str, "str | None", "MetricStats | None"]  # id, mt, text, ref, mt_ref


def make_executor() -> Executor:
    """A one-process worker (spawned: forking a process that runs Qt is unsafe; it ends
    with this process even if that crashes, and ``shutdown`` stops it mid-job).

    ``REVIEWER_SCORING=thread`` uses a thread instead, for platforms without processes.
    """
    if os.environ.get("REVIEWER_SCORING") == "thread":
        return ThreadPoolExecutor(max_workers=1)
    return StoppableExecutor()


class LiveScorer(QObject):
    """Debounced scoring of the latest text per segment; stale results are dropped."""

    scored = Signal(int, str, object, object)  # position, text, SegmentStats, Scores
    failed = Signal(str)
    late_scored = Signal(int, str, object, object)  # revision id, text, SegmentStats, Scores
    _finished = Signal(int, str, object)  # from the executor's thread to this one
    _late_finished = Signal(int, str, object)

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
        self._late_executor: Executor | None = None
        self._late_waiting: deque[LateJob] = deque()
        self._late_running: int | None = None  # the revision being scored
        self._late_future: Future[Any] | None = None  # its job
        self._late_finished.connect(self._on_late_job_finished)

    def request(self, position: int, mt: str, text: str, reference: str | None = None) -> None:
        """Score ``text`` soon (and against ``reference``); a newer request replaces it.

        A text longer than a segment may be is not scored (it cannot be saved either)."""
        self._latest[position] = text
        if len(text) > MAX_SEGMENT_CHARS:
            self._timer.stop()
            self._wanted = None
            self.failed.emit(f"Segment {position + 1} is {len(text):,} characters long, over "
                             f"the limit of {MAX_SEGMENT_CHARS:,}: not scored, and it cannot "
                             "be saved until it is shorter")
            return
        self._wanted = (position, mt, text, reference)
        self._timer.start()

    def score_late(self, revision_id: int, mt: str, text: str, reference: str | None,
                   mt_reference: MetricStats | None = None) -> None:
        """Score a saved revision whose scores are pending; ``late_scored`` brings them."""
        if revision_id == self._late_running or any(
                job[0] == revision_id for job in self._late_waiting):
            return
        self._late_waiting.append((revision_id, mt, text, reference, mt_reference))
        self._start_late()

    def forget_late(self, revision_id: int) -> None:
        """Drop a revision's late scoring (its scores came another way); a job already
        running for it is stopped."""
        self._late_waiting = deque(job for job in self._late_waiting if job[0] != revision_id)
        if self._late_running == revision_id and self._late_executor is not None:
            self._late_executor.shutdown(wait=False, cancel_futures=True)
            self._late_executor = None  # the next job gets a fresh process
            self._late_running = self._late_future = None
            self._start_late()

    def forget_all_late(self) -> None:
        """Drop every late scoring (another project is shown); a running one is stopped."""
        self._late_waiting.clear()
        if self._late_running is not None:
            self.forget_late(self._late_running)

    def late_pending(self) -> int:
        """How many revisions are waiting for or getting their late scores."""
        return len(self._late_waiting) + (self._late_running is not None)

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
        """Stop the workers (``wait``: until they have ended); pending results are dropped."""
        self._timer.stop()
        self._late_waiting.clear()
        for executor in (self._executor, self._late_executor):
            if executor is not None:
                executor.shutdown(wait=wait, cancel_futures=True)
        self._executor = self._late_executor = None

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
        future.add_done_callback(lambda done: _emit(self._finished, position, text, done))

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

    def _start_late(self) -> None:
        if self._late_running is not None or not self._late_waiting:
            return
        revision_id, mt, text, reference, mt_reference = self._late_waiting.popleft()
        if self._late_executor is None:
            self._late_executor = make_executor()
        future = self._late_executor.submit(score_segment, mt, text, reference, mt_reference)
        self._late_running, self._late_future = revision_id, future
        future.add_done_callback(
            lambda done: _emit(self._late_finished, revision_id, text, done))

    def _on_late_job_finished(self, revision_id: int, text: str, future: Future[object]) -> None:
        if future is not self._late_future:
            return  # a job stopped by ``forget_late``
        self._late_running = self._late_future = None
        if not future.cancelled() and future.exception() is None:
            result = future.result()
            assert isinstance(result, tuple)
            stats, scores = result
            assert isinstance(stats, SegmentStats) and isinstance(scores, Scores)
            self.late_scored.emit(revision_id, text, stats, scores)
        self._start_late()


def _emit(signal: SignalInstance, *args: object) -> None:
    """Emit from a worker's thread; the scorer may be gone by then (the window closed)."""
    with suppress(RuntimeError):
        signal.emit(*args)
