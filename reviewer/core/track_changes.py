"""Track changes over three texts: the MT, the editor's correction of it and the reviewer's
change of that, as one run of parts marked by who deleted or inserted them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reviewer.core.diff import _opcodes, tokens

TrackKind = Literal["equal", "editor_delete", "editor_insert", "reviewer_delete",
                    "reviewer_insert"]
DELETES = ("editor_delete", "reviewer_delete")
INSERTS = ("editor_insert", "reviewer_insert")


@dataclass(frozen=True)
class TrackPart:
    """A run of text kept by both, or deleted or inserted by the editor or the reviewer."""

    kind: TrackKind
    text: str


def track_changes(mt: str, editor: str, reviewer: str) -> list[TrackPart]:
    """The editor's edits of ``mt`` and the reviewer's edits of ``editor`` in one run.

    Without the reviewer's parts it spells the editor's diff of the MT; the editor's text
    is every part but the MT words the editor deleted and the reviewer's insertions, the
    reviewer's text every part but the deletions.
    """
    a, b, c = tokens(mt), tokens(editor), tokens(reviewer)
    inserted = [False] * len(b)
    deleted_before: list[list[str]] = [[] for _ in range(len(b) + 1)]
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag != "equal":
            deleted_before[j1].extend(a[i1:i2])
            inserted[j1:j2] = [True] * (j2 - j1)
    parts: list[TrackPart] = []

    def emit(kind: TrackKind, text: str) -> None:
        if not text:
            return
        if parts and parts[-1].kind == kind:
            parts[-1] = TrackPart(kind, parts[-1].text + text)
        else:
            parts.append(TrackPart(kind, text))

    def editor_token(index: int, kind: TrackKind | None = None) -> None:
        emit("editor_delete", "".join(deleted_before[index]))
        emit(kind or ("editor_insert" if inserted[index] else "equal"), b[index])

    for tag, j1, j2, k1, k2 in _opcodes(b, c):
        for index in range(j1, j2):
            editor_token(index, None if tag == "equal" else "reviewer_delete")
        if tag != "equal":
            emit("reviewer_insert", "".join(c[k1:k2]))
    emit("editor_delete", "".join(deleted_before[len(b)]))
    return parts


def spaced(parts: list[TrackPart]) -> list[TrackPart]:
    """The parts with a space shown between a deleted word and the word inserted after it
    (as ``diff.for_display`` does), so the two never read as one word."""
    shown: list[TrackPart] = []
    for part in parts:
        previous = shown[-1] if shown else None
        if (previous is not None and previous.kind in DELETES and part.kind in INSERTS
                and not previous.text[-1:].isspace() and not part.text[:1].isspace()):
            shown.append(TrackPart("equal", " "))
        shown.append(part)
    return shown
