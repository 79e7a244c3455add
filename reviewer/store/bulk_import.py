"""A new project's segments written in bulk: the key index filled once at the end.

Every segment inserted one by one would fire ``segments_indexed`` (a full-text index
insert) and update two expression indexes; for an import it is much quicker to drop that
trigger and the indexes, insert the rows, fill the index with one statement and create
them again with the very SQL the schema made them with, so the file ends up with the
same schema as any other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from reviewer.core.scoring import DocumentTotals, SegmentStats
from reviewer.core.scoring_totals import TotalsSum
from reviewer.core.status import SegmentStatus
from reviewer.store.clock import utc_now
from reviewer.store.queries import PENDING
from reviewer.store.records import NewSegment

ROWS = 1000  # segments written with one executemany
REMEMBERED = 50_000  # distinct statistics whose JSON is kept

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


def insert_segments(db: sqlite3.Connection, segments: Iterable[NewSegment]) -> DocumentTotals:
    """Insert a new project's segments and imported post-edits; the document totals.

    The rows of the empty tables get the ids SQLite would give them (1, 2, …), given here
    so that many rows go in with one statement. A post-edit without statistics is saved
    with them pending (``pending_heads``), left out of the totals until
    ``add_late_stats`` brings them.
    """
    summed = TotalsSum()
    texts: dict[int, tuple[SegmentStats, str]] = {}  # by id: equal statistics are shared
    rows: list[tuple[object, ...]] = []
    revisions: list[tuple[object, ...]] = []
    heads: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []

    def flush() -> None:
        db.executemany(
            "INSERT INTO segments (id, position, source, mt, reference, gap_before, "
            "mt_stats, mt_hter, mt_bleu, mt_chrf, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows)
        db.executemany(
            "INSERT INTO revisions (id, segment_id, number, text, author, created_at, "
            "editing_ms, status, hter, bleu, chrf, stats) "
            "VALUES (?, ?, 1, ?, 'import', ?, 0, ?, ?, ?, ?, ?)", revisions)
        db.executemany("UPDATE segments SET head_revision = ? WHERE id = ?", heads)
        db.executemany("INSERT INTO pending_heads (segment_id, revision_id) VALUES (?, ?)",
                       pending)
        for done in (rows, revisions, heads, pending):
            done.clear()

    revision_id = 0
    for position, segment in enumerate(segments):
        segment_id = position + 1
        stats = segment.mt_stats
        known = texts.get(id(stats))
        if known is None:  # the object is kept in ``texts``: its id stays its own
            if len(texts) >= REMEMBERED:
                texts.clear()
            known = texts[id(stats)] = (stats, stats.to_json())
        scores = segment.mt_scores
        rows.append((segment_id, position, segment.source, segment.mt, segment.reference,
                     segment.gap_before, known[1], scores.hter, scores.bleu, scores.chrf,
                     segment.meta))
        if segment.correction is None:
            summed.add(stats)
        else:
            text, correction_stats, correction_scores = segment.correction
            revision_id += 1
            values = (0.0, 0.0, 0.0, PENDING) \
                if correction_stats is None or correction_scores is None else (
                    correction_scores.hter, correction_scores.bleu, correction_scores.chrf,
                    correction_stats.to_json())
            revisions.append((revision_id, segment_id, text, utc_now(),
                              SegmentStatus.IMPORTED, *values))
            heads.append((revision_id, segment_id))
            if correction_stats is None:
                pending.append((segment_id, revision_id))
            else:
                summed.add(correction_stats)
        if len(rows) >= ROWS:
            flush()
    flush()
    return summed.totals()
