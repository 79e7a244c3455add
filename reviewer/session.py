"""The review service: the one place that knows the rules of editing a project.

The GUI and the CLI both call it; neither touches the project file directly.
"""

from __future__ import annotations

import getpass
import json
import os
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar, cast

from reviewer.core.batch import ScoringJob, score_jobs
from reviewer.core.bounded import BUDGET_S, BoundedScorer
from reviewer.core.changes import Batch, BatchItem, Change, TextState
from reviewer.core.comments import Comment, CommentRevision, clean_author, clean_comment
from reviewer.core.compare import Comparison, compare_states
from reviewer.core.context import context_lines, is_locked
from reviewer.core.document import ImportedDocument
from reviewer.core.effort import Effort
from reviewer.core.errors import ReviewerError
from reviewer.core.qa import CHECKS, DISABLED_PROPERTY, format_check_ids, parse_check_ids
from reviewer.core.replace import compile_pattern, replace_text
from reviewer.core.scoring import (
    DocumentTotals,
    ScoreDetails,
    Scores,
    SegmentStats,
    identity_stats,
    score_segment,
    sentence_details,
    sentence_scores,
    signatures,
)
from reviewer.core.spelling import SpellChecker, checker_for, valid_project_word
from reviewer.core.status import SegmentStatus
from reviewer.core.tags import (
    InlineTag,
    TagProblem,
    check_tags,
    from_notation,
    tags_of,
    to_notation,
)
from reviewer.formats.atomic import atomic_write_bytes, check_destination
from reviewer.formats.limits import check_segment_length
from reviewer.formats.structured import TARGET_LANGUAGE, is_edited
from reviewer.formats.writers import (
    ExportJob,
    ExportSegment,
    export_bytes,
    format_for,
    format_spec,
    producible,
)
from reviewer.split_merge import Neighbour, merged_part, past_job, split_parts
from reviewer.store.files import refuse_overwriting_project, stray_partials
from reviewer.store.project import (
    DraftRecord,
    NewRevision,
    NewSegment,
    PendingRevision,
    ProjectStore,
    RevisionRecord,
    SegmentRecord,
    SegmentState,
    VersionRecord,
)
from reviewer.store.restructure import SegmentPart

STATUS_NEW = SegmentStatus.NEW
STATUS_IMPORTED = SegmentStatus.IMPORTED
STATUS_CONFIRMED = SegmentStatus.CONFIRMED
STATUS_EDITED = SegmentStatus.EDITED

CURRENT = "current"  # the label that names the document as it is now
PROJECT_WORDS_PROPERTY = "spelling_words"  # JSON list: the project dictionary
_NEWEST = 2**62  # a revision id above every real one

Progress = Callable[[int, int], None]


UNKNOWN_SCORES = Scores(float("nan"), float("nan"), float("nan"))  # still being computed


def state_scores(state: SegmentState) -> Scores:
    """A segment state's sentence scores (NaN while its statistics are pending)."""
    if state.stats is None:
        return UNKNOWN_SCORES
    return sentence_scores(SegmentStats.from_json(state.stats))


