"""Store tests on both engines: the project file (SQLite) and a server project (PostgreSQL).

A test module listed in ``BOTH_ENGINES`` runs each of its tests that use ``seed_project``
(or ``engine``) twice: once on the file, once with ``seed_project`` being the address of
the same project published to the test suite's own PostgreSQL server.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

# every module whose tests are about what the store keeps (the session on top of it)
BOTH_ENGINES = frozenset({
    "test_store", "test_session", "test_editing_rules", "test_document_scores",
    "test_comments", "test_versions", "test_drafts", "test_review", "test_filter_queries",
    "test_filtering", "test_split_merge", "test_carried_effort", "test_track_changes",
    "test_repetitions", "test_glossary", "test_memory", "test_suggestions", "test_concordance",
    "test_consistency", "test_pending_scores", "test_analysis", "test_learned",
})


def parametrize_engines(metafunc: pytest.Metafunc) -> None:
    """Run a listed module's project tests on both engines."""
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in BOTH_ENGINES and "engine" in metafunc.fixturenames:
        # ``file_only``: about the file itself (its bytes, SQLite's triggers, locks, WAL)
        file_only = metafunc.definition.get_closest_marker("file_only") is not None
        metafunc.parametrize("engine", ["sqlite"] if file_only else ["sqlite", "postgresql"],
                             indirect=True)


def server_project(database_url: str, project: Path) -> str:
    """Publish the project file ``project`` to the database; its server address."""
    from reviewer.store.publish import publish

    url = f"{database_url}&project=p{uuid.uuid4().hex[:16]}"
    publish(project, url)
    return url


def serve_projects_from(database_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[Path, str]:
    """From now on a project file made by ``ReviewSession.create`` is published, and
    opening that file opens its server copy (the map says which file is which project)."""
    from reviewer.session import ReviewSession

    served: dict[Path, str] = {}
    create, open_ = ReviewSession.create.__func__, ReviewSession.open.__func__  # type: ignore[attr-defined]

    def create_served(cls: type[ReviewSession], path: object, *args: object,
                      **kwargs: object) -> ReviewSession:
        create(cls, path, *args, **kwargs).close()
        file = Path(str(path)).resolve()
        served[file] = server_project(database_url, file)
        return open_(cls, served[file])

    def open_served(cls: type[ReviewSession], path: object, read_only: bool = False,
                    isolated: bool = False) -> ReviewSession:
        url = served.get(Path(str(path)).resolve()) if not isinstance(path, str) or \
            not path.startswith("postgresql") else None
        return open_(cls, url or path, read_only=read_only, isolated=isolated)

    monkeypatch.setattr(ReviewSession, "create", classmethod(create_served))
    monkeypatch.setattr(ReviewSession, "open", classmethod(open_served))
    return served
