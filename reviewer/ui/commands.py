"""Undo steps that are already done: the session saved them before they were pushed.

A saved step's first redo only shows it. Later undos and redos ask the session to write
the other state first and move the stack only if that worked, so a failed save (disk
full, file gone read-only) leaves the stack where the file is. A batch (replace all) is
written off the GUI thread: the stack moves when its task has finished.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from reviewer.core.changes import Change
from reviewer.core.errors import ReviewerError
from reviewer.session import BatchResult, EditResult, ReviewSession

# what a failed save raises: our one-line errors, and SQLite's or the OS's when the disk fails
SAVE_ERRORS = (ReviewerError, sqlite3.Error, OSError)
# result, whether undo/redo brought it (not the first showing), typing to show after it
ShowEdit = Callable[[EditResult, bool, "str | None"], None]
ShowBatch = Callable[[BatchResult, bool], None]
# runs a batch's write off the GUI thread: (command, forward, when written); False if busy
WriteInBackground = Callable[["BatchCommand", bool, Callable[[BatchResult], None]], bool]


class EditSegmentCommand(QUndoCommand):
    """A saved change of one segment; undo and redo have the session write the other state.

    ``keeps_typing``: the change saved text typed in the editor (confirm, move on); its
    undo takes back the save only and leaves that text in the editor, a step of its own.
    """

    def __init__(self, session: ReviewSession, show: ShowEdit, result: EditResult,
                 author: str, label: str, keeps_typing: bool = False) -> None:
        super().__init__(label)
        assert result.change is not None, "a step needs a saved change"
        self._session = session
        self._show_edit = show
        self.change: Change = result.change
        self._author = author
        self._keeps_typing = keeps_typing
        self._ready: EditResult | None = result  # saved, waiting to be shown
        self._first = True

    @property
    def position(self) -> int:
        """The segment it changes."""
        return self.change.position

    def write(self, forward: bool) -> None:
        """Save the state that redo (``forward``) or undo brings; the stack moves after."""
        self._ready = (self._session.redo_change if forward else self._session.undo_change)(
            self.change, self._author)

    def redo(self) -> None:
        self._show(forward=True)

    def undo(self) -> None:
        self._show(forward=False)

    def _show(self, forward: bool) -> None:
        if self._ready is None:  # moved by Qt itself, not through SavingUndoStack
            self.write(forward)
        result, self._ready = self._ready, None
        assert result is not None
        typed = None
        if not forward and self._keeps_typing and self.change.after.text != result.segment.text:
            typed = self.change.after.text
        replay, self._first = not self._first, False
        self._show_edit(result, replay, typed)


class TypingCommand(QUndoCommand):
    """Typing in one segment; consecutive typing in the same segment merges into one step."""

    ID = 1001

    def __init__(self, set_text: Callable[[int, str], None], position: int, before: str,
                 after: str, label: str = "") -> None:
        super().__init__(label or f"Typing in segment {position + 1}")
        self._set_text = set_text
        self.position = position
        self._before = before
        self._after = after
        self._merges = not label  # a named step (copy the MT in) stays a step of its own
        self._done = True  # the editor already shows the typed text when this is pushed

    def id(self) -> int:
        return self.ID if self._merges else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TypingCommand) or other.position != self.position:
            return False
        self._after = other._after
        if self._after == self._before:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._set_text(self.position, self._after)

    def undo(self) -> None:
        self._set_text(self.position, self._before)


class BatchCommand(QUndoCommand):
    """Many segments saved as one step (replace all); the session writes it as one batch."""

    def __init__(self, result: BatchResult, show: ShowBatch) -> None:
        super().__init__(result.batch.label)
        self.batch = result.batch
        self._show_batch = show
        self._ready: BatchResult | None = result
        self._first = True

    def written(self, result: BatchResult) -> None:
        """The batch's undo or redo is in the file: the next move shows it."""
        self._ready = result

    def redo(self) -> None:
        self._show()

    def undo(self) -> None:
        self._show()

    def _show(self) -> None:
        result, self._ready = self._ready, None
        replay, self._first = not self._first, False
        if result is not None:
            self._show_batch(result, replay)


class SavingUndoStack(QUndoStack):
    """An undo stack that moves only once the step's save worked; ``failed`` says if not."""

    failed = Signal(str, str)  # title, one-line message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.write_in_background: WriteInBackground | None = None

    def undo(self) -> None:
        if self.canUndo():
            self._move(self.index() - 1, forward=False)

    def redo(self) -> None:
        if self.canRedo():
            self._move(self.index(), forward=True)

    def _move(self, index: int, forward: bool) -> None:
        command = self.command(index)
        if isinstance(command, BatchCommand):
            if self.write_in_background is not None:
                self.write_in_background(
                    command, forward, lambda result: self._moved(command, index, forward,
                                                                 result))
            return
        write = getattr(command, "write", None)  # an edit's or an annotation's: save first
        if callable(write):
            try:
                write(forward)
            except SAVE_ERRORS as error:
                self.report_failure(command.text(), forward, str(error))
                return
        self._step(forward)

    def _moved(self, command: BatchCommand, index: int, forward: bool,
               result: BatchResult) -> None:
        command.written(result)
        if self.index() == (index if forward else index + 1):  # nothing else moved it
            self._step(forward)

    def _step(self, forward: bool) -> None:
        if forward:
            super().redo()
        else:
            super().undo()

    def report_failure(self, label: str, forward: bool, error: str) -> None:
        """Say that a step could not be undone or redone, and that nothing else changed."""
        verb = "redo" if forward else "undo"
        self.failed.emit(f"Could not {verb}",
                         f"Could not {verb} {label[:1].lower()}{label[1:]}: {error}. "
                         "Nothing else changed; try again once the problem is fixed.")

    def action(self, parent: QObject, undo: bool) -> QAction:
        """A menu action for undo or redo that goes through this class's save-first step."""
        made = self.createUndoAction(parent, "&Undo") if undo \
            else self.createRedoAction(parent, "&Redo")
        made.triggered.disconnect()  # Qt's own connection would skip the save
        made.triggered.connect(self.undo if undo else self.redo)
        return made
