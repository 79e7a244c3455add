"""Finding repetitions: the segments whose source (or MT) is a given text, by an index."""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.store.connection import connect
from reviewer.store.queries import STATUS
from reviewer.store.transactions import StoreBase

KEY_COLUMNS = ("source", "mt")  # what repetitions share: the source, else the MT


class RepetitionReads(StoreBase):
    """The repetitions methods of ``ProjectStore``."""

    def segments_with(self, column: str, text: str) -> list[tuple[int, str, str]]:
        """(position, current text, status) of the segments whose ``column`` (source or
        mt) is exactly ``text``, in order."""
        self._index(column)
        # three columns, not records: a sentence repeated 3,000 times took 90 ms as records
        # (the window's store process answers nothing else meanwhile), 12 ms so
        rows = self._db.execute(by_text(column), (text,))
        return sorted((int(position), str(current), str(status))
                      for position, current, status in rows)

    def repeated(self, column: str) -> list[list[int]]:
        """The positions of segments that share their ``column`` text, a list per text
        (texts of white space only left out), in document order."""
        self._index(column)
        checked = _checked(column)
        rows = self._db.execute(
            f"SELECT group_concat(position) FROM (SELECT {checked}, position FROM segments "
            f"WHERE position >= 0 AND trim({checked}) != '' ORDER BY position) "
            f"GROUP BY {checked} HAVING count(*) > 1")
        groups = [sorted(int(item) for item in str(row[0]).split(",")) for row in rows]
        return sorted(groups)

    def _index(self, column: str) -> None:
        """Create the column's index the first time a writer asks (schema 10 files have
        none; a reader scans instead)."""
        indexed: set[str] = self.__dict__.setdefault("_indexed_keys", set())
        if column in indexed or self.read_only:
            return
        name = f"segments_by_{_checked(column)}"
        exists = self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' "
                                  "AND name = ?", (name,)).fetchone()
        if exists is None:
            # without it a lookup is only slower
            with suppress(sqlite3.Error, ReviewerError), self._write() as db:
                db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON segments ({column})")
        indexed.add(column)


def make_index(path: Path, column: str) -> None:
    """Create the column's index on a connection of its own: any thread may, while the
    project's own connection (or store process) goes on answering."""
    name = f"segments_by_{_checked(column)}"
    with suppress(sqlite3.Error, ReviewerError):  # without it a lookup is only slower
        connection = connect(path, read_only=False)
        try:
            connection.execute(f"CREATE INDEX IF NOT EXISTS {name} ON segments ({column})")
        finally:
            connection.close()


def by_text(column: str) -> str:
    """The query of the segments whose ``column`` is a given text."""
    # "+" keeps the planner off the position's index (a scan in position order) whatever
    # statistics it may have
    return (f"SELECT s.position, coalesce(r.text, s.mt), {STATUS} FROM segments s "
            "LEFT JOIN revisions r ON r.id = s.head_revision "
            f"WHERE s.{_checked(column)} = ? AND +s.position >= 0")


def _checked(column: str) -> str:
    if column not in KEY_COLUMNS:
        raise ValueError(f"not a key column: {column}")
    return column
