"""Fixes learned from corrections in the window: in the open segment (not yet confirmed)
each learned MT phrase is underlined, the line under the editor names the fix at the
cursor, Ctrl+. applies it (one typing step: Ctrl+Z takes it back), Ctrl+Shift+. applies it
in every unconfirmed segment (a batch: one undo step) and Ctrl+Alt+. dismisses it.

The document's fixes are learned in a thread whenever segments change (only new confirms
are diffed); the open segment's suggestions are looked up on its text as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QMenu, QToolTip

from reviewer.core.errors import ReviewerError
from reviewer.core.fix_index import LearnedFixes, phrase_key
from reviewer.core.learned import Suggestion
from reviewer.core.status import NOT_CONFIRMED
from reviewer.session import BatchResult, ReviewSession
from reviewer.store.suggestions import LEARNED_FROM
from reviewer.ui.actions import ActionSpec, key_text
from reviewer.ui.annotation_marks import text_map
from reviewer.ui.commands import BatchCommand
from reviewer.ui.suggestion_marks import (
    SuggestionLine,
    add_under,
    describe,
    paint_suggestions,
)

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

MENU = "Learned f&ixes"  # a submenu of Edit
APPLY = ActionSpec("fixes.apply", MENU, "&Apply the fix", ("Ctrl+.",))
EVERYWHERE = ActionSpec("fixes.everywhere", MENU, "Apply it &everywhere", ("Ctrl+Shift+.",))
DISMISS = ActionSpec("fixes.dismiss", MENU, "&Dismiss it", ("Ctrl+Alt+.",))
DISMISS_ALL = ActionSpec("fixes.dismiss_everywhere", MENU, "Dismiss it every&where")
LEARN_DELAY_MS = 300  # segments changed: learn again this soon after the last change
BIG_CHANGE = 2000  # rows changed at once: asked of the project, not read row by row
NONE_HERE = "No learned fix is suggested in this segment."


class _Learner(QThread):
    """Learns the document's fixes off the GUI thread; ``learned`` brings them back."""

    learned = Signal(object)  # (the session, its LearnedFixes)

    def __init__(self, session: ReviewSession, parent: QObject) -> None:
        super().__init__(parent)
        self._session = session

    def run(self) -> None:
        try:
            found = self._session.learned_fixes()
        except Exception:  # noqa: BLE001 - a closed project or a busy store: learnt next time
            return
        self.learned.emit((self._session, found))


