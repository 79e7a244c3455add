"""Exporting a project, as it is now or as a labelled version was, in the formats it can
be written to; edited segments whose tags would break the markup are refused."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from reviewer.core.comments import Comment
from reviewer.core.errors import ReviewerError
from reviewer.core.tags import check_tags, tags_of
from reviewer.formats.atomic import atomic_write_bytes, atomic_write_chunks, check_destination
from reviewer.formats.streamed import text_chunks, xliff_chunks
from reviewer.formats.structured import is_edited
from reviewer.formats.writers import (
    ExportJob,
    ExportSegment,
    export_bytes,
    format_for,
    format_spec,
    producible,
)
from reviewer.formats.xliff_new import Unit
from reviewer.session_annotations import SessionAnnotations
from reviewer.session_comments import SessionComments
from reviewer.session_history import CURRENT, NEWEST, SessionHistory
from reviewer.session_results import state_scores
from reviewer.split_merge import past_job
from reviewer.store.export_reads import ExportRow
from reviewer.store.files import refuse_overwriting_project


class SessionExport(SessionHistory, SessionComments, SessionAnnotations):
    """The corrected document in the formats the project can be exported to."""

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
            if version is not None and version != CURRENT else NEWEST
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
        annotations = self._export_annotations(version)
        segments = [
            ExportSegment(s.position, s.source, s.mt, s.reference, s.text, s.status, s.hter,
                          s.bleu, s.chrf, ExportJob.parse_meta(meta), authors.get(s.position),
                          comments.get(s.position, ()), annotations.get(s.position, ()))
            for s, meta in zip(records, metas, strict=True)
        ]
        return ExportJob(segments, self._store.layout(), self.properties(),
                         self._store.original())

    def _version_job(self, version: str | None) -> ExportJob | None:
        """A version labelled before segments were split or merged, in its own segments;
        None when the document's segments are the version's."""
        past = None if version is None or version == CURRENT \
            else self._store.segments_as_of(version)
        return None if past is None else past_job(*past, self.properties(),
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
        self.check_export_destination(path)
        chosen = format_for(path, export_format)
        self._refuse_unproducible(chosen)
        if (chunks := self._streamed_export(chosen, version)) is not None:
            refuse_overwriting_project(Path(path), self.path, "an export")
            atomic_write_chunks(path, chunks)
            return chosen
        job = self.export_job(version)
        if format_spec(chosen).markup:
            _refuse_broken_markup(job)
        data = export_bytes(chosen, job)
        refuse_overwriting_project(Path(path), self.path, "an export")  # again, just before
        atomic_write_bytes(path, data)
        return chosen

    def _streamed_export(self, chosen: str, version: str | None) -> Iterator[bytes] | None:
        """The export's bytes made as the segments are read, for the document as it is now
        in plain text or a new XLIFF file (None: the export needs the whole job)."""
        if (version is not None and version != CURRENT) or chosen not in _STREAMED:
            return None
        original = self._store.original()
        if original is not None and original[1] == chosen:  # rewritten into the original
            return None
        if chosen == "text":
            return text_chunks(((gap, text, meta is not None and bool(
                tags_of(ExportJob.parse_meta(meta)))) for _p, gap, _s, _m, _r, text, _st, meta,
                _a in self._export_rows()), self._store.properties().get("layout_tail", ""),
                self.properties())
        segments = _MarkupCheck(self._export_segments())
        return _checked(xliff_chunks(segments, self.properties(), original), segments)

    def _export_rows(self) -> Iterator[ExportRow]:
        """Every segment's ``export_page`` row, in document order, read a page at a time."""
        after = -1
        while True:
            page = self._store.export_page(after, _PAGE)
            yield from page
            if len(page) < _PAGE:
                return
            after = page[-1][0]

    def _export_segments(self) -> Iterator[_Unit]:
        """Every segment now, in document order, as a new XLIFF file writes it."""
        comments = self._export_comments(None)
        for position, _gap, source, _mt, _reference, text, status, meta, _author in \
                self._export_rows():
            yield _Unit(position, source, text, status,
                        None if meta is None else ExportJob.parse_meta(meta),
                        comments.get(position, ()))

    def check_export_destination(self, path: str | os.PathLike[str]) -> None:
        """Refuse a place no export may write: the project or its files, a database, a
        folder or a pipe (ReviewerError)."""
        refuse_overwriting_project(Path(path), self.path, "an export")
        check_destination(path)  # a folder or a pipe is named before a missing extension

    def _refuse_unproducible(self, chosen: str) -> None:
        names = [name for name, _label, _extension in self.export_formats()]
        if chosen not in names:
            spec = format_spec(chosen)
            raise ReviewerError(f"{spec.label} needs source text or an original {chosen} file "
                                f"and this project has neither; export one of: "
                                + ", ".join(names))


_STREAMED = ("text", "xliff")  # formats written as the segments come (a new XLIFF file)
_PAGE = 2000  # segments read at a time for a streamed export


def _refuse_broken_markup(job: ExportJob) -> None:
    """Name the edited segments whose tags could not be written as well-formed markup."""
    broken: dict[str, list[int]] = {}
    for segment in job.segments:
        _note_broken_markup(segment, broken)
    _raise_broken_markup(broken)


def _note_broken_markup(segment: Unit, broken: dict[str, list[int]]) -> bool:
    """Add the segment's tag problems that break markup to ``broken``; True if any."""
    if not segment.meta:  # most segments: no format data, so no tags
        return False
    tags = tags_of(segment.meta)
    if not tags or not is_edited(segment.status):
        return False
    found = False
    for problem in check_tags(segment.correction, tags):
        if problem.breaks_markup:
            broken.setdefault(problem.message, []).append(segment.position + 1)
            found = True
    return found


@dataclass(slots=True)
class _Unit:
    """A segment as a streamed new XLIFF file writes it (an ``ExportSegment`` would cost
    ten times as much to make, a million times)."""

    position: int
    source: str | None
    correction: str
    status: str
    meta: dict[str, object] | None
    comments: tuple[Comment, ...]


class _MarkupCheck:
    """Streamed segments with their broken markup noted (and those segments held back from
    the writer): the export is refused as ``_refuse_broken_markup`` refuses a job."""

    def __init__(self, segments: Iterator[_Unit]) -> None:
        self.segments = segments
        self.broken: dict[str, list[int]] = {}

    def __iter__(self) -> Iterator[_Unit]:
        for segment in self.segments:
            if not _note_broken_markup(segment, self.broken):
                yield segment


def _checked(chunks: Iterator[bytes], check: _MarkupCheck) -> Iterator[bytes]:
    """The chunks, unless a segment's markup is broken (then its error, before any other
    the writer met, as for a whole job)."""
    try:
        yield from chunks
    except Exception:
        for _segment in check:  # the rest may hold broken markup, which is named first
            pass
        _raise_broken_markup(check.broken)
        raise
    _raise_broken_markup(check.broken)


def _raise_broken_markup(broken: dict[str, list[int]]) -> None:
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
