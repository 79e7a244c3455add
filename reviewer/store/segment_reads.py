"""Reading segments: their current texts and states, the layout and the format's data."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from reviewer.core.document import Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.filtering import TextQuery
from reviewer.core.mqm import evaluation_words
from reviewer.store.queries import SEGMENT_SELECT
from reviewer.store.records import SegmentRecord, segment_record
from reviewer.store.text_prefilter import prefilter
from reviewer.store.transactions import StoreBase

_RECORD_FIELDS = {"source": 2, "mt": 3, "text": 5, "status": 6, "hter": 8}  # SEGMENT_SELECT's


class SegmentReads(StoreBase):
    """The segments as they are now."""

    def original(self) -> tuple[str, str, bytes] | None:
        """The imported file as it was (name, format, bytes), when the format keeps it."""
        row = self._db.execute("SELECT name, format, data FROM originals WHERE id = 1").fetchone()
        return (str(row[0]), str(row[1]), bytes(row[2])) if row else None

    def segment_meta(self) -> list[str | None]:
        """Each segment's format data (JSON or None), in document order."""
        return [row[0] for row in self._db.execute(
            "SELECT meta FROM segments WHERE position >= 0 ORDER BY position")]

    def segment_meta_between(self, start: int, stop: int) -> list[str | None]:
        """The format data of the segments from ``start`` to ``stop`` (excluded), in order."""
        return [row[0] for row in self._db.execute(
            "SELECT meta FROM segments WHERE position >= ? AND position < ? ORDER BY position",
            (max(0, start), stop))]

    def evaluation_words_between(self, start: int, stop: int) -> int:
        """MQM's evaluation word count of the segments from ``start`` to ``stop`` (excluded)."""
        return sum(evaluation_words(source, mt) for source, mt in self._db.execute(
            "SELECT source, mt FROM segments WHERE position >= ? AND position < ?",
            (max(0, start), stop)))

    def segment_count(self) -> int:
        """How many segments the project has."""
        # positions run from 0 without a gap: the last one says (a count reads them all)
        return int(self._db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM segments").fetchone()[0])

    def segment_ids(self) -> list[int]:
        """Every segment's id, in document order."""
        return [int(row[0]) for row in self._db.execute(
            "SELECT id FROM segments WHERE position >= 0 ORDER BY position")]

    def segments(self) -> list[SegmentRecord]:
        """All segments in document order, with their current texts."""
        rows = self._db.execute(SEGMENT_SELECT + "WHERE s.position >= 0 "
                                "ORDER BY s.position")
        return [segment_record(row) for row in rows]

    def segment(self, position: int) -> SegmentRecord:
        """One segment by its 0-based position."""
        row = self._db.execute(SEGMENT_SELECT + "WHERE s.position = ?",
                               (position,)).fetchone()
        if row is None:
            raise ReviewerError(
                f"no segment {position + 1}: the project has {self.segment_count()} segments")
        return segment_record(row)

    def layout(self) -> Layout:
        """The text between segments, for exporting the document as it came."""
        gaps = [row[0] for row in self._db.execute(
            "SELECT gap_before FROM segments WHERE position >= 0 ORDER BY position")]
        gaps.append(self.properties().get("layout_tail", ""))
        return Layout(tuple(gaps))

    # a batch reads what it needs in slices: a window's worker thread unpickles each
    # answer holding Python's lock, and 10,000 records at once would stall the GUI thread

    def head_texts(self) -> list[str]:
        """Every segment's current text, in document order."""
        return [str(row[0]) for row in self._db.execute(
            "SELECT coalesce(r.text, s.mt) FROM segments s LEFT JOIN revisions r "
            "ON r.id = s.head_revision WHERE s.position >= 0 ORDER BY s.position")]

    def segments_at(self, positions: Sequence[int]) -> list[SegmentRecord]:
        """The segments at ``positions``, in that order."""
        rows = self._db.execute(SEGMENT_SELECT + "WHERE s.position IN ("
                                + ", ".join("?" * len(positions)) + ")", tuple(positions))
        found = {record.position: record for record in map(segment_record, rows)}
        return [found[position] for position in positions]

    # the window's table reads what it shows in pages, and asks SQL which rows a filter's
    # status or text can match, a range of positions at a time (none of it all at once)

    def segment_rows(self, start: int, stop: int) -> list[tuple[Any, ...]]:
        """The rows of ``SEGMENT_SELECT`` for positions ``start`` to ``stop`` (excluded), in
        order: plain tuples cross the window's pipe faster than records."""
        return [tuple(row) for row in self._db.execute(
            SEGMENT_SELECT + "WHERE s.position >= ? AND s.position < ? ORDER BY s.position",
            (max(0, start), stop))]

    def segment_column(self, name: str) -> list[Any]:
        """One field of every segment's record (``source``, ``mt``, ``text``, ``status`` or
        ``hter``: None while pending), in document order: what sorting the table needs."""
        index = _RECORD_FIELDS[name]
        return [row[index] for row in self._db.execute(
            SEGMENT_SELECT + "WHERE s.position >= 0 ORDER BY s.position")]

    def first_position_not(self, status: str) -> int | None:
        """The first segment's position whose status is not ``status``; None when all are."""
        row = self._db.execute(
            "SELECT position FROM segments WHERE position >= 0 AND head_status != ? "
            "ORDER BY position LIMIT 1", (status,)).fetchone()
        return None if row is None else int(row[0])

    def positions_with_status(self, statuses: Sequence[str]) -> list[tuple[int, str]]:
        """(position, current text) of every segment whose status is one of ``statuses``."""
        marks = ", ".join("?" * len(statuses))
        return [(int(row[0]), str(row[1])) for row in self._db.execute(
            "SELECT s.position, coalesce(r.text, s.mt) FROM segments s LEFT JOIN revisions r "
            f"ON r.id = s.head_revision WHERE s.position >= 0 AND s.head_status IN ({marks}) "
            "ORDER BY s.position", tuple(statuses))]

    def filter_positions(self, start: int, stop: int, statuses: Sequence[str] = (),
                         text: TextQuery | None = None) -> list[int]:
        """The positions from ``start`` to ``stop`` (excluded) whose stored status is one of
        ``statuses`` (any when empty) and whose stored texts ``text`` finds (any when None),
        in order; a bad regular expression is a ReviewerError."""
        where = ["s.position >= ?", "s.position < ?"]
        parameters: list[object] = [max(0, start), stop]
        if statuses:
            where.append(f"s.head_status IN ({', '.join('?' * len(statuses))})")
            parameters += list(statuses)
        if text is not None and text.text:
            # a correction that is still the MT is found in the MT when that is searched
            correction = "r.text" if "mt" in text.fields else "coalesce(r.text, s.mt)"
            columns = {"source": "s.source", "mt": "s.mt", "correction": correction}
            condition, values = prefilter(text, columns)  # SQL first: most rows end there
            where.append(condition)
            parameters += values
            searched = [columns[field] for field in columns if field in text.fields]
            # the search itself in Python, on what SQL kept: never a Python function called
            # from SQL, which with a second thread on the connection can deadlock (SQLite's
            # lock held while waiting for Python's, and the other way round)
            found = _finder(text.pattern())
            return [int(row[0]) for row in self._db.execute(
                f"SELECT s.position, {', '.join(searched)} FROM segments s LEFT JOIN "
                f"revisions r ON r.id = s.head_revision WHERE {' AND '.join(where)} "
                "ORDER BY s.position", parameters) if any(map(found, row[1:]))]
        return [int(row[0]) for row in self._db.execute(
            "SELECT s.position FROM segments s LEFT JOIN revisions r ON r.id = "
            f"s.head_revision WHERE {' AND '.join(where)} ORDER BY s.position", parameters)]


def _finder(pattern: re.Pattern[str]) -> Callable[[str | None], bool]:
    """Whether ``pattern`` is found in a text."""
    search = pattern.search

    def found(text: str | None) -> bool:
        return search(text or "") is not None  # no source reads as "", as filters read it

    return found
