"""Late statistics stored many at a time: one transaction and one totals update a batch."""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.core.scoring import Scores, SegmentStats
from reviewer.core.scoring_totals import TotalsSum
from reviewer.store.clock import utc_now
from reviewer.store.queries import IS_PENDING, LATE
from reviewer.store.transactions import StoreBase

LateArrival = tuple[int, str, SegmentStats, Scores]  # revision id, its text, what came


class LateWrites(StoreBase):
    """``add_late_stats`` for a batch: what a finished import's scoring stores."""

    def add_late_stats_many(self, arrivals: Sequence[LateArrival]) -> int:
        """Store each revision's late statistics as ``add_late_stats`` does, all in one
        transaction (all or none); how many were stored (the rest not needed)."""
        stored = 0
        with self._write() as db:
            heads = TotalsSum()
            for revision_id, text, stats, scores in arrivals:
                row = db.execute(
                    f"SELECT r.text FROM revisions r {LATE}WHERE r.id = ? AND {IS_PENDING}",
                    (revision_id,)).fetchone()
                if row is None or row[0] != text:
                    continue
                db.execute("INSERT INTO late_stats (revision_id, hter, bleu, chrf, stats, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           (revision_id, scores.hter, scores.bleu, scores.chrf,
                            stats.to_json(), utc_now()))
                stored += 1
                if db.execute("DELETE FROM pending_heads WHERE revision_id = ?",
                              (revision_id,)).rowcount:
                    heads.add(stats)
            db.execute("UPDATE totals SET stats = ? WHERE id = 1",
                       (heads.totals(self._totals_to_change(db)).to_json(),))
        return stored
