"""Drafts: typed but unconfirmed text, kept so a crash loses nothing."""

from __future__ import annotations

from reviewer.store.clock import utc_now
from reviewer.store.records import DraftRecord
from reviewer.store.transactions import StoreBase


class DraftStore(StoreBase):
    """One draft per segment at most; a new revision of the segment drops it."""

    def save_draft(self, position: int, text: str, author: str, editing_ms: int) -> None:
        """Keep typed, unconfirmed text of a segment (replacing its earlier draft)."""
        with self._write() as db:
            db.execute(
                "INSERT INTO drafts (segment_id, text, author, updated_at, editing_ms) "
                "SELECT id, ?, ?, ?, ? FROM segments WHERE position = ? "
                "ON CONFLICT (segment_id) DO UPDATE SET text = excluded.text, "
                "author = excluded.author, updated_at = excluded.updated_at, "
                "editing_ms = excluded.editing_ms",
                (text, author, utc_now(), int(editing_ms), position))

    def discard_draft(self, position: int) -> None:
        """Forget a segment's draft (the typing went back to the saved text)."""
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE segment_id = "
                       "(SELECT id FROM segments WHERE position = ?)", (position,))

    def drafts(self) -> dict[int, DraftRecord]:
        """Every segment's draft, by position."""
        rows = self._db.execute(
            "SELECT s.position, d.text, d.author, d.updated_at, d.editing_ms FROM drafts d "
            "JOIN segments s ON s.id = d.segment_id ORDER BY s.position")
        return {int(row[0]): DraftRecord(*row) for row in rows}
