"""What the readers and writers of segment-structured files (XLIFF, TMX, PO, TSV) share."""

from __future__ import annotations

import io

from reviewer.core.document import ImportedSegment, Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.status import SegmentStatus
from reviewer.core.visible import visible
from reviewer.formats.limits import check_segment_length

SOURCE_LANGUAGE = "source_language"
TARGET_LANGUAGE = "target_language"


def shown(text: str, limit: int = 80) -> str:
    """Text from a file as an error message may quote it: on one line, and not too long."""
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def line_layout(count: int) -> Layout:
    """One segment a line, so a plain-text export of a structured file reads well."""
    return Layout(("",) + ("\n",) * count)


def file_lines(text: str) -> list[str]:
    """Lines with their endings, split at \\n, \\r\\n and \\r only (not at U+2028 and the like)."""
    return io.StringIO(text, newline="").readlines()


def check_segments(segments: list[ImportedSegment], name: str) -> None:
    """Refuse a file without segments or with one far too long to review."""
    if not segments:
        raise ReviewerError(f"{name}: holds no segments to review")
    for number, segment in enumerate(segments, start=1):
        for role in ("source", "mt", "reference", "correction"):
            check_segment_length(getattr(segment, role), f"{name}: segment {number}'s {role}")


def needs_source(source: str | None, export_format: str) -> str:
    """The source text, or an error saying this format cannot do without it."""
    if source is None:
        raise ReviewerError(f"{export_format} needs source text and this project has none; "
                            "export text, TSV or JSONL instead")
    return source


def is_edited(status: str) -> bool:
    """Whether a segment's text should replace the target in the original file."""
    return status != SegmentStatus.NEW
