"""What every command-line module shares: segment numbers, output, problems found."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from reviewer.core.errors import ReviewerError
from reviewer.core.visible import visible
from reviewer.session import ReviewSession


class ProblemsFoundError(Exception):
    """``verify`` or ``check`` found problems (already printed, one line each)."""


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


def print_json_lines(head: dict[str, object], key: str, lines: Iterable[str]) -> None:
    """``head`` as ``print_json`` writes it with ``key`` last: a list of the JSON texts
    ``lines``, one a line (a million rows indented by ``json`` would take minutes)."""
    out = sys.stdout
    if head:
        out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ",")
    else:
        out.write("{")
    out.write(f"\n  {json.dumps(key, ensure_ascii=False)}: [")
    separator = "\n    "
    chunk: list[str] = []
    for line in lines:
        chunk.append(separator)
        chunk.append(line)
        separator = ",\n    "
        if len(chunk) >= 2000:
            out.write("".join(chunk))
            chunk.clear()
    out.write("".join(chunk))
    out.write("]\n}\n" if separator == "\n    " else "\n  ]\n}\n")


def say(line: str) -> None:
    """Print a line that may hold names or text from the user or a file."""
    print(visible(line))
