"""Schema 9 (quality review): annotation revisions are append-only and every revision says
who made it, the editor or a reviewer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reviewer.session import ReviewSession


def test_annotation_revisions_are_never_changed_and_revisions_have_a_role(
        seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(0, "Putin: the Russian military is succeeding in Syria.", "anna")
    session.close()
    db = sqlite3.connect(seed_project)
    assert db.execute("SELECT role FROM revisions").fetchall() == [("editor",)]
    db.execute("INSERT INTO annotations (segment_id, author, created_at) "
               "VALUES (1, 'rita', '2026-11-29T08:00:00Z')")
    db.execute("INSERT INTO annotation_revisions (annotation_id, number, side, start, end, "
               "category, severity, author, created_at) VALUES (1, 1, 'mt', 0, 5, "
               "'accuracy/mistranslation', 'major', 'rita', '2026-11-29T08:00:00Z')")
    db.commit()
    for statement in ("UPDATE annotation_revisions SET severity = 'minor'",
                      "DELETE FROM annotation_revisions"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(statement)
    db.close()
