"""The rows of a new project from an imported document, with their statistics.

Unedited segments are scored right away (their statistics follow from their length).
Many post-edits that differ from their MT each need TER, a minute and more for tens of
thousands: their statistics are left pending (``LATER_MIN``), the project is written
without waiting for them, and ``SessionLateScores.finish_pending`` computes them after.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing

from reviewer.core.batch import ScoringJob, score_jobs
from reviewer.core.document import ImportedDocument
from reviewer.core.scoring import Scores, SegmentStats, sentence_scores
from reviewer.session_batches import Progress
from reviewer.store.project import NewSegment

LATER_MIN = 2000  # this many differing post-edits or more are scored after the import
REMEMBERED = 50_000  # distinct statistics whose scores are kept


def scores_later(document: ImportedDocument) -> bool:
    """Whether the import leaves its post-edits' statistics pending."""
    count = 0
    for segment in document.segments:
        if segment.correction is not None and segment.correction != segment.mt:
            count += 1
            if count >= LATER_MIN:
                return True
    return False


def new_segments(document: ImportedDocument, progress: Progress | None = None,
                 ) -> Iterator[NewSegment]:
    """The project's rows in order; a generator: the store writes each row as it comes, so
    memory stays flat and an exception from ``progress`` (cancel) stops the import."""
    total = len(document.segments)
    gaps = document.layout.gaps
    later = scores_later(document)
    jobs = [ScoringJob(s.mt, s.reference,
                       None if later and s.correction != s.mt else s.correction)
            for s in document.segments]
    scored: dict[int, tuple[SegmentStats, Scores]] = {}  # by id: shared statistics

    def scores_of(stats: SegmentStats) -> Scores:
        known = scored.get(id(stats))
        if known is None:  # the object is kept here: its id stays its own
            if len(scored) >= REMEMBERED:
                scored.clear()
            known = scored[id(stats)] = (stats, sentence_scores(stats))
        return known[1]

    if progress is not None:
        progress(0, total)
    with closing(score_jobs(jobs)) as results:  # closing stops the worker processes
        for index, (segment, gap, result) in enumerate(
                zip(document.segments, gaps, results, strict=False)):
            correction: tuple[str, SegmentStats | None, Scores | None] | None = None
            if segment.correction is not None:
                if result.correction is not None:
                    correction = (segment.correction, *result.correction)
                elif later:
                    correction = (segment.correction, None, None)
            yield NewSegment(
                mt=segment.mt, source=segment.source, reference=segment.reference,
                gap_before=gap, mt_stats=result.mt_stats,
                mt_scores=scores_of(result.mt_stats),
                correction=correction,
                meta=None if segment.meta is None else json.dumps(segment.meta,
                                                                  ensure_ascii=False),
            )
            if progress is not None and ((index + 1) % 500 == 0 or index + 1 == total):
                progress(index + 1, total)
