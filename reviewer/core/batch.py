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
    sentence_scores,
)
from reviewer.core.scoring_stats import IdentityKey, identity_from_key, identity_key
from reviewer.core.workers import _exit_with_parent

PARALLEL_MIN = 400  # fewer costly segments than this are scored in this process
CHUNK = 48
# this many unedited segments go to the workers too (a few numbers back for each), so the
# import's process is left to read and write: both cores busy from start to end
LIGHT_PARALLEL_MIN = 20_000
CHUNK_WEIGHT = 2000  # a chunk: this many unedited segments, or CHUNK costly ones
AHEAD = 4  # chunks handed out per worker before their results are taken
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
    workers = default_workers() if workers is None else workers
    if workers > 1 and sum(map(_light, jobs)) >= LIGHT_PARALLEL_MIN:
        return _all_in_workers(jobs, workers)
    return _in_order(jobs, score_job, _score_chunk, workers)


def _light(job: ScoringJob) -> bool:
    """Whether the job's statistics follow from ``identity_key`` alone."""
    return job.reference is None and (job.correction is None or job.correction == job.mt)


def _score_any_chunk(jobs: list[ScoringJob]) -> list[IdentityKey | JobResult]:
    return [identity_key(job.mt) if _light(job) else score_job(job) for job in jobs]


def _from_key(job: ScoringJob, key: IdentityKey) -> JobResult:
    """``score_job`` of a light job, from what a worker computed."""
    stats = identity_from_key(key)
    return JobResult(stats, None if job.correction is None else (stats,
                                                                 sentence_scores(stats)))


def _chunks(jobs: Sequence[ScoringJob]) -> Generator[tuple[int, int], None, None]:
    """(start, stop) of consecutive jobs of about ``CHUNK_WEIGHT`` work each."""
    start, weight = 0, 0
    costly_weight = CHUNK_WEIGHT // CHUNK
    for index, job in enumerate(jobs):
        weight += costly_weight if job.costly else 1
        if weight >= CHUNK_WEIGHT:
            yield start, index + 1
            start, weight = index + 1, 0
    if start < len(jobs):
        yield start, len(jobs)


def _all_in_workers(jobs: Sequence[ScoringJob], workers: int,
                    ) -> Generator[JobResult, None, None]:
    """Every job scored in the workers, a few chunks ahead of what is taken, in order."""
    pool = _pool(workers)
    try:
        bounds = _chunks(jobs)
        ahead: deque[tuple[int, int, Future[list[IdentityKey | JobResult]]]] = deque()

        def hand_out() -> None:
            chunk = next(bounds, None)
            if chunk is not None:
                start, stop = chunk
                ahead.append((start, stop, pool.submit(_score_any_chunk,
                                                       list(jobs[start:stop]))))

        for _ in range(AHEAD * workers):
            hand_out()
        while ahead:
            start, stop, future = ahead.popleft()
            # a chunk no worker has started yet (they are starting, or busy) is done here
            results = _score_any_chunk(list(jobs[start:stop])) if future.cancel() \
                else future.result()
            hand_out()
            for job, result in zip(jobs[start:stop], results, strict=True):
                yield result if isinstance(result, JobResult) else _from_key(job, result)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


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
