"""Numbers as different locales write them: 1,000 = 1 000 = 1000 and 1,5 = 1.5."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

# digits with separators between them; a space, no-break space, narrow or thin space
# only groups thousands (the group after it has three digits)
_TOKEN = re.compile(r"\d+(?:[.,\u00a0\u202f\u2009 ]\d+)*")
_SPACES = "\u00a0\u202f\u2009 "
_GROUPED = re.compile(rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})*")  # 1, 12 000, 1 000 000
_THOUSANDS = re.compile(r"\d{3}(?!\d)")
_AT_SPACES = re.compile(f"([{_SPACES}])")
_MARKS = re.compile(r"[.,]")


@dataclass(frozen=True)
class Number:
    """A number in a text: what was written, where, and the values it may stand for."""

    written: str
    start: int
    end: int
    values: frozenset[str]  # "1000", "1.5"; two when ambiguous (1,000 or 1.000)


def numbers_in(text: str) -> list[Number]:
    """The numbers of ``text`` in order."""
    return [number for match in _TOKEN.finditer(text)
            for number in _split_at_spaces(match.group(), match.start())]


def _split_at_spaces(token: str, offset: int) -> Iterator[Number]:
    """A token cut where a space does not group thousands ("22 2015" is two numbers)."""
    if token.isdigit():
        yield _number(token, offset)
        return
    parts = _AT_SPACES.split(token)
    start, current = 0, parts[0]
    for separator, group in zip(parts[1::2], parts[2::2], strict=True):
        if _GROUPED.fullmatch(current) and _THOUSANDS.match(group):
            current += separator + group
            continue
        yield _number(current, offset + start)
        start += len(current) + len(separator)
        current = group
    yield _number(current, offset + start)


def _number(written: str, start: int) -> Number:
    return Number(written, start, start + len(written), _values(written))


def _digits(text: str) -> str:
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(char)) for char in text)


@lru_cache(maxsize=4096)
def _values(written: str) -> frozenset[str]:
    plain = _AT_SPACES.sub("", written)  # spaces only ever group thousands
    marks = _MARKS.findall(plain)
    groups = [_digits(group) for group in _MARKS.split(plain)]
    if not marks:
        return frozenset({_canonical(groups[0])})
    if len(set(marks)) == 2 and marks.count(marks[-1]) == 1:  # 1,234.5 or 1.234,5
        return frozenset({_canonical("".join(groups[:-1]), groups[-1])})
    if len(marks) == 1:
        decimal = _canonical(groups[0], groups[1])
        if len(groups[1]) == 3 and len(groups[0]) <= 3:  # 1,000 or 1,000 (a decimal)
            return frozenset({decimal, _canonical(groups[0] + groups[1])})
        return frozenset({decimal})
    if len(set(marks)) == 1 and len(groups[0]) <= 3 \
            and all(len(group) == 3 for group in groups[1:]):
        return frozenset({_canonical("".join(groups))})  # 1,000,000
    return frozenset({".".join(groups)})  # a date or a version: 22.10.2015, 1.2.3


def _canonical(whole: str, fraction: str = "") -> str:
    value = Decimal(f"{whole}.{fraction}" if fraction else whole)
    return format(value.normalize(), "f")


def missing_numbers(expected: list[Number], present: list[Number]) -> list[Number]:
    """Those of ``expected`` that ``present`` lacks, each occurrence counted."""
    unused = list(present)
    missing = []
    for number in expected:
        match = next((index for index, candidate in enumerate(unused)
                      if candidate.values & number.values), None)
        if match is None:
            missing.append(number)
        else:
            del unused[match]
    return missing
