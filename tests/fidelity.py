"""Where an exported file differs from its input, to check an export changed only what it should."""

from __future__ import annotations

import difflib


def changed_regions(before: str, after: str) -> list[tuple[int, int]]:
    """Spans of ``before`` (start, end) that ``after`` replaced, deleted or inserted at.

    Lines are compared first and only changed lines character by character, so big
    files stay fast; an insertion is a span of length 0 at its position.
    """
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    regions: list[tuple[int, int]] = []
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        old = "".join(old_lines[i1:i2])
        new = "".join(new_lines[j1:j2])
        chars = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for op, a1, a2, _b1, _b2 in chars.get_opcodes():
            if op != "equal":
                regions.append((starts[i1] + a1, starts[i1] + a2))
    return regions


Spans = list[tuple[int, int]]


def outside(regions: Spans, allowed: Spans) -> Spans:
    """The regions not within any allowed span (an insertion may sit at either end)."""
    return [(start, end) for start, end in regions
            if not any(low <= start and end <= high for low, high in allowed)]
