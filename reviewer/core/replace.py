"""Find and replace over segment texts (plain text or regular expressions)."""

from __future__ import annotations

import re

from reviewer.core.errors import ReviewerError


def compile_pattern(find: str, regex: bool = False, match_case: bool = True,
                    whole_word: bool = False) -> re.Pattern[str]:
    """The search as a compiled pattern; a bad regular expression is a clear error."""
    if not find:
        raise ReviewerError("nothing to find: the search text is empty")
    flags = 0 if match_case else re.IGNORECASE
    body = find if regex else re.escape(find)
    if whole_word:  # not \b: a search may start or end with punctuation
        body = rf"(?<!\w)(?:{body})(?!\w)"
    try:
        return re.compile(body, flags)
    except re.error as error:
        raise ReviewerError(f"not a valid regular expression: {error}") from error


def replace_text(pattern: re.Pattern[str], replacement: str, text: str,
                 regex: bool = False) -> tuple[str, int]:
    """``text`` with every match replaced, and how many there were."""
    try:
        if regex:
            return pattern.subn(replacement, text)
        return pattern.subn(lambda _match: replacement, text)
    except (re.error, IndexError) as error:
        raise ReviewerError(f"bad replacement {replacement!r}: {error}") from error