def utc_stamp(text: str) -> str:
    """A date or date-time (ISO 8601; local time unless it says otherwise) as stored UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise ReviewerError(f"{text!r} is neither a version label nor a date "
                            "(use e.g. 2026-11-27 or 2026-11-27T14:30)") from error
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the user's local time
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z")


@dataclass(frozen=True)
class DocumentSummary:
    """Document scores and progress, as the status bar and ``score`` show them.

    While ``pending`` segments still wait for their statistics the document scores are
    unknown: ``scores`` reads NaN and ``details`` None, never a number that looks right.
    """

    scores: Scores
    segments: int
    edited: int
    confirmed: int
    details: ScoreDetails | None = None  # edit breakdown, character distance, reference
    pending: int = 0


@dataclass(frozen=True)
class EditResult:
    """What one edit changed: the segment, its new revision and the new document numbers."""

    segment: SegmentRecord
    revision: RevisionRecord | None
    summary: DocumentSummary
    tag_problems: tuple[TagProblem, ...] = ()  # saved anyway; the editor is told
    change: Change | None = None  # what undo and redo write (None: nothing was saved)


@dataclass(frozen=True)
class BatchResult:
    """What a batch wrote: the batch (to undo or redo), its segments as now stored, the
    new revisions and the new document numbers."""

    batch: Batch
    segments: tuple[SegmentRecord, ...]
    revisions: tuple[RevisionRecord, ...]
    summary: DocumentSummary


def default_author() -> str:
    """The login name: the author of revisions unless one is named."""
    try:
        return getpass.getuser() or "editor"
    except (KeyError, OSError):
        return "editor"


class ReviewSession:
    """An open project and the operations an editor performs on it."""

    def __init__(self, store: ProjectStore) -> None:
        self._store = store
        # how long ``edit`` may wait for a long text's scores before saving them pending
        # (the window sets 0: it scores pending texts in the background)
        self.scoring_budget = BUDGET_S
        self._scorer = BoundedScorer()
        self._metas: list[dict[str, object] | None] | None = None
        weakref.finalize(self, self._scorer.close)

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        document: ImportedDocument,
        progress: Progress | None = None,
    ) -> ReviewSession:
        """Build a new project from an imported document; no file appears if this fails."""
        total = len(document.segments)

        def rows() -> Iterator[NewSegment]:
            # a generator: the store writes each row as it comes, so memory stays flat and
            # an exception from ``progress`` (cancel) stops the import with no file left
            gaps = document.layout.gaps
            jobs = [ScoringJob(s.mt, s.reference, s.correction) for s in document.segments]
            if progress is not None:
                progress(0, total)
            with closing(score_jobs(jobs)) as results:  # closing stops the worker processes
                for index, (segment, gap, result) in enumerate(
                        zip(document.segments, gaps, results, strict=False)):
                    correction = None
                    if segment.correction is not None and result.correction is not None:
                        correction = (segment.correction, *result.correction)
                    yield NewSegment(
                        mt=segment.mt, source=segment.source, reference=segment.reference,
                        gap_before=gap, mt_stats=result.mt_stats,
                        mt_scores=sentence_scores(result.mt_stats), correction=correction,
                        meta=None if segment.meta is None else json.dumps(segment.meta,
                                                                          ensure_ascii=False),
                    )
                    if progress is not None and ((index + 1) % 500 == 0
                                                 or index + 1 == total):
                        progress(index + 1, total)

        properties = {
            "source_name": document.source_name,
            "segmentation": document.segmentation,
            "encoding": document.encoding,
            "bom": "1" if document.bom else "0",
            "has_source": "1" if any(s.source is not None for s in document.segments) else "0",
            "format": document.format,
            **document.metadata,
        }
        original = None
        if document.original is not None:
            original = (document.source_name, document.format, document.original)
        store = ProjectStore.create(path, rows(), document.layout.gaps[-1], properties, original)
        return cls(store)

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False,
             isolated: bool = False) -> ReviewSession:
        """Open a project; for writing (refused while another writer has it) or read-only.

        ``isolated`` keeps the project file in a store process of its own (the window's
        choice: see ``reviewer.store.remote``).
        """
        if isolated:
            from reviewer.store.remote import RemoteStore

            store = cast(ProjectStore, RemoteStore(path, read_only=read_only))
        else:
            store = ProjectStore.open(path, read_only=read_only)
        if not read_only and not store.totals().complete:
            try:  # statistics of reviewer 0.1: add the edit breakdown and the rest once
                store.refresh_statistics()
            except BaseException:
                store.close()
                raise
        return cls(store)

    @property
    def read_only(self) -> bool:
        """Whether edits are refused because the project was opened read-only."""
        return self._store.read_only

    @property
    def path(self) -> Path:
        """Where the project file is."""
        return self._store.path

    def close(self) -> None:
        """Close the project; everything confirmed is already saved."""
        self._store.close()

    def verify(self, full: bool = True) -> list[str]:
        """Every problem found with the project (none: all is well).

        The quick part (``full=False``) runs when the window opens a project: schema,
        triggers and revisions missing since they were saved.
        """
        problems = self._store.check(full)
        if full:
            try:
                problems += self._check_sums()
            except (ValueError, KeyError, TypeError, IndexError) as error:
                problems.append(f"stored statistics cannot be read ({error!r})")
            problems += [f"{path.name}: a partial file left by a process that was killed"
                         for path in stray_partials(self.path.parent)]
        return problems

    def _check_sums(self) -> list[str]:
        """The stored totals and counts against sums over every segment's current text."""
        problems = []
        summed = DocumentTotals()
        for stats in self._store.all_head_stats():
            if stats is not None:  # pending: left out of the totals until it comes
                summed = summed.plus(stats)
        if summed.to_json() != self._store.totals().to_json():
            problems.append("the document totals differ from the sum of the segments' "
                            "statistics")
        stored = self._store.counts()
        recount: dict[str, int] = {"segments": 0, "changed": 0}
        for segment in self._store.segments():
            recount["segments"] += 1
            recount["changed"] += segment.text != segment.mt
            recount[f"status:{segment.status}"] = recount.get(f"status:{segment.status}", 0) + 1
        if {k: v for k, v in stored.items() if v} != {k: v for k, v in recount.items() if v}:
            problems.append(f"the stored progress counts {stored} differ from a recount "
                            f"{recount}")
        return problems

    # -- reading -------------------------------------------------------------------------

    def properties(self) -> dict[str, str]:
        """Project properties such as the source file name and its encoding."""
        return self._store.properties()

    def has_source(self) -> bool:
        """Whether segments carry source text."""
        return self.properties().get("has_source") == "1"

    def segments(self) -> list[SegmentRecord]:
        """All segments in order."""
        return self._store.segments()

    def segment(self, position: int) -> SegmentRecord:
        """One segment by 0-based position."""
        return self._store.segment(position)

    def segment_count(self) -> int:
        """How many segments there are."""
        return self._store.segment_count()

    def segment_meta(self, position: int) -> dict[str, object]:
        """What the imported file said about a segment (ids, notes, tags...); never changes."""
        if self._metas is None:
            self._metas = [ExportJob.parse_meta(meta) for meta in self._store.segment_meta()]
        return self._metas[position] or {}

    def segment_tags(self, position: int) -> list[InlineTag]:
        """The segment's inline tags; its texts hold them as ``tag_char(i)``."""
        return tags_of(self.segment_meta(position))

    def tag_problems(self, position: int, text: str | None = None) -> list[TagProblem]:
        """What is wrong with the tags of ``text`` (default: the current text)."""
        tags = self.segment_tags(position)
        if not tags:
            return []
        return check_tags(self.segment(position).text if text is None else text, tags)

    def segment_context(self, position: int) -> list[tuple[str, str]]:
        """(label, text) lines of what the file says about the segment, for the editor."""
        return context_lines(self.segment_meta(position))

    def segment_locked(self, position: int) -> bool:
        """Whether the file marks the segment as not to be translated (shown read-only)."""
        return is_locked(self.segment_meta(position))

    def notation(self, position: int, text: str) -> str:
        """A text of the segment with its tags as ``<1>``, ``</1>``, ``<2/>`` (CLI, JSON)."""
        return to_notation(text, self.segment_tags(position))

    def from_notation(self, position: int, notation: str) -> str:
        """A text of the segment from the notation; a tag it does not have is an error."""
        return from_notation(notation, self.segment_tags(position),
                             f"the text of segment {position + 1}")

    def all_tag_problems(self) -> list[tuple[int, TagProblem]]:
        """(position, problem) for every segment the editor saved whose tags have problems.

        An untouched segment is the file's MT (often empty), not the editor's work: its tags
        are shown when it is opened, not reported.
        """
        return [(segment.position, problem) for segment in self.segments()
                if segment.status != STATUS_NEW and not self.segment_locked(segment.position)
                for problem in self.tag_problems(segment.position, segment.text)]

    def history(self, position: int | None = None) -> list[RevisionRecord]:
        """Revisions of one segment, or of all, oldest first."""
        if position is not None:
            self._store.segment(position)  # a clear error for a segment that does not exist
        return self._store.revisions(position)

    def history_since(self, label_or_date: str) -> list[RevisionRecord]:
        """Revisions made after a labelled version, or at or after a date (local time)."""
        labels = {version.label: version for version in self._store.versions()}
        if label_or_date in labels:
            return self._store.revisions_after(labels[label_or_date].last_revision)
        return self._store.revisions_after(0, since_time=utc_stamp(label_or_date))

    def drafts(self) -> dict[int, DraftRecord]:
        """Unconfirmed typing kept by position (restored into the editor on reopening)."""
        return self._store.drafts()

    def summary(self) -> DocumentSummary:
        """Document scores (equal to sacrebleu's corpus scores) and progress counts; the
        scores are unknown (NaN) while any segment's statistics are pending."""
        counts = self._store.counts()
        pending = self._store.pending_count()
        details = None if pending else self._store.totals().details()
        return DocumentSummary(
            scores=UNKNOWN_SCORES if details is None else details.scores,
            segments=counts["segments"],
            edited=counts["changed"],
            confirmed=counts.get(f"status:{STATUS_CONFIRMED}", 0),
            details=details,
            pending=pending,
        )

    def segment_details(self, position: int) -> ScoreDetails | None:
        """Every view of one segment's effort: scores, edit breakdown, character distance,
        and against the reference if there is one (None while they are pending)."""
        stats = self._store.head_stats(position)
        if stats is not None and not stats.complete:  # stored by reviewer 0.1
            segment = self._store.segment(position)
            stats = score_segment(segment.mt, segment.text, segment.reference)[0]
        return None if stats is None else sentence_details(stats)

    def all_details(self) -> list[ScoreDetails | None]:
        """Each segment's ``segment_details``, in document order."""
        stats = self._store.all_head_stats()
        if not all(item is None or item.complete for item in stats):  # stored by reviewer 0.1
            for segment in self._store.segments():
                item = stats[segment.position]
                if item is not None and not item.complete:
                    stats[segment.position] = score_segment(segment.mt, segment.text,
                                                            segment.reference)[0]
        return [None if item is None else sentence_details(item) for item in stats]

    def pending_revisions(self) -> list[PendingRevision]:
        """Revisions whose statistics are still to be computed (current texts first)."""
        return self._store.pending_revisions()

    def add_late_stats(self, revision_id: int, text: str, stats: SegmentStats,
                       scores: Scores) -> bool:
        """Store statistics computed later for a revision saved with them pending (and add
        them to the document totals if it is still current); False if not needed."""
        return self._store.add_late_stats(revision_id, text, stats, scores)

    def score_pending(self, budget: float | None = None) -> int:
        """Compute pending statistics here (each within ``budget`` seconds; None: no limit);
        returns how many are still pending."""
        for pending in self._store.pending_revisions():
            if budget is None:
                scored: tuple[SegmentStats, Scores] | None = score_segment(
                    pending.mt, pending.text, pending.reference, pending.mt_reference)
            else:
                scored = self._scorer.score(pending.mt, pending.text, pending.reference,
                                            pending.mt_reference, budget)
            if scored is not None:
                self._store.add_late_stats(pending.id, pending.text, *scored)
        return len(self._store.pending_revisions())

    def totals(self) -> DocumentTotals:
        """The summed statistics behind the document scores."""
        return self._store.totals()

    @staticmethod
    def signatures() -> dict[str, str]:
        """sacrebleu signatures of the document scores."""
        return signatures()

    # -- editing -------------------------------------------------------------------------

    def edit(
        self,
        position: int,
        text: str,
        author: str,
        status: str = STATUS_CONFIRMED,
        effort: Effort | None = None,
        scored: tuple[SegmentStats, Scores] | None = None,
    ) -> EditResult:
        """Record ``text`` as the segment's new revision, unless nothing would change.

        ``scored`` lets a caller that already scored this text off the GUI thread skip
        scoring it again. Scores that take longer than ``scoring_budget`` seconds are
        saved as pending (``pending_revisions``; the revision itself is saved at once).
        """
        if not author.strip():
            raise ReviewerError("a revision needs an author name")
        check_segment_length(text, f"the text of segment {position + 1}")
        current = self._store.segment(position)
        status = self._status_for(current, text, status)
        if current.text == text and current.status == status:
            return EditResult(current, None, self.summary())
        if self.segment_locked(position):
            raise ReviewerError(f"segment {position + 1} is locked: the file marks it as "
                                "not to be translated")
        if scored is not None and (scored[0].reference is None) != (current.reference is None):
            scored = None  # scored without the segment's reference: score it with it
        if scored is None:  # undo and restore bring back texts already scored
            known = self._store.known_stats(position, text)
            if known is not None:
                scored = (known, sentence_scores(known))
        if scored is None:
            mt_reference = None
            if current.reference is not None:  # the MT's own statistics do not change
                mt_stats = self._store.known_stats(position, current.mt)
                mt_reference = None if mt_stats is None else mt_stats.mt_reference
            scored = self._scorer.score(current.mt, text, current.reference, mt_reference,
                                        self.scoring_budget)
        stats, scores = scored if scored is not None else (None, None)
        effort = effort or Effort()
        revision = self._store.add_revision(
            position, text, stats, scores, author, status, effort.editing_ms,
            (effort.insertions, effort.deletions, effort.navigation))
        return EditResult(self._store.segment(position), revision, self.summary(),
                          tuple(self.tag_problems(position, text)),
                          Change(position, TextState(current.text, current.status),
                                 TextState(text, status)))

    def restore(self, position: int, number: int, author: str) -> EditResult:
        """Bring back revision ``number``'s text as a new, confirmed revision (history stays
        intact; nothing is written when the segment already has that text confirmed)."""
        old = self._store.revision(position, number)
        return self.edit(position, old.text, author, STATUS_CONFIRMED)

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

    # -- undo, redo and batches ----------------------------------------------------------

    def _status_for(self, current: SegmentRecord, text: str, status: str) -> str:
        """An unconfirmed save that brings the MT back brings back the status the segment
        last had with the MT (``new`` if it never had another)."""
        if status != STATUS_EDITED or text != current.mt:
            return status
        earlier = [revision.status for revision in self._store.revisions(current.position)
                   if revision.text == current.mt]
        return earlier[-1] if earlier else STATUS_NEW

    def undo_change(self, change: Change, author: str) -> EditResult:
        """Write the state a saved change replaced, as a new revision."""
        return self.edit(change.position, change.before.text, author, change.before.status)

    def redo_change(self, change: Change, author: str) -> EditResult:
        """Write a saved change's state again, as a new revision."""
        return self.edit(change.position, change.after.text, author, change.after.status)

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
        positions = [position for position, *_ in changes]
        segments = dict(zip(positions, _in_slices(self._store.segments_at, positions),
                            strict=True))
        heads = dict(zip(positions, _in_slices(self._store.head_stats_at, positions),
                         strict=True))
        jobs = [ScoringJob(segments[p].mt, segments[p].reference, new)
                for p, _old, new, _count in changes]
        items = []
        if progress is not None:
            progress(0, len(changes))
        with closing(score_jobs(jobs)) as results:  # closing stops the worker processes
            for done, ((position, _old, new, _count), result) in enumerate(
                    zip(changes, results, strict=True), 1):
                segment = segments[position]
                kept = segment.status in (STATUS_CONFIRMED, STATUS_IMPORTED)
                status = self._status_for(segment, new,
                                          segment.status if kept else STATUS_EDITED)
                before = heads[position]
                items.append(BatchItem(
                    position, TextState(segment.text, segment.status), TextState(new, status),
                    before if before is None or before.complete else None,
                    None if result.correction is None else result.correction[0]))
                if progress is not None and (done % 200 == 0 or done == len(changes)):
                    progress(done, len(changes))
        matches = sum(count for *_, count in changes)
        label = f"Replace all {find!r} ({matches} in {len(changes)} segments)"
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

    def save_draft(self, position: int, text: str, author: str, editing_ms: int = 0) -> None:
        """Keep typed, unconfirmed text; a draft equal to the saved text is dropped instead."""
        if text == self._store.segment(position).text:
            self._store.discard_draft(position)
        else:
            self._store.save_draft(position, text, author, editing_ms)

    # -- split and merge (the rules: reviewer.split_merge) --------------------------------

    def split(self, position: int, mt_at: int, author: str, source_at: int | None = None,
              correction_at: int | None = None) -> RestructureResult:
        """Split a segment in two at character offsets of its MT (and source, correction),
        each inline tag one character; both parts keep the history (see split_merge)."""
        self._refuse_restructuring(author, position)
        parts = split_parts(self._neighbour(position), mt_at, source_at, correction_at,
                            self._score_part)
        return self._restructure(position, 1, parts, "split", author)

    def merge(self, position: int, author: str) -> RestructureResult:
        """Merge a segment with the next one (the text between them joins them)."""
        if position == self.segment_count() - 1:
            raise ReviewerError(f"segment {position + 1} is the last segment: there is no "
                                "next one to merge it with")
        self._refuse_restructuring(author, position, position + 1)
        original = self._store.original()
        part = merged_part(self._neighbour(position), self._neighbour(position + 1),
                           None if original is None else original[1], self._score_part)
        return self._restructure(position, 2, [part], "merge", author)

    def earlier_history(self, position: int) -> list[RevisionRecord]:
        """Revisions of the segments this one was split or merged from, oldest first."""
        return self._store.earlier_revisions(position)

    def _refuse_restructuring(self, author: str, *positions: int) -> None:
        if not author.strip():
            raise ReviewerError("splitting or merging needs an author name")
        for position in positions:
            self._store.segment(position)  # a clear error for a segment that does not exist
            if self.segment_locked(position):
                raise ReviewerError(f"segment {position + 1} is locked: the file marks it as "
                                    "not to be translated")

    def _neighbour(self, position: int) -> Neighbour:
        return Neighbour(self._store.segment(position), self.segment_meta(position) or None,
                         self._store.layout().gaps[position])

    def _score_part(self, mt: str, text: str, reference: str | None,
                    ) -> tuple[SegmentStats, Scores] | None:
        return self._scorer.score(mt, text, reference, None, self.scoring_budget)

    def _restructure(self, position: int, count: int, parts: list[SegmentPart], kind: str,
                     author: str) -> RestructureResult:
        self._store.replace_segments(position, count, parts, kind, author)
        self._metas = None
        positions = tuple(range(position, position + len(parts)))
        return RestructureResult(positions, tuple(self._store.segment(p) for p in positions),
                                 self.summary())

    def _segment_ids(self, label: str) -> list[int]:
        past = None if label == CURRENT else self._store.segments_as_of(label)
        return [s.id for s in (self._store.segments() if past is None else past[0])]

    def _version_job(self, version: str | None) -> ExportJob | None:
        """A version labelled before segments were split or merged, in its own segments;
        None when the document's segments are the version's."""
        past = None if version is None or version == CURRENT \
            else self._store.segments_as_of(version)
        return None if past is None else past_job(*past, self.properties(),
                                                  self._store.original())

    # -- versions ------------------------------------------------------------------------

    def add_version(self, label: str, author: str) -> VersionRecord:
        """Label the document as it is now ("sent to client", "v2")."""
        label = label.strip()
        if not label:
            raise ReviewerError("a version needs a label")
        if label == CURRENT:
            raise ReviewerError(f"{CURRENT!r} names the document as it is now; choose another")
        return self._store.add_version(label, author)

    def versions(self) -> list[VersionRecord]:
        """Labelled versions, oldest first."""
        return self._store.versions()

    def _states(self, label: str | None) -> list[SegmentState]:
        if label is None or label == CURRENT:
            return self._store.states_at(_NEWEST)
        past = self._store.segments_as_of(label)  # split or merged since: its own segments
        if past is not None:
            return [SegmentState(s.position, s.mt, s.text, s.status, s.stats) for s in past[0]]
        return self._store.states_at(self._store.version(label).last_revision)

    def compare_versions(self, old: str, new: str = CURRENT) -> Comparison:
        """Segments that differ between two versions (or a version and now), with scores."""
        if self._segment_ids(old) != self._segment_ids(new):
            raise ReviewerError(f"segments were split or merged between {old!r} and {new!r}, "
                                "so they cannot be compared segment by segment; export both "
                                "(reviewer export --version) and compare the files")
        def pairs(label: str) -> list[tuple[str, SegmentStats]]:
            return [(s.text, identity_stats(s.mt) if s.stats is None  # pending: see below
                     else SegmentStats.from_json(s.stats)) for s in self._states(label)]

        def pending(label: str) -> bool:
            return any(state.stats is None for state in self._states(label))

        comparison = compare_states(old, pairs(old), new, pairs(new))
        if pending(old):
            comparison = replace(comparison, old_scores=UNKNOWN_SCORES)
        if pending(new):
            comparison = replace(comparison, new_scores=UNKNOWN_SCORES)
        return comparison

    # -- comments ------------------------------------------------------------------------

    def add_comment(self, position: int, text: str, author: str) -> Comment:
        """A new open comment on a segment, saved at once (refused when read-only)."""
        return self._store.add_comment(position, clean_comment(text), clean_author(author))

    def edit_comment(self, comment_id: int, text: str, author: str) -> Comment:
        """Change a comment's text; the earlier text stays in its history."""
        return self._store.revise_comment(comment_id, clean_comment(text), None,
                                          clean_author(author))

    def resolve_comment(self, comment_id: int, author: str) -> Comment:
        """Mark a comment resolved (nothing changes if it already is)."""
        return self._store.revise_comment(comment_id, None, True, clean_author(author))

    def reopen_comment(self, comment_id: int, author: str) -> Comment:
        """Mark a resolved comment open again (nothing changes if it is open)."""
        return self._store.revise_comment(comment_id, None, False, clean_author(author))

    def comment(self, comment_id: int) -> Comment:
        """One comment as it is now."""
        return self._store.comment(comment_id)

    def comments(self, position: int | None = None,
                 include_resolved: bool = False) -> list[Comment]:
        """Open comments (and resolved ones if asked) of one segment or of all."""
        if position is not None:
            self._store.segment(position)  # a clear error for a segment that does not exist
        return self._store.comments(position, include_resolved)

    def comment_history(self, comment_id: int) -> list[CommentRevision]:
        """Every revision of a comment, oldest first."""
        return self._store.comment_history(comment_id)

    def open_comment_counts(self) -> dict[int, int]:
        """Open comments by segment position (segments without any left out)."""
        return self._store.open_comment_counts()

    def _export_comments(self, version: str | None) -> dict[int, tuple[Comment, ...]]:
        """The comments open now, or when a version was labelled, by position."""
        as_of = None if version is None or version == CURRENT \
            else self._store.comment_mark(self._store.version(version).label)
        found: dict[int, tuple[Comment, ...]] = {}
        for comment in self._store.comments(None, False, as_of):
            found[comment.position] = (*found.get(comment.position, ()), comment)
        return found

    # -- exporting -----------------------------------------------------------------------

    def corrected_text(self) -> str:
        """The corrected document with the original layout between segments."""
        return self._store.layout().join([segment.text for segment in self.segments()])

    def export_job(self, version: str | None = None) -> ExportJob:
        """What a writer needs to export the project as it is now, or as a version was."""
        if (past := self._version_job(version)) is not None:
            return past
        metas = self._store.segment_meta()
        records = self.segments()
        last = self._store.version(version).last_revision \
            if version is not None and version != CURRENT else _NEWEST
        authors = {revision.position: revision.author for revision in self._store.revisions()
                   if revision.id <= last}  # oldest first: the head's author stays
        if version is not None and version != CURRENT:
            states = self._states(version)
            records = [
                replace(record, text=state.text, status=state.status,
                        **vars(state_scores(state)))
                for record, state in zip(records, states, strict=True)
            ]
        comments = self._export_comments(version)
        segments = [
            ExportSegment(s.position, s.source, s.mt, s.reference, s.text, s.status, s.hter,
                          s.bleu, s.chrf, ExportJob.parse_meta(meta), authors.get(s.position),
                          comments.get(s.position, ()))
            for s, meta in zip(records, metas, strict=True)
        ]
        return ExportJob(segments, self._store.layout(), self.properties(),
                         self._store.original())

    def export_formats(self) -> list[tuple[str, str, str]]:
        """(name, label, extension) of each format this project can be exported to.

        The extension is the original file's own (``.sdlxliff``) for the format that
        writes into it.
        """
        original = self._store.original()
        name, kind = (original[0], original[1]) if original is not None else ("", None)
        suffix = Path(name).suffix.lower()
        return [(spec.name, spec.label,
                 suffix if kind == spec.name and suffix in spec.extensions
                 else spec.extensions[0])
                for spec in producible(self.has_source(), kind)]

    def export(self, path: str | os.PathLike[str], export_format: str | None = None,
               version: str | None = None) -> str:
        """Write the project (or a labelled version) in a format (default: by extension)."""
        refuse_overwriting_project(Path(path), self.path, "an export")
        check_destination(path)  # a folder or a pipe is named before a missing extension
        chosen = format_for(path, export_format)
        self._refuse_unproducible(chosen)
        job = self.export_job(version)
        if format_spec(chosen).markup:
            _refuse_broken_markup(job)
        data = export_bytes(chosen, job)
        refuse_overwriting_project(Path(path), self.path, "an export")  # again, just before
        atomic_write_bytes(path, data)
        return chosen

    def _refuse_unproducible(self, chosen: str) -> None:
        names = [name for name, _label, _extension in self.export_formats()]
        if chosen not in names:
            spec = format_spec(chosen)
            raise ReviewerError(f"{spec.label} needs source text or an original {chosen} file "
                                f"and this project has neither; export one of: "
                                + ", ".join(names))

    # -- spelling: the project dictionary ----------------------------------------------

    def spelling_language(self) -> str:
        """The language tag spelling checks in: the target language, else English."""
        return self.properties().get(TARGET_LANGUAGE) or "en"

    def project_words(self) -> list[str]:
        """Words this project's spelling knows besides the language's list, sorted."""
        try:
            words = json.loads(self.properties().get(PROJECT_WORDS_PROPERTY, "[]"))
        except ValueError:
            return []
        return sorted(str(word) for word in words) if isinstance(words, list) else []

    def add_project_word(self, word: str) -> list[str]:
        """Add ``word`` to the project dictionary (no-op when it has it in any case)."""
        word = valid_project_word(word)
        words = self.project_words()
        if word.casefold() not in {known.casefold() for known in words}:
            words = sorted([*words, word])
            self._store.set_property(PROJECT_WORDS_PROPERTY,
                                     json.dumps(words, ensure_ascii=False))
        return words

    def spell_checker(self) -> SpellChecker:
        """A checker for the target language that knows the project's words (waits for
        the language's word list if it is still loading)."""
        return checker_for(self.spelling_language(), self.project_words())

    # -- QA: the checks the project switched off ----------------------------------------

    def qa_disabled(self) -> frozenset[str]:
        """The QA checks switched off for this project (ids a newer reviewer wrote and
        this one does not know are left out)."""
        stored = self.properties().get(DISABLED_PROPERTY, "").split(",")
        return frozenset(check for check in stored if check in CHECKS)

    def set_qa_disabled(self, ids: Iterable[str]) -> frozenset[str]:
        """Switch off exactly the QA checks ``ids`` (an unknown id is an error)."""
        disabled = parse_check_ids(ids)
        self._store.set_property(DISABLED_PROPERTY, format_check_ids(disabled))
        return disabled

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the project file."""
        return self._store.backup_to(target)


T = TypeVar("T")
_SLICE = 250  # records per answer of the store while a batch runs (see head_texts)


def _in_slices(fetch: Callable[[list[int]], list[T]], keys: list[int]) -> list[T]:
    """``fetch(keys)``, asked a slice of keys at a time."""
    found: list[T] = []
    for start in range(0, len(keys), _SLICE):
        found += fetch(keys[start:start + _SLICE])
    return found


def _refuse_broken_markup(job: ExportJob) -> None:
    """Name the edited segments whose tags could not be written as well-formed markup."""
    broken: dict[str, list[int]] = {}
    for segment in job.segments:
        tags = tags_of(segment.meta)
        if not tags or not is_edited(segment.status):
            continue
        for problem in check_tags(segment.correction, tags):
            if problem.breaks_markup:
                broken.setdefault(problem.message, []).append(segment.position + 1)
    if not broken:
        return
    shown = [f"{_segment_numbers(numbers)}: {message}"
             for message, numbers in list(broken.items())[:_MAX_SHOWN]]
    if len(broken) > _MAX_SHOWN:
        shown.append(f"{len(broken) - _MAX_SHOWN} more problems")
    raise ReviewerError("; ".join(shown) + "; fix them or export TSV")


_MAX_SHOWN = 5  # problems, or segment numbers of one problem, an error line names


def _segment_numbers(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"segment {numbers[0]}"
    listed = ", ".join(str(number) for number in numbers[:_MAX_SHOWN * 2])
    more = len(numbers) - _MAX_SHOWN * 2
    return f"segments {listed}" + (f" and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class RestructureResult:
    """What a split or a merge made: the segments now in place and the document numbers."""

    positions: tuple[int, ...]
    segments: tuple[SegmentRecord, ...]
    summary: DocumentSummary
