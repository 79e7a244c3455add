"""Undoable edits: each step writes a revision; undo writes the earlier text back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reviewer.core.effort import Effort
from reviewer.core.scoring import Scores, SegmentStats
from reviewer.session import EditResult, ReviewSession

Apply = Callable[[EditResult], None]


class EditSegmentCommand(QUndoCommand):
    """Set a segment's text and status; undo records the previous text as a new revision."""

    def __init__(
        self,
        session: ReviewSession,
        apply: Apply,
        position: int,
        text: str,
        status: str,
        author: str,
        label: str,
        effort: Effort | None = None,
        scored: tuple[SegmentStats, Scores] | None = None,
    ) -> None:
        super().__init__(label)
        before = session.segment(position)
        self._session = session
        self._apply = apply
        self._position = position
        self._new = (text, status)
        # a segment never edited goes back to its MT, as an unconfirmed edit
        self._old = (before.text, before.status if before.status != "new" else "edited")
        self._author = author
        self._effort = effort
        self._scored = scored

    def redo(self) -> None:
        text, status = self._new
        result = self._session.edit(self._position, text, self._author, status,
                                    self._effort, self._scored)
        self._effort, self._scored = None, None  # first time only
        if result.revision is None and self._old == (result.segment.text, result.segment.status):
            self.setObsolete(True)  # nothing changed: nothing to undo
        self._apply(result)

    def undo(self) -> None:
        text, status = self._old
        self._apply(self._session.edit(self._position, text, self._author, status))


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
    """Several edits as one step (replace all): redo in order, undo in reverse."""

    def __init__(self, label: str, steps: list[QUndoCommand]) -> None:
        super().__init__(label)
        self._steps = steps  # held here: Python owns them, not Qt's parent mechanism

    def redo(self) -> None:
        for step in self._steps:
            step.redo()

    def undo(self) -> None:
        for step in reversed(self._steps):
            step.undo()
