"""The rules of editing one segment: saving a text (scored within a time budget), the
status it gets, restoring a revision, undo and redo of a change, and drafts."""

from __future__ import annotations

from reviewer.core.changes import Change, TextState
from reviewer.core.effort import Effort
from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats, sentence_scores
from reviewer.core.status import SegmentStatus
from reviewer.formats.limits import check_segment_length
from reviewer.session_results import EditResult
from reviewer.session_scores import SessionScores
from reviewer.store.project import SegmentRecord


class SessionEditing(SessionScores):
    """Edits of single segments and their undo and redo."""

    def edit(
        self,
        position: int,
        text: str,
        author: str,
        status: str = SegmentStatus.CONFIRMED,
        effort: Effort | None = None,
        scored: tuple[SegmentStats, Scores] | None = None,
        role: str = "editor",
    ) -> EditResult:
        """Record ``text`` as the segment's new revision, unless nothing would change.

        ``scored`` lets a caller that already scored this text off the GUI thread skip
        scoring it again. Scores that take longer than ``scoring_budget`` seconds are
        saved as pending (``pending_revisions``; the revision itself is saved at once).
        ``role`` marks a reviewer's revisions (``session_review``) apart from the editor's.
        """
        if not author.strip():
            raise ReviewerError("a revision needs an author name")
        check_segment_length(text, f"the text of segment {position + 1}")
        current = self._store.segment(position)
        status = self._status_for(current, text, status)
        if current.text == text and current.status == status:
            return EditResult(current, None, self.summary())
        if self.segment_locked(position):
            raise ReviewerError(f"segment {position + 1} is locked: the file marks it as "
                                "not to be translated")
        if scored is not None and (scored[0].reference is None) != (current.reference is None):
            scored = None  # scored without the segment's reference: score it with it
        if scored is None:  # undo and restore bring back texts already scored
            known = self._store.known_stats(position, text)
            if known is not None:
                scored = (known, sentence_scores(known))
        if scored is None:
            mt_reference = None
            if current.reference is not None:  # the MT's own statistics do not change
                mt_stats = self._store.known_stats(position, current.mt)
                mt_reference = None if mt_stats is None else mt_stats.mt_reference
            scored = self._scorer.score(current.mt, text, current.reference, mt_reference,
                                        self.scoring_budget)
        stats, scores = scored if scored is not None else (None, None)
        effort = effort or Effort()
        revision = self._store.add_revision(
            position, text, stats, scores, author, status, effort.editing_ms,
            (effort.insertions, effort.deletions, effort.navigation), role)
        return EditResult(self._store.segment(position), revision, self.summary(),
                          tuple(self.tag_problems(position, text)),
                          Change(position, TextState(current.text, current.status),
                                 TextState(text, status)))

    def restore(self, position: int, number: int, author: str) -> EditResult:
        """Bring back revision ``number``'s text as a new, confirmed revision (history stays
        intact; nothing is written when the segment already has that text confirmed)."""
        old = self._store.revision(position, number)
        return self.edit(position, old.text, author, SegmentStatus.CONFIRMED)

    def _status_for(self, current: SegmentRecord, text: str, status: str) -> str:
        """An unconfirmed save that brings the MT back brings back the status the segment
        last had with the MT (``new`` if it never had another)."""
        if status != SegmentStatus.EDITED or text != current.mt:
            return status
        earlier = [revision.status for revision in self._store.revisions(current.position)
                   if revision.text == current.mt and revision.role == "editor"]
        return earlier[-1] if earlier else SegmentStatus.NEW

    def undo_change(self, change: Change, author: str) -> EditResult:
        """Write the state a saved change replaced, as a new revision."""
        return self.edit(change.position, change.before.text, author, change.before.status,
                         role=_role_of(change.before.status))

    def redo_change(self, change: Change, author: str) -> EditResult:
        """Write a saved change's state again, as a new revision."""
        return self.edit(change.position, change.after.text, author, change.after.status,
                         role=_role_of(change.after.status))

    def save_draft(self, position: int, text: str, author: str, editing_ms: int = 0,
                   keystrokes: tuple[int, int, int] | None = None) -> None:
        """Keep typed, unconfirmed text with the time and keys (insert, delete, navigate) it
        took; a draft equal to the saved text is dropped instead."""
        if not self.discard_draft_if_saved(position, text):
            self._store.save_draft(position, text, author, editing_ms, keystrokes)

    def discard_draft_if_saved(self, position: int, text: str) -> bool:
        """Drop the segment's draft if ``text``, the typing now, is its saved text (typing
        taken back is no draft); True if it is."""
        if text != self._store.segment(position).text:
            return False
        self._store.discard_draft(position)
        return True


def _role_of(status: str) -> str:
    """Who writes a status again on undo or redo: only a reviewer reviews or rejects."""
    return "reviewer" if status in (SegmentStatus.REVIEWED, SegmentStatus.REJECTED) \
        else "editor"
