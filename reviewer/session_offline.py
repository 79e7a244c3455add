"""Working on a server project while its server cannot be reached: edits wait in a local
queue (``reviewer.store.offline_queue``) and are sent, in order, once it can be again.

The queue belongs to the project and the login, so a later session of the same person on
the same project (after a crash or a kill while offline) finds what was left and sends it.
A project file never queues anything: it is always there.
"""

from __future__ import annotations

import sys

from reviewer.core.effort import Effort
from reviewer.core.errors import ReviewerError
from reviewer.core.status import SegmentStatus
from reviewer.formats.limits import check_segment_length
from reviewer.session_editing import SessionEditing
from reviewer.session_results import EditResult
from reviewer.store.offline_queue import OfflineQueue, QueuedEdit, queue_file
from reviewer.store.server_errors import ServerUnavailableError


class SessionOffline(SessionEditing):
    """The queue of edits made while the server was away, and sending them."""

    _offline_queue: OfflineQueue | None = None
    # queued edits sent over a text someone else saved after the editor started from theirs
    # (both revisions are kept, the queued one is the head): the window tells the editor
    send_conflicts: tuple[QueuedEdit, ...] = ()

    def queue_offline(self, position: int, text: str, author: str,
                      status: str = SegmentStatus.CONFIRMED, effort: Effort | None = None,
                      role: str = "editor", base_text: str | None = None) -> int:
        """Keep an edit to send when the server is back; how many wait now (0 and nothing
        kept for a project file)."""
        if not self._is_server():
            return 0
        if self.read_only:
            raise ReviewerError("the project is open read-only: edits are not kept")
        # what ``edit`` would refuse is refused now, not when it would block the queue
        if not author.strip():
            raise ReviewerError("a revision needs an author name")
        check_segment_length(text, f"the text of segment {position + 1}")
        queue = self._queue(create=True)
        assert queue is not None
        effort = effort or Effort()
        return queue.put(position, text, author, status, effort.editing_ms,
                         (effort.insertions, effort.deletions, effort.navigation), role,
                         base_text)

    def waiting_count(self) -> int:
        """How many edits wait to be sent (from this session or an earlier one)."""
        queue = self._queue(create=False)
        return 0 if queue is None else queue.count()

    def waiting(self) -> list[QueuedEdit]:
        """The edits waiting to be sent, oldest first."""
        queue = self._queue(create=False)
        return [] if queue is None else queue.items()

    def send_waiting(self) -> int:
        """Send the waiting edits in order, each forgotten once the server has it; how many
        were sent. ServerUnavailableError if the server still cannot be reached (what was
        not sent keeps waiting)."""
        queue = self._queue(create=False)
        if queue is None or not queue.count():
            return 0
        self._reconnect()
        sent = 0
        conflicts = []
        for item in queue.items():
            if self._already_sent(item):  # committed just before a crash kept it queued
                queue.remove(item.id)
                continue
            before = self._store.segment(item.position).text
            result = self.edit(item.position, item.text, item.author, item.status,
                               item.effort, role=item.role)
            queue.remove(item.id)
            sent += 1
            if result.revision is not None and item.base_text is not None \
                    and before != item.base_text:
                conflicts.append(item)
        self.send_conflicts = tuple(conflicts)
        return sent

    def edit_or_queue(self, position: int, text: str, author: str,
                      status: str = SegmentStatus.CONFIRMED, effort: Effort | None = None,
                      role: str = "editor", base_text: str | None = None
                      ) -> EditResult | None:
        """``edit``, or, when the server cannot be reached, keep the edit to send later
        (None). Edits waiting from before go first, so the server gets them in order."""
        try:
            if self.waiting_count():
                self.send_waiting()
            try:
                return self.edit(position, text, author, status, effort, role=role)
            except ServerUnavailableError:
                if not self._is_server():
                    raise
                # the server may be back and only this connection lost: try once more
                self._reconnect()
                return self.edit(position, text, author, status, effort, role=role)
        except ServerUnavailableError:
            self.queue_offline(position, text, author, status, effort, role, base_text)
            return None

    def close_offline(self) -> None:
        """Close the queue file (what waits stays in it for the next session)."""
        if self._offline_queue is not None:
            self._offline_queue.close()
            self._offline_queue = None

    def _already_sent(self, item: QueuedEdit) -> bool:
        """Whether the server has ``item`` already: a revision of its segment saved since
        it was queued with its text, status, role, time and keys. (``edit`` itself writes
        nothing when the text and status are there, but someone may have saved the
        segment since.)"""
        return any(revision.created_at >= item.queued_at and revision.text == item.text
                   and revision.status == item.status and revision.role == item.role
                   and revision.editing_ms == item.editing_ms
                   and (revision.keys_insert, revision.keys_delete,
                        revision.keys_navigate) == item.keys
                   for revision in self._store.revisions(item.position))

    def _queue(self, create: bool) -> OfflineQueue | None:
        """This project's and login's queue; None for a project file, or if nothing was
        ever queued and ``create`` is false."""
        if self._offline_queue is None and self._is_server():
            from reviewer.store.server import ServerStore

            store = self._store
            assert isinstance(store, ServerStore)
            path = queue_file(store.location.url(), store.user)
            if create or path.exists():
                self._offline_queue = OfflineQueue(path)
        return self._offline_queue

    def _is_server(self) -> bool:
        # no server store exists unless its module was loaded: a file's session loads no
        # database driver to find out
        module = sys.modules.get("reviewer.store.server")
        return module is not None and isinstance(self._store, module.ServerStore)

    def _reconnect(self) -> None:
        """Connections to the server working again, or ServerUnavailableError at once (a
        connection of our own asks: waiting for the pool's would take its whole timeout)."""
        import psycopg

        from reviewer.store.pg_connection import CONNECT_TIMEOUT_S, unavailable
        from reviewer.store.server import ServerStore

        store = self._store
        assert isinstance(store, ServerStore)
        connection = store.connection
        try:
            psycopg.connect(connection.conninfo, connect_timeout=CONNECT_TIMEOUT_S).close()
        except psycopg.Error as error:
            raise unavailable(connection.conninfo, error) from error
        connection.reconnect()  # the lost connection given up, the pool's checked
