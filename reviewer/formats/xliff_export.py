"""Corrections written into the original XLIFF by editing spans of its text, never reserialising.

Only the content of edited targets changes, and the status each tool reads: XLIFF 1.2
``<target state>``, XLIFF 2.0 ``<segment state>``, Trados ``<sdl:seg conf>``, memoQ
``mq:status``, MadCap ``MadCap:segmentStatus``. A target the file lacks is inserted
right after its source with the file's own indentation.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.core.status import DONE_STATUSES, SegmentStatus
from reviewer.core.tags import InlineTag, tags_of
from reviewer.formats.safexml import XML_ENCODING, parse_xml
from reviewer.formats.structured import is_edited
from reviewer.formats.tagged import markup_of
from reviewer.formats.xliff_notes import note_edits
from reviewer.formats.xliff_units import MADCAP, MEMOQ, XML_NS, Slot, Xliff, render_slot
from reviewer.formats.xmlspans import (
    Edit,
    NodeSpan,
    XmlText,
    apply_edits,
    attribute_prefix,
    locate,
    set_attribute,
)

if TYPE_CHECKING:
    from reviewer.formats.writers import ExportJob, ExportSegment

# a project property: segments laid out as this reader does (a segment a seg mark,
# translate="no" units read-only) with tags as protected characters; a project of an
# earlier reader held markup as text and may count its segments otherwise
READER_KEY, READER = "xliff_reader", "tags"
CONFIRMED = DONE_STATUSES
EDITED = SegmentStatus.EDITED
# (confirmed, edited) as each tool names them
TOOL_STATUS = {
    "xliff": ("translated", "needs-review-translation"),  # XLIFF 1.2 <target state>
    "xliff2": ("translated", "initial"),  # XLIFF 2.0 <segment state>
    "sdl": ("Translated", "Draft"),  # Trados <sdl:seg conf>
    "memoq": ("ManuallyConfirmed", "PartiallyEdited"),  # memoQ <trans-unit mq:status>
    # MadCap Lingo <mrk MadCap:segmentStatus> (real files seen hold only Untranslated)
    "madcap": ("Translated", "Untranslated"),
}
_NAME = re.compile(r"<([^\s/>]+)")

Pair = tuple[Slot, "ExportSegment"]


def tool_status(tool: str, status: str) -> str | None:
    """The tool's name for a review status; None leaves the file's status as it is."""
    confirmed, edited = TOOL_STATUS[tool]
    if status in CONFIRMED:
        return confirmed
    return edited if status == EDITED else None


def correction_markup(text: str, tags: Sequence[InlineTag], newline: str, where: str) -> str:
    """A correction as XML content (line breaks as the editor typed them), or an error."""
    return markup_of(text.replace("\r\n", "\n"), tags, newline, where)


def element_markup(start: str, content: str) -> str:
    """An element from its start tag (``<a/>`` opened up) and content."""
    if start.endswith("/>"):
        start = start[:-2].rstrip() + ">"
    name = _NAME.match(start)
    assert name is not None
    return f"{start}{content}</{name.group(1)}>"


class _Changes:
    """Start tags, contents and insertions to change, as non-overlapping span edits."""

    def __init__(self, xml: XmlText, spans: dict[etree._Element, NodeSpan]) -> None:
        self.xml = xml
        self.spans = spans
        self.starts: dict[etree._Element, str] = {}
        self.contents: dict[etree._Element, str] = {}
        self.inserts: list[Edit] = []

    def start_tag(self, element: etree._Element) -> str:
        """The element's start tag with the changes made so far."""
        return self.starts.get(element) or self.xml.start_tag(self.spans[element])

    def set(self, element: etree._Element, name: str, value: str) -> None:
        self.starts[element] = set_attribute(self.start_tag(element), name, value)

    def fill(self, element: etree._Element, content: str) -> None:
        self.contents[element] = content

    def insert(self, position: int, text: str) -> None:
        self.inserts.append(Edit(position, position, text))

    def edits(self) -> list[Edit]:
        edits = list(self.inserts)
        for element in {**self.starts, **self.contents}:
            span = self.spans[element]
            start = self.start_tag(element)
            content = self.contents.get(element)
            if content is not None and span.empty:
                edits.append(Edit(span.start, span.end, element_markup(start, content)))
                continue
            if content is not None:
                edits.append(Edit(span.open_end, span.close_start, content))
            if element in self.starts:
                edits.append(Edit(span.start, span.open_end, start))
        return edits


