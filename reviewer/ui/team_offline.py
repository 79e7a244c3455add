"""A server project's window while its server cannot be reached: confirms wait in the
session's offline queue (shown in their rows as typed), the status bar says how many,
they are sent when the server is back, and what loading a segment reads answers from
what is known instead of failing (or waiting on the server) meanwhile."""

from __future__ import annotations

import math
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reviewer.core.effort import Effort
from reviewer.core.errors import ReviewerError
from reviewer.core.mqm import MqmSettings, mqm_score
from reviewer.core.scoring import Scores, SegmentStats
from reviewer.core.status import SegmentStatus
from reviewer.session import DocumentSummary, EditResult, ReviewSession
from reviewer.store.project import SegmentRecord
from reviewer.store.server_errors import ServerUnavailableError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.team_pages import TeamPages

RETRY_MS = 2_500  # waiting edits are tried again this often

# what loading a segment reads, and what it answers while the server is away
OFFLINE_ANSWERS: dict[str, Callable[[], Any]] = {
    "segment_meta": dict, "history": list, "segment_details": lambda: None,
    "comments": list, "annotations": list, "drafts": dict,
    "mqm_score": lambda: mqm_score([], 0, MqmSettings()),
}


class OfflineReads:
    """Puts guards on a server session's reads that the window makes as it loads a
    segment: while offline they answer at once (nothing known: empty), and a read that
    finds the server gone says so (``lost``) and answers the same way."""

    def __init__(self, session: ReviewSession, online: Callable[[], bool],
                 lost: Callable[[], None]) -> None:
        self._online = online
        self._lost = lost
        known = dict(session.properties())
        answers = {**OFFLINE_ANSWERS, "properties": lambda: dict(known)}
        for name, answer in answers.items():
            setattr(session, name, self._guard(getattr(session, name), answer))

    def _guard(self, read: Callable[..., Any], answer: Callable[[], Any]) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not self._online():
                return answer()
            try:
                return read(*args, **kwargs)
            except ServerUnavailableError:
                self._lost()
                return answer()

        return guarded


class OfflineEdits:
    """The TeamWindow's part that saves edits whether or not the server is there."""

    if TYPE_CHECKING:
        _window: MainWindow
        _pages: TeamPages | None
        _summary: DocumentSummary | None
        _mine: dict[int, tuple[int, str]]
        _my_revisions: set[int]
        online: bool
        status_label: QLabel

        @property
        def session(self) -> ReviewSession: ...
        def shared(self) -> bool: ...
        def team_user(self) -> str: ...
        def _tell(self, message: str) -> None: ...
        def _refresh_holders(self) -> None: ...

    def edit(self, position: int, text: str, author: str, status: str,
             effort: Effort | None = None,
             scored: tuple[SegmentStats, Scores] | None = None) -> EditResult:
        """The editor's edit saved through the session; on a server that cannot be reached,
        queued (sent later) and shown in its row as typed."""
        session = self.session
        if not self.shared():
            return session.edit(position, text, author, status, effort, scored)
        base = self._window.model.segment(position).text  # what the editor started from
        result: EditResult | None = None
        if not self.online:  # known to be away: queued at once, no wait on the server
            session.queue_offline(position, text, author, status, effort, "editor", base)
            return self._queued(position, text, status, scored)
        if not self._waiting():  # else what waits goes first (edit_or_queue keeps the order)
            with suppress(ServerUnavailableError):
                result = session.edit(position, text, author, status, effort, scored)
        if result is None:
            result = session.edit_or_queue(position, text, author, status=status,
                                           effort=effort, role="editor", base_text=base)
            if result is not None:
                self._after_sent()
        if result is None:
            return self._queued(position, text, status, scored)
        self._remember(result, status)
        return result

    def _remember(self, result: EditResult, status: str) -> None:
        self._summary = result.summary
        if result.revision is not None:
            self._my_revisions.add(result.revision.id)
            if status == SegmentStatus.CONFIRMED:
                self._mine[result.segment.position] = (result.revision.id, result.segment.text)
        if not self.online:
            self.online = True
            self._show_status()

    def _queued(self, position: int, text: str, status: str,
                scored: tuple[SegmentStats, Scores] | None) -> EditResult:
        record: SegmentRecord = replace(self._window.model.segment(position), text=text,
                                        status=status, pending=scored is None)
        if scored is not None:
            scores = scored[1]
            record = replace(record, hter=scores.hter, bleu=scores.bleu, chrf=scores.chrf)
        else:
            record = replace(record, hter=math.nan)
        if self._pages is not None:
            self._pages.keep_waiting(record)
        self._went_offline()
        summary = self._summary if self._summary is not None else self._no_summary()
        return EditResult(record, None, summary)

    @staticmethod
    def _no_summary() -> DocumentSummary:
        from reviewer.session_results import UNKNOWN_SCORES

        return DocumentSummary(UNKNOWN_SCORES, 0, 0, 0)

    def _waiting(self) -> int:
        count = getattr(self.session, "waiting_count", None)
        return int(count()) if count else 0

    def send_waiting(self) -> None:
        """Try sending the edits that wait; the status says how it went."""
        try:
            self.session.send_waiting()
        except ReviewerError:
            self._went_offline()
            return
        self._after_sent()

    def _after_sent(self) -> None:
        """Waiting edits went to the server: their rows show what it has, and a text
        someone else saved meanwhile (kept in the history) is said."""
        rows = self._pages.sent() if self._pages is not None else []
        model = self._window.model
        for row in rows:
            model.update_scores(model.segment(row))  # read again: what the server has now
        for item in getattr(self.session, "send_conflicts", ()):
            self._tell(f"Segment {item.position + 1}: your edit made offline was sent over a "
                       "text someone saved meanwhile; theirs is kept in the history")
        self.online = True
        with suppress(ReviewerError):
            self._summary = self.session.summary()
            self._window.show_summary(self._summary)
        self._show_status()

    def _on_retry(self) -> None:
        if self.shared() and self._waiting() and self.online:
            self.send_waiting()

    def _on_reachable(self, reachable: bool) -> None:
        if not self.shared():
            return
        self.online = reachable
        if reachable:
            if self._waiting():
                self.send_waiting()
            elif self._pages is not None:  # what changed while away was not heard
                self._pages.forget()
                self._window.model.refresh_colours()  # every shown row read again
                with suppress(ReviewerError):
                    self._summary = self.session.summary()
                    self._window.show_summary(self._summary)
            self._refresh_holders()
        self._show_status()

    def _went_offline(self) -> None:
        self.online = False
        self._show_status()

    def _show_status(self) -> None:
        if not self.shared():
            self.status_label.hide()
            return
        waiting = self._waiting()
        if self.online:
            text = f"online as {self.team_user()}" + (f", {waiting} edits waiting"
                                                      if waiting else "")
        else:
            text = f"offline, {waiting} edits waiting"
        self.status_label.setText(text)
        self.status_label.setToolTip("Edits made while the server cannot be reached wait in a "
                                     "local file and are sent when it is back.")
        self.status_label.show()

