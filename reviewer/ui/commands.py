"""Undoable edits: each step writes a revision; undo writes the earlier text back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

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
        editing_ms: int = 0,
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
        self._editing_ms = editing_ms
        self._scored = scored

    def redo(self) -> None:
        text, status = self._new
        result = self._session.edit(self._position, text, self._author, status,
                                    self._editing_ms, self._scored)
        self._editing_ms, self._scored = 0, None  # first time only
        if result.revision is None and self._old == (result.segment.text, result.segment.status):
            self.setObsolete(True)  # nothing changed: nothing to undo
        self._apply(result)

    def undo(self) -> None:
        text, status = self._old
        self._apply(self._session.edit(self._position, text, self._author, status))
