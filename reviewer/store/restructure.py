"""Splitting and merging segments in the project file, and the document as it was before.

A segment that is split or merged away keeps its row and its revisions (append-only, like
all revisions) but leaves the document: its position becomes ``-id`` (live positions are
0 and up). The segments that take its place are new rows, each starting with a revision
whose note says where it came from. ``segment_changes`` records each change with the
newest version labelled before it, so a version's own segmentation can be rebuilt.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer.core.document import Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats, segment_stats
from reviewer.store.queries import LATE, PENDING, STATS, STATUS
from reviewer.store.transactions import totals_to_change

_SHIFT = 1 << 40  # moves positions out of the way while they are renumbered


@dataclass(frozen=True)
class SegmentPart:
    """A segment that takes the place of split or merged ones, with its first revision."""

    source: str | None
    mt: str
    reference: str | None
    gap_before: str
    meta: str | None
    mt_stats: SegmentStats
    mt_scores: Scores
    text: str
    status: str
    stats: SegmentStats | None  # None: the revision's statistics are pending
    scores: Scores | None
    note: str


@dataclass(frozen=True)
class PastSegment:
    """A segment as a labelled version had it (in that version's segmentation)."""

    position: int
    id: int
    source: str | None
    mt: str
    reference: str | None
    text: str
    status: str
    stats: str | None  # JSON; None while pending
    gap_before: str
    meta: str | None
    author: str | None  # who wrote its newest revision then (None: nobody)


def replace_segments(db: sqlite3.Connection, first: int, count: int,
                     parts: Sequence[SegmentPart], kind: str, author: str,
                     created_at: str, lock_row: bool = False) -> list[int]:
    """Inside a write: put ``parts`` in place of the ``count`` segments from position
    ``first``; totals, counts and pending heads follow (``lock_row``: see
    ``totals_to_change``). Returns the new segments' ids."""
    old = db.execute(
        f"SELECT s.id, s.mt, s.reference, coalesce(r.text, s.mt), {STATUS}, "
        f"CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {STATS} END, "
        "(SELECT 1 FROM drafts d WHERE d.segment_id = s.id) "
        "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision " + LATE
        + "WHERE s.position >= ? AND s.position < ? ORDER BY s.position",
        (first, first + count)).fetchall()
    if len(old) != count:
        raise ReviewerError(f"no segment {first + len(old) + 1}")
    for index, row in enumerate(old):
        if row[6]:
            raise ReviewerError(f"segment {first + index + 1} has unsaved typing (a draft the "
                                "window kept); open the project in the window to confirm or "
                                "discard it first")
    totals = totals_to_change(db, lock_row)
    counted: dict[str, int] = {"segments": len(parts) - count}
    for segment_id, mt, reference, text, status, stats_json, _draft in old:
        if stats_json is not None:
            stats = SegmentStats.from_json(stats_json)
            if not stats.complete:  # stored by reviewer 0.1: as refresh_statistics counts it
                stats = segment_stats(mt, text, reference)
            totals = totals.minus(stats)
        _count(counted, status, text != mt, -1)
        db.execute("DELETE FROM pending_heads WHERE segment_id = ?", (segment_id,))
        db.execute("UPDATE segments SET position = -id WHERE id = ?", (segment_id,))
    if len(parts) != count:  # renumber what follows, out of the way first (positions are unique)
        db.execute("UPDATE segments SET position = position + ? WHERE position >= ?",
                   (_SHIFT, first + count))
        db.execute("UPDATE segments SET position = position - ? WHERE position >= ?",
                   (_SHIFT - len(parts) + count, _SHIFT))
    new_ids = []
    for index, part in enumerate(parts):
        new_ids.append(_insert(db, first + index, part, author, created_at))
        if part.stats is not None:
            totals = totals.plus(part.stats)
        _count(counted, part.status, part.text != part.mt, 1)
    db.execute("UPDATE totals SET stats = ? WHERE id = 1", (totals.to_json(),))
    _update_counts(db, counted)
    _move_comments(db, [row[0] for row in old], new_ids)
    _carry_dismissals(db, [row[0] for row in old], new_ids)
    last_version = int(db.execute("SELECT coalesce(max(id), 0) FROM versions").fetchone()[0])
    db.execute("INSERT INTO segment_changes (kind, created_at, author, last_version, "
               "old_segments, new_segments) VALUES (?, ?, ?, ?, ?, ?)",
               (kind, created_at, author, last_version, json.dumps([row[0] for row in old]),
                json.dumps(new_ids)))
    return new_ids


def _insert(db: sqlite3.Connection, position: int, part: SegmentPart, author: str,
            created_at: str) -> int:
    segment_id = int(db.execute(
        "INSERT INTO segments (position, source, mt, reference, gap_before, mt_stats, "
        "mt_hter, mt_bleu, mt_chrf, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (position, part.source, part.mt, part.reference, part.gap_before,
         part.mt_stats.to_json(), part.mt_scores.hter, part.mt_scores.bleu,
         part.mt_scores.chrf, part.meta)).lastrowid or 0)
    values = (0.0, 0.0, 0.0, PENDING) if part.stats is None or part.scores is None else (
        part.scores.hter, part.scores.bleu, part.scores.chrf, part.stats.to_json())
    revision_id = db.execute(
        "INSERT INTO revisions (segment_id, number, text, author, created_at, editing_ms, "
        "status, hter, bleu, chrf, stats, note) VALUES (?, 1, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
        (segment_id, part.text, author, created_at, part.status, *values, part.note),
    ).lastrowid
    db.execute("UPDATE segments SET head_revision = ? WHERE id = ?", (revision_id, segment_id))
    if part.stats is None:
        db.execute("INSERT INTO pending_heads (segment_id, revision_id) VALUES (?, ?)",
                   (segment_id, revision_id))
    return segment_id


