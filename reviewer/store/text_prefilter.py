"""SQL that finds, without reading a row into Python, every text a literal search can match
(a superset the search itself then checks): LIKE patterns that keep what LIKE folds as
Python's ``re.IGNORECASE`` does, or ``instr`` when case counts."""

from __future__ import annotations

import functools
import re

from reviewer.core.filtering import TextQuery

_LAST = 0x20000  # no cased character lies beyond (the Adlam block ends at U+1E95F)


# the ASCII letters a case-blind search matches with a character beyond ASCII too (the
# dotted capital and dotless small i, the Kelvin sign, the long s); a test checks it
ASCII_WITH_OTHERS = {"i": "İı", "k": "\u212a", "s": "ſ"}


@functools.cache
def _characters() -> str:
    """Every character below ``_LAST`` but the surrogates: what a search is tried on."""
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, _LAST)))


@functools.cache
def same_letter(character: str) -> str:
    """Every character a case-blind search for ``character`` matches (itself included)."""
    found = {match.group() for match in
             re.finditer(re.escape(character), _characters(), re.IGNORECASE)}
    return "".join(sorted(found | {character}))


def like_for(needle: str, ascii_text: bool = False) -> str | None:
    """A LIKE pattern (escape ``\\``) matching every text that contains ``needle`` as a
    case-blind literal search finds it, and a few more: LIKE folds the case of ASCII
    letters alone, so a letter with other variants (``k`` and the Kelvin sign, ``i`` and
    ``İ``, any non-ASCII letter) matches any one character, unless ``ascii_text`` (the
    pattern for texts of ASCII characters only, where an ASCII letter's other variants
    cannot be); None for a NUL character."""
    if "\x00" in needle:
        return None
    pattern = []
    for character in needle:
        if character.isascii() and (ascii_text or character.lower() not in ASCII_WITH_OTHERS) \
                or not character.isascii() and same_letter(character) == character:
            pattern.append("\\" + character if character in "%_\\" else character)
        else:
            pattern.append("_")
    return "%" + "".join(pattern) + "%"


def prefilter(query: TextQuery, columns: dict[str, str]) -> tuple[str, list[object]]:
    """A SQL condition over ``columns`` (field name -> SQL expression) true for every row
    the query can match, with its parameters; ``1`` when only reading each row can tell
    (a regular expression)."""
    if query.regex:
        return "1 = 1", []
    pattern, ascii_pattern = like_for(query.text), like_for(query.text, ascii_text=True)
    if pattern is None or ascii_pattern is None:
        return "1 = 1", []
    chosen = [columns[field] for field in columns if field in query.fields]
    if not chosen:
        return "0", []
    if query.match_case:
        return ("(" + " OR ".join(f"instr({column}, ?) > 0" for column in chosen) + ")",
                [query.text] * len(chosen))
    if pattern == ascii_pattern:
        return "(" + " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for column in chosen) \
            + ")", [pattern] * len(chosen)
    # a text with a character beyond ASCII (more bytes than characters) may hold the other
    # variants: only the looser pattern leaves none of its matches out
    return "(" + " OR ".join(
        f"{column} LIKE ? ESCAPE '\\' OR (length(CAST({column} AS BLOB)) > length({column}) "
        f"AND {column} LIKE ? ESCAPE '\\')" for column in chosen) + ")", \
        [value for _column in chosen for value in (ascii_pattern, pattern)]
