"""Finding repetitions: the segments whose source (or MT) is a given text, through the
index on the start of each segment's key (schema 10)."""

from __future__ import annotations

from reviewer.store.queries import STATUS
from reviewer.store.transactions import StoreBase

KEY_COLUMNS = ("source", "mt")  # what repetitions share: the source, else the MT


class RepetitionReads(StoreBase):
    """The repetitions methods of ``ProjectStore``."""

    def segments_with(self, column: str, text: str) -> list[tuple[int, str, str]]:
        """(position, current text, status) of the segments whose ``column`` (source or
        mt) is exactly ``text``, in order."""
        # three columns, not records: a sentence repeated 3,000 times took 90 ms as records
        # (the window's store process answers nothing else meanwhile), 12 ms so
        rows = self._db.execute(by_text(column), (text, text))
        return sorted((int(position), str(current), str(status))
                      for position, current, status in rows)

    def repeated(self, column: str) -> list[list[int]]:
        """The positions of segments that share their ``column`` text, a list per text
        (texts of white space only left out), in document order."""
        checked = _checked(column)
        rows = self._db.execute(
            f"SELECT group_concat(position) FROM (SELECT {checked} AS checked, position "
            f"FROM segments WHERE position >= 0 AND trim({checked}) != '' ORDER BY position) "
            "AS keyed GROUP BY checked HAVING count(*) > 1")
        groups = [sorted(int(item) for item in str(row[0]).split(",")) for row in rows]
        return sorted(groups)


def by_text(column: str) -> str:
    """The query of the segments whose ``column`` is a given text (given twice)."""
    # the key's start narrows the search through segments_by_key_start (a segment's key
    # is its source, else its MT: so is a repetition's), then the text decides; the index
    # is the schema's, so nothing writes to the project when repetitions are looked up
    return (f"SELECT s.position, coalesce(r.text, s.mt), {STATUS} FROM segments s "
            "LEFT JOIN revisions r ON r.id = s.head_revision "
            "WHERE substr(coalesce(s.source, s.mt), 1, 32) = substr(?, 1, 32) "
            f"AND s.{_checked(column)} = ? AND +s.position >= 0")


def _checked(column: str) -> str:
    if column not in KEY_COLUMNS:
        raise ValueError(f"not a key column: {column}")
    return column
