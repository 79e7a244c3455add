"""Many pending scores (an import's post-edits) computed in the background with every
core; the window stores each batch as it comes and shows the rows it completes."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from contextlib import closing, suppress

from PySide6.QtCore import QObject, Signal

from reviewer.core.batch import LateJob, score_late_jobs
from reviewer.store.records import PendingRevision

BATCH_SECONDS = 0.5  # a batch is handed to the window about this often
BATCH_MOST = 1000


class LateBatches(QObject):
    """Scores pending revisions in a thread (its workers: spawned processes, one a core);
    ``arrived`` brings each batch to the GUI thread, which stores it."""

    # generation, [(PendingRevision, SegmentStats, Scores)], done, total
    arrived = Signal(int, object, int, int)
    ended = Signal(int, str)  # generation, an error ('' when all were scored or stopped)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.revisions: set[int] = set()  # the ids being scored here

    @property
    def running(self) -> bool:
        """Whether a run is scoring."""
        return self._thread is not None and self._thread.is_alive()

    def start(self, pending: Sequence[PendingRevision]) -> None:
        """Score ``pending`` (a run going on is stopped first)."""
        self.stop()
        self._stop = threading.Event()
        self.revisions = {item.id for item in pending}
        self._thread = threading.Thread(target=self._run, name="late scores", daemon=True,
                                        args=(self.generation, list(pending), self._stop))
        self._thread.start()

    def stop(self) -> None:
        """Stop scoring (its worker processes end); batches not yet delivered are dropped."""
        self.generation += 1
        self._stop.set()
        self.revisions = set()

    def _run(self, generation: int, pending: list[PendingRevision],
             stop: threading.Event) -> None:
        jobs = [LateJob(item.mt, item.text, item.reference, item.mt_reference)
                for item in pending]
        batch: list[object] = []
        done, since, error = 0, time.monotonic(), ""
        try:
            with closing(score_late_jobs(jobs)) as results:  # closing: the workers end
                for item, scored in zip(pending, results, strict=False):
                    if stop.is_set():
                        return
                    batch.append((item, *scored))
                    if len(batch) >= BATCH_MOST or time.monotonic() - since >= BATCH_SECONDS:
                        done += len(batch)
                        self._emit(self.arrived, generation, batch, done, len(pending))
                        batch, since = [], time.monotonic()
            if batch and not stop.is_set():
                done += len(batch)
                self._emit(self.arrived, generation, batch, done, len(pending))
        except Exception as problem:  # noqa: BLE001 - said on the status line, never lost
            error = str(problem) or repr(problem)
        self._emit(self.ended, generation, error)

    @staticmethod
    def _emit(signal: object, *args: object) -> None:
        with suppress(RuntimeError):  # the window is gone
            signal.emit(*args)  # type: ignore[attr-defined]
