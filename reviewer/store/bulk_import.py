"""A new project's segments written in bulk: the key index filled once at the end.

Every segment inserted one by one would fire ``segments_indexed`` (a full-text index
insert) and update two expression indexes; for an import it is much quicker to drop that
trigger and the indexes, insert the rows, fill the index with one statement and create
them again with the very SQL the schema made them with, so the file ends up with the
same schema as any other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

# what a segment insert keeps up to date, made again after the rows are in: the key
# index's trigger and the indexes made on ``segments`` (not SQLite's own for UNIQUE)
_DEFERRED = ("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'segments' AND "
             "(name = 'segments_indexed' OR (type = 'index' AND sql IS NOT NULL)) "
             "ORDER BY rowid")
_FILL_INDEX = ("INSERT INTO segment_key_index (rowid, key) "
               "SELECT id, coalesce(source, mt) FROM segments")


@contextmanager
def segments_in_bulk(db: sqlite3.Connection) -> Iterator[None]:
    """Inside a write transaction on an empty ``segments`` table: insert rows here."""
    if db.execute("SELECT 1 FROM segments LIMIT 1").fetchone() is not None:
        raise ValueError("segments_in_bulk needs an empty segments table")
    saved = db.execute(_DEFERRED).fetchall()
    for kind, name, _sql in saved:
        db.execute(f'DROP {"TRIGGER" if kind == "trigger" else "INDEX"} "{name}"')
    yield
    db.execute(_FILL_INDEX)
    for _kind, _name, sql in saved:
        db.execute(sql)
