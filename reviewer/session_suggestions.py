"""Fixes learned from confirmed corrections, suggested where the same MT phrase is still
in a segment not yet confirmed; applied or dismissed only when the editor says so."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from reviewer.core.errors import ReviewerError
from reviewer.core.fix_index import FixIndex, LearnedFixes, phrase_key
from reviewer.core.learned import Fix, Suggestion, fixes_of, merge
from reviewer.core.status import NOT_CONFIRMED, SegmentStatus
from reviewer.session_reading import SessionReading
from reviewer.session_results import BatchResult, EditResult

if TYPE_CHECKING:
    from reviewer.session_batches import Progress

_LEARNING = threading.Lock()  # the window learns in a thread while a task may apply
_SLICE = 250  # records per answer of the store (a long answer holds Python's lock)


class SessionSuggestions(SessionReading):
    """Learned fixes: what they suggest, applying them (one segment, or all as one batch)
    and dismissing them."""

    # what was learned, kept until a revision, split, merge or dismissal changes it
    _learned: tuple[tuple[int, int, int], LearnedFixes] | None = None
    _fixes_of_revision: dict[int, tuple[tuple[str, str], ...]] | None = None

    if TYPE_CHECKING:
        def edit(self, position: int, text: str, author: str,
                 status: str = SegmentStatus.CONFIRMED) -> EditResult: ...

        def apply_texts(self, changes: list[tuple[int, str, str | None]], label: str,
                        author: str, progress: Progress | None = None, matches: int = 0,
                        ) -> BatchResult: ...

    def learned_fixes(self) -> LearnedFixes:
        """Every fix learned from the confirmed segments (only new confirms are diffed)."""
        with _LEARNING:
            mark = self._store.learning_mark()
            if self._learned is not None and self._learned[0] == mark:
                return self._learned[1]
            heads = self._store.learning_heads()
            known = self._fixes_of_revision or {}
            missing = [revision for _position, revision in heads if revision not in known]
            for revision, mt, text in self._store.learning_texts(missing):
                known[revision] = tuple((fix.mt, fix.suggestion) for fix in fixes_of(mt, text))
            self._fixes_of_revision = {revision: known[revision] for _p, revision in heads}
            fixes = merge(Fix(mt, suggestion, position) for position, revision in heads
                          for mt, suggestion in self._fixes_of_revision[revision])
            everywhere, here = set(), set()
            for position, mt, suggestion in self._store.dismissals():
                key = phrase_key(mt, suggestion)
                if position is None:
                    everywhere.add(key)
                else:
                    here.add((position, *key))
            learned = LearnedFixes(FixIndex(fixes), frozenset(everywhere), frozenset(here))
            self._learned = (mark, learned)
            return learned

    def suggestions(self, position: int | None = None) -> list[Suggestion]:
        """The suggestions in one segment or every segment not yet confirmed, in order."""
        learned = self.learned_fixes()
        if not len(learned.index):
            return []
        segments = self.segments() if position is None else [self.segment(position)]
        return [found for segment in segments if self._open_to_suggestions(segment.position,
                                                                            segment.status)
                for found in learned.find(segment.position, segment.text)]

    def _open_to_suggestions(self, position: int, status: str) -> bool:
        return status in NOT_CONFIRMED and not self.segment_locked(position)

    def apply_suggestion(self, suggestion: Suggestion, author: str) -> EditResult:
        """Save the segment with the phrase replaced, as an edited (unconfirmed) revision."""
        segment = self.segment(suggestion.position)
        number = suggestion.position + 1
        if not self._open_to_suggestions(segment.position, segment.status):
            raise ReviewerError(f"segment {number} is {segment.status}: suggestions are for "
                                "segments not yet confirmed")
        if segment.text[suggestion.start:suggestion.end] != suggestion.mt:
            raise ReviewerError(f"segment {number} no longer reads {suggestion.mt!r} at "
                                f"{suggestion.start}–{suggestion.end}")
        return self.edit(suggestion.position, suggestion.applied(segment.text), author,
                         SegmentStatus.EDITED)

    def apply_suggestion_everywhere(self, suggestion: Suggestion, author: str,
                                    progress: Progress | None = None) -> BatchResult:
        """Apply the same fix wherever it is suggested, as one batch (one undo step)."""
        key = phrase_key(suggestion.mt, suggestion.suggestion)
        changes: list[tuple[int, str, str | None]] = []
        matches = 0
        by_segment = self._everywhere(key)
        for position, (text, here) in by_segment.items():
            for one in sorted(here, key=lambda s: -s.start):  # from the end: spans hold
                text = one.applied(text)
            changes.append((position, text, None))
            matches += len(here)
        label = (f"Apply {suggestion.mt!r} → {suggestion.suggestion!r} everywhere "
                 f"({matches} in {len(changes)} segments)")
        return self.apply_texts(changes, label, author, progress, matches)

    def _everywhere(self, key: tuple[str, str]) -> dict[int, tuple[str, list[Suggestion]]]:
        """The open segments' texts and their suggestions of the fix ``key``."""
        learned = self.learned_fixes()
        found: dict[int, tuple[str, list[Suggestion]]] = {}
        if not len(learned.index):
            return found
        # texts, not records: unpickling 100,000 records from the window's store process
        # held Python's lock (and the GUI thread) 400 ms at a time
        for position, text in enumerate(self._store.head_texts()):
            here = [one for one in learned.find(position, text)
                    if phrase_key(one.mt, one.suggestion) == key]
            if here:
                found[position] = (text, here)
        positions = list(found)
        for start in range(0, len(positions), _SLICE):
            for record in self._store.segments_at(positions[start:start + _SLICE]):
                if not self._open_to_suggestions(record.position, record.status):
                    del found[record.position]
        return found

    def dismiss_suggestion(self, suggestion: Suggestion, author: str,
                           everywhere: bool = False) -> None:
        """Never suggest this fix again in this segment (or anywhere); remembered."""
        if not author.strip():
            raise ReviewerError("a dismissal needs an author name")
        self._store.add_dismissal(None if everywhere else suggestion.position, suggestion.mt,
                                  suggestion.suggestion, author)
