"""Exporting a project, as it is now or as a labelled version was, in the formats it can
be written to; edited segments whose tags would break the markup are refused."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.tags import check_tags, tags_of
from reviewer.formats.atomic import atomic_write_bytes, check_destination
from reviewer.formats.structured import is_edited
from reviewer.formats.writers import (
    ExportJob,
    ExportSegment,
    export_bytes,
    format_for,
    format_spec,
    producible,
)
from reviewer.session_annotations import SessionAnnotations
from reviewer.session_comments import SessionComments
from reviewer.session_history import CURRENT, NEWEST, SessionHistory
from reviewer.session_results import state_scores
from reviewer.split_merge import past_job
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
        job = self.export_job(version)
        if format_spec(chosen).markup:
            _refuse_broken_markup(job)
        data = export_bytes(chosen, job)
        refuse_overwriting_project(Path(path), self.path, "an export")  # again, just before
        atomic_write_bytes(path, data)
        return chosen

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
