"""What editors and reviewers write on a server project is under their own login.

Row-level security (``pg_roles``) refuses a row whose author is not the login that writes
it; the window and the command line sign with a chosen name, so for anyone but a manager
the server store puts the login there instead (as it does for revisions), and a comment,
draft, annotation or dismissed suggestion is saved rather than refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewer.core.comments import Comment
from reviewer.core.mqm import Annotation
from reviewer.store.annotations import AnnotationStore
from reviewer.store.comments import CommentStore
from reviewer.store.drafts import DraftStore
from reviewer.store.suggestions import SuggestionStore


class OwnAuthors(DraftStore, CommentStore, SuggestionStore, AnnotationStore):
    """The store's writes that name an author, signed by the login unless it manages."""

    if TYPE_CHECKING:
        user: str
        manages: bool

    def own_name(self, author: str) -> str:
        """Who a row written now is by: ``author`` for a manager, else the login."""
        return author if self.manages else self.user

    def save_draft(self, position: int, text: str, author: str, editing_ms: int,
                   keystrokes: tuple[int, int, int] | None = None) -> None:
        super().save_draft(position, text, self.own_name(author), editing_ms, keystrokes)

    def add_comment(self, position: int, text: str, author: str) -> Comment:
        return super().add_comment(position, text, self.own_name(author))

    def revise_comment(self, comment_id: int, text: str | None, resolved: bool | None,
                       author: str) -> Comment:
        return super().revise_comment(comment_id, text, resolved, self.own_name(author))

    def add_dismissal(self, position: int | None, mt_phrase: str, suggestion: str,
                      author: str) -> None:
        super().add_dismissal(position, mt_phrase, suggestion, self.own_name(author))

    def add_annotation(self, position: int, side: str, start: int, end: int, category: str,
                       severity: str, note: str, author: str) -> Annotation:
        return super().add_annotation(position, side, start, end, category, severity, note,
                                      self.own_name(author))

    def revise_annotation(self, annotation_id: int, author: str, *, category: str | None = None,
                          severity: str | None = None, note: str | None = None,
                          span: tuple[int, int] | None = None,
                          deleted: bool | None = None) -> Annotation:
        return super().revise_annotation(annotation_id, self.own_name(author),
                                         category=category, severity=severity, note=note,
                                         span=span, deleted=deleted)
