"""SQL that finds, without reading a row into Python, every text a literal search can match
(a superset the search itself then checks): GLOB patterns that spell out case as Python's
``re.IGNORECASE`` folds it, or ``instr`` when case counts."""

from __future__ import annotations

import functools
import re

from reviewer.core.filtering import TextQuery

_LAST = 0x20000  # no cased character lies beyond (the Adlam block ends at U+1E95F)


@functools.cache
def _characters() -> str:
    """Every character below ``_LAST`` but the surrogates: what a search is tried on."""
    return "".join(chr(code) for code in range(_LAST) if not 0xD800 <= code <= 0xDFFF)


@functools.cache
def _same_letter(character: str) -> str:
    """Every character a case-blind search for ``character`` matches (itself included)."""
    found = {match.group() for match in
             re.finditer(re.escape(character), _characters(), re.IGNORECASE)}
    return "".join(sorted(found | {character}))


def _glob_character(character: str, match_case: bool) -> str:
    variants = character if match_case else _same_letter(character)
    if len(variants) == 1:
        return f"[{character}]" if character in "*?[" else character
    # cased letters only: never ']', '^' or '-', which a class would read otherwise
    return "[" + variants + "]"


def glob_for(needle: str, match_case: bool) -> str | None:
    """A GLOB pattern matching every text that contains ``needle`` as a literal search
    finds it (None when SQL cannot hold it: a NUL character)."""
    if "\x00" in needle:
        return None
    return "*" + "".join(_glob_character(c, match_case) for c in needle) + "*"


def prefilter(query: TextQuery, columns: dict[str, str]) -> tuple[str, list[object]]:
    """A SQL condition over ``columns`` (field name -> SQL expression) true for every row
    the query can match, with its parameters; ``1`` when only reading each row can tell
    (a regular expression)."""
    if query.regex:
        return "1", []
    pattern = glob_for(query.text, query.match_case)
    if pattern is None:
        return "1", []
    chosen = [columns[field] for field in columns if field in query.fields]
    if not chosen:
        return "0", []
    if query.match_case:
        return ("(" + " OR ".join(f"instr({column}, ?) > 0" for column in chosen) + ")",
                [query.text] * len(chosen))
    return "(" + " OR ".join(f"{column} GLOB ?" for column in chosen) + ")", \
        [pattern] * len(chosen)
