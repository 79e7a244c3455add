"""Where a line may break and how wide text is, as GNU libunistring (and so msgcat) decides.

A copy of the behaviour of libunistring 1.0's ``u8_possible_linebreaks`` and
``u8_width_linebreaks`` (UAX #14 with its pair table, complex scripts treated as letters,
ambiguous characters as in a non-CJK encoding), checked against the library itself by
tests/test_po_semantics.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from reviewer.formats.linebreak_table import CLASS_RUNS, WIDTH_RUNS

# the order of the letters in linebreak_table.CLASS_RUNS
CLASSES = ("BK", "CR", "CM", "ZWJ", "WJ", "ZW", "GL", "SP", "B2", "BA", "BB", "HY", "CL", "CP",
           "EX", "IN", "NS", "OP", "OW", "QU", "IS", "NU", "PO", "PR", "SY", "AL", "H2", "H3",
           "HL", "ID", "JL", "JV", "JT", "RI", "EB", "EM")
WIDTH_CODES = {-1: "w", 0: "x", 1: "y", 2: "z"}

PROHIBITED, POSSIBLE, MANDATORY = 1, 2, 3

# Between the class of the last character that is not a space (row) and the next one
# (column): D a break, I a break only if spaces come between, P none.
_PAIRS = (
    #  WJ GL B2 BA BB HY CL CP EX IN NS OP OW QU IS NU PO PR SY AL H2 H3 HL ID JL JV JT RI EB EM
    "WJ P  I  I  I  I  I  P  P  P  I  I  I  I  I  P  I  I  I  P  I  I  I  I  I  I  I  I  I  I  I",
    "GL P  I  I  I  I  I  P  P  P  I  I  I  I  I  P  I  I  I  P  I  I  I  I  I  I  I  I  I  I  I",
    "B2 P  I  P  I  D  I  P  P  P  I  I  D  D  I  P  D  D  D  P  D  D  D  D  D  D  D  D  D  D  D",
    "BA P  D  D  I  D  I  P  P  P  I  I  D  D  I  P  D  D  D  P  D  D  D  D  D  D  D  D  D  D  D",
    "BB P  I  I  I  I  I  P  P  P  I  I  I  I  I  P  I  I  I  P  I  I  I  I  I  I  I  I  I  I  I",
    "HY P  D  D  I  D  I  P  P  P  I  I  D  D  I  P  I  D  D  P  D  D  D  D  D  D  D  D  D  D  D",
    "CL P  I  D  I  D  I  P  P  P  I  P  D  D  I  P  D  I  I  P  D  D  D  D  D  D  D  D  D  D  D",
    "CP P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  I  I  I  P  I  D  D  I  D  D  D  D  D  D  D",
    "EX P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  D  D  P  D  D  D  D  D  D  D  D  D  D  D",
    "IN P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  D  D  P  D  D  D  D  D  D  D  D  D  D  D",
    "NS P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  D  D  P  D  D  D  D  D  D  D  D  D  D  D",
    "OP P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P",
    "OW P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P  P",
    "QU P  I  I  I  I  I  P  P  P  I  I  P  P  I  P  I  I  I  P  I  I  I  I  I  I  I  I  I  I  I",
    "IS P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  I  D  D  P  D  D  D  D  D  D  D  D  D  D  D",
    "NU P  I  D  I  D  I  P  P  P  I  I  I  D  I  P  I  I  I  P  I  D  D  I  D  D  D  D  D  D  D",
    "PO P  I  D  I  D  I  P  P  P  I  I  I  I  I  P  I  D  D  P  I  D  D  I  D  D  D  D  D  D  D",
    "PR P  I  D  I  D  I  P  P  P  I  I  I  I  I  P  I  D  D  P  I  I  I  I  I  I  I  I  D  I  I",
    "SY P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  I  D  D  P  D  D  D  I  D  D  D  D  D  D  D",
    "AL P  I  D  I  D  I  P  P  P  I  I  I  D  I  P  I  I  I  P  I  D  D  I  D  D  D  D  D  D  D",
    "H2 P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  I  D  P  D  D  D  D  D  D  I  I  D  D  D",
    "H3 P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  I  D  P  D  D  D  D  D  D  D  I  D  D  D",
    "HL P  I  D  I  D  I  P  P  P  I  I  I  D  I  P  I  I  I  P  I  D  D  I  D  D  D  D  D  D  D",
    "ID P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  I  D  P  D  D  D  D  D  D  D  D  D  D  D",
    "JL P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  I  D  P  D  I  I  D  D  I  I  D  D  D  D",
    "JV P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  I  D  P  D  D  D  D  D  D  I  I  D  D  D",
    "JT P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  I  D  P  D  D  D  D  D  D  D  I  D  D  D",
    "RI P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  D  D  P  D  D  D  D  D  D  D  D  I  D  D",
    "EB P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  I  D  P  D  D  D  D  D  D  D  D  D  D  I",
    "EM P  I  D  I  D  I  P  P  P  I  I  D  D  I  P  D  I  D  P  D  D  D  D  D  D  D  D  D  D  D",
)
_COLUMNS = [row.split()[0] for row in _PAIRS]  # the rows are in the columns' order
_TABLE = {row.split()[0]: dict(zip(_COLUMNS, row.split()[1:], strict=True)) for row in _PAIRS}
_RUN = re.compile(r"(\d+)(\D)")


def _decode(runs: str) -> tuple[list[int], list[str]]:
    starts, values, point = [], [], 0
    for distance, value in _RUN.findall(runs.replace("\n", "")):
        point += int(distance)
        starts.append(point)
        values.append(value)
    return starts, values


@cache
def _tables() -> tuple[list[int], list[str], list[int], list[int]]:
    class_starts, letters = _decode(CLASS_RUNS)
    width_starts, codes = _decode(WIDTH_RUNS)
    names = [CLASSES[ord(letter) - (ord("A") if letter < "a" else ord("a") - 26)]
             for letter in letters]
    widths = {code: value for value, code in WIDTH_CODES.items()}
    return class_starts, names, width_starts, [widths[code] for code in codes]


_CLASS: dict[str, str] = {}  # filled as characters are met
_WIDTH: dict[str, int] = {}


def line_class(char: str) -> str:
    """The character's line-break class as libunistring resolves it."""
    name = _CLASS.get(char)
    if name is None:
        class_starts, names, _, _ = _tables()
        point = ord(char)
        name = names[bisect_right(class_starts, point) - 1]
        if name == "H3" and 0xAC00 <= point <= 0xD7A3 and (point - 0xAC00) % 28 == 0:
            name = "H2"
        _CLASS[char] = name
    return name


