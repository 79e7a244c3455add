"""XLIFF 1.2 and 2.0: units in, corrected targets and states written back into the original."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.core.visible import visible
from reviewer.formats.inline import fill, render, text_of
from reviewer.formats.safexml import (
    XML_ENCODING,
    local_name,
    parse_xml,
    serialize,
    xml_document,
)
from reviewer.formats.structured import (
    SOURCE_LANGUAGE,
    TARGET_LANGUAGE,
    check_segments,
    is_edited,
    needs_source,
)

if TYPE_CHECKING:
    from reviewer.formats.writers import ExportJob

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The segment's review status as an XLIFF state; "new" segments are left untouched.
STATES_12 = {"confirmed": "translated", "edited": "needs-review-translation",
             "imported": "translated"}
STATES_20 = {"confirmed": "translated", "edited": "initial", "imported": "translated"}


@dataclass(frozen=True)
class _Slot:
    """Where one segment lives in the tree."""

    source: etree._Element
    target: etree._Element | None
    holder: etree._Element  # carries the state: 1.2 the target, 2.0 the segment
    meta: dict[str, object]


class _Dialect:
    """Names and rules of one XLIFF version."""

    def __init__(self, root: etree._Element, name: str) -> None:
        if local_name(root) != "xliff":
            raise ReviewerError(f"{name}: not XLIFF (the root element is <{local_name(root)}>)")
        self.namespace = etree.QName(root).namespace or ""
        version = root.get("version", "")
        self.version = 2 if self.namespace == NS20 or version.startswith("2") else 1

    def q(self, tag: str) -> str:
        """The qualified tag name."""
        return f"{{{self.namespace}}}{tag}" if self.namespace else tag


def _notes(parent: etree._Element | None, dialect: _Dialect) -> list[str]:
    if parent is None:
        return []
    return [text_of(note) for note in parent.findall(dialect.q("note"))]


def _slots(root: etree._Element, dialect: _Dialect, name: str) -> list[_Slot]:
    slots: list[_Slot] = []
    if dialect.version == 1:
        for unit in root.iter(dialect.q("trans-unit")):
            if unit.get("translate") == "no":
                continue
            source = unit.find(dialect.q("source"))
            if source is None:
                raise ReviewerError(f"{name}: trans-unit {unit.get('id')!r} has no <source>")
            target = unit.find(dialect.q("target"))
            meta: dict[str, object] = {"id": unit.get("id")}
            if target is not None and target.get("state") is not None:
                meta["state"] = target.get("state")
            notes = _notes(unit, dialect)
            if notes:
                meta["notes"] = notes
            slots.append(_Slot(source, target, unit, meta))
        return slots
    for unit in root.iter(dialect.q("unit")):
        if unit.get("translate") == "no":
            continue
        notes = _notes(unit.find(dialect.q("notes")), dialect)
        for segment in unit.findall(dialect.q("segment")):
            source = segment.find(dialect.q("source"))
            if source is None:
                raise ReviewerError(f"{name}: unit {unit.get('id')!r} has a segment "
                                    "without <source>")
            meta = {"unit": unit.get("id"), "id": segment.get("id")}
            if segment.get("state") is not None:
                meta["state"] = segment.get("state")
            if notes:
                meta["notes"] = notes
            slots.append(_Slot(source, segment.find(dialect.q("target")), segment, meta))
    return slots


def _languages(root: etree._Element, dialect: _Dialect) -> dict[str, str]:
    holder = root if dialect.version == 2 else root.find(dialect.q("file"))
    if holder is None:
        return {}
    names = ("srcLang", "trgLang") if dialect.version == 2 else ("source-language",
                                                                  "target-language")
    found = {SOURCE_LANGUAGE: holder.get(names[0]), TARGET_LANGUAGE: holder.get(names[1])}
    return {key: value for key, value in found.items() if value}


def read_xliff(data: bytes, name: str, encoding: str | None = None) -> ImportedDocument:
    """Each translatable segment: source → source, target → MT, ids, states and notes in meta."""
    tree = parse_xml(data, name, encoding)
    root = tree.getroot()
    dialect = _Dialect(root, name)
    segments = [
        ImportedSegment(mt="" if slot.target is None else text_of(slot.target),
                        source=text_of(slot.source), meta=slot.meta)
        for slot in _slots(root, dialect, name)
    ]
    check_segments(segments, name)
    metadata = {**_languages(root, dialect), "xliff_version": str(dialect.version)}
    return xml_document(tree, data, name, segments, metadata, "xliff", encoding)


def write_xliff(job: ExportJob) -> bytes:
    """The original XLIFF with corrected targets and states, or a new XLIFF 1.2 file."""
    original = job.original_in("xliff")
    return _new_document(job) if original is None else _rewrite(job, *original)


def _rewrite(job: ExportJob, name: str, data: bytes) -> bytes:
    forced = job.properties.get(XML_ENCODING)
    tree = parse_xml(data, name, forced)
    root = tree.getroot()
    dialect = _Dialect(root, name)
    slots = _slots(root, dialect, name)
    if len(slots) != len(job.segments):
        raise ReviewerError(f"the project has {len(job.segments)} segments but its original "
                            f"XLIFF {len(slots)}; export TSV instead")
    language = _languages(root, dialect).get(TARGET_LANGUAGE)
    for slot, segment in zip(slots, job.segments, strict=True):
        if not is_edited(segment.status):
            continue
        target = slot.target
        tags = render(slot.source)[1] + ([] if target is None else render(target)[1])
        if target is None:
            target = etree.Element(dialect.q("target"))
            if dialect.version == 1 and language:
                target.set(_XML_LANG, language)
            anchor = slot.source.getnext()
            after = anchor if anchor is not None and local_name(anchor) == "seg-source" \
                else slot.source
            target.tail = after.tail
            after.addnext(target)
        fill(target, segment.correction, tags, f"segment {segment.position + 1}")
        states = STATES_12 if dialect.version == 1 else STATES_20
        state = states.get(segment.status)
        if state is not None:
            (target if dialect.version == 1 else slot.holder).set("state", state)
    return serialize(tree, data, forced)


def _new_document(job: ExportJob) -> bytes:
    root = etree.Element(f"{{{NS12}}}xliff", nsmap={None: NS12})
    root.set("version", "1.2")
    file = etree.SubElement(root, f"{{{NS12}}}file")
    # XML cannot hold control characters, which a file name may
    file.set("original", visible(job.properties.get("source_name") or "document"))
    file.set("datatype", "plaintext")
    file.set("source-language", job.properties.get(SOURCE_LANGUAGE) or "x-source")
    file.set("target-language", job.properties.get(TARGET_LANGUAGE) or "x-target")
    body = etree.SubElement(file, f"{{{NS12}}}body")
    try:
        for segment in job.segments:
            unit = etree.SubElement(body, f"{{{NS12}}}trans-unit")
            unit.set("id", str(segment.position + 1))
            source = etree.SubElement(unit, f"{{{NS12}}}source")
            source.text = needs_source(segment.source, "XLIFF")
            target = etree.SubElement(unit, f"{{{NS12}}}target")
            target.text = segment.correction
            state = STATES_12.get(segment.status)
            if state is not None:
                target.set("state", state)
    except ValueError as error:
        raise ReviewerError(f"cannot write XLIFF: {error}") from error
    etree.indent(root, space="  ")
    return serialize(root.getroottree())
