"""The post-editing analysis of an open project, and the bands it counts (a project
property)."""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.core.analysis import DEFAULT_BANDS, Analysis, analyse, check_bounds, parse_bounds
from reviewer.core.errors import ReviewerError
from reviewer.session_reading import SessionReading

ANALYSIS_BANDS_PROPERTY = "analysis_bands"  # lower bounds, e.g. "0,1,10,20,30,50"


class SessionAnalysis(SessionReading):
    """Edit-distance bands as memoQ and Trados report them for MTPE pricing."""

    def analysis_bands(self) -> tuple[int, ...]:
        """The project's band lower bounds (the default ones unless set)."""
        stored = self.properties().get(ANALYSIS_BANDS_PROPERTY)
        if not stored:
            return DEFAULT_BANDS
        try:
            return parse_bounds(stored)
        except ReviewerError:  # a hand-edited file: the default rather than no analysis
            return DEFAULT_BANDS

    def set_analysis_bands(self, bands: Sequence[int]) -> tuple[int, ...]:
        """Keep ``bands`` (lower bounds from 0, rising) as the project's."""
        bounds = check_bounds(bands)
        self._store.set_property(ANALYSIS_BANDS_PROPERTY, ",".join(map(str, bounds)))
        return bounds

    def analysis(self, bands: Sequence[int] | None = None) -> Analysis:
        """Each segment's character edit distance (MT against its current text) in bands,
        per editor, and the reviewer's against the editor's (``reviewer.core.analysis``)."""
        bounds = self.analysis_bands() if bands is None else check_bounds(bands)
        return analyse(self._store.analysis_segments(), bounds)
