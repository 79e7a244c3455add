"""Word-level differences between two texts (MT and correction, or two revisions)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Indel

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)

Kind = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class DiffPart:
    """A run of text that both sides share, or that only the old or new side has."""

    kind: Kind
    text: str


def tokens(text: str) -> list[str]:
    """Words, punctuation marks and runs of white space, in order."""
    return _TOKEN.findall(text)


# difflib takes time quadratic in the tokens (seconds on two 10,000-character segments of
# repeated words); past this product of token counts the diff is rapidfuzz's, in C
DIFFLIB_MAX_WORK = 250_000


def _opcodes(a: list[str], b: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    if len(a) * len(b) <= DIFFLIB_MAX_WORK:
        return difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    return [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
            for op in Indel.opcodes(a, b)]


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The edits that turn ``old`` into ``new``, as runs of equal, deleted and inserted text."""
    a, b = tokens(old), tokens(new)
    parts: list[DiffPart] = []

    def emit(kind: Kind, text: str) -> None:
        if not text:
            return
        if parts and parts[-1].kind == kind:
            parts[-1] = DiffPart(kind, parts[-1].text + text)
        else:
            parts.append(DiffPart(kind, text))

    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            emit("equal", "".join(a[i1:i2]))
        else:
            emit("delete", "".join(a[i1:i2]))
            emit("insert", "".join(b[j1:j2]))
    return parts


def for_display(parts: Sequence[DiffPart]) -> list[DiffPart]:
    """The parts with a space shown between a deleted word and the word inserted for it.

    ``garder`` → ``enregistrer`` would otherwise read as one struck-and-underlined word.
    """
    shown: list[DiffPart] = []
    for part in parts:
        previous = shown[-1] if shown else None
        if (previous is not None and previous.kind == "delete" and part.kind == "insert"
                and not previous.text[-1:].isspace() and not part.text[:1].isspace()):
            shown.append(DiffPart("equal", " "))
        shown.append(part)
    return shown


def diff_counts(parts: list[DiffPart]) -> tuple[int, int]:
    """Words deleted and inserted."""
    deleted = sum(len(re.findall(r"\w+", p.text)) for p in parts if p.kind == "delete")
    inserted = sum(len(re.findall(r"\w+", p.text)) for p in parts if p.kind == "insert")
    return deleted, inserted


