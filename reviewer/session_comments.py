"""Comments on segments: adding, editing, resolving and reopening them, and reading
them as they are now or were when a version was labelled."""

from __future__ import annotations

from reviewer.core.comments import Comment, CommentRevision, clean_author, clean_comment
from reviewer.session_history import CURRENT
from reviewer.session_reading import SessionReading


class SessionComments(SessionReading):
    """The comments of an open project."""

    def add_comment(self, position: int, text: str, author: str) -> Comment:
        """A new open comment on a segment, saved at once (refused when read-only)."""
        return self._store.add_comment(position, clean_comment(text), clean_author(author))

    def edit_comment(self, comment_id: int, text: str, author: str) -> Comment:
        """Change a comment's text; the earlier text stays in its history."""
        return self._store.revise_comment(comment_id, clean_comment(text), None,
                                          clean_author(author))

    def resolve_comment(self, comment_id: int, author: str) -> Comment:
        """Mark a comment resolved (nothing changes if it already is)."""
        return self._store.revise_comment(comment_id, None, True, clean_author(author))

    def reopen_comment(self, comment_id: int, author: str) -> Comment:
        """Mark a resolved comment open again (nothing changes if it is open)."""
        return self._store.revise_comment(comment_id, None, False, clean_author(author))

    def comment(self, comment_id: int) -> Comment:
        """One comment as it is now."""
        return self._store.comment(comment_id)

    def comments(self, position: int | None = None,
                 include_resolved: bool = False) -> list[Comment]:
        """Open comments (and resolved ones if asked) of one segment or of all."""
        if position is not None:
            self._store.segment(position)  # a clear error for a segment that does not exist
        return self._store.comments(position, include_resolved)

    def comment_history(self, comment_id: int) -> list[CommentRevision]:
        """Every revision of a comment, oldest first."""
        return self._store.comment_history(comment_id)

    def open_comment_counts(self) -> dict[int, int]:
        """Open comments by segment position (segments without any left out)."""
        return self._store.open_comment_counts()

    def _export_comments(self, version: str | None) -> dict[int, tuple[Comment, ...]]:
        """The comments open now, or when a version was labelled, by position."""
        as_of = None if version is None or version == CURRENT \
            else self._store.comment_mark(self._store.version(version).label)
        found: dict[int, tuple[Comment, ...]] = {}
        for comment in self._store.comments(None, False, as_of):
            found[comment.position] = (*found.get(comment.position, ()), comment)
        return found
