"""Segment comments as the notes of a file format: XLIFF ``<note>``, PO ``#`` lines."""

from __future__ import annotations

from collections.abc import Iterable

from reviewer.core.comments import Comment


def signed(comment: Comment) -> str:
    """The comment as a format without an author field holds it: ``author: text``."""
    return f"{comment.author}: {comment.text}"


def po_comment_lines(comments: Iterable[Comment]) -> list[str]:
    """Translator comment lines (no line ends), each line of each comment its own ``#``."""
    return [f"# {line}" if line else "#"
            for comment in comments for line in signed(comment).split("\n")]
