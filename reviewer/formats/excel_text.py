"""The code page of a table Excel saved as "CSV" on a Western Windows: cp1252."""

from __future__ import annotations

from reviewer.core.errors import ReviewerError
from reviewer.formats.encoding import decode


def excel_encoding(data: bytes) -> str | None:
    """``cp1252`` for bytes that are neither UTF-8, nor marked, nor clearly Cyrillic but
    are cp1252 throughout; else None (the usual decoding, and its errors, apply)."""
    try:
        decode(data, "")
    except ReviewerError:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return None
        return None if b"\x00" in data else "cp1252"
    return None