def rewrite_xliff(job: ExportJob, name: str, data: bytes) -> bytes:
    """The original file with the project's corrections and statuses in place."""
    if job.properties.get(READER_KEY) != READER:
        raise ReviewerError("this project was made by an earlier reviewer that kept XLIFF tags "
                            "as text; import the XLIFF file again to export into it, or "
                            "export TSV")
    forced = job.properties.get(XML_ENCODING)
    root = parse_xml(data, name, forced).getroot()
    xliff = Xliff(root, name)
    xml, spans = locate(data, root, name, forced)
    slots = xliff.slots()
    if len(slots) != len(job.segments):
        raise ReviewerError(f"the project has {len(job.segments)} segments but its original "
                            f"XLIFF {len(slots)}; export TSV instead")
    writer = _Writer(xliff, xml, spans)
    for _unit, pairs in itertools.groupby(zip(slots, job.segments, strict=True),
                                          key=lambda pair: pair[0].unit):
        unit_pairs = list(pairs)
        writer.unit(unit_pairs)
        writer.notes(unit_pairs)  # after: a target inserted at the same place comes first
    edits = writer.changes.edits()
    if not edits:
        return data
    return xml.encode(apply_edits(xml.text, edits))


class _Writer:
    """Collects the changes one unit at a time."""

    def __init__(self, xliff: Xliff, xml: XmlText,
                 spans: dict[etree._Element, NodeSpan]) -> None:
        self.xliff = xliff
        self.xml = xml
        self.spans = spans
        self.changes = _Changes(xml, spans)
        self._first_target_language: str | None = None

    def unit(self, pairs: list[Pair]) -> None:
        todo = [(slot, segment) for slot, segment in pairs
                if is_edited(segment.status) and not slot.locked]
        if not todo:
            return
        if self.xliff.version == 2:
            for slot, segment in todo:
                self._segment(slot, segment)
        elif pairs[0][0].mid is None:
            self._plain_unit(*todo[0])
        else:
            self._marked_unit(pairs, todo)

    def notes(self, pairs: list[Pair]) -> None:
        """The open comments of the unit's segments, as its notes."""
        comments = [comment for _slot, segment in pairs for comment in segment.comments]
        self.changes.inserts.extend(
            note_edits(self.xliff, self.xml, self.spans, pairs[0][0].unit, comments))

    def content(self, slot: Slot, segment: ExportSegment) -> str | None:
        """The correction as markup; None when it is the target as the file has it."""
        where = f"segment {segment.position + 1}"
        _source, target, table = render_slot(slot, self.xml, self.spans, where)
        if slot.target is not None and segment.correction == target:
            return None
        tags = tags_of(segment.meta) or table.tags
        return correction_markup(segment.correction, tags, self.xml.newline(), where)

    def _segment(self, slot: Slot, segment: ExportSegment) -> None:
        """XLIFF 2.0: the target, and the state on ``<segment>``."""
        content = self.content(slot, segment)
        if slot.target is None:
            self._insert_target(slot, content or "", {})
        elif content is not None:
            self.changes.fill(slot.target, content)
        state = tool_status("xliff2", segment.status)
        if state is not None and slot.holder is not None:
            self.changes.set(slot.holder, "state", state)

    def _plain_unit(self, slot: Slot, segment: ExportSegment) -> None:
        """XLIFF 1.2 without segmentation marks: one target, one segment."""
        content = self.content(slot, segment)
        state = tool_status("xliff", segment.status)
        own_state = self.xliff.tool == "xliff"
        if slot.target is None:
            attributes = {"state": state} if state is not None and own_state else {}
            self._insert_target(slot, content or "", attributes)
        else:
            if content is not None:
                self.changes.fill(slot.target, content)
            if state is not None and (own_state or slot.target.get("state") is not None):
                self.changes.set(slot.target, "state", state)
        self._memoq_status(slot.unit, segment.status)

    def _memoq_status(self, unit: etree._Element, status: str) -> None:
        prefix = attribute_prefix(unit, MEMOQ)
        value = tool_status("memoq", status)
        if self.xliff.tool == "memoq" and prefix is not None and value is not None:
            self.changes.set(unit, f"{prefix}:status", value)

    def _marked_unit(self, pairs: list[Pair], todo: list[Pair]) -> None:
        """XLIFF 1.2 with ``<seg-source>``: each target ``<mrk mtype="seg">`` a segment."""
        first = pairs[0][0]
        target = first.holder
        state = tool_status("xliff", _unit_status(pairs))
        own_state = self.xliff.tool == "xliff"
        contents = {slot.mid: (segment, self.content(slot, segment)) for slot, segment in todo}
        if target is not None and all(slot.target is not None for slot, _ in todo):
            for slot, segment in todo:
                assert slot.target is not None
                content = contents[slot.mid][1]
                if content is not None:
                    self.changes.fill(slot.target, content)
                madcap = self._madcap_attribute(slot.target, segment.status)
                if madcap is not None:
                    self.changes.set(slot.target, *madcap)
        else:
            new_state = {"state": state} if state is not None and own_state else {}
            self._rebuild_target(first, target, contents, new_state)
        if target is not None and state is not None and (
                own_state or target.get("state") is not None):
            self.changes.set(target, "state", state)
        for slot, segment in todo:
            seg = self.xliff.sdl_seg(slot.unit, slot.mid)
            conf = tool_status("sdl", segment.status)
            if self.xliff.tool == "sdl" and seg is not None and conf is not None:
                self.changes.set(seg, "conf", conf)

    def _madcap_attribute(self, mark: etree._Element, status: str) -> tuple[str, str] | None:
        prefix = attribute_prefix(mark, MADCAP)
        value = tool_status("madcap", status)
        if self.xliff.tool != "madcap" or prefix is None or value is None:
            return None
        return f"{prefix}:segmentStatus", value

    def _rebuild_target(self, first: Slot, target: etree._Element | None,
                        contents: dict[str | None, tuple[ExportSegment, str | None]],
                        attributes: dict[str, str]) -> None:
        """A target lacking marks gets the structure of ``<seg-source>``, marks filled in."""
        seg_source = first.anchor
        existing = {} if target is None else {
            mark.get("mid"): mark for mark in self.xliff.seg_marks(target)}
        base = self.spans[seg_source]
        replacements = []
        for mark in self.xliff.seg_marks(seg_source):
            mid = mark.get("mid")
            span = self.spans[mark]
            replacements.append(Edit(span.start - base.open_end, span.end - base.open_end,
                                     self._mark(mark, existing.get(mid), contents.get(mid))))
        content = apply_edits(self.xml.text[base.open_end:base.close_start], replacements)
        if target is None:
            self._insert_target(first, content, attributes)
        else:
            self.changes.fill(target, content)

    def _mark(self, source_mark: etree._Element, target_mark: etree._Element | None,
              edited: tuple[ExportSegment, str | None] | None) -> str:
        """One target mark: as it was, or with the correction; a missing one left empty."""
        model = source_mark if target_mark is None else target_mark
        span = self.spans[model]
        start = self.xml.start_tag(span)
        content = None
        if edited is not None:
            content = edited[1]
            madcap = self._madcap_attribute(model, edited[0].status)
            if madcap is not None:
                start = set_attribute(start, *madcap)
        if content is None and target_mark is not None:  # the target's own content stays
            return start + self.xml.text[span.open_end:span.end]
        return element_markup(start, content or "")

    def _insert_target(self, slot: Slot, content: str, attributes: dict[str, str]) -> None:
        """A new target right after the source (or ``<seg-source>``), indented the same."""
        anchor = slot.anchor
        anchor_span = self.spans[anchor]
        found = _NAME.match(self.xml.start_tag(anchor_span))
        assert found is not None
        name = found.group(1)
        start = f"<{name[:name.rfind(':') + 1]}target>"
        language = self._target_language(slot.unit)
        if language is not None:
            start = set_attribute(start, "xml:lang", language)
        source = slot.source if slot.mid is None else slot.unit.find(self.xliff.q("source"))
        space = None if source is None else source.get(f"{{{XML_NS}}}space")
        if space is not None:
            start = set_attribute(start, "xml:space", space)
        for key, value in attributes.items():
            start = set_attribute(start, key, value)
        self.changes.insert(anchor_span.end,
                            self._indent_before(anchor) + element_markup(start, content))

    def _indent_before(self, element: etree._Element) -> str:
        previous = element.getprevious()
        parent = element.getparent()
        if previous is not None:
            begin = self.spans[previous].end
        elif parent is not None:
            begin = self.spans[parent].open_end
        else:
            return ""
        gap = self.xml.text[begin:self.spans[element].start]
        return gap if not gap.strip() else ""

    def _target_language(self, unit: etree._Element) -> str | None:
        """The ``xml:lang`` a new target gets: only where the file's targets carry one."""
        if self._first_target_language is None:
            targets = self.xliff.root.iter(self.xliff.q("target"))
            languages = (target.get(f"{{{XML_NS}}}lang") for target in targets)
            self._first_target_language = next((str(lang) for lang in languages if lang), "")
        first = self._first_target_language
        if not first:
            return None
        if self.xliff.version == 2:
            return self.xliff.root.get("trgLang") or first
        file = self.xliff.file_of(unit)
        return (None if file is None else file.get("target-language")) or first


def _unit_status(pairs: list[Pair]) -> str:
    """A unit's status from its segments': edited if one is, confirmed if all are."""
    statuses = [segment.status for slot, segment in pairs if not slot.locked]
    if EDITED in statuses:
        return EDITED
    confirmed = bool(statuses) and all(s in CONFIRMED for s in statuses)
    return SegmentStatus.CONFIRMED if confirmed else SegmentStatus.NEW

