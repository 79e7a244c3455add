"""The one query ``score`` streams: each segment's scores and its current statistics."""

from __future__ import annotations

from reviewer.store.queries import IS_PENDING, LATE, STATS, STATUS

SCORE_ROWS = (
    f"SELECT s.position, s.source, s.mt, coalesce(r.text, s.mt), {STATUS}, "
    + ", ".join(f"CASE WHEN r.id IS NULL THEN s.mt_{name} WHEN {IS_PENDING} THEN NULL "
                f"ELSE coalesce(l.{name}, r.{name}) END" for name in ("hter", "bleu", "chrf"))
    + f", s.reference, CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {STATS} END "
    "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision " + LATE
    + "WHERE s.position >= 0 ORDER BY s.position"
)
