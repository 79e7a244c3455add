"""Where the app's own files and the user's data live, installed or run from a checkout."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

SEED_NAME = "valdai-putin-mt.txt"


def _package_dir(package: str, checkout_folder: str) -> Path:
    try:
        folder = Path(str(resources.files(package)))
        if folder.is_dir():
            return folder
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / checkout_folder


def resources_dir() -> Path:
    """Icons, the style sheet and the desktop file."""
    return _package_dir("reviewer.resources", "resources")


def seed_file() -> Path:
    """The demo article: the MT of a Russian news story."""
    return _package_dir("reviewer.seeds", "seeds") / SEED_NAME


def data_dir() -> Path:
    """The user's data folder (``REVIEWER_DATA_DIR`` overrides it, as tests do)."""
    override = os.environ.get("REVIEWER_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_data_dir("reviewer", False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
