"""Make text safe to print on a terminal or store as UTF-8: hidden characters become escapes."""

from __future__ import annotations

import re

# C0 and C1 controls and DEL (terminal escapes, bells, line breaks), line and paragraph
# separators, bidi embeddings, overrides and isolates (they reorder what follows them),
# and lone surrogates (bytes that did not decode, from argv or a file name).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte itself
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` on one line with control, bidi and undecodable characters shown as escapes."""
    return _HIDDEN.sub(_escape, text)


def storable(text: str) -> str:
    """``text`` with undecodable bytes (surrogate escapes) written as ``\\xNN``: valid UTF-8."""
    return re.sub("[\ud800-\udfff]", _escape, text)
