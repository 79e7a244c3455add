"""Effort carried over from an earlier sitting: a draft's, added to the typing after it."""

from __future__ import annotations

from difflib import SequenceMatcher

from reviewer.core.effort import Effort

_EXACT_LIMIT = 2_000  # characters of the changed middle compared exactly; beyond, counted


def added(first: Effort, second: Effort) -> Effort:
    """Both efforts together (two sittings on one edit)."""
    return Effort(first.editing_ms + second.editing_ms, first.insertions + second.insertions,
                  first.deletions + second.deletions, first.navigation + second.navigation)


def typed_between(before: str, after: str) -> tuple[int, int]:
    """The fewest characters typed and deleted to make ``after`` of ``before``
    (insertions, deletions): the keystrokes a draft took at least."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    old, new = before[start:len(before) - end], after[start:len(after) - end]
    if len(old) + len(new) > _EXACT_LIMIT:
        return len(new), len(old)
    kept = sum(block.size for block in
               SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks())
    return len(new) - kept, len(old) - kept


def draft_effort(saved: str, draft: str, editing_ms: int,
                 keystrokes: tuple[int, int, int] | None = None) -> Effort:
    """A draft's effort: the time and keys (insert, delete, navigate) saved with it; for a
    draft kept without its keys (before schema 8), the fewest keys it can have taken."""
    if keystrokes is not None:
        insertions, deletions, navigation = (max(0, key) for key in keystrokes)
        return Effort(max(0, editing_ms), insertions, deletions, navigation)
    insertions, deletions = typed_between(saved, draft)
    return Effort(max(0, editing_ms), insertions, deletions, 0)
