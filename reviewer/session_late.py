"""Pending statistics computed all at once with every core: what follows an import whose
post-edits were saved with their scores pending (``session_import``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import closing

from reviewer.core.batch import LateJob, score_late_jobs
from reviewer.core.scoring import Scores, SegmentStats
from reviewer.session_reading import SessionReading
from reviewer.store.late_writes import LateArrival
from reviewer.store.records import PendingRevision, SegmentRecord

BATCH_SECONDS = 1.0  # results are stored about this often, each batch its own transaction
BATCH_MOST = 2000
READ_SLICE = 500  # records read with one query


class SessionLateScores(SessionReading):
    """Finishing the scores an import left pending."""

    def finish_pending(self, progress: Callable[[int, int], None] | None = None,
                       workers: int | None = None) -> int:
        """Compute every pending statistics, storing them in batches as they come (so an
        interruption keeps what was stored); returns how many are still pending.

        ``progress(done, total)`` is called after each batch; an exception from it stops
        the work (the batches stored stay stored, the rest stays pending).
        """
        pending = self._store.pending_revisions()
        total = len(pending)
        if progress is not None:
            progress(0, total)
        jobs = [LateJob(item.mt, item.text, item.reference, item.mt_reference)
                for item in pending]
        batch: list[LateArrival] = []
        done = 0
        since = time.monotonic()
        with closing(score_late_jobs(jobs, workers)) as results:  # closing: workers stop
            for item, (stats, scores) in zip(pending, results, strict=False):
                batch.append((item.id, item.text, stats, scores))
                if len(batch) >= BATCH_MOST or time.monotonic() - since >= BATCH_SECONDS:
                    self._store.add_late_stats_many(batch)
                    done += len(batch)
                    batch, since = [], time.monotonic()
                    if progress is not None:
                        progress(done, total)
        if batch:
            self._store.add_late_stats_many(batch)
            done += len(batch)
            if progress is not None:
                progress(done, total)
        return self._store.pending_count()

    def store_late_batch(self, arrivals: Sequence[tuple[PendingRevision, SegmentStats, Scores]],
                         ) -> list[SegmentRecord]:
        """Store statistics computed for pending revisions, in one transaction; the records
        of the segments whose current text they completed (the window shows them)."""
        self._store.add_late_stats_many([(item.id, item.text, stats, scores)
                                         for item, stats, scores in arrivals])
        count = self._store.segment_count()
        heads = sorted({item.position for item, _stats, _scores in arrivals
                        if item.head and 0 <= item.position < count})
        records: list[SegmentRecord] = []
        for start in range(0, len(heads), READ_SLICE):
            records += self._store.segments_at(heads[start:start + READ_SLICE])
        return records
