"""Translation memory and concordance of an open project.

The project's own confirmed segments are a memory from the first confirm (their current
text is the target); units added from TMX, TSV or another project are the rest. Matches
are scored by ``reviewer.core.memory.match_score`` on candidates the store's word
index finds, never on a scan of every unit.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.memory import (
    PROJECT_ORIGIN,
    ConcordanceHit,
    TmMatch,
    TmUnit,
    best_matches,
    search_pattern,
)
from reviewer.core.status import DONE_STATUSES
from reviewer.core.tags import plain_text
from reviewer.formats.structured import SOURCE_LANGUAGE, TARGET_LANGUAGE
from reviewer.formats.tm_files import is_project, read_tm_units
from reviewer.session_reading import SessionReading
from reviewer.store.memory import CandidateRow
from reviewer.store.project import ProjectStore

MemoryProgress = Callable[[int, int], None]


def _matches_of(rows: list[CandidateRow]) -> list[tuple[str, TmMatch]]:
    return [(key, TmMatch(0, source, mt, target, origin, position))
            for _id, source, mt, target, origin, position, key in rows]


class SessionMemory(SessionReading):
    """Fuzzy matches for a segment, the memory's units, and concordance search."""

    def matches(self, position: int, min_score: int = 50, limit: int = 5) -> list[TmMatch]:
        """The best matches for the segment (its source, else its MT), best first: from the
        project's other confirmed segments and the units added to its memory."""
        if not 0 <= min_score <= 100:
            raise ReviewerError(f"a minimum match of {min_score} %: give 0 to 100")
        if limit < 1:
            return []
        segment = self.segment(position)
        key = segment.source if segment.source is not None else segment.mt
        min_score = max(min_score, 1)  # 0 % would make every unit a candidate
        candidates = (_matches_of(self._store.segment_candidates(key, min_score, position))
                      + _matches_of(self._store.tm_candidates(key, min_score)))
        return best_matches(key, candidates, min_score, limit)

    def add_memory(self, path: str | os.PathLike[str],
                   progress: MemoryProgress | None = None) -> int:
        """Add the units of a TMX, TSV/CSV (source, target) or another project's confirmed
        segments, in one transaction; returns how many were added."""
        file = Path(path)
        if not file.exists():
            raise ReviewerError(f"{file}: no such file")
        if is_project(file):
            if self.path.exists() and os.path.samefile(file, self.path):  # a link too
                raise ReviewerError(f"{file.name}: is this project; its confirmed segments "
                                    "are already its memory")
            units = _project_units(file)
        else:
            properties = self.properties()
            langs = None
            if properties.get(SOURCE_LANGUAGE) and properties.get(TARGET_LANGUAGE):
                langs = (properties[SOURCE_LANGUAGE], properties[TARGET_LANGUAGE])
            units = read_tm_units(file, langs)
        if progress is not None:
            progress(0, len(units))
        on_target = not self.has_source()  # the MT is looked up: keys in its language
        if isinstance(self._store, ProjectStore):
            return self._store.add_tm_units(units, file.name, progress, on_target)
        # the window's store is in a process of its own: a callback cannot go there
        added = self._store.add_tm_units(units, file.name, on_target=on_target)
        if progress is not None:
            progress(added, len(units))
        return added

    def memory_size(self) -> int:
        """How many units were added (the project's own segments not counted)."""
        return self._store.tm_size()

    def memory_project_units(self) -> int:
        """How many of the project's segments are in its memory (confirmed or reviewed)."""
        counts = self._store.counts()
        return sum(counts.get(f"status:{status.value}", 0) for status in DONE_STATUSES)

    def memory_origins(self) -> list[tuple[str, int]]:
        """Each file or project units were added from, with how many, in the order added."""
        return self._store.tm_origins()

    def concordance(self, query: str, limit: int = 200,
                    match_case: bool = False) -> list[ConcordanceHit]:
        """Where ``query`` occurs in the segments' sources, MT and corrections (document
        order), then in the memory's units; at most ``limit`` hits."""
        search_pattern(query, match_case)  # an empty query: refused in one line
        if limit < 1:
            return []
        return [ConcordanceHit(field, text, start, end, origin, position)
                for field, text, start, end, origin, position
                in self._store.concordance(query, match_case, limit)]


def _project_units(path: Path) -> list[TmUnit]:
    """Another project's confirmed segments: source, MT and the corrected text."""
    store = ProjectStore.open(path, read_only=True)
    try:
        return [TmUnit(None if s.source is None else plain_text(s.source), plain_text(s.mt),
                       plain_text(s.text))
                for s in store.segments() if s.status in DONE_STATUSES and s.text.strip()]
    finally:
        store.close()


__all__ = ["PROJECT_ORIGIN", "ConcordanceHit", "MemoryProgress", "SessionMemory", "TmMatch"]
