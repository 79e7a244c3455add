"""Undo steps for MQM annotations: add, change and delete, each already saved when pushed.

``SavingUndoStack`` calls ``write`` before it moves (so a failed save leaves the stack
where the file is); undo of an add deletes, undo of a delete restores, undo of a change
writes the earlier values as a new revision.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reviewer.core.mqm import Annotation

Write = Callable[[], Annotation]
Show = Callable[[int], None]  # the segment a step changed, to go to and show again


class AnnotationCommand(QUndoCommand):
    """One annotation change; ``forward`` writes its redo, ``backward`` its undo."""

    def __init__(self, label: str, position: int, forward: Write, backward: Write,
                 show: Show) -> None:
        super().__init__(label)
        self.position = position
        self._forward = forward
        self._backward = backward
        self._show = show
        self._written = True  # saved before it was pushed: the first redo only shows

    def write(self, forward: bool) -> None:
        """Save the state redo (``forward``) or undo brings; the stack moves after."""
        (self._forward if forward else self._backward)()
        self._written = True

    def redo(self) -> None:
        self._move(forward=True)

    def undo(self) -> None:
        self._move(forward=False)

    def _move(self, forward: bool) -> None:
        if not self._written:  # moved by Qt itself, not through SavingUndoStack
            self.write(forward)
        self._written = False
        self._show(self.position)
