"""XLIFF round trips without a project: edit segments, export, and say where the file changed."""

from __future__ import annotations

import difflib
import itertools
import os
import re

from fidelity import changed_regions
from lxml import etree

from reviewer.core.document import ImportedDocument
from reviewer.formats.safexml import parse_xml
from reviewer.formats.writers import ExportJob, ExportSegment
from reviewer.formats.xliff import read_xliff, write_xliff
from reviewer.formats.xliff_units import Xliff
from reviewer.formats.xmlspans import NodeSpan, locate

Edits = dict[int, tuple[str, str]]  # position: (correction, status)
_PIECE = re.compile(r"[^>]*>|[^>]+\Z")  # text up to and with each ">"


def export_with(data: bytes, name: str, edits: Edits) -> tuple[ImportedDocument, bytes]:
    """The document as read, and the export after ``edits``; other segments stay "new"."""
    document = read_xliff(data, name)
    segments = []
    for position, segment in enumerate(document.segments):
        correction, status = edits.get(position, (segment.mt, "new"))
        segments.append(ExportSegment(position, segment.source, segment.mt, None, correction,
                                      status, 0.0, 0.0, 0.0, segment.meta))
    job = ExportJob(segments, document.layout, dict(document.metadata), (name, "xliff", data))
    return document, write_xliff(job)


def changed_spans(before: str, after: str) -> list[tuple[int, int]]:
    """``fidelity.changed_regions`` piece by piece of markup, fast on files of long lines."""
    old, new = _PIECE.findall(before), _PIECE.findall(after)
    starts = list(itertools.accumulate((len(piece) for piece in old), initial=0))
    regions = []
    pieces = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in pieces.get_opcodes():
        if tag != "equal":
            regions.extend((starts[i1] + start, starts[i1] + end) for start, end in
                           changed_regions("".join(old[i1:i2]), "".join(new[j1:j2])))
    return regions


def text_of(data: bytes, name: str) -> str:
    """The file's text as the export edits it."""
    return locate(data, parse_xml(data, name).getroot(), name)[0].text


def allowed_regions(data: bytes, name: str, positions: list[int]) -> list[tuple[int, int]]:
    """Where an export editing ``positions`` may differ from ``data``: the targets' content
    (or the gap after the source where a target is inserted) and the start tags that hold
    the statuses the file's tool reads."""
    root = parse_xml(data, name).getroot()
    xliff = Xliff(root, name)
    xml, spans = locate(data, root, name)
    slots = xliff.slots()

    def content(element: etree._Element) -> tuple[int, int]:
        span = spans[element]
        return (span.start, span.end) if span.empty else (span.open_end, span.close_start)

    def start_tag(element: etree._Element) -> tuple[int, int]:
        span: NodeSpan = spans[element]
        return span.start, span.open_end

    allowed = []
    for position in positions:
        slot = slots[position]
        if slot.target is not None:
            allowed.append(content(slot.target))
        elif slot.mid is not None and slot.holder is not None:
            allowed.append(content(slot.holder))
        else:
            allowed.append(_insertion_point(slot.anchor, xml.text, spans))
        if xliff.version == 2:
            assert slot.holder is not None
            allowed.append(start_tag(slot.holder))
            continue
        target = slot.holder if slot.mid is not None else slot.target
        if target is not None:
            allowed.append(start_tag(target))
        if xliff.tool == "madcap" and slot.target is not None:
            allowed.append(start_tag(slot.target))
        if xliff.tool == "memoq":
            allowed.append(start_tag(slot.unit))
        seg = xliff.sdl_seg(slot.unit, slot.mid)
        if xliff.tool == "sdl" and seg is not None:
            allowed.append(start_tag(seg))
    return allowed


def _insertion_point(anchor: etree._Element, text: str,
                     spans: dict[etree._Element, NodeSpan]) -> tuple[int, int]:
    """The gap after ``anchor`` where a new target goes.

    A character diff may show the insertion a few characters later where the new
    ``<target`` and the markup that follows start alike (``<`` of ``<note>``).
    """
    following = anchor.getnext()
    parent = anchor.getparent()
    assert parent is not None
    end = spans[parent].close_start if following is None else spans[following].start
    name = re.match(r"<([^\s/>]+)", text[spans[anchor].start:])
    assert name is not None
    prefix = name.group(1)[:name.group(1).rfind(":") + 1]
    alike = os.path.commonprefix([text[end:end + 40], f"<{prefix}target"])
    return spans[anchor].end, end + len(alike)
