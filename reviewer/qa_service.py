"""QA of a project's segments: the core checks with each segment's source, MT and tags,
minus the checks the project switched off. The window and ``reviewer check`` both use it."""

from __future__ import annotations

from collections.abc import Callable, Collection

from reviewer.core.consistency import Saved, document_warnings, with_document_warnings
from reviewer.core.lexicon import lexicon_future
from reviewer.core.qa import QaWarning, Speller, check_segment
from reviewer.core.spelling import dictionary_language
from reviewer.core.status import SegmentStatus
from reviewer.session import ReviewSession

Progress = Callable[[int, int], None]
_PROGRESS_EVERY = 500  # segments between progress reports of a document check


def session_speller(session: ReviewSession, wait: bool = True) -> Speller | None:
    """The project's spelling check: its target language's word list and the project's
    words. None when no list ships for the language or, unless ``wait``, while the list
    is still loading (the window checks spelling once it is there)."""
    language = dictionary_language(session.spelling_language())
    if language is None or not wait and not lexicon_future(language).done():
        return None
    return session.spell_checker().misspelled


class SessionQa:
    """The QA warnings of an open project's segments."""

    def __init__(self, session: ReviewSession, speller: Speller | None = None,
                 glossary_wait: bool = True) -> None:
        self._session = session
        self._glossary_wait = glossary_wait  # False: no glossary checks until it is compiled
        self._speller = speller  # the spelling check's hook: None finds no misspellings
        self._disabled: frozenset[str] | None = None

    @property
    def session(self) -> ReviewSession:
        """The project checked."""
        return self._session

    @property
    def speller(self) -> Speller | None:
        """The spelling check's speller (None: it finds nothing)."""
        return self._speller

    def disabled(self) -> frozenset[str]:
        """The checks the project switched off."""
        if self._disabled is None:
            self._disabled = self._session.qa_disabled()
        return self._disabled

    def set_disabled(self, ids: Collection[str]) -> frozenset[str]:
        """Switch off exactly ``ids`` for the project (an unknown id is an error)."""
        self._disabled = self._session.set_qa_disabled(ids)
        return self._disabled

    def warnings(self, position: int, text: str | None = None,
                 disabled: Collection[str] | None = None) -> list[QaWarning]:
        """The warnings about ``text`` (default: the saved text) as segment ``position``'s
        correction; none for a segment the file marks as not to be translated."""
        segment = self._session.segment(position)
        return self.check(position, segment.text if text is None else text, segment.mt,
                          segment.source, disabled)

    def check(self, position: int, text: str, mt: str, source: str | None,
              disabled: Collection[str] | None = None) -> list[QaWarning]:
        """``warnings`` for a caller that has the segment's MT and source at hand (the
        window's table): no reading of the project file."""
        if self._session.segment_locked(position):
            return []
        off = self.disabled() if disabled is None else disabled
        return check_segment(text, mt, source, self._session.segment_tags(position), off,
                             self._speller) + self._session.glossary_warnings(
            text, mt, source, off, self._glossary_wait)

    def document(self, disabled: Collection[str] | None = None,
                 progress: Progress | None = None) -> list[tuple[int, QaWarning]]:
        """(position, warning) for every segment the editor saved, in document order.

        An untouched segment is the file's MT (often an empty target), not the editor's
        work, and a locked one cannot be changed: both are left out.
        """
        off = self.disabled() if disabled is None else disabled
        segments = self._session.segments()
        found: list[tuple[int, QaWarning]] = []
        saved: list[Saved] = []  # for the checks across segments
        for done, segment in enumerate(segments, 1):
            position = segment.position
            if segment.status != SegmentStatus.NEW and not self._session.segment_locked(position):
                found += [(position, warning) for warning in check_segment(
                    segment.text, segment.mt, segment.source,
                    self._session.segment_tags(position), off, self._speller)]
                found += [(position, warning) for warning in self._session.glossary_warnings(
                    segment.text, segment.mt, segment.source, off)]
                saved.append(Saved(position, segment.source, segment.mt, segment.text))
            if progress is not None and (done % _PROGRESS_EVERY == 0 or done == len(segments)):
                progress(done, len(segments))
        return with_document_warnings(found, document_warnings(
            saved, self._session.has_source(), off))