class SuggestionActions(QObject):
    """Shows, applies and dismisses the open segment's learned fixes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        editor = window.editor
        self.learned: LearnedFixes | None = None
        self.found: list[Suggestion] = []  # the open segment's, on its text as typed
        self.line = SuggestionLine()
        add_under(editor, editor.qa_warning, self.line)
        self._learner: _Learner | None = None
        self._again = False
        self._closing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LEARN_DELAY_MS)
        self._timer.timeout.connect(self.learn)
        table = window.action_table
        menu = QMenu(MENU, window)
        table.menus["&Edit"].addMenu(menu)
        table.menus[MENU] = menu
        for spec, slot in ((APPLY, self.apply), (EVERYWHERE, self.apply_everywhere),
                           (DISMISS, self.dismiss),
                           (DISMISS_ALL, lambda: self.dismiss(everywhere=True))):
            table.add(spec, slot)
        editor.segmentLoaded.connect(self.show_current)
        editor.correction_edit.textChanged.connect(self.show_current)
        editor.correction_edit.cursorPositionChanged.connect(self._show_line)
        editor.correction_edit.viewport().installEventFilter(self)  # tooltips
        window.installEventFilter(self)  # closing: the learner stops using the project first
        self._taught: dict[int, str] = {}  # the confirmed rows' texts: what is learned from
        window.model.dataChanged.connect(self._on_model_data_changed)
        window.model.modelReset.connect(self._on_model_reset)
        self._on_model_reset()

    # -- learning ------------------------------------------------------------------------

    def learn(self) -> None:
        """Learn the document's fixes again in a thread (nothing new: answered at once)."""
        if self._closing:  # the project is closed: nothing may read it
            return
        if self._window.tasks.busy:  # a batch writes: once it is done
            self._timer.start()
            return
        if self._learner is not None:
            self._again = True  # after this one
            return
        self._again = False
        self._learner = _Learner(self._window.session, self)
        # a bound method: Qt queues the thread's signal to the GUI thread (a lambda would
        # run in the thread)
        self._learner.learned.connect(self._on_learned)
        self._learner.finished.connect(self._on_learner_finished)
        self._learner.start()

    def _on_learned(self, learned: tuple[ReviewSession, LearnedFixes]) -> None:
        if learned[0] is self._window.session:  # not a project since closed
            self.learned = learned[1]
            self.show_current()

    def _on_learner_finished(self) -> None:
        learner, self._learner = self._learner, None
        if learner is not None:
            learner.deleteLater()
        if self._again:
            self._timer.start()

    def stop(self) -> None:
        """Wait for the learner: the project is about to close."""
        self._timer.stop()
        self._again = False
        if self._learner is not None:
            self._learner.wait()

    def _on_model_reset(self) -> None:
        self.learned = None  # another project, or segments split or merged
        # one query, not a read of every row (100,000 rows took 100 ms row by row)
        self._taught = self._window.model.stored_texts_with_status(LEARNED_FROM)
        self.show_current()
        self.learn()

    def _on_model_data_changed(self, top: QModelIndex, bottom: QModelIndex,
                               roles: Sequence[int] = ()) -> None:
        # typing changes rows too: only a confirm, or a confirmed text changed, teaches.
        # A batch's rows span the document: one loop, no call a row (a method per row took
        # 200 ms of the GUI thread for 100,000 rows); a project read a page at a time is
        # asked once instead of reading every page
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return  # marks (QA, comments), not texts
        model = self._window.model
        if model.pages is not None and bottom.row() - top.row() > BIG_CHANGE:
            taught = model.stored_texts_with_status(LEARNED_FROM)
            if taught != self._taught:
                self._taught = taught
                self._timer.start()
            return
        segment, taught = model.segment, self._taught
        changed = False
        for row in range(top.row(), bottom.row() + 1):
            record = segment(row)
            text = record.text if record.status in LEARNED_FROM else None
            if taught.get(row) != text:
                changed = True
                if text is None:
                    del taught[row]
                else:
                    taught[row] = text
        if changed:
            self._timer.start()

    # -- showing -------------------------------------------------------------------------

    def show_current(self) -> None:
        """Look the open segment's text up and underline what it finds."""
        editor = self._window.editor
        position, text = editor.position, editor.text()
        found: list[Suggestion] = []
        if self.learned is not None and position >= 0 and self._open(position):
            found = self.learned.find(position, text)
        if found or self.found:  # none before and none now: nothing to paint as you type
            paint_suggestions(editor.correction_edit, text, found)
        self.found = found
        self._show_line()

    def _open(self, position: int) -> bool:
        window = self._window
        edit = window.editor.correction_edit
        if edit.isReadOnly() or not 0 <= position < window.model.rowCount():
            return False
        return window.model.segment(position).status in NOT_CONFIRMED

    def at_cursor(self) -> Suggestion | None:
        """The suggestion the cursor is in, else the next one after it, else the first."""
        if not self.found:
            return None
        edit = self._window.editor.correction_edit
        offset = text_map(self._window.editor.text()).to_offset(edit.textCursor().position())
        return next((s for s in self.found if s.start <= offset <= s.end), None) \
            or next((s for s in self.found if s.start > offset), self.found[0])

    def _show_line(self) -> None:
        table = self._window.action_table
        keys = " · ".join(f"{key_text(table.keys(spec.name))} {word}" for spec, word in (
            (APPLY, "apply"), (EVERYWHERE, "everywhere"), (DISMISS, "dismiss"))
            if table.keys(spec.name))
        self.line.show_fix(self.at_cursor(), len(self.found), keys)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self._closing = True  # the window closes its project next
            self.stop()
            return False
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) \
                and self.found:
            edit = self._window.editor.correction_edit
            position = edit.cursorForPosition(event.pos()).position()
            offset = text_map(self._window.editor.text()).to_offset(position)
            here = next((s for s in self.found if s.start <= offset < s.end), None)
            if here is not None:
                QToolTip.showText(event.globalPos(), describe(here) + " — Ctrl+. applies it",
                                  edit)
                return True
        return super().eventFilter(watched, event)

    # -- acting --------------------------------------------------------------------------

    def _refused_read_only(self) -> bool:
        """Say so and return True when the project is open read-only."""
        if not self._window.session.read_only:
            return False
        self._window.statusBar().showMessage(
            "Read-only: learned fixes cannot be applied or dismissed.", 6000)
        return True

    def apply(self) -> None:
        """Ctrl+.: put the fix in the correction, as one typing step of its own."""
        window = self._window
        if self._refused_read_only():
            return
        suggestion = self.at_cursor()
        if suggestion is None:
            window.statusBar().showMessage(NONE_HERE, 4000)
            return
        applied = suggestion.applied(window.editor.text())
        window.editing.as_step(f"Apply ‘{suggestion.suggestion}’ in segment "
                               f"{suggestion.position + 1}",
                               lambda: window.editor.replace_text(applied))
        self._put_cursor_after(suggestion)
        window.statusBar().showMessage(f"Applied {describe(suggestion)} (Ctrl+Z takes it "
                                       "back).", 6000)

    def _put_cursor_after(self, suggestion: Suggestion) -> None:
        edit = self._window.editor.correction_edit
        end = suggestion.start + len(suggestion.suggestion)
        cursor = edit.textCursor()
        cursor.setPosition(text_map(self._window.editor.text()).span(end - 1, end)[1]
                           if end > 0 else 0)
        edit.setTextCursor(cursor)

    def apply_everywhere(self) -> bool:
        """Ctrl+Shift+.: the fix in every unconfirmed segment that has it, as one batch."""
        window = self._window
        if self._refused_read_only():
            return False
        suggestion = self.at_cursor()
        if suggestion is None:
            window.statusBar().showMessage(NONE_HERE, 4000)
            return False
        if window.session.read_only or window.tasks.busy:
            return False
        window.editing.save_pending()  # the typing is what the batch reads
        window.editing.stop_drafts()
        session, author = window.session, window.author()

        def job(progress: Callable[[int, int], None]) -> BatchResult:
            progress(0, 0)
            return session.apply_suggestion_everywhere(suggestion, author, progress)

        def failed(message: str) -> None:
            window.late_scores.store_waiting()
            if message:
                window.interaction.error("Apply everywhere", f"Nothing was changed: {message}")

        return window.tasks.run("Applying the fix…", job,
                                lambda result: self._on_applied(suggestion, result), failed,
                                title="Apply the learned fix everywhere")

    def _on_applied(self, suggestion: Suggestion, result: object) -> None:
        assert isinstance(result, BatchResult)
        window = self._window
        window.late_scores.store_waiting()
        if not result.batch.items:
            window.statusBar().showMessage(NONE_HERE, 6000)
            return
        window.undo_stack.push(BatchCommand(result, window.batches.show))
        window.statusBar().showMessage(
            f"Applied ‘{suggestion.mt}’ → ‘{suggestion.suggestion}’ {result.batch.matches} "
            f"time(s) in {len(result.revisions)} segment(s) (Ctrl+Z takes it all back).", 6000)

    def dismiss(self, everywhere: bool = False) -> None:
        """Ctrl+Alt+.: no longer suggest the fix here (or anywhere); remembered."""
        window = self._window
        if self._refused_read_only():
            return
        suggestion = self.at_cursor()
        if suggestion is None or self.learned is None:
            window.statusBar().showMessage(NONE_HERE, 4000)
            return
        try:
            window.session.dismiss_suggestion(suggestion, window.author(), everywhere)
        except ReviewerError as error:
            window.interaction.error("Dismiss the learned fix", str(error))
            return
        key = phrase_key(suggestion.mt, suggestion.suggestion)
        learned = self.learned
        self.learned = replace(learned, dismissed_everywhere=learned.dismissed_everywhere
                               | {key}) if everywhere else \
            replace(learned, dismissed_in=learned.dismissed_in | {(suggestion.position, *key)})
        self.show_current()
        where = "anywhere" if everywhere else "in this segment"
        window.statusBar().showMessage(f"‘{suggestion.mt}’ → ‘{suggestion.suggestion}’ is no "
                                       f"longer suggested {where}.", 6000)
        window.editor.correction_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
