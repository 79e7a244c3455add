"""Shared fixtures; Qt runs offscreen and the user's data folder is a temp folder."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from engines import parametrize_engines, serve_projects_from
from pg_server import SKIP_REASON, PgServer, running_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true",
                     help="also run the tests marked slow (a million segments: minutes)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)
    if config.getoption("--run-slow") or os.environ.get("REVIEWER_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


# PostgreSQL: one server for the whole run (tests/pg_server.py); in CI (CI=true) a test
# skipped because PostgreSQL is missing fails the run, since these tests must never skip there.
_PG_SKIP = SKIP_REASON
_pg_skipped: list[str] = []
_pg_counter = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A running PostgreSQL 15 server on a Unix socket; stopped and removed after the run."""
    with running_server() as server:
        yield server


@pytest.fixture
def pg_database(pg_server: PgServer) -> Iterator[str]:
    """The admin's URL of a fresh empty database, dropped after the test."""
    name = f"test_{next(_pg_counter)}"
    url = pg_server.create_database(name)
    yield url
    pg_server.drop_database(name)


@pytest.fixture(scope="session")
def engines_database(pg_server: PgServer) -> str:
    """The admin's URL of the database the both-engines tests publish their projects to
    (each a project, a schema, of its own)."""
    return pg_server.create_database("engines")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_engines(metafunc)


@pytest.fixture(autouse=True)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Which store the test's projects live in: ``sqlite`` (the file), or ``postgresql``
    for the modules tests/engines.py runs on both."""
    kind = str(getattr(request, "param", "sqlite"))
    if kind == "postgresql":
        serve_projects_from(request.getfixturevalue("engines_database"), monkeypatch)
    return kind


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2]).removeprefix("Skipped: ")
        if reason.startswith(_PG_SKIP):
            _pg_skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _pg_skipped and os.environ.get("CI") == "true" and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _pg_skipped and os.environ.get("CI") == "true":
        terminalreporter.write_line(
            f"FAILED (CI): {len(_pg_skipped)} PostgreSQL tests were skipped; in CI they must "
            "run (install postgresql-15 or set REVIEWER_PG_BIN)", red=True, bold=True)


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
