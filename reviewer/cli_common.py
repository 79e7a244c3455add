"""What every command-line module shares: segment numbers and JSON output."""

from __future__ import annotations

import json
import sys

from reviewer.core.errors import ReviewerError
from reviewer.session import ReviewSession


def segment_position(session: ReviewSession, number: int) -> int:
    """The 0-based position of segment ``number`` (from 1), or a one-line error."""
    count = session.segment_count()
    if not 1 <= number <= count:
        raise ReviewerError(f"no segment {number}: the project has segments 1 to {count}")
    return number - 1


def print_json(data: object) -> None:
    """``data`` as indented JSON on standard output, text as it is (not escaped)."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
