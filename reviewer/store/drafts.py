"""Drafts: typed but unconfirmed text, kept so a crash loses nothing."""

from __future__ import annotations

from reviewer.store.clock import utc_now
from reviewer.store.records import DraftRecord
from reviewer.store.transactions import StoreBase


class DraftStore(StoreBase):
    """One draft per segment at most; a new revision of the segment drops it."""

    def save_draft(self, position: int, text: str, author: str, editing_ms: int,
                   keystrokes: tuple[int, int, int] | None = None) -> None:
        """Keep typed, unconfirmed text of a segment (replacing its earlier draft), with the
        time and keys (insert, delete, navigate) its typing took when they are known."""
        keys = (None, None, None) if keystrokes is None else tuple(int(k) for k in keystrokes)
        with self._write() as db:
            db.execute(
                "INSERT INTO drafts (segment_id, text, author, updated_at, editing_ms, "
                "keys_insert, keys_delete, keys_navigate) "
                "SELECT id, ?, ?, ?, ?, ?, ?, ? FROM segments WHERE position = ? "
                "ON CONFLICT (segment_id) DO UPDATE SET text = excluded.text, "
                "author = excluded.author, updated_at = excluded.updated_at, "
                "editing_ms = excluded.editing_ms, keys_insert = excluded.keys_insert, "
                "keys_delete = excluded.keys_delete, keys_navigate = excluded.keys_navigate",
                (text, author, utc_now(), int(editing_ms), *keys, position))

    def discard_draft(self, position: int) -> None:
        """Forget a segment's draft (the typing went back to the saved text)."""
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE segment_id = "
                       "(SELECT id FROM segments WHERE position = ?)", (position,))

    def drafts(self) -> dict[int, DraftRecord]:
        """Every segment's draft, by position."""
        rows = self._db.execute(
            "SELECT s.position, d.text, d.author, d.updated_at, d.editing_ms, d.keys_insert, "
            "d.keys_delete, d.keys_navigate FROM drafts d "
            "JOIN segments s ON s.id = d.segment_id ORDER BY s.position")
        return {int(row[0]): DraftRecord(
            int(row[0]), str(row[1]), str(row[2]), str(row[3]), int(row[4]),
            None if None in row[5:] else (int(row[5]), int(row[6]), int(row[7])))
            for row in rows}
