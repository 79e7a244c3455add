"""A one-segment project file as an older schema version wrote it, for migration tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reviewer.store.schema import MIGRATIONS


def old_project(path: Path, version: int) -> sqlite3.Connection:
    """Write ``path`` at schema ``version`` with one segment ("Hello world"); the open
    connection, for what the test adds (commit and close it)."""
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        db.executescript(script)
    db.execute("UPDATE schema_version SET version = ?", (version,))
    db.execute("INSERT INTO segments (position, mt, gap_before, mt_stats, mt_hter, mt_bleu, "
               "mt_chrf) VALUES (0, 'Hello world', '', '[[0.0,2.0],[2,2,2,1,0,0,2,1,0,0],"
               "[]]', 0, 100, 100)")
    db.execute("INSERT INTO totals (id, stats) VALUES (1, '{\"ter\":[0.0,2.0],\"bleu\":"
               "[2,2,2,1,0,0,2,1,0,0],\"chrf\":[],\"segments\":1}')")
    db.execute("INSERT INTO properties VALUES ('layout_tail', '')")
    return db
