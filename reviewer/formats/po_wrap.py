"""Lay out a PO string as GNU msgcat does, at the width the file itself was written with."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reviewer.formats.linebreak import char_width, possible_breaks, width_breaks

DEFAULT_WIDTH = 79  # msgcat's, and so xgettext's and msgmerge's, default
_NO_LIMIT = 1 << 30
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
            "\\": "\\", '"': '"'}
# Format directives gettext keeps on one line: each a pattern for one directive, whose
# group 1 tells numbered (or named) ones from the rest. gettext stops at the first directive
# that is not valid or that mixes the two kinds, and knows more languages than these two.
_DIRECTIVES = {
    "c-format": re.compile(r"%(\d+\$)?[-+ #0'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d*))?"
                           r"[hlLqjzZt]*(?:<PRI\w+>|[diouxXeEfFgGaAcCsSpnm%])"),
    "python-format": re.compile(r"%(\([^)]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]?"
                                r"[diouxXeEfFgGcrs%]"),
}


def _inside_directives(value: str, flags: Sequence[str]) -> set[int]:
    """Offsets in ``value`` inside a format directive (not its first character)."""
    pattern = next((_DIRECTIVES[name] for name in (flag.removeprefix("possible-")
                                                     for flag in flags) if name in _DIRECTIVES),
                   None)
    inside: set[int] = set()
    if pattern is None:
        return inside
    numbered: bool | None = None
    start = value.find("%")
    while start >= 0:
        match = pattern.match(value, start)
        if match is None:
            break
        if not match.group().endswith("%"):
            kind = match.group(1) is not None
            if numbered is not None and kind != numbered:
                break
            numbered = kind
        inside.update(range(start + 1, match.end()))
        start = value.find("%", match.end())
    return inside


def string_lines(keyword: str, value: str, width: int | None,
                 flags: Sequence[str] = ()) -> list[str]:
    """The lines (without line ends) msgcat writes for ``keyword "value"``.

    ``width`` is the page width (``msgcat -w``), None for ``--no-wrap``; ``flags`` are the
    entry's flags (``no-wrap`` and the format flags matter).
    """
    limit = (_NO_LIMIT if width is None or "no-wrap" in flags else width) - 2  # the quotes
    inside = _inside_directives(value, flags) if value else set()
    portions = [piece for piece in re.split(r"(?<=\n)", value) if piece] or [""]
    lines: list[str] = []
    first, offset = True, 0
    for number, portion in enumerate(portions):
        units: list[str] = []
        keep: list[bool] = []  # no break before this unit
        for index, char in enumerate(portion, start=offset):
            escape = _ESCAPES.get(char)
            units.extend(("\\", escape) if escape else (char,))
            keep.extend((index in inside, True) if escape else (index in inside,))
        offset += len(portion)
        if portion.endswith("\n"):
            keep[-2] = True
        text = "".join(units)
        codes = possible_breaks(text)
        while True:
            start = len(keyword) + 1 if first else 0
            breaks = width_breaks(text, limit, start, keep, codes)
            if first and text and (number < len(portions) - 1 or start > limit or any(breaks)):
                lines.append(f'{keyword} ""')
                first = False
                continue
            break
        pieces, begin = [], 0
        for index, here in enumerate(breaks):
            if here:
                pieces.append(text[begin:index])
                begin = index
        pieces.append(text[begin:])
        lines.extend(f'{keyword} "{piece}"' if first and not position else f'"{piece}"'
                     for position, piece in enumerate(pieces))
        first = False
    return lines


@dataclass(frozen=True)
class WrappedString:
    """A string as a file holds it: its keyword, value, entry flags and lines."""

    keyword: str
    value: str
    flags: tuple[str, ...]
    lines: tuple[str, ...]  # without line ends


def _columns(text: str) -> int:
    return len(text) if text.isascii() else sum(max(char_width(char), 0) for char in text)


def _broken_width(string: WrappedString) -> int:
    """The widest line the file broke inside a piece of text (not after a \\n), or 0."""
    widest = 0
    for index, line in enumerate(string.lines[:-1]):
        if (index == 0 and line.endswith(' ""')) or line.endswith('\\n"'):
            continue
        widest = max(widest, _columns(line))
    return widest


def detect_width(strings: Iterable[WrappedString], sample: int = 200) -> int | None:
    """The page width the file's strings were wrapped at, None if they were not wrapped.

    Tries msgcat's layout at likely widths on the strings whose layout depends on it,
    and keeps the one that reproduces the most (translations first); 79 when nothing tells.
    """
    telling: list[WrappedString] = []
    widest = 0
    for string in strings:
        if "no-wrap" in string.flags:
            continue
        widest = max(widest, _broken_width(string))
        if len(telling) < sample and (len(string.lines) > 1 or _columns(string.lines[0]) > 60):
            telling.append(string)
    if not telling:
        return DEFAULT_WIDTH
    candidates: list[int | None] = [DEFAULT_WIDTH, None, 76, 77, 78, 80]
    if widest:
        candidates[2:2] = [widest + extra for extra in range(4)]
    # translations among telling[i:], to give up on a width that can no longer win
    left = [0] * (len(telling) + 1)
    for number in range(len(telling) - 1, -1, -1):
        left[number] = left[number + 1] + telling[number].keyword.startswith("msgstr")
    best: tuple[int, int] = (-1, -1)
    chosen: int | None = DEFAULT_WIDTH
    for candidate in dict.fromkeys(candidates):
        translations = total = 0
        for number, string in enumerate(telling):
            if translations + left[number] < best[0]:
                break
            if list(string.lines) == string_lines(string.keyword, string.value, candidate,
                                                  string.flags):
                total += 1
                translations += string.keyword.startswith("msgstr")
        if (translations, total) > best:
            best, chosen = (translations, total), candidate
        if total == len(telling):
            break
    return chosen
