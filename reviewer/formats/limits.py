"""Size limits that keep a hostile or mistaken file from exhausting time or memory."""

from __future__ import annotations

from reviewer.core.errors import ReviewerError

MAX_FILE_BYTES = 256 * 1024 * 1024
# No real paragraph comes near this; scoring and sentence splitting would stall on it.
MAX_LINE_CHARS = 100_000
# About 1,500 words: far beyond any sentence, and TER time grows steeply with length.
MAX_SEGMENT_CHARS = 10_000


def check_line_lengths(text: str, name: str) -> None:
    """Refuse text with a line longer than ``MAX_LINE_CHARS`` (naming the line)."""
    start = 0
    number = 1
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end < 0:
            end = length
        if end - start > MAX_LINE_CHARS:
            raise ReviewerError(f"{name}: line {number} is {end - start:,} characters long "
                                f"(the limit is {MAX_LINE_CHARS:,}); is this really text?")
        start = end + 1
        number += 1


def check_segment_length(text: str | None, where: str) -> None:
    """Refuse a segment longer than ``MAX_SEGMENT_CHARS``."""
    if text is not None and len(text) > MAX_SEGMENT_CHARS:
        raise ReviewerError(f"{where} is {len(text):,} characters long "
                            f"(the limit is {MAX_SEGMENT_CHARS:,})")
