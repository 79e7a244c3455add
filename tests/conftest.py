"""Shared fixtures; Qt runs offscreen and the user's data folder is a temp folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true",
                     help="also run the tests marked slow (a million segments: minutes)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow") or os.environ.get("REVIEWER_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))


@pytest.fixture(autouse=True)
def _isolated_user_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A window made without settings (``QSettings("reviewer", "reviewer")``) keeps its
    window layout, recent projects... in a temp folder, never in the user's settings."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("user-settings"))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A copy of the demo article (the MT of a Russian news story)."""
    from reviewer.locations import seed_file

    copy = tmp_path / "valdai.txt"
    shutil.copyfile(seed_file(), copy)
    return copy


@pytest.fixture
def seed_project(tmp_path: Path, seed: Path) -> Path:
    """A project made from the seed article, closed again."""
    from reviewer.formats.plaintext import import_plain_text
    from reviewer.session import ReviewSession

    path = tmp_path / "valdai.review"
    ReviewSession.create(path, import_plain_text(seed)).close()
    return path
