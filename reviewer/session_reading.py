"""Reading an open project: its segments, drafts and what the imported file said about
each segment (tags, context, locks). The base of every part of ``ReviewSession``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reviewer.core.bounded import BoundedScorer
from reviewer.core.context import context_lines, is_locked
from reviewer.core.filtering import TextQuery
from reviewer.core.status import SegmentStatus
from reviewer.core.tags import (
    InlineTag,
    TagProblem,
    check_tags,
    from_notation,
    tags_of,
    to_notation,
)
from reviewer.formats.writers import ExportJob
from reviewer.store.project import DraftRecord, ProjectStore, SegmentRecord
from reviewer.store.records import segment_record

META_PAGE = 4096  # segments whose format data is read at once


class SessionReading:
    """The project's segments as stored, and the file's facts about each."""

    # set by ``ReviewSession.__init__``
    _store: ProjectStore
    _scorer: BoundedScorer
    # how long ``edit`` may wait for a long text's scores before saving them pending
    # (the window sets 0: it scores pending texts in the background)
    scoring_budget: float
    _metas: dict[int, list[dict[str, object] | None]] | None  # pages of META_PAGE

    @property
    def read_only(self) -> bool:
        """Whether edits are refused because the project was opened read-only."""
        return self._store.read_only

    @property
    def path(self) -> Path:
        """Where the project file is."""
        return self._store.path

    def properties(self) -> dict[str, str]:
        """Project properties such as the source file name and its encoding."""
        return self._store.properties()

    def has_source(self) -> bool:
        """Whether segments carry source text."""
        return self.properties().get("has_source") == "1"

    def segments(self) -> list[SegmentRecord]:
        """All segments in order."""
        return self._store.segments()

    def segments_between(self, start: int, stop: int) -> list[SegmentRecord]:
        """The segments from position ``start`` to ``stop`` (excluded), in order; a text
        equal to its MT is the MT's string (a page of the window's table holds it once)."""
        records = []
        for row in self._store.segment_rows(start, stop):
            if row[5] == row[3]:
                row = (*row[:5], row[3], *row[6:])
            records.append(segment_record(row))
        return records

    def segment_column(self, name: str) -> list[Any]:
        """One field of every segment (``source``, ``mt``, ``text``, ``status``, ``hter``:
        None while pending), in document order."""
        return self._store.segment_column(name)

    def segments_at(self, positions: Sequence[int]) -> list[SegmentRecord]:
        """The segments at ``positions``, in that order."""
        return self._store.segments_at(positions)

    def first_position_not(self, status: str) -> int | None:
        """The first segment whose status is not ``status`` (None when all are)."""
        return self._store.first_position_not(status)

    def positions_with_status(self, statuses: Sequence[str]) -> list[tuple[int, str]]:
        """(position, current text) of the segments whose status is one of ``statuses``."""
        return self._store.positions_with_status(statuses)

    def filter_positions(self, start: int, stop: int, statuses: Sequence[str] = (),
                         text: TextQuery | None = None) -> list[int]:
        """The positions in ``start`` to ``stop`` (excluded) whose stored status is one of
        ``statuses`` (any when empty) and whose stored texts ``text`` finds (any: None)."""
        return self._store.filter_positions(start, stop, statuses, text)

    def evaluation_words_between(self, start: int, stop: int) -> int:
        """MQM's evaluation word count of the segments from ``start`` to ``stop``."""
        return self._store.evaluation_words_between(start, stop)

    def segment(self, position: int) -> SegmentRecord:
        """One segment by 0-based position."""
        return self._store.segment(position)

    def segment_count(self) -> int:
        """How many segments there are."""
        return self._store.segment_count()

    def segment_meta(self, position: int) -> dict[str, object]:
        """What the imported file said about a segment (ids, notes, tags...); never changes."""
        if self._metas is None:
            self._metas = {}
        page, offset = divmod(position, META_PAGE)
        metas = self._metas.get(page)
        if metas is None:  # read a page at a time: a million segments' at once take seconds
            metas = [ExportJob.parse_meta(meta) for meta in self._store.segment_meta_between(
                page * META_PAGE, (page + 1) * META_PAGE)]
            self._metas[page] = metas
        return (metas[offset] or {}) if position >= 0 and offset < len(metas) else {}

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
                if segment.status != SegmentStatus.NEW
                and not self.segment_locked(segment.position)
                for problem in self.tag_problems(segment.position, segment.text)]

    def drafts(self) -> dict[int, DraftRecord]:
        """Unconfirmed typing kept by position (restored into the editor on reopening); a
        draft equal to its segment's saved text is no draft."""
        return {position: draft for position, draft in self._store.drafts().items()
                if draft.text != self._store.segment(position).text}
