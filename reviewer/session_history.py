"""A project's past: revision history, labelled versions, the document as a version had
it, and the comparison of two versions."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from reviewer.core.compare import Comparison, compare_states
from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import SegmentStats, identity_stats
from reviewer.session_reading import SessionReading
from reviewer.session_results import UNKNOWN_SCORES
from reviewer.store.project import RevisionRecord, SegmentState, VersionRecord

CURRENT = "current"  # the label that names the document as it is now
NEWEST = 2**62  # a revision id above every real one
_SLICE = 500  # segment states read from the store at a time


def utc_stamp(text: str) -> str:
    """A date or date-time (ISO 8601; local time unless it says otherwise) as stored UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise ReviewerError(f"{text!r} is neither a version label nor a date "
                            "(use e.g. 2026-11-27 or 2026-11-27T14:30)") from error
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the user's local time
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z")


class SessionHistory(SessionReading):
    """Revisions, versions and comparisons between them."""

    def history(self, position: int | None = None) -> list[RevisionRecord]:
        """Revisions of one segment, or of all, oldest first."""
        if position is not None:
            self._store.segment(position)  # a clear error for a segment that does not exist
        return self._store.revisions(position)

    def history_since(self, label_or_date: str) -> list[RevisionRecord]:
        """Revisions made after a labelled version, or at or after a date (local time)."""
        labels = {version.label: version for version in self._store.versions()}
        if label_or_date in labels:
            return self._store.revisions_after(labels[label_or_date].last_revision)
        return self._store.revisions_after(0, since_time=utc_stamp(label_or_date))

    def earlier_history(self, position: int) -> list[RevisionRecord]:
        """Revisions of the segments this one was split or merged from, oldest first."""
        return self._store.earlier_revisions(position)

    def add_version(self, label: str, author: str) -> VersionRecord:
        """Label the document as it is now ("sent to client", "v2")."""
        label = label.strip()
        if not label:
            raise ReviewerError("a version needs a label")
        if label == CURRENT:
            raise ReviewerError(f"{CURRENT!r} names the document as it is now; choose another")
        return self._store.add_version(label, author)

    def versions(self) -> list[VersionRecord]:
        """Labelled versions, oldest first."""
        return self._store.versions()

    def _states(self, label: str | None) -> list[SegmentState]:
        if label is None or label == CURRENT:
            return self._sliced_states(NEWEST)
        past = self._store.segments_as_of(label)  # split or merged since: its own segments
        if past is not None:
            return [SegmentState(s.position, s.mt, s.text, s.status, s.stats) for s in past[0]]
        return self._sliced_states(self._store.version(label).last_revision)

    def _sliced_states(self, last_revision: int) -> list[SegmentState]:
        # in slices: a window's worker thread unpickles each answer of the store process
        # holding Python's lock, and 20,000 states at once stall the GUI thread ~100 ms
        states: list[SegmentState] = []
        while True:
            part = self._store.states_at(last_revision,
                                         states[-1].position + 1 if states else 0, _SLICE)
            if not part:
                return states
            states += part

    def _segment_ids(self, label: str) -> list[int]:
        past = None if label == CURRENT else self._store.segments_as_of(label)
        return self._store.segment_ids() if past is None else [s.id for s in past[0]]

    def compare_versions(self, old: str, new: str = CURRENT) -> Comparison:
        """Segments that differ between two versions (or a version and now), with scores."""
        old_ids = self._segment_ids(old)
        if old_ids != (old_ids if new == old else self._segment_ids(new)):
            raise ReviewerError(f"segments were split or merged between {old!r} and {new!r}, "
                                "so they cannot be compared segment by segment; export both "
                                "(reviewer export --version) and compare the files")
        # each side read once: on a big project every read is a long trip to the store
        old_states = self._states(old)
        new_states = old_states if new == old else self._states(new)

        def pairs(states: list[SegmentState]) -> list[tuple[str, SegmentStats]]:
            return [(s.text, identity_stats(s.mt) if s.stats is None  # pending: see below
                     else SegmentStats.from_json(s.stats)) for s in states]

        comparison = compare_states(old, pairs(old_states), new, pairs(new_states))
        if any(state.stats is None for state in old_states):
            comparison = replace(comparison, old_scores=UNKNOWN_SCORES)
        if any(state.stats is None for state in new_states):
            comparison = replace(comparison, new_scores=UNKNOWN_SCORES)
        return comparison
