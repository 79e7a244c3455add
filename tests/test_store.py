"""The project file: revisions are kept across reopening and can never be rewritten."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reviewer.core.effort import Effort
from reviewer.core.errors import ReviewerError
from reviewer.formats.plaintext import import_plain_text
from reviewer.session import ReviewSession
from reviewer.store.schema import SCHEMA_VERSION


def test_revisions_survive_closing_and_reopening(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(0, "Putin: the Russian military acts successfully in Syria", "anna",
                 effort=Effort(4200, 40, 12, 3))
    session.edit(0, "Putin: Russia's military acts successfully in Syria", "boris")
    session.close()

    reopened = ReviewSession.open(seed_project)
    history = reopened.history(0)
    assert [(r.number, r.author, r.text) for r in history] == [
        (1, "anna", "Putin: the Russian military acts successfully in Syria"),
        (2, "boris", "Putin: Russia's military acts successfully in Syria"),
    ]
    assert history[0].editing_ms == 4200
    assert (history[0].keys_insert, history[0].keys_delete, history[0].keys_navigate) == \
        (40, 12, 3)
    assert reopened.segment(0).text == "Putin: Russia's military acts successfully in Syria"
    assert reopened.summary().edited == 1
    reopened.close()


@pytest.mark.file_only  # reads or damages the project file itself
def test_revisions_cannot_be_updated_or_deleted(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(1, "Sochi, 22 October.", "anna")
    session.close()
    db = sqlite3.connect(seed_project)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE revisions SET text = 'rewritten'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM revisions")
    assert db.execute("SELECT text FROM revisions").fetchall() == [("Sochi, 22 October.",)]
    db.close()


@pytest.mark.file_only  # reads or damages the project file itself
def test_project_uses_wal_and_records_its_schema_version(seed_project: Path) -> None:
    db = sqlite3.connect(seed_project)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_a_failed_import_leaves_no_project(tmp_path: Path, seed: Path) -> None:
    target = tmp_path / "broken.review"

    def explode(done: int, total: int) -> None:
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        ReviewSession.create(target, import_plain_text(seed), progress=explode)
    assert not target.exists()
    assert list(tmp_path.glob("*.partial")) == []


def test_an_existing_project_is_never_overwritten(seed_project: Path, seed: Path) -> None:
    with pytest.raises(ReviewerError, match="already exists"):
        ReviewSession.create(seed_project, import_plain_text(seed))


def test_a_file_that_is_not_a_project_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.review"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ReviewerError, match="not a reviewer project"):
        ReviewSession.open(junk)
    other = tmp_path / "other.review"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ReviewerError, match="not a reviewer project"):
        ReviewSession.open(other)


def test_running_counts_match_a_fresh_count(seed_project: Path) -> None:
    import random

    session = ReviewSession.open(seed_project)
    store = session._store
    assert store.counts() == store._count_segments()  # the first call stores them
    rng = random.Random(3)
    for _ in range(60):
        position = rng.randrange(26)
        mt = session.segment(position).mt
        text = rng.choice([mt, mt + " edited", "other text"])
        status = rng.choice(["confirmed", "edited", "imported"])
        session.edit(position, text, "anna", status)
        assert store.counts() == store._count_segments()
    summary = session.summary()
    assert (summary.edited, summary.confirmed) == (
        store._count_segments()["changed"], store._count_segments().get("status:confirmed", 0))
    session.close()
