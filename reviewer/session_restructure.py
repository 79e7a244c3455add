"""Splitting a segment in two and merging two into one; the rules are in
``reviewer.split_merge``, this applies them to the open project."""

from __future__ import annotations

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats
from reviewer.session_results import RestructureResult
from reviewer.session_scores import SessionScores
from reviewer.split_merge import Neighbour, merged_part, split_parts
from reviewer.store.restructure import SegmentPart


class SessionRestructure(SessionScores):
    """Split and merge of segments (both keep every revision)."""

    def split(self, position: int, mt_at: int, author: str, source_at: int | None = None,
              correction_at: int | None = None) -> RestructureResult:
        """Split a segment in two at character offsets of its MT (and source, correction),
        each inline tag one character; both parts keep the history (see split_merge)."""
        self._refuse_restructuring(author, position)
        parts = split_parts(self._neighbour(position), mt_at, source_at, correction_at,
                            self._score_part)
        return self._restructure(position, 1, parts, "split", author)

    def merge(self, position: int, author: str) -> RestructureResult:
        """Merge a segment with the next one (the text between them joins them)."""
        if position == self.segment_count() - 1:
            raise ReviewerError(f"segment {position + 1} is the last segment: there is no "
                                "next one to merge it with")
        self._refuse_restructuring(author, position, position + 1)
        original = self._store.original()
        part = merged_part(self._neighbour(position), self._neighbour(position + 1),
                           None if original is None else original[1], self._score_part)
        return self._restructure(position, 2, [part], "merge", author)

    def _refuse_restructuring(self, author: str, *positions: int) -> None:
        if not author.strip():
            raise ReviewerError("splitting or merging needs an author name")
        for position in positions:
            self._store.segment(position)  # a clear error for a segment that does not exist
            if self.segment_locked(position):
                raise ReviewerError(f"segment {position + 1} is locked: the file marks it as "
                                    "not to be translated")

    def _neighbour(self, position: int) -> Neighbour:
        return Neighbour(self._store.segment(position), self.segment_meta(position) or None,
                         self._store.layout().gaps[position])

    def _score_part(self, mt: str, text: str, reference: str | None,
                    ) -> tuple[SegmentStats, Scores] | None:
        return self._scorer.score(mt, text, reference, None, self.scoring_budget)

    def _restructure(self, position: int, count: int, parts: list[SegmentPart], kind: str,
                     author: str) -> RestructureResult:
        self._store.replace_segments(position, count, parts, kind, author)
        self._metas = None
        positions = tuple(range(position, position + len(parts)))
        return RestructureResult(positions, tuple(self._store.segment(p) for p in positions),
                                 self.summary())
