"""Undoable edits that save before they move: the undo stack only ever holds saved steps.

A step is pushed once its edit is in the project file; its first redo only shows it.
Later undos and redos write a revision first and move the stack only if that worked,
so a failed save (disk full, file gone read-only) leaves the stack where the file is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from reviewer.core.effort import Effort
from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats
from reviewer.session import EditResult, ReviewSession

Apply = Callable[[EditResult], None]
# what a failed save raises: our one-line errors, and SQLite's or the OS's when the disk fails
SAVE_ERRORS = (ReviewerError, sqlite3.Error, OSError)


class PartialSaveError(ReviewerError):
    """A step of several edits saved some of them before one failed."""


class EditSegmentCommand(QUndoCommand):
    """A saved edit of one segment; undo and redo write the other text as a new revision."""

    def __init__(self, session: ReviewSession, apply: Apply, result: EditResult,
                 old: tuple[str, str], author: str, label: str) -> None:
        super().__init__(label)
        self._session = session
        self._apply = apply
        self._position = result.segment.position
        self._new = (result.segment.text, result.segment.status)
        self._old = old
        self._author = author
        self._ready: EditResult | None = result  # saved, waiting to be shown
        self.changed = result.revision is not None  # if not, there is nothing to undo

    @classmethod
    def save(cls, session: ReviewSession, apply: Apply, position: int, text: str,
             status: str, author: str, label: str, effort: Effort | None = None,
             scored: tuple[SegmentStats, Scores] | None = None) -> EditSegmentCommand:
        """Save the edit now (raises one of ``SAVE_ERRORS``); push the result if ``changed``."""
        before = session.segment(position)
        result = session.edit(position, text, author, status, effort, scored)
        # a segment never edited goes back to its MT, as an unconfirmed edit
        old = (before.text, before.status if before.status != "new" else "edited")
        return cls(session, apply, result, old, author, label)

    @property
    def result(self) -> EditResult | None:
        """The saved edit not yet shown, if any."""
        return self._ready

    def write(self, forward: bool) -> None:
        """Save the text that redo (``forward``) or undo brings; the stack moves after."""
        text, status = self._new if forward else self._old
        self._ready = self._session.edit(self._position, text, self._author, status)

    def redo(self) -> None:
        self._show(forward=True)

    def undo(self) -> None:
        self._show(forward=False)

    def _show(self, forward: bool) -> None:
        if self._ready is None:  # moved by Qt itself, not through SavingUndoStack
            self.write(forward)
        result, self._ready = self._ready, None
        assert result is not None
        self._apply(result)


class TypingCommand(QUndoCommand):
    """Typing in one segment; consecutive typing in the same segment merges into one step."""

    ID = 1001

    def __init__(self, set_text: Callable[[int, str], None], position: int, before: str,
                 after: str) -> None:
        super().__init__(f"Typing in segment {position + 1}")
        self._set_text = set_text
        self.position = position
        self._before = before
        self._after = after
        self._done = True  # the editor already shows the typed text when this is pushed

    def id(self) -> int:
        return self.ID

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


class CompoundCommand(QUndoCommand):
    """Several saved edits as one step (replace all): redo in order, undo in reverse."""

    def __init__(self, label: str, steps: list[EditSegmentCommand]) -> None:
        super().__init__(label)
        self._steps = steps  # held here: Python owns them, not Qt's parent mechanism

    def write(self, forward: bool) -> None:
        """Save every edit's text; if one fails, the ones saved are shown and leave the step.

        They are in the file then, but the step is not: it keeps only the edits still to
        do, so the stack stays where the file is and a later undo or redo is still true.
        """
        order = self._steps if forward else list(reversed(self._steps))
        for done, step in enumerate(order):
            try:
                step.write(forward)
            except SAVE_ERRORS as error:
                for saved in order[:done]:
                    if forward:
                        saved.redo()
                    else:
                        saved.undo()
                    self._steps.remove(saved)
                raise PartialSaveError(f"{done} of {len(order)} segments were "
                                  f"{'redone' if forward else 'undone'}, then: {error}") \
                    from error

    def redo(self) -> None:
        for step in self._steps:
            step.redo()

    def undo(self) -> None:
        for step in reversed(self._steps):
            step.undo()


class SavingUndoStack(QUndoStack):
    """An undo stack that moves only once the step's save worked; ``failed`` says if not."""

    failed = Signal(str, str)  # title, one-line message

    def undo(self) -> None:
        if self.canUndo() and self._write(self.index() - 1, forward=False):
            super().undo()

    def redo(self) -> None:
        if self.canRedo() and self._write(self.index(), forward=True):
            super().redo()

    def _write(self, index: int, forward: bool) -> bool:
        command = self.command(index)
        if not isinstance(command, EditSegmentCommand | CompoundCommand):
            return True  # typing: nothing to save
        try:
            command.write(forward)
        except SAVE_ERRORS as error:
            verb = "redo" if forward else "undo"
            self.failed.emit(f"Could not {verb}",
                             f"Could not {verb} {command.text()[:1].lower()}"
                             f"{command.text()[1:]}: {error}. Nothing else changed; "
                             f"try again once the problem is fixed.")
            return False
        return True

    def action(self, parent: QObject, undo: bool) -> QAction:
        """A menu action for undo or redo that goes through this class's save-first step."""
        made = self.createUndoAction(parent, "&Undo") if undo \
            else self.createRedoAction(parent, "&Redo")
        made.triggered.disconnect()  # Qt's own connection would skip the save
        made.triggered.connect(self.undo if undo else self.redo)
        return made
