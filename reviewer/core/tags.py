"""Inline codes of a segment (XLIFF ``<g>``, ``<x/>``, TMX ``<bpt>``…) as protected tags.

A segment's stored text holds each inline code as one character of a private range,
``tag_char(i)``, standing for ``tags[i]`` of the segment's tag table (kept in its meta
under ``"tags"``). An open and its close are two entries sharing one number. Nothing
else in the app can split, type or half-delete such a character, so a tag is moved or
deleted whole. Text with no tag table holds no tags: a private character there is text.

For the command line and JSON the same text is written in one notation: ``<1>`` opens
tag 1, ``</1>`` closes it, ``<2/>`` is a standalone code. A literal ``<`` that would read
as a placeholder is written ``\\<``; backslashes just before a ``<`` are doubled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reviewer.core.errors import ReviewerError

TAG_BASE = 0x10F000  # Supplementary Private Use Area-B: no script or font uses it
MAX_TAGS = 4000
OPEN, CLOSE, CODE = "open", "close", "code"
META_KEY = "tags"

_TAG_RANGE = f"[{chr(TAG_BASE)}-{chr(TAG_BASE + MAX_TAGS - 1)}]"
_TAG_CHAR = re.compile(_TAG_RANGE)
_PLACEHOLDER = re.compile(r"<(?:(\d{1,6})|/(\d{1,6})|(\d{1,6})/)>")
_SLASHES_BEFORE_ANGLE = re.compile(r"(\\*)<")
# a run of tags with the whitespace around it, for scoring
_TAG_RUN = re.compile(rf"\s*(?:{_TAG_RANGE}\s*)+")


@dataclass(frozen=True)
class InlineTag:
    """One tag of a segment: what it shows, and the markup it stands for."""

    number: int  # an open and its close share it
    kind: str  # OPEN, CLOSE or CODE
    name: str  # the element it came from: g, x, bpt, ph, pc, mrk...
    markup: str  # the original markup, shown on hover and written back
    in_source: bool = True  # the source has it (a tag only the MT had is extra)
    nests: bool = False  # an element holding text (g, pc, mrk): its pair must nest

    @property
    def placeholder(self) -> str:
        """The tag in the text notation."""
        if self.kind == OPEN:
            return f"<{self.number}>"
        if self.kind == CLOSE:
            return f"</{self.number}>"
        return f"<{self.number}/>"

    def to_data(self) -> dict[str, object]:
        """The tag as JSON-ready data for a segment's meta."""
        data: dict[str, object] = {"n": self.number, "k": self.kind, "name": self.name,
                                   "xml": self.markup}
        if not self.in_source:
            data["src"] = False
        if self.nests:
            data["nest"] = True
        return data

    @classmethod
    def from_data(cls, data: dict[str, object]) -> InlineTag:
        """The tag from ``to_data``'s form."""
        return cls(number=int(str(data["n"])), kind=str(data["k"]), name=str(data["name"]),
                   markup=str(data["xml"]), in_source=bool(data.get("src", True)),
                   nests=bool(data.get("nest", False)))


def tag_char(index: int) -> str:
    """The character standing for entry ``index`` of a segment's tag table."""
    if not 0 <= index < MAX_TAGS:
        raise ReviewerError(f"a segment may hold at most {MAX_TAGS} inline tags")
    return chr(TAG_BASE + index)


def tag_index(char: str) -> int | None:
    """The table entry a character stands for, or None for text."""
    index = ord(char) - TAG_BASE
    return index if 0 <= index < MAX_TAGS else None


def has_tag_chars(text: str) -> bool:
    """Whether ``text`` holds a character of the tag range."""
    return _TAG_CHAR.search(text) is not None


def tags_of(meta: dict[str, object] | None) -> list[InlineTag]:
    """A segment's tag table from its meta (empty when it has none)."""
    raw = (meta or {}).get(META_KEY)
    if not isinstance(raw, list):
        return []
    return [InlineTag.from_data(item) for item in raw if isinstance(item, dict)]


def tags_data(tags: Sequence[InlineTag]) -> list[dict[str, object]]:
    """The tag table as it goes into a segment's meta."""
    return [tag.to_data() for tag in tags]


def tags_in(text: str, tags: Sequence[InlineTag]) -> list[tuple[int, InlineTag]]:
    """The tags ``text`` holds, in order, with their table index."""
    found = []
    for match in _TAG_CHAR.finditer(text):
        index = ord(match.group()) - TAG_BASE
        if index < len(tags):
            found.append((index, tags[index]))
    return found


def plain_text(text: str) -> str:
    """The words the editor sees, tags removed: what every score is computed on.

    Where a run of tags stood between two spaces one space is left, and at either end
    of the text the space beside a tag goes with it: ``a <x/> b`` scores as ``a b``.
    """
    if _TAG_CHAR.search(text) is None:
        return text

    def keep(match: re.Match[str]) -> str:
        if match.start() == 0 or match.end() == len(text):
            return ""
        space = re.search(r"\s", match.group())
        return "" if space is None else space.group()

    return _TAG_RUN.sub(keep, text)


# --- the text notation ---------------------------------------------------------------

def _escape_literal(text: str, tag_follows: bool) -> str:
    """Literal text in the notation: a ``<`` that would read as a placeholder escaped.

    Slashes right before a ``<`` are doubled, as are slashes ending text a tag follows.
    """

    def escape(match: re.Match[str]) -> str:
        looks_like_tag = _PLACEHOLDER.match(text, match.end() - 1) is not None
        return "\\" * (2 * len(match.group(1)) + looks_like_tag) + "<"

    escaped = _SLASHES_BEFORE_ANGLE.sub(escape, text)
    if tag_follows:
        escaped += "\\" * (len(escaped) - len(escaped.rstrip("\\")))
    return escaped


