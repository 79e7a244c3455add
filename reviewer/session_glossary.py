"""The project's glossary: its terms, imported from TBX or CSV/TSV or edited, and the terms
found in each segment."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection
from pathlib import Path

from reviewer.core.glossary import (
    GlossaryIndex,
    GlossaryTerm,
    NewTerm,
    TermHit,
    checked_term,
)
from reviewer.core.glossary_qa import forbidden_index, glossary_warnings
from reviewer.core.qa import QaWarning
from reviewer.formats.structured import SOURCE_LANGUAGE, TARGET_LANGUAGE
from reviewer.session_reading import SessionReading

GLOSSARY_AT_ONCE = 300  # terms compiled on the spot (a few ms); more take up to seconds
_COMPILING = threading.Lock()  # a window's thread compiles while its GUI thread may look


class SessionGlossary(SessionReading):
    """Glossary terms and where they occur."""

    _glossary_index: GlossaryIndex | None = None
    _forbidden_index: GlossaryIndex | None = None
    _glossary_generation = 0  # changes of the glossary so far

    def glossary(self) -> list[GlossaryTerm]:
        """Every term, oldest first."""
        return self._store.glossary_terms()

    def add_glossary_term(self, source: str, target: str, note: str = "",
                          forbidden: bool = False) -> GlossaryTerm:
        """Add a term (an empty source or target is refused)."""
        term = self._store.add_glossary_term(NewTerm(*checked_term(source, target, note),
                                                     forbidden))
        self._glossary_changed()
        return term

    def update_glossary_term(self, term_id: int, source: str, target: str, note: str,
                             forbidden: bool) -> GlossaryTerm:
        """Change a term (an empty source or target is refused)."""
        term = self._store.update_glossary_term(
            term_id, NewTerm(*checked_term(source, target, note), forbidden))
        self._glossary_changed()
        return term

    def delete_glossary_term(self, term_id: int) -> None:
        """Remove a term."""
        self._store.delete_glossary_term(term_id)
        self._glossary_changed()

    def import_glossary(self, path: str | os.PathLike[str]) -> int:
        """Add the terms of a TBX or CSV/TSV file the glossary lacks; how many were added."""
        from reviewer.formats.glossary_import import read_glossary

        properties = self.properties()
        terms = read_glossary(Path(path), properties.get(SOURCE_LANGUAGE),
                              properties.get(TARGET_LANGUAGE))
        added = self._store.add_glossary_terms(terms, origin=Path(path).name)
        self._glossary_changed()
        return added

    def glossary_language(self) -> str | None:
        """The language terms are looked for in: the source's, or the target's when the
        segments have no source (the MT is searched then); None when the project does not
        say (words are then matched as written, ignoring case)."""
        properties = self.properties()
        language = properties.get(SOURCE_LANGUAGE) if self.has_source() \
            else properties.get(TARGET_LANGUAGE)
        return language or None

    def glossary_target_language(self) -> str | None:
        """The language of the corrections (and of the terms' targets)."""
        return self.properties().get(TARGET_LANGUAGE) or None

    def glossary_index(self) -> GlossaryIndex:
        """The glossary compiled for lookups (kept until the glossary changes)."""
        if self._glossary_index is None:
            self.glossary_compiler()()
        index = self._glossary_index  # None only if it changed meanwhile: compile again
        return index if index is not None else self.glossary_index()

    def glossary_compiler(self) -> Callable[[], None]:
        """Read the glossary now; compiling it (for lookups and checks) is the work
        returned, which reads nothing from the project, so a thread may do it."""
        terms, generation = self.glossary(), self._glossary_generation
        language, target = self.glossary_language(), self.glossary_target_language()

        def compile_glossary() -> None:
            index = GlossaryIndex(terms, language)
            forbidden = forbidden_index(index.terms, target)
            with _COMPILING:
                if generation == self._glossary_generation:  # else the glossary changed
                    self._glossary_index, self._forbidden_index = index, forbidden

        return compile_glossary

    def glossary_at_hand(self) -> bool:
        """Whether lookups answer at once: the glossary is compiled, or small enough to
        compile on the spot (it is, then). A big one is left to ``glossary_compiler``."""
        if self._glossary_index is not None:
            return True
        if self._store.glossary_term_count() > GLOSSARY_AT_ONCE:
            return False
        self.glossary_compiler()()
        return True

    def glossary_hits_in(self, source: str | None, mt: str) -> list[TermHit]:
        """The terms in a segment's source, or in its MT when it has no source."""
        index = self.glossary_index()
        if not index.terms:
            return []
        return index.find(source if source is not None and source.strip() else mt)

    def glossary_hits(self, position: int) -> list[TermHit]:
        """The terms in segment ``position``'s source (its MT when it has no source)."""
        if not self.glossary_index().terms:
            return []
        segment = self.segment(position)
        return self.glossary_hits_in(segment.source, segment.mt)

    def glossary_warnings(self, text: str, mt: str, source: str | None,
                          disabled: Collection[str] = (), wait: bool = True) -> list[QaWarning]:
        """The glossary's QA warnings about ``text`` as the correction of a segment with
        this MT and source (none when the glossary is empty, or, unless ``wait``, while a
        big glossary is not compiled yet)."""
        if not wait and not self.glossary_at_hand():
            return []
        index = self.glossary_index()
        if not index.terms or self._forbidden_index is None:
            return []
        return glossary_warnings(text, self.glossary_hits_in(source, mt), self._forbidden_index,
                                 self._forbidden_index.language, disabled)

    def _glossary_changed(self) -> None:
        with _COMPILING:  # a compile under way for the old terms will not store them
            self._glossary_generation += 1
            self._glossary_index = self._forbidden_index = None
