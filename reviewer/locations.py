"""Where the app's own files and the user's data live, installed or run from a checkout."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

SEED_NAME = "valdai-putin-mt.txt"


def _package_dir(name: str) -> Path:
    """``reviewer/NAME`` when installed (package data), else ``NAME`` in the checkout."""
    installed = Path(__file__).resolve().parent / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name


def resources_dir() -> Path:
    """Icons, the style sheet and the desktop file."""
    return _package_dir("resources")


def seed_file() -> Path:
    """The demo article: the MT of a Russian news story."""
    return _package_dir("seeds") / SEED_NAME


def data_dir() -> Path:
    """The user's data folder (``REVIEWER_DATA_DIR`` overrides it, as tests do)."""
    override = os.environ.get("REVIEWER_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_data_dir("reviewer", False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
