"""MQM error annotations on spans of a segment's MT or correction, the project's MQM
settings, and the MQM scores of a segment and of the document.

Offsets count characters of the side's text in the tag notation ``score --json`` shows
(``<1>`` is three characters); a correction-side span counts in the head revision it was
made on (``Annotation.revision_id``).
"""

from __future__ import annotations

from reviewer.core.errors import ReviewerError
from reviewer.core.mqm import (
    SETTINGS_PROPERTY,
    AnnotatedSpan,
    Annotation,
    MqmScore,
    MqmSettings,
    check_kind,
    check_span,
    clean_note,
    evaluation_words,
    mqm_score,
)
from reviewer.session_history import CURRENT
from reviewer.session_reading import SessionReading

SETTINGS_AUTHOR_PROPERTY = "mqm_settings_author"  # who set the project's MQM settings last


def _clean_author(author: str) -> str:
    author = author.strip()
    if not author or any(ord(char) < 0x20 for char in author):
        raise ReviewerError("an annotation needs an author name on one line")
    return author


class SessionAnnotations(SessionReading):
    """The MQM annotations and scores of an open project."""

    def add_annotation(self, position: int, side: str, start: int, end: int, category: str,
                       severity: str, note: str, author: str) -> Annotation:
        """A new annotation, saved at once; refused in one line when the span is not within
        the side's text or the category or severity is unknown."""
        text = self._side_text(position, side)
        check_kind(category, severity, self.mqm_settings())
        check_span(start, end, text, side, position)
        return self._store.add_annotation(position, side, start, end, category, severity,
                                          clean_note(note), _clean_author(author))

    def revise_annotation(self, annotation_id: int, author: str, *, category: str | None = None,
                          severity: str | None = None, note: str | None = None,
                          start: int | None = None, end: int | None = None) -> Annotation:
        """Change what an annotation says; the earlier state stays in its history. A new
        span of the correction counts in the segment's text as it is now."""
        current = self._store.annotation(annotation_id)
        if current.deleted:
            raise ReviewerError(f"annotation {annotation_id} is deleted: restore it first")
        settings = self.mqm_settings()
        new_category = current.category if category is None else category
        if category is not None or severity is not None:
            check_kind(new_category, current.severity if severity is None else severity,
                       settings)
        span = None
        if start is not None or end is not None:
            span = (current.start if start is None else start,
                    current.end if end is None else end)
            text = self._side_text(current.position, current.side)
            check_span(span[0], span[1], text, current.side, current.position)
        return self._store.revise_annotation(
            annotation_id, _clean_author(author), category=category, severity=severity,
            note=None if note is None else clean_note(note), span=span)

    def delete_annotation(self, annotation_id: int, author: str) -> Annotation:
        """Delete an annotation: a revision marked deleted (nothing changes if it is)."""
        return self._store.revise_annotation(annotation_id, _clean_author(author), deleted=True)

    def restore_annotation(self, annotation_id: int, author: str) -> Annotation:
        """Bring a deleted annotation back as it was (undo of a delete)."""
        return self._store.revise_annotation(annotation_id, _clean_author(author),
                                             deleted=False)

    def annotation(self, annotation_id: int) -> Annotation:
        """One annotation as it is now (``deleted`` says whether it is)."""
        return self._store.annotation(annotation_id)

    def annotations(self, position: int | None = None,
                    include_deleted: bool = False) -> list[Annotation]:
        """The live annotations (or all, deleted ones too) of one segment or of all, in
        document order."""
        if position is not None:
            self._store.segment(position)  # a clear error for a segment that does not exist
        return self._store.annotations(position, include_deleted)

    def annotation_history(self, annotation_id: int) -> list[Annotation]:
        """Every revision of an annotation, oldest first, each with its author and time."""
        return self._store.annotation_history(annotation_id)

    def annotated_text(self, annotation: Annotation) -> str:
        """The text (in the notation) an annotation's offsets count in: the MT, or the
        correction revision it was made on."""
        segment = self._store.segment(annotation.position)
        text = segment.mt if annotation.side == "mt" else segment.text
        if annotation.side == "correction" and annotation.revision_id is not None:
            found = self._store.revisions_by_id([annotation.revision_id])
            if found:
                text = found[0].text
        return self.notation(annotation.position, text)

    def mqm_settings(self) -> MqmSettings:
        """The project's MQM weights, threshold and categories (the defaults until set)."""
        stored = self.properties().get(SETTINGS_PROPERTY)
        if stored is None:
            return MqmSettings()
        try:
            return MqmSettings.from_json(stored)
        except ReviewerError:  # written by a newer reviewer: score with the defaults
            return MqmSettings()

    def set_mqm_settings(self, settings: MqmSettings, author: str) -> MqmSettings:
        """Make ``settings`` the project's (checked as a settings file would be)."""
        checked = MqmSettings.from_json(settings.to_json())
        self._store.set_property(SETTINGS_PROPERTY, checked.to_json())
        self._store.set_property(SETTINGS_AUTHOR_PROPERTY, _clean_author(author))
        return checked

    def mqm_score(self, position: int | None = None) -> MqmScore:
        """The MQM score of one segment, or of the document (None)."""
        settings = self.mqm_settings()
        if position is not None:
            segment = self._store.segment(position)
            return mqm_score(self._store.annotations(position),
                             evaluation_words(segment.source, segment.mt), settings)
        words = sum(evaluation_words(s.source, s.mt) for s in self._store.segments())
        return mqm_score(self._store.annotations(), words, settings)

    def segment_mqm_scores(self) -> list[MqmScore]:
        """Every segment's MQM score, in document order (one read of the annotations)."""
        settings = self.mqm_settings()
        by_position: dict[int, list[Annotation]] = {}
        for annotation in self._store.annotations():
            by_position.setdefault(annotation.position, []).append(annotation)
        return [mqm_score(by_position.get(s.position, []), evaluation_words(s.source, s.mt),
                          settings) for s in self._store.segments()]

    def _side_text(self, position: int, side: str) -> str:
        """A side's text now, in the notation."""
        if side not in ("mt", "correction"):
            raise ReviewerError(f"unknown side {side!r}: use mt or correction")
        segment = self._store.segment(position)
        return self.notation(position, segment.mt if side == "mt" else segment.text)

    def _export_annotations(self, version: str | None) -> dict[int, tuple[AnnotatedSpan, ...]]:
        """The live annotations by position with the texts they count in; none for a
        labelled version (annotations are not labelled with it)."""
        if version is not None and version != CURRENT:
            return {}
        found: dict[int, tuple[AnnotatedSpan, ...]] = {}
        for annotation in self._store.annotations():
            span = AnnotatedSpan(annotation, self.annotated_text(annotation))
            found[annotation.position] = (*found.get(annotation.position, ()), span)
        return found
