"""The open project's evaluation word count (MQM's EWC, the document score's divisor).

Counting it reads every segment's source or MT: a small project's at once, a big one's in
slices off the GUI thread (each slice a short call to the store, so the table's reads go
between them). The count is kept until the segments change (another project, a split or
a merge: the model is reset).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal

from reviewer.session import ReviewSession
from reviewer.ui.latest_job import LatestJob

INLINE_SEGMENTS = 20_000  # counted on the GUI thread up to this many segments
SLICE = 1_000  # segments counted per call to the store: the GUI thread's calls wait for
PAUSE_S = 0.002  # one at most, and get their turn (and Python's lock) between them


def count_words(session: ReviewSession, total: int,
                stopped: Callable[[], bool] = lambda: False) -> int | None:
    """The document's evaluation words, a slice at a time (None when ``stopped``)."""
    words = 0
    for start in range(0, total, SLICE):
        if stopped():
            return None
        words += session.evaluation_words_between(start, start + SLICE)
        if total > SLICE:
            time.sleep(PAUSE_S)
    return words


class DocumentWords(QObject):
    """The word count, or None while it is being counted (``counted`` says when done)."""

    counted = Signal()

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self.words: int | None = None
        self._stop = [False]  # the running count's: set, it ends at its next slice
        self._job = LatestJob(self)
        self._job.succeeded.connect(self._on_job_succeeded)
        window.installEventFilter(self)  # closing: the count stops using the project first

    def reset(self, session: ReviewSession) -> None:
        """Count the words of ``session``'s segments (at once when there are few)."""
        total = session.segment_count()
        self.words = None
        self._stop[0] = True  # a count of the project before ends
        if total <= INLINE_SEGMENTS:
            self._job.drop()
            self.words = count_words(session, total)
            return
        stop = [False]
        self._stop = stop
        self._job.request(lambda _progress: count_words(session, total, lambda: stop[0]))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            self._stop[0] = True
            self._job.wait()
        return False

    def _on_job_succeeded(self, words: object) -> None:
        if isinstance(words, int):
            self.words = words
            self.counted.emit()
