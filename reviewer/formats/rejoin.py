"""Parts of a split segment joined back into it, for the exports that write into the
original file (one unit of the file, one segment of the reader's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import reduce
from typing import TYPE_CHECKING

from reviewer.core.document import Layout
from reviewer.core.splitting import PART_KEY, joined_tags, merged_status
from reviewer.core.tags import META_KEY, tags_data, tags_of

if TYPE_CHECKING:
    from reviewer.formats.writers import ExportJob, ExportSegment

_NAN = float("nan")


def _part(segment: ExportSegment) -> dict[str, object] | None:
    part = (segment.meta or {}).get(PART_KEY)
    return part if isinstance(part, dict) else None


def rejoined(job: ExportJob) -> ExportJob:
    """The job with each run of parts of one segment as that segment again; the MT and the
    correction join with the gap between the parts, the source with its own."""
    if not any(_part(segment) is not None for segment in job.segments):
        return job
    runs: list[list[int]] = []
    for index, segment in enumerate(job.segments):
        part = _part(segment)
        previous = _part(job.segments[runs[-1][0]]) if runs else None
        if part is not None and previous is not None \
                and part.get("origin") == previous.get("origin"):
            runs[-1].append(index)
        else:
            runs.append([index])
    segments = [_joined([job.segments[i] for i in run], [job.layout.gaps[i] for i in run])
                for run in runs]
    gaps = (*(job.layout.gaps[run[0]] for run in runs), job.layout.gaps[-1])
    return replace(job, segments=segments, layout=Layout(gaps))


def _joined(parts: Sequence[ExportSegment], gaps: Sequence[str]) -> ExportSegment:
    first = parts[0]
    meta = {key: value for key, value in (first.meta or {}).items() if key != PART_KEY}
    if len(parts) == 1:
        return replace(first, meta=meta or None)
    mt, correction, source = first.mt, first.correction, first.source
    for part, gap in zip(parts[1:], gaps[1:], strict=True):
        mt += gap + part.mt
        correction += gap + part.correction
        if source is not None or part.source is not None:
            join = (_part(part) or {}).get("source_join", "")
            source = (source or "") + (join if isinstance(join, str) else "") + (part.source
                                                                                or "")
    tables = [tags_of(part.meta) for part in parts]
    if tables[0]:
        meta[META_KEY] = tags_data(reduce(joined_tags, tables))
    authors = [part.author for part in parts if part.author is not None]
    return replace(first, source=source, mt=mt, correction=correction,
                   status=reduce(merged_status, (part.status for part in parts)),
                   hter=_NAN, bleu=_NAN, chrf=_NAN, meta=meta or None,
                   author=authors[-1] if authors else None,
                   comments=tuple(comment for part in parts for comment in part.comments))
