"""Hearing what others change in a server project, as it is committed (LISTEN/NOTIFY)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from reviewer.store.pg_connection import CONNECT_TIMEOUT_S, unavailable


@dataclass(frozen=True)
class TeamEvent:
    """``head``: a segment's current text changed (``revision_id`` is the new head);
    ``lock``: someone started or stopped editing a segment."""

    kind: str
    position: int
    revision_id: int | None = None


def parse_event(payload: str) -> TeamEvent | None:
    """The event a notification's payload describes (None for one it does not know)."""
    parts = payload.split()
    try:
        if parts[0] == "head" and len(parts) == 3:
            return TeamEvent("head", int(parts[1]), int(parts[2]) or None)
        if parts[0] == "lock" and len(parts) == 2:
            return TeamEvent("lock", int(parts[1]))
    except (IndexError, ValueError):
        return None
    return None


class TeamListener:
    """A connection of its own that listens on a project's channel; a lost one is made
    again at the next ``wait`` (until then, ``ServerUnavailableError``)."""

    def __init__(self, conninfo: str, channel: str) -> None:
        self._conninfo = conninfo
        self._channel = channel
        self._connection: psycopg.Connection[Any] | None = None
        self._connect()

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            connection = psycopg.connect(self._conninfo, autocommit=True,
                                         connect_timeout=CONNECT_TIMEOUT_S,
                                         application_name="reviewer listener")
            connection.execute(f'LISTEN "{self._channel}"')
        except psycopg.Error as error:
            raise unavailable(self._conninfo, error) from error
        self._connection = connection
        return connection

    def wait(self, timeout_s: float) -> list[TeamEvent]:
        """The events committed since the last call, waiting up to ``timeout_s`` for one."""
        connection = self._connection
        if connection is None or connection.closed or connection.broken:
            self._connection = None
            connection = self._connect()
        events: list[TeamEvent] = []
        try:
            for wait, stop in ((timeout_s, 1), (0.0, None)):  # the first, then the rest
                for notify in connection.notifies(timeout=wait, stop_after=stop):
                    event = parse_event(notify.payload)
                    if event is not None:
                        events.append(event)
                if not events:
                    break
        except psycopg.Error as error:
            self._connection = None
            raise unavailable(self._conninfo, error) from error
        return events

    def close(self) -> None:
        """Stop listening."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
