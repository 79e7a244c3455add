"""The store's side of splitting and merging segments (the SQL is in ``restructure``,
the rules in ``reviewer.split_merge``)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reviewer.store import restructure
from reviewer.store.clock import utc_now
from reviewer.store.queries import REVISION_SELECT
from reviewer.store.records import RevisionRecord, SegmentRecord, VersionRecord, revision_record
from reviewer.store.transactions import StoreBase


class SplitMergeStore(StoreBase):
    """Replacing segments, and the history of those they replaced."""

    if TYPE_CHECKING:
        def segment(self, position: int) -> SegmentRecord: ...

        def version(self, label: str) -> VersionRecord: ...

    def replace_segments(self, first: int, count: int, parts: list[restructure.SegmentPart],
                         kind: str, author: str) -> None:
        """Put ``parts`` in place of the ``count`` segments from position ``first`` (a split
        or a merge) in one transaction; the segments replaced keep their history."""
        with self._write() as db:
            restructure.replace_segments(db, first, count, parts, kind, author, utc_now(),
                                         self.lock_segments_first)

    def earlier_revisions(self, position: int) -> list[RevisionRecord]:
        """Revisions of the segments this one came from by splits and merges, oldest first,
        shown at ``position``."""
        ids = restructure.ancestors(self._db, self.segment(position).id)
        if not ids:  # PostgreSQL refuses an empty IN ()
            return []
        rows = self._db.execute(REVISION_SELECT + "WHERE r.segment_id IN ("
                                + ", ".join("?" * len(ids)) + ") ORDER BY r.id", ids)
        return [replace(revision_record(row), position=position) for row in rows]

    def segments_as_of(self, label: str) -> tuple[list[restructure.PastSegment], str] | None:
        """A version's segments in its own segmentation, and the layout's tail; None when
        no segment was split or merged since it was labelled."""
        version = self.version(label)
        return restructure.segments_as_of(self._db, version.id, version.last_revision)
