"""Statistics of a whole document at import, in worker processes when the work is worth it.

An unedited segment without a reference costs microseconds (its statistics follow from
its length), so those are computed right here. A segment with an existing post-edit or a
reference needs sacrebleu's TER (milliseconds to a second each); when a document has
many of those they go to a pool of spawned processes, one per core, in chunks, and the
results come back in document order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from typing import TypeVar

from reviewer.core.scoring import (
    MetricStats,
    Scores,
    SegmentStats,
    identity_stats,
    score_segment,
)
from reviewer.core.workers import _exit_with_parent

PARALLEL_MIN = 400  # fewer costly segments than this are scored in this process
CHUNK = 48
NICENESS = 5  # workers yield to the window's GUI thread (and to the user's other work)


@dataclass(frozen=True)
class ScoringJob:
    """One segment to score: its MT, and its reference and existing post-edit if any."""

    mt: str
    reference: str | None = None
    correction: str | None = None

    @property
    def costly(self) -> bool:
        """Whether scoring it runs TER: a reference or a post-edit that differs from the MT
        (one equal to it has the statistics its length gives)."""
        return (self.reference is not None and self.reference != self.mt) or (
            self.correction is not None and self.correction != self.mt)


@dataclass(frozen=True)
class LateJob:
    """A post-edit saved with its statistics pending, and its MT's against the reference."""

    mt: str
    correction: str
    reference: str | None = None
    mt_reference: MetricStats | None = None

    costly = True


def score_late(job: LateJob) -> tuple[SegmentStats, Scores]:
    """A pending post-edit's statistics and sentence scores."""
    return score_segment(job.mt, job.correction, job.reference, job.mt_reference)


@dataclass(frozen=True)
class JobResult:
    """The MT's statistics (as if unedited) and, for a post-edit, its statistics and scores."""

    mt_stats: SegmentStats
    correction: tuple[SegmentStats, Scores] | None


def score_job(job: ScoringJob) -> JobResult:
    """Score one segment (the MT-vs-reference statistics are computed once, for both)."""
    mt_stats = identity_stats(job.mt, job.reference)
    correction = None
    if job.correction is not None:
        correction = score_segment(job.mt, job.correction, job.reference, mt_stats.mt_reference)
    return JobResult(mt_stats, correction)


def _score_chunk(jobs: list[ScoringJob]) -> list[JobResult]:
    return [score_job(job) for job in jobs]


def _score_late_chunk(jobs: list[LateJob]) -> list[tuple[SegmentStats, Scores]]:
    return [score_late(job) for job in jobs]


def _start_worker() -> None:
    """Pool initializer: end with the parent, and run at a lower priority than it."""
    _exit_with_parent()
    with suppress(OSError, AttributeError):  # AttributeError: no os.nice on Windows
        os.nice(NICENESS)


def _pool(workers: int) -> ProcessPoolExecutor:
    """``workers`` spawned processes (forking a process that runs Qt is unsafe)."""
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker)


def default_workers() -> int:
    """One worker per core."""
    return max(1, os.cpu_count() or 1)


def score_jobs(jobs: Sequence[ScoringJob], workers: int | None = None,
               ) -> Generator[JobResult, None, None]:
    """Results in the order of ``jobs``; stop iterating to cancel (pending work is dropped)."""
    return _in_order(jobs, score_job, _score_chunk, workers)


def score_late_jobs(jobs: Sequence[LateJob], workers: int | None = None,
                    ) -> Generator[tuple[SegmentStats, Scores], None, None]:
    """``score_late`` of each job, in order, with every core; stop iterating to cancel."""
    return _in_order(jobs, score_late, _score_late_chunk, workers)


_Job = TypeVar("_Job", ScoringJob, LateJob)
_Result = TypeVar("_Result")


def _in_order(jobs: Sequence[_Job], one: Callable[[_Job], _Result],
              chunk: Callable[[list[_Job]], list[_Result]], workers: int | None,
              ) -> Generator[_Result, None, None]:
    """``one`` of each job in order: the costly ones in worker processes (``chunk``)."""
    workers = default_workers() if workers is None else workers
    costly = [index for index, job in enumerate(jobs) if job.costly]
    if workers <= 1 or len(costly) < PARALLEL_MIN:
        for job in jobs:
            yield one(job)
        return
    pool = _pool(workers)
    try:
        chunks: deque[Future[list[_Result]]] = deque(
            pool.submit(chunk, [jobs[i] for i in costly[start:start + CHUNK]])
            for start in range(0, len(costly), CHUNK)
        )
        pending: list[_Result] = []
        for job in jobs:
            if not job.costly:
                yield one(job)
                continue
            if not pending:
                pending = list(reversed(chunks.popleft().result()))
            yield pending.pop()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