def _count(counted: dict[str, int], status: str, changed: bool, sign: int) -> None:
    counted[f"status:{status}"] = counted.get(f"status:{status}", 0) + sign
    counted["changed"] = counted.get("changed", 0) + sign * changed


def _update_counts(db: sqlite3.Connection, counted: dict[str, int]) -> None:
    """Running counts, once they exist (``ProjectStore.counts`` makes them)."""
    for name, change in counted.items():
        if change:
            db.execute("INSERT INTO counts (name, value) SELECT ?, 0 "
                       "WHERE EXISTS (SELECT 1 FROM counts) ON CONFLICT (name) DO NOTHING",
                       (name,))
            db.execute("UPDATE counts SET value = value + ? WHERE name = ?", (change, name))


def _move_comments(db: sqlite3.Connection, old_ids: list[int], new_ids: list[int]) -> None:
    """Comments on the segments that leave go with the first one that takes their place."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'comments'"
                  ).fetchone() is None:
        return
    db.executemany("UPDATE comments SET segment_id = ? WHERE segment_id = ?",
                   [(new_ids[0], old_id) for old_id in old_ids])


def _carry_dismissals(db: sqlite3.Connection, old_ids: list[int], new_ids: list[int]
                      ) -> None:
    """A learned fix dismissed in a segment that leaves stays dismissed in every segment
    that takes its place (the phrase may be in any of them)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                  "AND name = 'suggestion_dismissals'").fetchone() is None:
        return
    marks = ", ".join("?" * len(old_ids))
    db.executemany(
        "INSERT INTO suggestion_dismissals (segment_id, mt_phrase, suggestion, author, "
        "created_at) SELECT DISTINCT ?, mt_phrase, suggestion, author, created_at "
        f"FROM suggestion_dismissals WHERE segment_id IN ({marks})",
        [(new_id, *old_ids) for new_id in new_ids])


def _changes(db: sqlite3.Connection, after_version: int = 0
             ) -> list[tuple[list[int], list[int]]]:
    """(old ids, new ids) of every change made after version ``after_version``, oldest first."""
    return [(json.loads(old), json.loads(new)) for old, new in db.execute(
        "SELECT old_segments, new_segments FROM segment_changes WHERE last_version >= ? "
        "ORDER BY id", (after_version,))]


def successors(db: sqlite3.Connection) -> dict[int, int]:
    """Retired segments' positions (``-id``) and the live positions their history went on in
    (the first segment that took their place, followed on)."""
    first_after: dict[int, int] = {}
    for old, new in _changes(db):
        for segment_id in old:
            first_after[segment_id] = new[0]
    if not first_after:
        return {}
    live = {}
    for segment_id in set(first_after.values()) - set(first_after):
        row = db.execute("SELECT position FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is not None:
            live[segment_id] = int(row[0])
    result = {}
    for segment_id in first_after:
        current = segment_id
        while current in first_after:
            current = first_after[current]
        if current in live:
            result[-segment_id] = live[current]
    return result


def ancestors(db: sqlite3.Connection, segment_id: int) -> list[int]:
    """The ids of every segment a segment came from by splits and merges, oldest first."""
    came_from: dict[int, list[int]] = {}
    for old, new in _changes(db):
        for new_id in new:
            came_from[new_id] = old
    found: list[int] = []
    todo = list(came_from.get(segment_id, []))
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(came_from.get(current, []))
    return sorted(found)


def changed_since(db: sqlite3.Connection, version_id: int) -> bool:
    """Whether segments were split or merged after version ``version_id`` was labelled."""
    return db.execute("SELECT 1 FROM segment_changes WHERE last_version >= ? LIMIT 1",
                      (version_id,)).fetchone() is not None


def segments_as_of(db: sqlite3.Connection, version_id: int,
                   last_revision: int) -> tuple[list[PastSegment], str] | None:
    """Every segment of a version in its own segmentation, and the layout's tail; None when
    nothing was split or merged since (the document's segments are the version's)."""
    changes = _changes(db, version_id)
    if not changes:
        return None
    ids = [int(row[0]) for row in db.execute(
        "SELECT id FROM segments WHERE position >= 0 ORDER BY position")]
    for old, new in reversed(changes):
        start = ids.index(new[0])
        if ids[start:start + len(new)] != new:
            raise ReviewerError("the record of split and merged segments does not match the "
                                "segments; run reviewer verify")
        ids[start:start + len(new)] = old
    rows = {int(row[0]): row[1:] for row in db.execute(
        "SELECT s.id, s.source, s.mt, s.reference, coalesce(r.text, s.mt), "
        f"{STATUS}, "
        f"CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {STATS} END, s.gap_before, s.meta, "
        "r.author FROM segments s LEFT JOIN revisions r ON r.id = "
        "(SELECT max(id) FROM revisions WHERE segment_id = s.id AND id <= ?) " + LATE,
        (last_revision,))}
    tail = db.execute("SELECT value FROM properties WHERE name = 'layout_tail'").fetchone()
    return ([PastSegment(position, segment_id, *rows[segment_id]) for position, segment_id
             in enumerate(ids)], "" if tail is None else str(tail[0]))


def past_layout(segments: Sequence[PastSegment], tail: str) -> Layout:
    """The text between a version's segments."""
    return Layout((*(segment.gap_before for segment in segments), tail))
