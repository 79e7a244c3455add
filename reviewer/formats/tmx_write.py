"""TMX out: the original file with only the edited targets' text and change stamps rewritten.

The original is never reserialised: each edited target's ``<seg>`` content is replaced
in the file's own text, confirming stamps ``changedate``/``changeid`` on the target
``<tuv>`` (on the ``<tu>`` when only it carries them), and a missing target variant is
inserted after the source one. An unedited project gives back the input bytes. A
project from another format becomes a new TMX 1.4 of source/correction pairs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from lxml import etree

from reviewer import __version__
from reviewer.core.errors import ReviewerError
from reviewer.core.status import SegmentStatus
from reviewer.core.tags import CLOSE, OPEN, InlineTag, tags_of
from reviewer.formats.safexml import XML_ENCODING, parse_xml
from reviewer.formats.structured import SOURCE_LANGUAGE, TARGET_LANGUAGE, is_edited, needs_source
from reviewer.formats.tagged import markup_of
from reviewer.formats.tmx_units import XML_LANG, segment_of, tmx_root, units, variants
from reviewer.formats.xmlspans import (
    Edit,
    NodeSpan,
    XmlText,
    apply_edits,
    escape_text,
    locate,
    set_attribute,
)

# a project property: its TMX tags are protected (an earlier reader kept them as markup text)
READER_KEY, READER = "tmx_reader", "tags"

if TYPE_CHECKING:
    from reviewer.formats.writers import ExportJob, ExportSegment

_STAMPS = ("changedate", "changeid")
_CONFIRMED = SegmentStatus.CONFIRMED
_ELEMENT_NAME = re.compile(r"<([^\s/>]+)")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def write_tmx(job: ExportJob) -> bytes:
    """The original TMX with corrected targets, or a new TMX 1.4 of source/correction pairs."""
    original = job.original_in("tmx")
    return _new_document(job) if original is None else _rewrite(job, *original)


def seg_content(text: str, tags: list[InlineTag], newline: str, where: str) -> str:
    """A text as ``<seg>`` content: tags as their markup, the rest escaped."""
    return markup_of(text, tags, newline, where)


def _author(job: ExportJob, segment: ExportSegment) -> str:
    """Who changed the segment: its latest revision's author if the job has it."""
    return segment.author or job.properties.get("author") or "reviewer"


def _mismatch() -> ReviewerError:
    return ReviewerError("the project no longer matches its original TMX; export TSV instead")


def _rewrite(job: ExportJob, name: str, data: bytes) -> bytes:
    edited = [segment for segment in job.segments if is_edited(segment.status)]
    if not edited:
        return data
    if job.properties.get(READER_KEY) != READER:
        raise ReviewerError("this project was made by an earlier reviewer that kept TMX tags "
                            "as text; import the TMX file again to export into it, or "
                            "export TSV")
    forced = job.properties.get(XML_ENCODING)
    root = tmx_root(parse_xml(data, name, forced), name)
    xml, spans = locate(data, root, name, forced)
    found = units(root)
    writer = _UnitWriter(xml, spans, job.properties.get(SOURCE_LANGUAGE, ""),
                         job.properties.get(TARGET_LANGUAGE, ""),
                         _now().strftime("%Y%m%dT%H%M%SZ"))
    edits: list[Edit] = []
    for segment in edited:
        index = (segment.meta or {}).get("tu")
        if not isinstance(index, int) or not 0 <= index < len(found):
            raise _mismatch()
        edits.extend(writer.edits(found[index], segment, _author(job, segment)))
    return xml.encode(apply_edits(xml.text, edits)) if edits else data


