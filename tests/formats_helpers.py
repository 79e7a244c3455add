"""Build a project from a sample file, edit it and export it, as the round-trip tests do."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.document import ImportedDocument
from reviewer.formats.readers import import_document
from reviewer.session import ReviewSession

DATA = Path(__file__).parent / "data"


def project_from(tmp_path: Path, name: str, **options: str) -> ReviewSession:
    """A new project made from ``tests/data/name``."""
    document = import_document(DATA / name, **options)  # type: ignore[arg-type]
    return ReviewSession.create(tmp_path / f"{name}.review", document)


def export(session: ReviewSession, path: Path, export_format: str) -> Path:
    """Export and return where to."""
    session.export(path, export_format)
    return path


def reimport(path: Path, **options: str) -> ImportedDocument:
    """Read an export back with the same importer."""
    return import_document(path, **options)  # type: ignore[arg-type]
