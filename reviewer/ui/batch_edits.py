"""Replace all, and the undo and redo of it: batches the session writes in a task while
the GUI thread only shows progress, then the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reviewer.session import BatchResult
from reviewer.ui.commands import BatchCommand

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class BatchEdits(QObject):
    """Starts batches and shows what they wrote."""

    finished = Signal(int)  # segments a replace-all changed (0: none, refused or failed)
    previewed = Signal(object)  # what a replace-all would change: [(position, old, new, n)]

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.last_changed = 0  # segments the last replace-all changed
        window.undo_stack.write_in_background = self.write

    def preview(self, find: str, replacement: str, regex: bool = False,
                match_case: bool = True, whole_word: bool = False) -> bool:
        """Start working out what a replace-all would change (``previewed`` tells)."""
        window = self._window
        if window.tasks.busy:
            return False
        window.editing.save_pending()  # the preview shows the texts replace-all would see
        window.editing.stop_drafts()
        session = window.session

        def job(progress: Callable[[int, int], None]) -> object:
            progress(0, 0)
            return session.replacements(find, replacement, regex, match_case, whole_word)

        def failed(message: str) -> None:
            self._after_task()
            if message:
                window.interaction.error("Find and replace", message)
            self.previewed.emit([])

        def done(changes: object) -> None:
            self._after_task()
            self.previewed.emit(changes)

        return window.tasks.run("Finding…", job, done, failed, title="Find and replace")

    def replace_all(self, find: str, replacement: str, regex: bool = False,
                    match_case: bool = True, whole_word: bool = False) -> bool:
        """Start replacing in every segment as one undoable step; False if not started."""
        window = self._window
        if window.session.read_only or window.tasks.busy:
            return False
        window.editing.save_pending()
        window.editing.stop_drafts()
        session, author = window.session, window.author()
        self.last_changed = 0

        def job(progress: Callable[[int, int], None]) -> BatchResult:
            return session.replace_all(find, replacement, regex, match_case, author, progress,
                                       whole_word)

        def failed(message: str) -> None:
            self._after_task()
            if message:
                window.interaction.error("Replace all", f"Nothing was replaced: {message}")
            self.finished.emit(0)

        return window.tasks.run("Replacing…", job,
                                lambda result: self._on_replaced(find, result), failed,
                                title="Replace all")

    def _on_replaced(self, find: str, result: object) -> None:
        assert isinstance(result, BatchResult)
        window = self._window
        self._after_task()
        if not result.batch.items:
            window.statusBar().showMessage(f"No segment contains {find!r}.", 6000)
            self.finished.emit(0)
            return
        window.undo_stack.push(BatchCommand(result, self.show))  # its first redo shows it
        self.last_changed = len(result.revisions)
        window.statusBar().showMessage(f"Replaced {result.batch.matches} occurrence(s) in "
                                       f"{self.last_changed} segment(s).", 6000)
        self.finished.emit(self.last_changed)

    def write(self, command: BatchCommand, forward: bool,
              written: Callable[[BatchResult], None]) -> bool:
        """Undo or redo a batch in a task; ``written`` moves the stack once it is saved."""
        window = self._window
        if window.tasks.busy:
            return False
        session, author, batch = window.session, window.author(), command.batch
        window.editing.stop_drafts()

        def job(progress: Callable[[int, int], None]) -> BatchResult:
            progress(0, 0)
            return (session.redo_batch if forward else session.undo_batch)(batch, author)

        def done(result: object) -> None:
            assert isinstance(result, BatchResult)
            self._after_task()
            written(result)

        def failed(message: str) -> None:
            self._after_task()
            window.undo_stack.report_failure(command.text(), forward,
                                             message or "cancelled")

        return window.tasks.run("Undoing…" if not forward else "Redoing…", job, done, failed,
                                cancellable=False, title=command.text())

    def show(self, result: BatchResult, replay: bool) -> None:
        """Show what a batch wrote; undo and redo go to its first segment."""
        window = self._window
        window.model.replace_segments(result.segments)
        for segment in result.segments:
            window.editing.drafts.pop(segment.position, None)
        window.timeline.add_revisions(result.revisions)
        window.show_summary(result.summary)
        if any(revision.pending for revision in result.revisions):
            window.late_scores.score_pending()
        positions = {segment.position for segment in result.segments}
        if replay and result.segments and window.editor.position not in positions:
            window.select_row(result.segments[0].position)
        elif window.editor.position in positions:
            window.editing.load_editor(window.editor.position)

    def _after_task(self) -> None:
        self._window.late_scores.store_waiting()