class _UnitWriter:
    """The span edits that write one segment back into its unit."""

    def __init__(self, xml: XmlText, spans: dict[etree._Element, NodeSpan], source: str,
                 target: str, stamp: str) -> None:
        self.xml = xml
        self.spans = spans
        self.source = source
        self.target = target
        self.stamp = stamp
        self.newline = xml.newline()

    def edits(self, tu: etree._Element, segment: ExportSegment, author: str) -> list[Edit]:
        sources = variants(tu, self.source)
        targets = variants(tu, self.target)
        if len(sources) != 1 or len(targets) > 1:
            raise _mismatch()
        target = targets[0] if targets else None
        changed = segment.correction != (segment.mt if target is not None else "")
        if not changed and segment.status != _CONFIRMED:
            return []
        where = f"segment {segment.position + 1}"
        content = seg_content(segment.correction, tags_of(segment.meta), self.newline, where)
        stamps = {"changedate": self.stamp, "changeid": author}
        on_unit = _has_stamps(tu) and (target is None or not _has_stamps(target))
        edits = [self._stamp(tu, stamps)] if on_unit else []
        if target is None:
            if changed:
                edits.append(self._insert(sources[0], content, {} if on_unit else stamps))
            return edits
        seg = segment_of(target)
        if seg is None:
            raise _mismatch()
        if not on_unit:
            edits.append(self._stamp(target, stamps))
        if changed:
            edits.append(self._replace(seg, content))
        return edits

    def _stamp(self, element: etree._Element, stamps: dict[str, str]) -> Edit:
        span = self.spans[element]
        start_tag = self.xml.start_tag(span)
        for attribute, value in stamps.items():
            start_tag = set_attribute(start_tag, attribute, value)
        return Edit(span.start, span.open_end, start_tag)

    def _replace(self, seg: etree._Element, content: str) -> Edit:
        span = self.spans[seg]
        if not span.empty:
            return Edit(span.open_end, span.close_start, content)
        start_tag = self.xml.start_tag(span)
        named = _ELEMENT_NAME.match(start_tag)
        element = named.group(1) if named is not None else "seg"
        return Edit(span.start, span.end, f"{start_tag[:-2].rstrip()}>{content}</{element}>")

    def _insert(self, source: etree._Element, content: str, stamps: dict[str, str]) -> Edit:
        """A new target variant after the source one, on a line of its own if that one is."""
        span = self.spans[source]
        text = self.xml.text
        start = span.start
        while start > 0 and text[start - 1] in " \t\r\n":
            start -= 1
        attribute = "xml:lang" if source.get(XML_LANG) is not None else "lang"
        attributes = "".join(f' {name}="{_attribute(value)}"'
                             for name, value in {attribute: self.target, **stamps}.items())
        tuv = f"<tuv{attributes}><seg>{content}</seg></tuv>"
        return Edit(span.end, span.end, text[start:span.start] + tuv)


def _has_stamps(element: etree._Element) -> bool:
    return any(element.get(name) is not None for name in _STAMPS)


def _attribute(value: str) -> str:
    return escape_text(value).replace('"', "&quot;")


# --- a new file -----------------------------------------------------------------------

def _as_tmx_code(tag: InlineTag) -> InlineTag:
    """Another format's tag as a TMX code holding its markup."""
    native = escape_text(tag.markup).replace("\r", "&#13;")
    if tag.kind == OPEN:
        return replace(tag, markup=f'<bpt i="{tag.number}">{native}</bpt>')
    if tag.kind == CLOSE:
        return replace(tag, markup=f'<ept i="{tag.number}">{native}</ept>')
    return replace(tag, markup=f'<ph x="{tag.number}">{native}</ph>')


def _new_document(job: ExportJob) -> bytes:
    source_language = job.properties.get(SOURCE_LANGUAGE) or "x-source"
    target_language = job.properties.get(TARGET_LANGUAGE) or "x-target"
    header = {"creationtool": "reviewer", "creationtoolversion": __version__,
              "segtype": "sentence", "o-tmf": "reviewer", "adminlang": "en",
              "srclang": source_language, "datatype": "plaintext"}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
             "  <header" + "".join(f' {k}="{_attribute(v)}"' for k, v in header.items()) + "/>",
             "  <body>"]
    for segment in job.segments:
        tags = [_as_tmx_code(tag) for tag in tags_of(segment.meta)]
        tuid = (segment.meta or {}).get("tuid") or segment.position + 1
        where = f"segment {segment.position + 1}"
        lines.append(f'    <tu tuid="{_attribute(str(tuid))}">')
        for language, text, role in (
                (source_language, needs_source(segment.source, "TMX"), f"the source of {where}"),
                (target_language, segment.correction, where)):
            lines.append(f'      <tuv xml:lang="{_attribute(language)}">'
                         f"<seg>{seg_content(text, tags, chr(10), role)}</seg></tuv>")
        lines.append("    </tu>")
    lines.extend(["  </body>", "</tmx>", ""])
    return "\n".join(lines).encode("utf-8")
