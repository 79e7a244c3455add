"""Who is editing which segment of a server project: soft locks kept alive by a heartbeat.

A lock never stops anyone from writing; it tells the others who is at a segment. Each
open project (a ``session`` id) holds at most one, taken when its editor starts on a
segment; one whose heartbeat stopped for ``LOCK_EXPIRY_S`` counts as gone and may be
taken over.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from reviewer.store.transactions import StoreBase

LOCK_HEARTBEAT_S = 10
LOCK_EXPIRY_S = 30
_LIVE = f"heartbeat_at >= now() - interval '{LOCK_EXPIRY_S} seconds'"


class TeamLocks(StoreBase):
    """Soft locks on a server project's segments."""

    if TYPE_CHECKING:
        user: str

    @property
    def lock_session(self) -> str:
        """This open project's id among the locks (two windows of one login are two)."""
        found = self.__dict__.get("_lock_session")
        if found is None:
            found = self.__dict__["_lock_session"] = uuid.uuid4().hex
        return str(found)

    def take_lock(self, position: int) -> str | None:
        """Take the lock of the segment at ``position`` (dropping this session's other
        one); the login holding it instead if someone else's live lock is there."""
        with self._write() as db:
            db.execute("DELETE FROM segment_locks WHERE session = ? AND segment_id != "
                       "(SELECT id FROM segments WHERE position = ?)",
                       (self.lock_session, position))
            taken = db.execute(
                "INSERT INTO segment_locks (segment_id, holder, session, heartbeat_at) "
                "SELECT id, ?, ?, now() FROM segments WHERE position = ? "
                "ON CONFLICT (segment_id) DO UPDATE SET holder = excluded.holder, "
                "session = excluded.session, heartbeat_at = now() "
                f"WHERE segment_locks.session = excluded.session OR NOT (segment_locks.{_LIVE}) "
                "RETURNING segment_id", (self.user, self.lock_session, position)).fetchone()
            if taken is not None:
                return None
            row = db.execute("SELECT l.holder FROM segment_locks l JOIN segments s ON "
                             "s.id = l.segment_id WHERE s.position = ?", (position,)).fetchone()
        return None if row is None else str(row[0])

    def release_lock(self, position: int | None = None) -> None:
        """Give up this session's lock (of ``position``, or any)."""
        with self._write() as db:
            if position is None:
                db.execute("DELETE FROM segment_locks WHERE session = ?", (self.lock_session,))
            else:
                db.execute("DELETE FROM segment_locks WHERE session = ? AND segment_id = "
                           "(SELECT id FROM segments WHERE position = ?)",
                           (self.lock_session, position))

    def lock_heartbeat(self) -> None:
        """Keep this session's lock alive."""
        with self._write() as db:
            db.execute("UPDATE segment_locks SET heartbeat_at = now() WHERE session = ?",
                       (self.lock_session,))

    def lock_holders(self) -> dict[int, str]:
        """The live locks of other sessions: position → login."""
        return {int(row[0]): str(row[1]) for row in self._db.execute(
            "SELECT s.position, l.holder FROM segment_locks l JOIN segments s "
            f"ON s.id = l.segment_id WHERE l.session != ? AND l.{_LIVE} ORDER BY s.position",
            (self.lock_session,))}
