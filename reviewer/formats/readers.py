"""Import entry point: picks the reader for the files given and returns a document."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.document import ImportedDocument
from reviewer.core.errors import ReviewerError
from reviewer.formats.plaintext import import_plain_text

IMPORT_FORMATS = ("text",)


def import_document(
    mt: str | Path,
    source: str | Path | None = None,
    reference: str | Path | None = None,
    corrections: str | Path | None = None,
    segmentation: str | None = None,
    encoding: str | None = None,
    file_format: str | None = None,
) -> ImportedDocument:
    """Read the job's files; ``file_format`` forces a reader, else extension and content decide."""
    if file_format not in (None, *IMPORT_FORMATS):
        raise ReviewerError(f"unknown import format {file_format!r}: use "
                            + ", ".join(IMPORT_FORMATS))
    return import_plain_text(mt, source, reference, corrections, segmentation, encoding)
