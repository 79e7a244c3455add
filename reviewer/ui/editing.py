"""The editing controller: the open segment, its typing, and saving it through the session.

Every saved edit becomes an undo step that is already done; undo and redo go to the
segment they change. The rules of what an edit saves (statuses, what undo writes) are
the session's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal

from reviewer.core.carried_effort import added, draft_effort
from reviewer.core.effort import Effort
from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats, sentence_details
from reviewer.core.status import SegmentStatus
from reviewer.session import EditResult
from reviewer.store.project import DraftRecord
from reviewer.ui.commands import SAVE_ERRORS, EditSegmentCommand, TypingCommand
from reviewer.ui.draft_scores import DraftScores
from reviewer.ui.effort_keys import CellEffort
from reviewer.ui.history_model import local_time

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

DRAFT_DELAY_MS = 1500  # typing reaches the project file this soon, even mid-sentence


class EditingController(QObject):
    """Loads the current segment into the editor and saves what the editor does."""

    confirmed = Signal(int)  # position: the editor saved it confirmed (repetition_actions.py)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.live: dict[int, tuple[str, SegmentStats, Scores]] = {}  # scored typing
        self.drafts: dict[int, DraftRecord] = {}
        self._carried: dict[int, Effort] = {}  # a restored draft's effort, until it is saved
        self.cell_effort = CellEffort(window.table, window.editor.pause_limit_ms)
        self._replaying = False  # undo/redo is setting text: not new typing
        self._editor_text = ""  # the open segment's text before the latest keystroke
        self._tag_warned: tuple[int, str] | None = None  # confirmed once despite tag problems
        self._step_label = ""  # names the next text change as a step of its own
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._on_draft_timer_timeout)
        window.table.selectionModel().currentRowChanged.connect(
            self._on_table_current_row_changed)
        window.model.correctionEdited.connect(self._on_model_correction_edited)
        window.editor.textEdited.connect(self._on_editor_text_edited)
        window.editor.confirmRequested.connect(self.confirm_current)
        window.editor.correction_edit.undoRequested.connect(window.undo_stack.undo)
        window.editor.correction_edit.redoRequested.connect(window.undo_stack.redo)
        window.history.restoreRequested.connect(self._on_history_restore_requested)
        window.scorer.scored.connect(self.show_live_scores)
        window.scorer.failed.connect(self._on_scorer_failed)
        self._draft_scores = DraftScores(window.scorer, self.show_live_scores, self)

    def reset(self) -> None:
        """Another project: no typing, its drafts shown as typing in their rows."""
        window = self._window
        self._tag_warned = None
        self.live.clear()
        self._carried.clear()
        self.drafts = window.session.drafts()
        for position, draft in self.drafts.items():
            window.model.set_typing(position, draft.text, None)
        self._draft_scores.score(self.drafts, window.model.segment)  # off this thread

    # -- showing ---------------------------------------------------------------------------

    def load_editor(self, row: int) -> None:
        """Show segment ``row`` in the editor, with its typing, scores and history."""
        window = self._window
        segment = window.model.segment(row)
        window.editor.load(segment, window.model.current_text(row), window.session.has_source(),
                           window.model.tags(row), window.model.locked(row),
                           window.session.segment_context(row))
        text = self._editor_text = window.editor.text()
        window.editor.show_heading(segment, window.model.status(row))  # as the table says
        draft = self.drafts.get(row)
        self._carried.pop(row, None)
        if draft is not None and draft.text == text:
            window.editor.set_heading_note(f"unconfirmed draft of {local_time(draft.updated_at)} "
                                           "restored")
            self._carried[row] = draft_effort(segment.text, draft.text, draft.editing_ms,
                                              draft.keystrokes)
        self._show_text_scores(row, text)
        window.history.show_revisions(row, window.session.history(row), segment.mt)

    def apply_result(self, result: EditResult) -> None:
        """Show what one edit changed: its row, the document numbers, the open segment."""
        window = self._window
        segment = result.segment
        window.model.replace_segment(segment)
        self.drafts.pop(segment.position, None)
        if result.revision is not None:
            self._carried.pop(segment.position, None)  # its effort went with this revision
        window.show_summary(result.summary)
        if result.revision is not None:
            window.timeline.add_revision(result.revision)
            if result.revision.pending:
                window.late_scores.score_pending()
        if window.editor.position == segment.position:
            if window.editor.text() != segment.text:
                self.load_editor(segment.position)
            else:
                self.show_saved_state(segment.position)

    def show_saved_state(self, position: int) -> None:
        """The open segment's heading, saved scores and history, as stored now."""
        window = self._window
        segment = window.model.segment(position)
        self._editor_text = window.editor.text()
        window.editor.show_heading(segment)
        window.editor.show_scores(segment, live=False,
                                  details=window.session.segment_details(position))
        window.history.show_revisions(position, window.session.history(position), segment.mt)

    def show_step(self, result: EditResult, replay: bool, typed: str | None) -> None:
        """An undo step shown: by undo or redo (``replay``), at its segment, with the typing
        it leaves (``typed``) in the editor."""
        position = result.segment.position
        if replay:
            self.go_to_step(position)
        self.apply_result(result)
        if typed is not None:
            self.set_text_from_undo(position, typed)

    def go_to_step(self, position: int) -> None:
        """Open the segment an undo step changes (the move saves no typing as a step)."""
        if self._window.editor.position != position:
            self._replaying = True
            try:
                self._window.select_row(position)
            finally:
                self._replaying = False

    # -- saving ----------------------------------------------------------------------------

    def typing_effort(self, position: int) -> Effort:
        """The open segment's effort: typing since it was loaded, with a restored draft's."""
        effort = self._window.editor.effort()
        carried = self._carried.get(position)
        return effort if carried is None else added(carried, effort)

    def push_edit(self, position: int, text: str, status: str, label: str,
                  effort: Effort | None = None, keeps_typing: bool = False) -> bool:
        """Save an edit, then push it as a step that is done; False (and a message) if it
        could not be saved."""
        live = self.live.get(position)
        scored = (live[1], live[2]) if live and live[0] == text else None
        session = self._window.session
        if self._window.review_mode.active:  # the reviewer's revision (session_review.py)
            return self._push(position, label, keeps_typing, lambda author: session.review_save(
                position, text, author, status, effort, scored))
        return self._push(position, label, keeps_typing, lambda author: self._window.team.edit(
            position, text, author, status, effort, scored))  # queued if the server is away

    def push_review(self, position: int, label: str,
                    save: Callable[[str], EditResult]) -> bool:
        """Save a reviewer's step (``save`` takes the author) and push it like an edit."""
        return self._push(position, label, False, save)

    def _push(self, position: int, label: str, keeps_typing: bool,
              save: Callable[[str], EditResult]) -> bool:
        window = self._window
        if window.session.read_only or window.tasks.busy:
            return False
        author = window.author()
        try:  # save first, then push a step that is already done: a failed save pushes none
            result = save(author)
        except SAVE_ERRORS as error:
            window.interaction.error("Could not save", f"Segment {position + 1} was not saved: "
                                     f"{error}. Your text is still in the editor; try again "
                                     "once the problem is fixed.")
            return False
        if result.change is not None:  # its first redo only shows the saved edit
            window.undo_stack.push(EditSegmentCommand(window.session, self.show_step, result,
                                                      author, label, keeps_typing))
        else:
            self.apply_result(result)
        return True

    def confirm_current(self) -> None:
        """Save the open segment as confirmed and move to the next one.

        Tags the source has and the correction lacks (or breaks) are shown at once; the
        segment is saved anyway, and the editor stays on it until confirmed again.
        """
        window = self._window
        position = window.editor.position
        if position < 0 or window.tasks.busy:
            return
        text = window.editor.text()
        problems = [] if window.editor.locked else window.tag_problem_messages(position, text)
        if not window.editor.locked and not self.push_edit(
                position, text, SegmentStatus.CONFIRMED, f"Confirm segment {position + 1}",
                self.typing_effort(position), keeps_typing=True):
            return
        if not window.editor.locked:
            self.confirmed.emit(position)
        window.editor.show_tag_problems(problems)
        if problems and self._tag_warned != (position, text):
            self._tag_warned = (position, text)
            window.statusBar().showMessage(f"Segment {position + 1} was saved with tag "
                                           "problems; Ctrl+Enter again moves on.", 8000)
            return
        self._tag_warned = None
        following = window.filters.shown_after(position)  # the next row shown
        if following >= 0:
            window.select_row(following)
        else:
            window.editor.focus_correction()
            window.statusBar().showMessage("Last segment confirmed.", 4000)

    def save_pending(self) -> None:
        """Keep typed but unconfirmed text of the open segment as an unconfirmed revision."""
        window = self._window
        position = window.editor.position
        if position < 0 or position >= window.model.rowCount() or self._replaying:
            return
        if window.editor.text() != window.model.segment(position).text:
            self.push_edit(position, window.editor.text(), SegmentStatus.EDITED,
                           f"Edit segment {position + 1}", self.typing_effort(position),
                           keeps_typing=True)

    def save_draft(self) -> None:
        """Keep the open segment's unconfirmed typing in the project (crash insurance)."""
        window = self._window
        position = window.editor.position
        if position < 0 or window.session.read_only or window.tasks.busy:
            return
        effort = self.typing_effort(position)
        try:
            window.session.save_draft(position, window.editor.text(), window.author(),
                                      effort.editing_ms, (effort.insertions, effort.deletions,
                                                          effort.navigation))
        except ReviewerError as error:
            window.statusBar().showMessage(f"Draft not saved: {error}", 8000)

    def stop_drafts(self) -> None:
        """No draft timer now (closing, or the store is busy with a batch)."""
        self._draft_timer.stop()

    # -- typing ----------------------------------------------------------------------------

    def copy_into_correction(self, what: str) -> None:
        """Put the segment's source or MT (``what``) in the correction, as one typing step."""
        window = self._window
        edit = window.editor.correction_edit
        position = window.editor.position
        if position < 0 or edit.isReadOnly():
            window.statusBar().showMessage("This segment cannot be edited.", 4000)
            return
        segment = window.model.segment(position)
        text = segment.mt if what == "MT" else segment.source
        if text is None:
            window.statusBar().showMessage("This project has no source text.", 4000)
            return
        if not edit.hasFocus():
            edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._step_label = f"Copy the {what} into segment {position + 1}"
        try:
            window.editor.replace_text(text)
        finally:
            self._step_label = ""
        window.statusBar().showMessage(f"Copied the {what} into the correction "
                                       "(Ctrl+Z takes it back).", 4000)

    def as_step(self, label: str, typing: Callable[[], object]) -> None:
        """Run ``typing`` (text put in the correction) as an undo step of its own."""
        self._step_label = label
        try:
            typing()
        finally:
            self._step_label = ""

    def insert_next_tag(self) -> None:
        """Insert the next source tag the correction lacks at the cursor (F8, Ctrl+,)."""
        window = self._window
        edit = window.editor.correction_edit
        if not edit.hasFocus():
            edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if window.editor.position < 0 or window.editor.insert_next_tag():
            return
        window.statusBar().showMessage("This segment cannot be edited." if edit.isReadOnly()
                                       else "No source tag is missing from the correction.",
                                       4000)

    def set_text_from_undo(self, position: int, text: str) -> None:
        """Undo or redo of typing: show that segment with that text."""
        window = self._window
        self._replaying = True
        try:
            if window.editor.position != position:
                window.select_row(position)
            window.editor.replace_text(text)
            self._editor_text = text
        finally:
            self._replaying = False

    def _on_editor_text_edited(self, position: int, text: str) -> None:
        window = self._window
        before, self._editor_text = self._editor_text, text
        if not self._replaying and not window.session.read_only:
            window.undo_stack.push(TypingCommand(self.set_text_from_undo, position, before,
                                                 text, self._step_label))
        segment = window.model.segment(position)
        live = self.live.get(position)
        window.model.set_typing(position, text, live[2] if live and live[0] == text else None)
        if text == segment.text:  # typing taken back: the saved state, and no draft
            self._draft_timer.stop()
            self._discard_draft(position, text)
            window.editor.show_heading(segment)
        else:
            window.editor.show_heading(segment, window.model.status(position))
            if not self._draft_timer.isActive():
                self._draft_timer.start()
        self._show_text_scores(position, text, typing=True)

    def _show_text_scores(self, position: int, text: str, typing: bool = False) -> None:
        """The score line of ``text`` in the open segment: the saved scores if it is the
        saved text, else its live ones (asked for when not known yet)."""
        window = self._window
        segment = window.model.segment(position)
        live = self.live.get(position)
        if text == segment.text:
            window.editor.show_scores(segment, live=False,
                                      details=window.session.segment_details(position))
        elif live and live[0] == text:
            window.editor.show_scores(live[2], live=True, details=sentence_details(live[1]))
        else:
            if not typing:  # a text just shown: the saved figures until its own come
                window.editor.show_scores(segment, live=False,
                                          details=window.session.segment_details(position))
            window.editor.show_scoring()
            window.scorer.request(position, segment.mt, text, segment.reference)

    def _discard_draft(self, position: int, text: str) -> None:
        """The open segment's text is its saved text again: its draft goes (the session
        decides)."""
        window = self._window
        self.drafts.pop(position, None)
        if window.session.read_only or window.tasks.busy:
            return
        try:
            window.session.discard_draft_if_saved(position, text)
        except ReviewerError as error:
            window.statusBar().showMessage(f"Draft not discarded: {error}", 8000)

    def show_live_scores(self, position: int, text: str, stats: SegmentStats,
                         scores: Scores) -> None:
        """Scores of a segment's typed text (live, or a restored draft's): kept, and shown
        where that text still is."""
        window = self._window
        self.live[position] = (text, stats, scores)
        window.late_scores.live_scored(position, text, stats, scores)
        if position < window.model.rowCount() and window.model.current_text(position) == text:
            window.model.set_typing(position, text, scores)
        if position == window.editor.position and window.editor.text() == text:
            window.editor.show_scores(scores, live=True, details=sentence_details(stats))

    def _on_scorer_failed(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 8000)

    # -- other sources of edits ------------------------------------------------------------

    def _on_table_current_row_changed(self, current: QModelIndex,
                                      previous: QModelIndex) -> None:
        rows = self._window.filters  # the table may be filtered or sorted
        if previous.isValid() and rows.source_row(previous) == self._window.editor.position:
            self.save_pending()
        if current.isValid():
            self.load_editor(rows.source_row(current))

    def _on_model_correction_edited(self, position: int, text: str) -> None:
        effort = self.cell_effort.take()  # the cell editor's keys and time
        if self._window.editor.position == position:  # and typing before it, unsaved
            effort = added(self.typing_effort(position), effort)
        self.push_edit(position, text, SegmentStatus.EDITED, f"Edit segment {position + 1}", effort)

    def _on_history_restore_requested(self, number: int) -> None:
        window = self._window
        position = window.editor.position
        if position < 0:
            return
        session = window.session
        self._push(position, f"Restore revision {number} of segment {position + 1}", False,
                   lambda author: session.restore(position, number, author))
        window.editor.focus_correction()

    def _on_draft_timer_timeout(self) -> None:
        self.save_draft()
