"""Working together on a server project: who is at which segment, and hearing others' confirms.

On a project file there is nobody else: every method is a no-op there.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from reviewer.session_reading import SessionReading

if TYPE_CHECKING:
    from reviewer.store.server_events import TeamListener


class SessionTeam(SessionReading):
    """Soft locks and change notifications of a server project."""

    def _server(self) -> Any:
        """The server store, or None for a project file."""
        # no server store was ever made unless its module was loaded (and a file's store
        # in a process of its own answers to any name: it cannot be asked with hasattr)
        module = sys.modules.get("reviewer.store.server")
        return self._store if module is not None and isinstance(
            self._store, module.ServerStore) else None

    def is_shared(self) -> bool:
        """Whether the project lives on a server, shared with others."""
        return self._server() is not None

    def team_user(self) -> str | None:
        """The login the server knows this session by (None for a file)."""
        server = self._server()
        return None if server is None else str(server.user)

    def take_segment(self, position: int) -> str | None:
        """Say that this session is editing ``position``: None when it now holds its lock,
        else the login of the other person who does (a soft lock: editing stays allowed)."""
        server = self._server()
        return None if server is None else server.take_lock(position)

    def release_segment(self, position: int | None = None) -> None:
        """This session no longer edits ``position`` (or any segment)."""
        server = self._server()
        if server is not None:
            server.release_lock(position)

    def heartbeat(self) -> None:
        """Keep this session's lock alive (every ``LOCK_HEARTBEAT_S``)."""
        server = self._server()
        if server is not None:
            server.lock_heartbeat()

    def segment_holders(self) -> dict[int, str]:
        """Who else is editing which segment now: position → login."""
        server = self._server()
        return {} if server is None else dict(server.lock_holders())

    def listen(self) -> TeamListener | None:
        """A listener for others' confirms and locks (its own connection); None for a file."""
        server = self._server()
        if server is None:
            return None
        from reviewer.store.server_events import TeamListener

        return TeamListener(server.location.conninfo, server.location.channel)
