"""Repetitions of a segment and propagating its text to them as one batch."""

from __future__ import annotations

from reviewer.core.errors import ReviewerError
from reviewer.core.repetitions import (
    key_column,
    propagated_status,
    repetition_key,
    same_tags,
    takes_propagation,
)
from reviewer.session_batches import Progress, SessionBatches
from reviewer.session_results import BatchResult


class SessionRepetitions(SessionBatches):
    """Segments with the same source (or MT), and propagation of a correction to them."""

    def repetitions(self, position: int) -> list[int]:
        """The other segments with segment ``position``'s source (its MT without a source)
        that are not confirmed nor locked and whose text differs from its text."""
        segment = self.segment(position)
        has_source = self.has_source()
        key = repetition_key(segment.source, segment.mt, has_source)
        if key is None:
            return []
        tags = self.segment_tags(position)
        return [other for other, text, status in self._store.segments_with(
                    key_column(has_source), key)
                if other != position and text != segment.text and takes_propagation(status)
                and not self.segment_locked(other)
                and same_tags(tags, self.segment_tags(other))]

    def repetition_groups(self) -> list[list[int]]:
        """The positions of segments sharing a source (an MT without a source), a list
        per text with two or more, in document order."""
        return self._store.repeated(key_column(self.has_source()))

    def propagate(self, position: int, author: str,
                  progress: Progress | None = None) -> BatchResult:
        """Write segment ``position``'s text to each of its ``repetitions`` as one batch
        (one undo step), each a revision by ``author``: confirmed when the segment is."""
        if self.segment_locked(position):
            raise ReviewerError(f"segment {position + 1} is locked: the file marks it as "
                                "not to be translated")
        segment = self.segment(position)
        status = propagated_status(segment.status)
        targets = self.repetitions(position)
        label = f"Propagate segment {position + 1} to {len(targets)} repetition" \
            + ("" if len(targets) == 1 else "s")
        return self.apply_texts([(target, segment.text, status) for target in targets],
                                label, author, progress)
