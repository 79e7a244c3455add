"""Repetitions: segments with the same source (the same MT when there is no source).

Texts are compared exactly, white space included: the store finds them by an index on
the text as imported, and a source that differs in its spaces or line breaks may want a
correction that differs in them too.
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.core.status import NOT_CONFIRMED, SegmentStatus
from reviewer.core.tags import InlineTag


def key_column(has_source: bool) -> str:
    """What repetitions share: the ``source`` column, or ``mt`` without a source."""
    return "source" if has_source else "mt"


def repetition_key(source: str | None, mt: str, has_source: bool) -> str | None:
    """The text a segment's repetitions share (None: a blank one has none)."""
    key = source if has_source else mt
    return key if key is not None and key.strip() else None


def takes_propagation(status: str) -> bool:
    """Whether propagation may overwrite a segment in ``status``: any not confirmed (an
    imported post-edit too); a confirmed, reviewed or locked one is the editor's word."""
    return status in NOT_CONFIRMED


def propagated_status(status: str) -> SegmentStatus:
    """The status repetitions get from a segment in ``status``: confirmed from a confirmed
    (or reviewed) segment, edited from any other."""
    done = status in (SegmentStatus.CONFIRMED, SegmentStatus.REVIEWED)
    return SegmentStatus.CONFIRMED if done else SegmentStatus.EDITED


def same_tags(ours: Sequence[InlineTag], theirs: Sequence[InlineTag]) -> bool:
    """Whether a text with our tags means the same tags in the other segment (their
    markup, such as ids, may differ)."""
    return [(t.number, t.kind, t.name) for t in ours] == \
        [(t.number, t.kind, t.name) for t in theirs]
