"""SQL the store's readers and writers share: a segment's current state and its revisions."""

from __future__ import annotations

from reviewer.core.status import SegmentStatus

# A revision saved before its statistics were known has this in ``stats`` (and zeros for
# its scores); its statistics arrive in ``late_stats`` (schema 5).
PENDING = "pending"

# SQL over a revision ``r``: its statistics (the late ones when they came, NULL while
# pending), whether they are pending, and the join that finds the late ones.
STATS = f"nullif(coalesce(l.stats, r.stats), '{PENDING}')"
IS_PENDING = f"(r.stats = '{PENDING}' AND l.revision_id IS NULL)"
LATE = "LEFT JOIN late_stats l ON l.revision_id = r.id "
# the same as a value, 1 or 0 (also on PostgreSQL, whose truth values are not numbers)
PENDING_FLAG = f"CASE WHEN {IS_PENDING} THEN 1 ELSE 0 END"

# SQL over a segment ``s`` and its revision ``r`` (if any): its status
STATUS = f"coalesce(r.status, '{SegmentStatus.NEW.value}')"

SEGMENT_SELECT = (
    "SELECT s.id, s.position, s.source, s.mt, s.reference, "
    f"coalesce(r.text, s.mt), {STATUS}, coalesce(r.number, 0), "
    + ", ".join(f"CASE WHEN r.id IS NULL THEN s.mt_{name} WHEN {IS_PENDING} THEN NULL "
                f"ELSE coalesce(l.{name}, r.{name}) END" for name in ("hter", "bleu", "chrf"))
    + f", {PENDING_FLAG} "
    "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision " + LATE
)

REVISION_SELECT = (
    "SELECT r.id, r.segment_id, s.position, r.number, r.text, r.author, r.created_at, "
    "r.editing_ms, r.status, "
    + ", ".join(f"CASE WHEN {IS_PENDING} THEN NULL ELSE coalesce(l.{name}, r.{name}) END"
                for name in ("hter", "bleu", "chrf"))
    + f", r.keys_insert, r.keys_delete, r.keys_navigate, {PENDING_FLAG}, r.note, r.role "
    "FROM revisions r JOIN segments s ON s.id = r.segment_id " + LATE
)

HEAD_STATS = (f"SELECT CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {STATS} END "
              "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision " + LATE)
