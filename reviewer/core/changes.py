"""Saved changes of segments, kept so that undo and redo can write them again."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.scoring import SegmentStats


@dataclass(frozen=True)
class TextState:
    """A segment's text and status."""

    text: str
    status: str


@dataclass(frozen=True)
class Change:
    """One saved change of one segment: its state before and after."""

    position: int
    before: TextState
    after: TextState


@dataclass(frozen=True)
class BatchItem:
    """One segment of a batch, with the statistics of both states (None: pending) so
    that undoing or redoing the batch scores nothing again."""

    position: int
    before: TextState
    after: TextState
    before_stats: SegmentStats | None
    after_stats: SegmentStats | None

    def state(self, forward: bool) -> tuple[TextState, SegmentStats | None]:
        """The state redo (``forward``) or undo writes, with its statistics."""
        return (self.after, self.after_stats) if forward else (self.before, self.before_stats)


@dataclass(frozen=True)
class Batch:
    """Changes of many segments saved as one step (replace all)."""

    label: str
    items: tuple[BatchItem, ...]
    matches: int = 0  # occurrences replaced

    @property
    def positions(self) -> list[int]:
        """The segments it changes, in document order."""
        return [item.position for item in self.items]
