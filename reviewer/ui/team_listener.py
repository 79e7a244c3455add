"""Another person's changes of a server project, heard off the GUI thread.

A thread waits on the project's LISTEN/NOTIFY connection (half a second at a time, so it
stops soon) and hands what it heard to the GUI thread through a signal; when the server
goes away it says so and tries again every second, on its own thread, never the GUI's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, Signal

from reviewer.core.errors import ReviewerError

WAIT_S = 0.5  # how long one wait on the server lasts: the thread stops within this
RETRY_S = 1.0  # how often a lost server is tried again

Listen = Callable[[], Any]  # opens a TeamListener (session.listen)


class TeamRelay(QObject):
    """The signals the listening thread emits (delivered on the GUI thread)."""

    heard = Signal(object)  # list of TeamEvent
    reachable = Signal(bool)  # the server answered (True) or was lost (False)


class ListenerThread:
    """Waits for events on ``listener`` (reopened with ``listen`` when lost) until stopped."""

    def __init__(self, listener: Any, listen: Listen, relay: TeamRelay) -> None:
        self._listener = listener
        self._listen = listen
        self._relay = relay
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="reviewer-team-listener",
                                        daemon=True)
        self._thread.start()

    def stop(self, wait_s: float = 0.0) -> None:
        """Stop listening (the thread closes its connection); wait up to ``wait_s``."""
        self._stop.set()
        if wait_s:
            self._thread.join(wait_s)

    def _run(self) -> None:
        listener = self._listener
        try:
            while not self._stop.is_set():
                if listener is None:
                    listener = self._reopen()
                    continue
                try:
                    events = listener.wait(WAIT_S)
                except (ReviewerError, OSError):
                    self._close(listener)
                    listener = None
                    self._emit(self._relay.reachable, False)
                    continue
                if events:
                    self._emit(self._relay.heard, list(events))
        finally:
            self._close(listener)

    def _reopen(self) -> Any:
        try:
            listener = self._listen()
        except (ReviewerError, OSError):
            self._stop.wait(RETRY_S)
            return None
        self._emit(self._relay.reachable, True)
        return listener

    def _emit(self, signal: Any, value: object) -> None:
        if self._stop.is_set():
            return
        try:
            signal.emit(value)
        except RuntimeError:  # the window (and its relay) went without closing: stop too
            self._stop.set()

    @staticmethod
    def _close(listener: Any) -> None:
        if listener is not None:
            with suppress(Exception):
                listener.close()
