"""A reviewer's pass over the editor's work: accepting, rejecting with a reason, editing,
and the outcome (counts and the reviewer edit distance)."""

from __future__ import annotations

from reviewer.core.comments import clean_author, clean_comment
from reviewer.core.effort import Effort
from reviewer.core.review import EDITOR, REVIEWER, ReviewOutcome, segment_review
from reviewer.core.scoring import Scores, SegmentStats
from reviewer.core.status import SegmentStatus
from reviewer.session_comments import SessionComments
from reviewer.session_editing import SessionEditing
from reviewer.session_results import EditResult
from reviewer.store.project import RevisionRecord


class SessionReview(SessionEditing, SessionComments):
    """The reviewer's revisions (role ``reviewer``) next to the editor's."""

    def review_accept(self, position: int, author: str) -> EditResult:
        """Accept the segment's text as it is: a revision with it, status reviewed."""
        text = self._store.segment(position).text
        return self.edit(position, text, author, SegmentStatus.REVIEWED, role=REVIEWER)

    def review_reject(self, position: int, author: str, comment: str) -> EditResult:
        """Send the segment back to the editor: a revision with its text, status rejected,
        and the reason as a comment on the segment."""
        reason = clean_comment(comment)  # refused before anything is written
        text = self._store.segment(position).text
        result = self.edit(position, text, author, SegmentStatus.REJECTED, role=REVIEWER)
        self._store.add_comment(position, reason, clean_author(author))
        return result

    def review_edit(self, position: int, text: str, author: str,
                    effort: Effort | None = None,
                    scored: tuple[SegmentStats, Scores] | None = None) -> EditResult:
        """The reviewer's own text for the segment, saved reviewed."""
        return self.edit(position, text, author, SegmentStatus.REVIEWED, effort, scored,
                         role=REVIEWER)

    def review_save(self, position: int, text: str, author: str, status: str,
                    effort: Effort | None = None,
                    scored: tuple[SegmentStats, Scores] | None = None) -> EditResult:
        """What the window saves in reviewer mode: a confirm accepts the saved text or
        saves the reviewer's edit; an unconfirmed save is the reviewer's, not reviewed."""
        if status != SegmentStatus.CONFIRMED:
            return self.edit(position, text, author, status, effort, scored, role=REVIEWER)
        if text == self._store.segment(position).text:
            return self.review_accept(position, author)
        return self.review_edit(position, text, author, effort, scored)

    def editor_text(self, position: int) -> str:
        """The editor's last text of the segment (the MT if the editor saved none)."""
        return _editor_text(self._store.segment(position).mt,
                            self._store.revisions(position))

    def review_outcome(self) -> ReviewOutcome:
        """Every segment's review state, the counts and the reviewer edit distance."""
        revisions: dict[int, list[RevisionRecord]] = {}
        for revision in self._store.revisions():  # by segment id: not those split away
            revisions.setdefault(revision.segment_id, []).append(revision)
        return ReviewOutcome(tuple(
            segment_review(segment.position, segment.status, segment.text,
                           _editor_text(segment.mt, revisions.get(segment.id, [])))
            for segment in self._store.segments()))


def _editor_text(mt: str, revisions: list[RevisionRecord]) -> str:
    """The text of the last editor's revision among ``revisions`` (oldest first), else
    the MT."""
    texts = [revision.text for revision in revisions if revision.role == EDITOR]
    return texts[-1] if texts else mt
