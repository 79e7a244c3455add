"""A segment's status: the one list every layer (store, session, formats, CLI, window) uses."""

from __future__ import annotations

from enum import Enum


class SegmentStatus(str, Enum):
    """Where a segment stands; the value is what the project file and JSON output hold."""

    def __str__(self) -> str:
        return self.value

    NEW = "new"  # no revision yet: the text is the MT
    IMPORTED = "imported"  # a post-edit that came with the input file
    DRAFT = "draft"  # typed in the window, not yet saved (never stored as a revision)
    EDITED = "edited"  # saved but not confirmed, e.g. when the editor moved on
    CONFIRMED = "confirmed"
    REVIEWED = "reviewed"  # a reviewer accepted the editor's text (or their own edit)
    REJECTED = "rejected"  # a reviewer sent it back to the editor, with a comment
    LOCKED = "locked"  # shown for units the client marked translate="no"


DONE_STATUSES = frozenset(
    {SegmentStatus.CONFIRMED, SegmentStatus.IMPORTED, SegmentStatus.REVIEWED})
NOT_CONFIRMED = frozenset({SegmentStatus.NEW, SegmentStatus.IMPORTED, SegmentStatus.DRAFT,
                           SegmentStatus.EDITED, SegmentStatus.REJECTED})
