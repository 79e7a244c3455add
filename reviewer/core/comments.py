"""Comments on segments: what one is, and what text and author name it may hold."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.errors import ReviewerError

MAX_COMMENT = 10_000  # characters; a comment is a remark, not a document


@dataclass(frozen=True)
class Comment:
    """A comment as it is now (its latest revision)."""

    id: int
    position: int  # the segment's, 0-based
    text: str
    author: str  # who wrote it first
    created_at: str
    resolved: bool
    revisions: int  # the first text, then one per edit, resolve or reopen
    updated_at: str
    updated_by: str


@dataclass(frozen=True)
class CommentRevision:
    """One stored state of a comment: nothing earlier is ever overwritten."""

    comment_id: int
    number: int
    text: str
    resolved: bool
    author: str
    created_at: str


def _refused(text: str, allowed: str) -> str | None:
    """The first character XML and PO lines cannot hold as written, if any."""
    for char in text:
        code = ord(char)
        if (code < 0x20 and char not in allowed) or 0xD800 <= code <= 0xDFFF \
                or code in (0xFFFE, 0xFFFF):
            return char
    return None


def clean_comment(text: str) -> str:
    """A comment's text as stored: line breaks as ``\\n``, no space around; else an error."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ReviewerError("a comment needs text")
    if len(text) > MAX_COMMENT:
        raise ReviewerError(f"a comment is longer than {MAX_COMMENT} characters "
                            f"({len(text)})")
    bad = _refused(text, "\t\n")
    if bad is not None:
        raise ReviewerError(f"a comment cannot hold the control character U+{ord(bad):04X}")
    return text


def clean_author(author: str) -> str:
    """An author name as stored: one line, not blank; else an error."""
    author = author.strip()
    if not author:
        raise ReviewerError("a comment needs an author name")
    bad = _refused(author, "")
    if bad is not None:
        raise ReviewerError(f"an author name cannot hold the control character "
                            f"U+{ord(bad):04X}")
    return author
