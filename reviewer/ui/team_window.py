"""The window on a team's server project: others' confirms shown as they happen, who is
editing which segment (soft locks), the earlier editor told of a conflict, and edits
queued while the server is away (sent when it is back).

A project file has none of this: every method does nothing for it.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout

from reviewer.core.errors import ReviewerError
from reviewer.session import DocumentSummary, ReviewSession
from reviewer.store.team_locks import LOCK_HEARTBEAT_S
from reviewer.ui.segment_pages import SegmentPages
from reviewer.ui.server_projects import ServerProjects, server_address
from reviewer.ui.team_listener import ListenerThread, TeamRelay
from reviewer.ui.team_offline import RETRY_MS, OfflineEdits, OfflineReads
from reviewer.ui.team_pages import HolderMarks, TeamPages

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

HEARTBEAT_MS = LOCK_HEARTBEAT_S * 1000  # a lock lives LOCK_EXPIRY_S without one
NOTE_STYLE = "color: #e65100; font-weight: bold;"


def conflict_message(position: int, who: str) -> str:
    """What the earlier of two editors of one segment is told."""
    return (f"Segment {position + 1}: {who} confirmed a different text after yours; theirs is "
            "current, yours is kept in the history (Restore it from History)")


class TeamWindow(OfflineEdits, QObject):
    """Attached to the main window; ``pages`` is called as each project is shown."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.server_projects = ServerProjects(window)  # File → Open server project…
        self.marks = HolderMarks(window.model.comment_marks)
        window.model.comment_marks = self.marks  # the # column shows who edits a row
        self.relay = TeamRelay(self)
        self.relay.heard.connect(self._on_heard)
        self.relay.reachable.connect(self._on_reachable)
        self._thread: ListenerThread | None = None
        self._pages: TeamPages | None = None
        self.note = self._label("teamNote")  # "Being edited by …" over the correction
        self.conflict_note = self._label("conflictNote")
        self.conflict_note.linkActivated.connect(lambda _link: self.conflict_note.hide())
        layout = window.editor.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.note)
        layout.insertWidget(2, self.conflict_note)
        self.status_label = QLabel()
        self.status_label.setObjectName("teamStatus")
        self.status_label.hide()
        window.statusBar().addPermanentWidget(self.status_label)
        self._heartbeat = self._timer(HEARTBEAT_MS, self._on_heartbeat)
        self._retry = self._timer(RETRY_MS, self._on_retry)
        self.online = True
        self.conflicts: list[str] = []  # what the user was told, latest last
        self._held: int | None = None  # the segment open in the editor, locked or asked for
        self._mine: dict[int, tuple[int, str]] = {}  # position: my confirm (revision, text)
        self._my_revisions: set[int] = set()
        self._summary: DocumentSummary | None = None
        window.editor.segmentLoaded.connect(self._on_segment_loaded)
        window.installEventFilter(self)  # its close releases the lock first

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(NOTE_STYLE)
        label.hide()
        return label

    def _timer(self, interval: int, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    # -- a project shown ---------------------------------------------------------------

    @property
    def session(self) -> ReviewSession:
        return self._window.session

    def shared(self) -> bool:
        """Whether the window shows a server project."""
        return server_address(self.session) is not None

    def shown_name(self, session: ReviewSession) -> Any:
        """What the recent projects keep: the address without a password, or the file."""
        address = server_address(session)
        return session.path if address is None else address

    def pages(self, session: ReviewSession) -> SegmentPages:
        """The rows of the project about to be shown; on a server project, starts listening
        to it (the last project's listening stopped)."""
        self._stop()
        self.marks.set_holders({})
        self._held = None
        self._mine.clear()
        self._my_revisions.clear()
        self.note.hide()
        self.conflict_note.hide()
        self._pages = None
        # not is_shared(): a file's store in a process of its own answers any name
        if server_address(session) is None:
            self.status_label.hide()
            return SegmentPages(session)
        self.online = True
        OfflineReads(session, lambda: self.online, self._went_offline)
        pages = self._pages = TeamPages(session, self._went_offline)
        try:
            listener = session.listen()
            self._summary = session.summary()
        except ReviewerError:
            listener = None
            self.online = False
        self._thread = ListenerThread(listener, session.listen, self.relay)
        self._heartbeat.start()
        self._retry.start()
        QTimer.singleShot(0, self._after_show)
        return pages

    def _after_show(self) -> None:
        window = self._window
        if not self.shared():
            return
        address = server_address(self.session) or ""
        login = self.team_user()
        read_only = " [read-only]" if self.session.read_only else ""
        window.setWindowTitle(f"{address.rsplit('project=', 1)[-1]} ({login} on the server)"
                              f"{read_only} — reviewer")
        window.setWindowFilePath("")
        self._show_status()
        self._refresh_holders()
        if self._waiting():
            self.send_waiting()

    def team_user(self) -> str:
        """The login the server knows this window by."""
        return self.session.team_user() or "?"

    def _stop(self, wait_s: float = 0.0) -> None:
        self._heartbeat.stop()
        self._retry.stop()
        if self._thread is not None:
            self._thread.stop(wait_s)
            self._thread = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self._release()
            self._stop(wait_s=1.0)
        return False

    # -- soft locks ----------------------------------------------------------------------

    def _on_segment_loaded(self, position: int) -> None:
        if not self.shared() or self.session.read_only or not self.online:
            self._held = position if self.shared() else None  # taken when back online
            self.note.hide()
            return
        if self._held is not None and self._held != position:
            self._release()
        self._held = position
        try:
            other = self.session.take_segment(position)
        except ReviewerError:
            self._went_offline()
            return
        self._show_holder(position, other)

    def _release(self) -> None:
        held, self._held = self._held, None
        if held is not None and self.shared() and not self.session.read_only and self.online:
            with suppress(ReviewerError):
                self.session.release_segment(held)

    def _show_holder(self, position: int, holder: str | None) -> None:
        if holder and position == self._window.editor.position:
            self.note.setText(f"Being edited by {holder} — you may still edit it; the later "
                              "confirm becomes the current text")
            self.note.show()
        else:
            self.note.hide()

    def _refresh_holders(self) -> None:
        if not self.online:
            return
        try:
            holders = dict(self.session.segment_holders())
        except ReviewerError:
            self._went_offline()
            return
        model = self._window.model
        for row in self.marks.set_holders(holders):
            if 0 <= row < model.rowCount():
                model.set_open_comments(row, model.open_comments(row))  # the # cell again
        position = self._window.editor.position
        if position == self._held and position not in holders:
            with suppress(ReviewerError):  # the other person left it: mine now
                self.session.take_segment(position)
        self._show_holder(position, holders.get(position))

    def _on_heartbeat(self) -> None:
        if not self.shared() or not self.online:
            return
        try:
            if not self.session.read_only:
                self.session.heartbeat()
        except ReviewerError:
            self._went_offline()
            return
        self._refresh_holders()  # a lock that expired tells nobody

    # -- others' confirms ----------------------------------------------------------------

    def _on_heard(self, events: list[Any]) -> None:
        if not self.shared():
            return
        heads: dict[int, int | None] = {}
        locks = False
        for event in events:
            if event.kind == "lock":
                locks = True
            elif event.kind == "head" and event.revision_id not in self._my_revisions:
                heads[event.position] = event.revision_id
        if heads:
            self._show_heads(heads)
        if locks:
            self._refresh_holders()

    def _show_heads(self, heads: dict[int, int | None]) -> None:
        """Others' new current texts in their rows, the open segment and the scores."""
        window, pages = self._window, self._pages
        positions = sorted(p for p in heads if 0 <= p < window.model.rowCount())
        try:
            records = self.session.segments_at(positions)
            self._summary = self.session.summary()
        except ReviewerError:
            self._went_offline()
            return
        shown = {p: window.model.segment(p) for p in positions}
        for record in records:
            if pages is None or record.position not in pages.waiting:
                window.model.update_scores(record)  # typing in the row stays
        window.show_summary(self._summary)
        for record in records:
            self._tell_conflict(record.position, heads[record.position])
            if window.editor.position == record.position:
                if window.editor.text() == shown[record.position].text:
                    window.editing.load_editor(record.position)  # nothing typed: theirs
                else:  # typing stays; confirming it makes it current, theirs is kept
                    history = self.session.history(record.position)
                    window.history.show_revisions(record.position, history, record.mt)
                    who = history[-1].author if history else "someone"
                    self._tell(f"Segment {record.position + 1}: {who} confirmed it while you "
                               "were typing; your text is kept in the editor (confirm it to "
                               "make it current; theirs stays in the history)")

    def _tell_conflict(self, position: int, revision_id: int | None) -> None:
        mine = self._mine.pop(position, None)
        if mine is None or revision_id == mine[0]:
            return
        history = self.session.history(position)
        head = next((r for r in history if r.id == revision_id), history[-1] if history
                    else None)
        if head is None or head.id in self._my_revisions or head.text == mine[1]:
            return
        self._tell(conflict_message(position, head.author))

    def _tell(self, message: str) -> None:
        """A conflict, said in the status bar and over the editor (until dismissed)."""
        self.conflicts.append(message)
        self._window.statusBar().showMessage(message, 30_000)
        self.conflict_note.setText(f"{message} <a href='dismiss'>Dismiss</a>")
        self.conflict_note.show()
