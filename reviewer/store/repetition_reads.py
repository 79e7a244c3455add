"""Finding repetitions: the segments whose source (or MT) is a given text, by an index."""

from __future__ import annotations

import sqlite3
from contextlib import suppress

from reviewer.core.errors import ReviewerError
from reviewer.store.queries import SEGMENT_SELECT
from reviewer.store.records import SegmentRecord, segment_record
from reviewer.store.transactions import StoreBase

KEY_COLUMNS = ("source", "mt")  # what repetitions share: the source, else the MT


class RepetitionReads(StoreBase):
    """The repetitions methods of ``ProjectStore``."""

    def segments_with(self, column: str, text: str) -> list[SegmentRecord]:
        """The segments whose ``column`` (source or mt) is exactly ``text``, in order."""
        self._index(column)
        rows = self._db.execute(by_text(column), (text,))
        return sorted(map(segment_record, rows), key=lambda record: record.position)

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


def by_text(column: str) -> str:
    """The query of the segments whose ``column`` is a given text."""
    # "+" keeps the planner off the position's index (a scan in position order) whatever
    # statistics it may have
    return SEGMENT_SELECT + f"WHERE s.{_checked(column)} = ? AND +s.position >= 0"


def _checked(column: str) -> str:
    if column not in KEY_COLUMNS:
        raise ValueError(f"not a key column: {column}")
    return column
