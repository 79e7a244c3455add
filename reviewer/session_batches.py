"""Replace-all as one batch (scored in worker processes, written in one transaction),
and the undo and redo of a batch."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from typing import TypeVar

from reviewer.core.batch import ScoringJob, score_jobs
from reviewer.core.changes import Batch, BatchItem, TextState
from reviewer.core.errors import ReviewerError
from reviewer.core.replace import compile_pattern, replace_text
from reviewer.core.status import SegmentStatus
from reviewer.formats.limits import check_segment_length
from reviewer.session_editing import SessionEditing
from reviewer.session_results import BatchResult
from reviewer.store.project import NewRevision

Progress = Callable[[int, int], None]


class SessionBatches(SessionEditing):
    """Changes of many segments written as one batch, undone and redone as one."""

    def replacements(self, find: str, replacement: str, regex: bool = False,
                     match_case: bool = True,
                     whole_word: bool = False) -> list[tuple[int, str, str, int]]:
        """What a replace-all would change: (position, old text, new text, matches).

        Refused as a whole when a result would be longer than a segment may be.
        """
        pattern = compile_pattern(find, regex, match_case, whole_word)
        changes = []
        for position, text in enumerate(self._store.head_texts()):
            if self.segment_locked(position):
                continue
            new, count = replace_text(pattern, replacement, text, regex)
            if count and new != text:
                check_segment_length(new, f"segment {position + 1} after replacing")
                changes.append((position, text, new, count))
        return changes

    def replace_all(self, find: str, replacement: str, regex: bool = False,
                    match_case: bool = True, author: str = "",
                    progress: Progress | None = None,
                    whole_word: bool = False) -> BatchResult:
        """Replace in every segment's text as one batch: scored in worker processes, then
        written in one transaction (all or nothing). Confirmed and imported segments stay
        so; others become edited."""
        if not author.strip():
            raise ReviewerError("a revision needs an author name")
        changes = self.replacements(find, replacement, regex, match_case, whole_word)
        matches = sum(count for *_, count in changes)
        label = f"Replace all {find!r} ({matches} in {len(changes)} segments)"
        return self.apply_texts([(position, new, None) for position, _old, new, _n in changes],
                                label, author, progress, matches)

    def apply_texts(self, changes: list[tuple[int, str, str | None]], label: str,
                    author: str, progress: Progress | None = None, matches: int = 0,
                    ) -> BatchResult:
        """Save new texts of many segments as one batch (one undo step): scored in worker
        processes, then written in one transaction (all or nothing).

        ``changes`` are (position, new text, status); a status of None keeps confirmed and
        imported segments so and makes others edited.
        """
        if not author.strip():
            raise ReviewerError("a revision needs an author name")
        for position, new, _status in changes:
            if self.segment_locked(position):
                raise ReviewerError(f"segment {position + 1} is locked: the file marks it "
                                    "as not to be translated")
            check_segment_length(new, f"the text of segment {position + 1}")
        positions = [position for position, *_ in changes]
        segments = dict(zip(positions, _in_slices(self._store.segments_at, positions),
                            strict=True))
        heads = dict(zip(positions, _in_slices(self._store.head_stats_at, positions),
                         strict=True))
        jobs = [ScoringJob(segments[p].mt, segments[p].reference, new)
                for p, new, _status in changes]
        items = []
        if progress is not None:
            progress(0, len(changes))
        with closing(score_jobs(jobs)) as results:  # closing stops the worker processes
            for done, ((position, new, wanted), result) in enumerate(
                    zip(changes, results, strict=True), 1):
                segment = segments[position]
                if wanted is None:
                    kept = segment.status in (SegmentStatus.CONFIRMED, SegmentStatus.IMPORTED)
                    wanted = segment.status if kept else SegmentStatus.EDITED
                status = self._status_for(segment, new, wanted)
                before = heads[position]
                items.append(BatchItem(
                    position, TextState(segment.text, segment.status), TextState(new, status),
                    before if before is None or before.complete else None,
                    None if result.correction is None else result.correction[0]))
                if progress is not None and (done % 200 == 0 or done == len(changes)):
                    progress(done, len(changes))
        return self._write_batch(Batch(label, tuple(items), matches), True, author)

    def undo_batch(self, batch: Batch, author: str) -> BatchResult:
        """Write every segment of a batch back as it was, in one transaction."""
        return self._write_batch(batch, False, author)

    def redo_batch(self, batch: Batch, author: str) -> BatchResult:
        """Write a batch's changes again, in one transaction."""
        return self._write_batch(batch, True, author)

    def _write_batch(self, batch: Batch, forward: bool, author: str) -> BatchResult:
        current = {s.position: (s.text, s.status)
                   for s in _in_slices(self._store.segments_at, batch.positions)}
        revisions = []
        for item in batch.items:
            state, stats = item.state(forward)
            if current[item.position] == (state.text, state.status):
                continue  # already so: no revision
            # the store computes the scores (in its own process in the window)
            revisions.append(NewRevision(item.position, state.text, stats, None, author,
                                         state.status))
        ids = self._store.add_revisions(revisions)
        written = _in_slices(self._store.revisions_by_id, ids)
        stored = _in_slices(self._store.segments_at, batch.positions) if ids else []
        return BatchResult(batch, tuple(stored), tuple(written), self.summary())


T = TypeVar("T")
_SLICE = 250  # records per answer of the store while a batch runs (see head_texts)


def _in_slices(fetch: Callable[[list[int]], list[T]], keys: list[int]) -> list[T]:
    """``fetch(keys)``, asked a slice of keys at a time."""
    found: list[T] = []
    for start in range(0, len(keys), _SLICE):
        found += fetch(keys[start:start + _SLICE])
    return found
