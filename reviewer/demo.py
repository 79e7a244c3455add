"""The demo project: the seed article, made into a project once per user."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document
from reviewer.locations import data_dir, seed_file
from reviewer.session import ReviewSession

DEMO_NAME = "valdai-demo.review"


def demo_project() -> Path:
    """The demo project's path, creating it from the seed article the first time."""
    path = data_dir() / DEMO_NAME
    if not path.exists():
        try:
            ReviewSession.create(path, import_document(seed_file())).close()
        except ReviewerError:
            if not path.exists():  # else another start made it meanwhile: use that one
                raise
    return path