def to_notation(text: str, tags: Sequence[InlineTag]) -> str:
    """The segment text with tags as ``<1>``, ``</1>``, ``<2/>`` and literals escaped."""
    parts: list[str] = []
    position = 0
    for match in _TAG_CHAR.finditer(text):
        index = ord(match.group()) - TAG_BASE
        if index >= len(tags):
            continue  # a private character in a segment without that tag is text
        parts.append(_escape_literal(text[position:match.start()], tag_follows=True))
        parts.append(tags[index].placeholder)
        position = match.end()
    parts.append(_escape_literal(text[position:], tag_follows=False))
    return "".join(parts)


def from_notation(notation: str, tags: Sequence[InlineTag], where: str = "the text") -> str:
    """Segment text from the notation; a placeholder the segment lacks is an error."""
    if has_tag_chars(notation):
        raise ReviewerError(f"{where} holds a character of the private range reviewer keeps "
                            "for tags; write tags as <1>, </1>, <2/>")
    by_placeholder = {tag.placeholder: tag_char(index) for index, tag in enumerate(tags)}
    parts: list[str] = []
    position = 0
    while (match := _SLASHES_BEFORE_ANGLE.search(notation, position)) is not None:
        parts.append(notation[position:match.start()])
        slashes = len(match.group(1))
        parts.append("\\" * (slashes // 2))
        position = match.end()
        placeholder = _PLACEHOLDER.match(notation, match.end() - 1)
        if slashes % 2 == 1 or placeholder is None:
            parts.append("<")
            continue
        char = by_placeholder.get(placeholder.group())
        if char is None:
            raise ReviewerError(_unknown_placeholder(placeholder.group(), tags, where))
        parts.append(char)
        position = placeholder.end()
    parts.append(notation[position:])
    return "".join(parts)


def _unknown_placeholder(placeholder: str, tags: Sequence[InlineTag], where: str) -> str:
    if not tags:
        return (f"{where} names the tag {placeholder} but the segment has no tags; "
                f"write \\{placeholder} for the literal text")
    known = ", ".join(dict.fromkeys(tag.placeholder for tag in tags))
    return (f"{where} names the tag {placeholder}, which the segment does not have "
            f"(it has {known}); write \\{placeholder} for the literal text")


# --- checking a correction's tags against the source ---------------------------------

@dataclass(frozen=True)
class TagProblem:
    """One thing wrong with a correction's tags."""

    kind: str  # missing, extra, duplicated, unpaired, misordered
    message: str
    breaks_markup: bool = False  # the target could not be written as well-formed markup


def check_tags(text: str, tags: Sequence[InlineTag]) -> list[TagProblem]:
    """What is wrong with the tags of ``text`` compared with the source's tags."""
    if not tags:
        return []
    present = tags_in(text, tags)
    problems: list[TagProblem] = []
    counts: dict[int, int] = {}
    for index, _tag in present:
        counts[index] = counts.get(index, 0) + 1
    for index, tag in enumerate(tags):
        seen = counts.get(index, 0)
        if tag.in_source and seen == 0:
            problems.append(TagProblem("missing", f"tag {tag.placeholder} is missing"))
        elif not tag.in_source and seen:
            problems.append(TagProblem("extra", f"tag {tag.placeholder} is not in the source",
                                       breaks_markup=False))
        if seen > 1:
            problems.append(TagProblem("duplicated", f"tag {tag.placeholder} appears {seen} "
                                       "times", breaks_markup=tag.nests))
    problems.extend(_pairing_problems(present))
    return problems


def _pairing_problems(present: Iterable[tuple[int, InlineTag]]) -> list[TagProblem]:
    problems: list[TagProblem] = []
    open_stack: list[InlineTag] = []
    opened: dict[int, InlineTag] = {}
    closed: set[int] = set()
    for _index, tag in present:
        if tag.kind == OPEN:
            opened[tag.number] = tag
            open_stack.append(tag)
        elif tag.kind == CLOSE:
            if tag.number not in opened:
                problems.append(TagProblem(
                    "misordered" if _has_open_later(tag, present) else "unpaired",
                    f"tag {tag.placeholder} closes before its {_open_of(tag)} opens"
                    if _has_open_later(tag, present) else
                    f"tag {tag.placeholder} has no {_open_of(tag)}", breaks_markup=tag.nests))
                continue
            closed.add(tag.number)
            if open_stack and open_stack[-1].number == tag.number:
                open_stack.pop()
            else:
                crossing = [t for t in open_stack if t.number != tag.number]
                open_stack = [t for t in open_stack if t.number != tag.number]
                if crossing:
                    problems.append(TagProblem(
                        "misordered", f"tags {crossing[-1].placeholder} and "
                        f"{tag.placeholder} cross", breaks_markup=tag.nests
                        or crossing[-1].nests))
    for tag in open_stack:
        if tag.number not in closed:
            problems.append(TagProblem("unpaired", f"tag {tag.placeholder} is not closed "
                                       f"(</{tag.number}> is missing)", breaks_markup=tag.nests))
    return problems


def _open_of(tag: InlineTag) -> str:
    return f"<{tag.number}>"


def _has_open_later(close: InlineTag, present: Iterable[tuple[int, InlineTag]]) -> bool:
    items = [tag for _index, tag in present]
    seen_close = False
    for tag in items:
        if tag is close:
            seen_close = True
        elif seen_close and tag.kind == OPEN and tag.number == close.number:
            return True
    return False


def describe_problems(problems: Sequence[TagProblem]) -> str:
    """The problems as one line."""
    return "; ".join(problem.message for problem in problems)