def char_width(char: str) -> int:
    """Columns the character takes: 0 for combining marks, 2 for wide ones, -1 for controls."""
    width = _WIDTH.get(char)
    if width is None:
        _, _, width_starts, widths = _tables()
        width = _WIDTH[char] = widths[bisect_right(width_starts, ord(char)) - 1]
    return width


def possible_breaks(text: str) -> list[int]:
    """Per character: PROHIBITED, POSSIBLE (a break before it) or MANDATORY (it ends a line)."""
    result = [PROHIBITED] * len(text)
    last = "BK"  # the class of the last character that is not a space
    spaces = joined = attached = False  # spaces since it; after ZWJ; a mark on it
    hebrew_hyphen = False  # it is a hyphen right after a Hebrew letter (UAX #14 LB21a)
    regional = 0  # regional indicators in a row, for flag pairs
    classes = _CLASS
    for index, char in enumerate(text):
        kind = classes.get(char) or line_class(char)
        if kind == "BK" or kind == "CR":
            result[index] = MANDATORY
            last, spaces, joined, hebrew_hyphen, regional = "BK", False, False, False, 0
            continue
        if kind == "SP":
            spaces = True
            continue
        if kind == "ZW":
            last, spaces, joined, hebrew_hyphen, regional = "ZW", False, False, False, 0
            continue
        if kind in ("CM", "ZWJ"):
            if last not in ("BK", "ZW") and not spaces:  # a mark on the character before
                joined, attached, hebrew_hyphen, regional = kind == "ZWJ", True, False, 0
                continue
            result[index] = PROHIBITED if last == "BK" else POSSIBLE
            last, spaces, joined, hebrew_hyphen, regional = "AL", False, kind == "ZWJ", False, 0
            continue
        if last == "BK" or (joined and not spaces) or (hebrew_hyphen and not spaces):
            rule = "P"
        elif last == "ZW":
            rule = "D"
        else:
            rule = _TABLE[last][kind]
            if last == kind == "RI" and not spaces and regional % 2 == 0:
                rule = "D"
        result[index] = POSSIBLE if rule == "D" or (rule == "I" and spaces) else PROHIBITED
        hebrew_hyphen = kind in ("HY", "BA") and last == "HL" and not spaces and not attached
        in_pair = kind == "RI" and last == "RI" and not spaces and not attached
        regional = regional + 1 if in_pair else int(kind == "RI")
        last, spaces, joined, attached = kind, False, kind == "ZWJ", False
    return result


def width_breaks(text: str, width: int, start_column: int,
                 overrides: Sequence[bool] | None = None,
                 codes: Sequence[int] | None = None) -> list[bool]:
    """Where to break ``text`` so that lines fit in ``width`` columns, greedily.

    ``overrides[i]`` forbids a break before character i. The first line starts at
    ``start_column``; a piece too long for any line stays whole. ``codes`` are
    ``possible_breaks(text)``, if already known.
    """
    if codes is None:
        codes = possible_breaks(text)
    widths = _WIDTH
    sizes = [widths.get(char, -2) for char in text]
    result = [False] * len(text)
    last_break: int | None = None
    column, piece = start_column, 0
    for index, code in enumerate(codes):
        if overrides is not None and overrides[index]:
            code = PROHIBITED
        if code != PROHIBITED:
            if last_break is not None and column + piece > width:
                result[last_break] = True
                column = 0
            if code == MANDATORY:
                last_break, column, piece = None, 0, 0
                continue
            last_break = index
            column += piece
            piece = 0
        size = sizes[index]
        if size == -2:
            size = char_width(text[index])
        if size > 0:
            piece += size
    if last_break is not None and column + piece > width:
        result[last_break] = True
    return result
