"""Repetitions in the window: after a confirm, a line in the editor offers to write the same
text to the segment's unconfirmed repetitions (no dialog); Ctrl+Shift+P does it as one
undo step, or a setting makes every confirm do it. The repetitions are looked up off the
GUI thread (a sentence repeated thousands of times took seconds)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from reviewer.core.errors import ReviewerError
from reviewer.core.status import SegmentStatus
from reviewer.session import BatchResult, ReviewSession
from reviewer.ui.actions import ActionSpec, key_text
from reviewer.ui.commands import BatchCommand
from reviewer.ui.latest_job import LatestJob
from reviewer.ui.settings import Setting

if TYPE_CHECKING:
    from reviewer.session_batches import Progress
    from reviewer.ui.main_window import MainWindow

AUTOMATIC = Setting("propagate_repetitions", False)  # propagate on every confirm
PROPAGATE = ActionSpec("segment.propagate", "&Segment", "Propagate to repet&itions",
                       ("Ctrl+Shift+P",), separator_before=True)
AUTOMATIC_TOGGLE = ActionSpec("segment.propagate_automatically", "&Segment",
                              "Propagate repetitions automatica&lly")


Found = tuple[ReviewSession, int, int, int]  # session, position, undo index, repetitions


def plural(count: int, noun: str) -> str:
    """ "1 repetition", "3 repetitions"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


class RepetitionActions(QObject):
    """Offers, or performs, propagation after a confirm; the offer is a line, not a box."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.offered: int | None = None  # the confirmed segment the line offers to spread
        self._offered_at = 0  # the undo stack's index then: undoing the confirm ends it
        self.bar = QFrame()
        self.bar.setObjectName("repetitionOffer")
        self.bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setObjectName("repetitionOfferText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.linkActivated.connect(self._on_label_link_activated)
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.label, 1)
        self.bar.hide()
        pane = window.editor.layout()
        assert isinstance(pane, QVBoxLayout)
        pane.insertWidget(pane.indexOf(window.editor.scores_label), self.bar)
        table = window.action_table
        self.propagate_action = table.add(PROPAGATE, self.propagate)
        self.automatic_action = table.add(AUTOMATIC_TOGGLE)
        self.automatic_action.setCheckable(True)
        self.automatic_action.setChecked(window.settings.get(AUTOMATIC))
        self.automatic_action.toggled.connect(self._on_automatic_toggled)
        self._lookups = LatestJob(self)  # a confirm's repetitions, off the GUI thread
        self._lookups.succeeded.connect(self._on_lookups_succeeded)
        self._closing = False
        window.installEventFilter(self)  # closing waits for the lookup
        window.editing.confirmed.connect(self._on_confirmed)
        window.undo_stack.indexChanged.connect(self._on_undo_index_changed)
        window.model.modelReset.connect(self._on_model_reset)  # another project

    @property
    def busy(self) -> bool:
        """Whether a confirm's repetitions are being looked up."""
        return self._lookups.busy

    def wait(self) -> None:
        """Let the lookup that runs end (the project is about to close)."""
        self._lookups.wait()

    def _on_model_reset(self) -> None:
        self.dismiss()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self._closing = True  # before the window closes the project
            self.wait()
        return False

    @property
    def automatic(self) -> bool:
        """Whether a confirm propagates at once instead of offering to."""
        return self.automatic_action.isChecked()

    def offer(self, position: int, count: int) -> None:
        """Show the line offering to propagate segment ``position`` to ``count`` segments."""
        keys = key_text(self._window.action_table.keys(PROPAGATE.name))
        self.offered, self._offered_at = position, self._window.undo_stack.index()
        self.label.setText(
            f"{plural(count, 'repetition')} of segment {position + 1} "
            f"{'is' if count == 1 else 'are'} not confirmed — "
            f"<a href='propagate'>Propagate</a>{f' ({keys})' if keys else ''} · "
            "<a href='dismiss'>Dismiss</a>")
        self.bar.show()

    def dismiss(self) -> None:
        """Take the offer away (and any offer being looked up)."""
        self._lookups.drop()
        self.offered = None
        self.bar.hide()

    def propagate(self) -> bool:
        """Segment → Propagate: the offered segment's text, else the open segment's, to its
        unconfirmed repetitions as one undo step; False if not started."""
        position = self.offered if self.offered is not None else self._window.editor.position
        if position < 0:
            return False
        return self.propagate_segment(position)

    def propagate_segment(self, position: int) -> bool:
        """Write segment ``position``'s saved text to its repetitions in a task."""
        window = self._window
        if window.session.read_only:
            window.statusBar().showMessage("Read-only: nothing can be propagated.", 6000)
            return False
        if window.tasks.busy:
            return False
        window.editing.save_pending()
        window.editing.stop_drafts()
        self.dismiss()
        session, author = window.session, window.author()

        def job(progress: Progress) -> BatchResult:
            return session.propagate(position, author, progress)

        def failed(message: str) -> None:
            window.late_scores.store_waiting()
            if message:
                window.interaction.error("Propagate to repetitions",
                                         f"Nothing was propagated: {message}")

        return window.tasks.run("Propagating…", job,
                                lambda result: self._on_propagated(position, result), failed,
                                title="Propagate to repetitions")

    def _on_propagated(self, position: int, result: object) -> None:
        assert isinstance(result, BatchResult)
        window = self._window
        window.late_scores.store_waiting()
        if not result.batch.items:
            window.statusBar().showMessage(
                f"Segment {position + 1} has no unconfirmed repetitions.", 6000)
            return
        window.undo_stack.push(BatchCommand(result, window.batches.show))  # shows it
        window.statusBar().showMessage(
            f"Segment {position + 1} propagated to "
            f"{plural(len(result.batch.items), 'repetition')} (Ctrl+Z takes them back).", 6000)

    def _on_confirmed(self, position: int) -> None:
        window = self._window
        if window.session.read_only or not 0 <= position < window.model.rowCount() \
                or window.model.segment(position).status != SegmentStatus.CONFIRMED:
            self.dismiss()  # e.g. reviewer mode: reviewed, not the editor's confirm
            return
        if self._closing:
            return
        self.dismiss()  # the last offer is for another confirm
        session, index = window.session, window.undo_stack.index()

        def job(_progress: object) -> Found:
            try:
                count = len(session.repetitions(position))
            except ReviewerError:
                count = 0
            return session, position, index, count

        self._lookups.request(job)

    def _on_lookups_succeeded(self, result: object) -> None:
        session, position, index, count = cast(Found, result)
        window = self._window
        if not count or index < 0 or session is not window.session or self._closing \
                or window.undo_stack.index() < index:  # another project, or undone since
            return
        if self.automatic:
            self._propagate_if_open(position)
        else:
            self.offer(position, count)
            self._offered_at = index

    def _propagate_if_open(self, position: int) -> None:
        if self._window.isVisible():  # not closed (and its project with it) meanwhile
            self.propagate_segment(position)

    def _on_label_link_activated(self, link: str) -> None:
        if link == "propagate":
            self.propagate()
        else:
            self.dismiss()

    def _on_automatic_toggled(self, checked: bool) -> None:
        self._window.settings.set(AUTOMATIC, checked)

    def _on_undo_index_changed(self, index: int) -> None:
        if self.offered is not None and index < self._offered_at:
            self.dismiss()  # the confirm it offered for was undone
