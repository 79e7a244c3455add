"""Where a segment's texts split in two, and how two segments' texts and tags join.

Offsets count characters of the stored text, each inline tag one character (the window's
cursor positions; ``<1>`` in the command line's notation is one character too). White
space around a split point goes between the parts, so ``left + join + right`` is the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from reviewer.core.errors import ReviewerError
from reviewer.core.status import DONE_STATUSES, SegmentStatus
from reviewer.core.tags import OPEN, InlineTag, tags_in

PART_KEY = "part"  # in a segment's meta: {"origin": id, "source_join": text}


@dataclass(frozen=True)
class Cut:
    """A text split at a point: ``left + join + right`` is the text; join is white space."""

    left: str
    join: str
    right: str


def cut(text: str, offset: int, where: str, role: str, allow_empty: bool = False) -> Cut:
    """``text`` (the ``role`` of segment ``where``) split at ``offset``; an empty or blank
    side is refused unless allowed."""
    low, high = (0, len(text)) if allow_empty else (1, len(text) - 1)
    if not low <= offset <= high:
        span = f"{low} to {high}" if low <= high else "none: it is too short to split"
        raise ReviewerError(f"{where}: offset {offset} is not inside the {role} ({span}; "
                            "characters before the split, each tag one)")
    left, right = text[:offset].rstrip(), text[offset:].lstrip()
    if not allow_empty and (not left or not right):
        raise ReviewerError(f"{where}: splitting the {role} at {offset} leaves nothing but "
                            "white space on one side")
    return Cut(left, text[len(left):len(text) - len(right)], right)


def refuse_separated_pairs(piece: Cut, tags: Sequence[InlineTag], what: str) -> None:
    """A split must leave each tag's open and close in one part."""
    opened = {tag.number for _index, tag in tags_in(piece.left, tags) if tag.kind == OPEN}
    closed_left = {tag.number for _index, tag in tags_in(piece.left, tags) if tag.kind != OPEN}
    closing = {tag.number for _index, tag in tags_in(piece.right, tags) if tag.kind != OPEN}
    for number in sorted((opened - closed_left) & closing):
        raise ReviewerError(f"{what}: the split would separate tag <{number}> from "
                            f"</{number}>; split before or after the pair")


def part_tags(tags: Sequence[InlineTag], mine: str, other: str,
              first: bool) -> list[InlineTag]:
    """A part's tag table: the whole table (tag characters keep their meaning), a tag
    counted as the source's only in the part whose ``mine`` text (source, else MT) holds
    it; one that neither part holds stays as it was in the first part."""
    present = {index for index, _tag in tags_in(mine, tags)}
    elsewhere = {index for index, _tag in tags_in(other, tags)}
    return [replace(tag, in_source=tag.in_source and (
        index in present or (first and index not in elsewhere)))
        for index, tag in enumerate(tags)]


def joined_tags(first: Sequence[InlineTag], second: Sequence[InlineTag]) -> list[InlineTag]:
    """The table of two parts of one segment joined: a tag is the source's if either says so."""
    return [replace(a, in_source=a.in_source or b.in_source) for a, b in zip(first, second,
                                                                             strict=True)]


def same_table(first: Sequence[InlineTag], second: Sequence[InlineTag]) -> bool:
    """Whether two segments' tag tables stand for the same tags (parts of one segment)."""
    return [replace(tag, in_source=True) for tag in first] == \
        [replace(tag, in_source=True) for tag in second]


def corresponding_offset(text: str, other: str, offset: int) -> int:
    """The offset in ``other`` that lines up with ``offset`` in ``text`` (a character
    alignment), moved to the nearest white space so words stay whole."""
    if text == other:
        return offset
    matcher = SequenceMatcher(None, text, other, autojunk=False)
    mapped = len(other)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if a_start <= offset <= a_end:
            mapped = b_start + min(offset - a_start, b_end - b_start) if tag == "equal" \
                else (b_start if offset == a_start else b_end)
            break
    spaces = [i for i, char in enumerate(other) if char.isspace()]
    if not spaces or (mapped < len(other) and other[mapped].isspace()):
        return mapped
    return min(spaces, key=lambda i: abs(i - mapped))


def merged_status(first: str, second: str) -> str:
    """Two parts' statuses as one: the same stays; both done is confirmed; else edited."""
    if first == second:
        return first
    done = {first, second} <= DONE_STATUSES
    return SegmentStatus.CONFIRMED if done else SegmentStatus.EDITED
