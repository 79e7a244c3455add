"""Where each segment of an XLIFF file lives: units, ``<seg-source>`` marks, targets, locks.

Reading and writing both walk the file with ``Xliff.slots``, so the n-th segment of a
project is the n-th slot of its original file.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.formats.tagged import NESTING, TagTable, local, render
from reviewer.formats.xmlspans import NodeSpan, XmlText

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
MEMOQ = "MQXliff"
MADCAP = "http://www.madcapsoftware.com/Schemas/MadCap.xsd"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_TOOLS = ((SDL, "sdl"), (MEMOQ, "memoq"), (MADCAP, "madcap"))
_LOCKED_VALUES = frozenset({"true", "yes", "locked"})


@dataclass(frozen=True)
class Slot:
    """One segment: its source and target content elements and what holds them."""

    unit: etree._Element  # <trans-unit> or <unit>
    source: etree._Element  # <source>, or the <mrk mtype="seg"> of <seg-source>
    target: etree._Element | None  # <target>, or the target's <mrk> of the same mid
    anchor: etree._Element  # a missing target goes right after it (<source>, <seg-source>)
    holder: etree._Element | None  # 2.0: the <segment>; 1.2 with marks: the <target>
    mid: str | None = None  # the seg mark's id
    locked: bool = False


class Xliff:
    """One XLIFF file's version, namespace, and the tool that wrote it."""

    def __init__(self, root: etree._Element, name: str) -> None:
        if local(root) != "xliff":
            raise ReviewerError(f"{name}: not XLIFF (the root element is <{local(root)}>)")
        self.root = root
        self.name = name
        self.namespace = etree.QName(root).namespace or ""
        version = root.get("version", "")
        self.version = 2 if self.namespace == NS20 or version.startswith("2") else 1
        namespaces = set(root.nsmap.values())
        self.tool = next((tool for uri, tool in _TOOLS if uri in namespaces), "xliff")

    def q(self, tag: str) -> str:
        """The qualified name of an XLIFF element."""
        return f"{{{self.namespace}}}{tag}" if self.namespace else tag

    def slots(self) -> list[Slot]:
        """Every segment in document order (locked units without words left out)."""
        found: list[Slot] = []
        unit_name = "unit" if self.version == 2 else "trans-unit"
        for unit in self.root.iter(self.q(unit_name)):
            unit_slots = self._unit_slots(unit) if self.version == 1 else self._segments(unit)
            found.extend(slot for slot in unit_slots if not slot.locked or has_words(slot.source))
        return found

    def _segments(self, unit: etree._Element) -> list[Slot]:
        locked = _translate_no(unit)
        slots = []
        for segment in unit.findall(self.q("segment")):
            source = segment.find(self.q("source"))
            if source is None:
                raise ReviewerError(f"{self.name}: unit {unit.get('id')!r} has a segment "
                                    "without <source>")
            slots.append(Slot(unit, source, segment.find(self.q("target")), source, segment,
                              locked=locked))
        return slots

    def _unit_slots(self, unit: etree._Element) -> list[Slot]:
        source = unit.find(self.q("source"))
        if source is None:
            raise ReviewerError(f"{self.name}: trans-unit {unit.get('id')!r} has no <source>")
        target = unit.find(self.q("target"))
        locked = _translate_no(unit) or _memoq_locked(unit)
        seg_source = unit.find(self.q("seg-source"))
        marks = [] if seg_source is None else self.seg_marks(seg_source)
        if seg_source is not None and not marks and self.tool == "sdl":
            return []  # Trados did not segment it: nothing in it is for translation
        if seg_source is None or not marks:
            anchor = source if seg_source is None else seg_source
            return [Slot(unit, source, target, anchor, None, locked=locked)]
        in_target = {} if target is None else {
            mark.get("mid"): mark for mark in self.seg_marks(target)}
        return [Slot(unit, mark, in_target.get(mark.get("mid")), seg_source, target,
                     mark.get("mid"), locked or self._sdl_locked(unit, mark.get("mid")))
                for mark in marks]

    def seg_marks(self, element: etree._Element) -> list[etree._Element]:
        """The segmentation marks (``<mrk mtype="seg">``) inside an element."""
        return [mark for mark in element.iter(self.q("mrk")) if mark.get("mtype") == "seg"]

    def sdl_seg(self, unit: etree._Element, mid: str | None) -> etree._Element | None:
        """Trados' ``<sdl:seg>`` holding the status of segment ``mid``."""
        definitions = unit.find(f"{{{SDL}}}seg-defs")
        if definitions is None or mid is None:
            return None
        return next((seg for seg in definitions.iterchildren(f"{{{SDL}}}seg")
                     if seg.get("id") == mid), None)

    def _sdl_locked(self, unit: etree._Element, mid: str | None) -> bool:
        seg = self.sdl_seg(unit, mid)
        return seg is not None and str(seg.get("locked", "")).lower() in _LOCKED_VALUES

    def file_of(self, unit: etree._Element) -> etree._Element | None:
        """The ``<file>`` a unit belongs to."""
        return next(unit.iterancestors(self.q("file")), None)


def _translate_no(unit: etree._Element) -> bool:
    """``translate="no"`` on the unit or inherited from a group or file."""
    node: etree._Element | None = unit
    while node is not None:
        value = node.get("translate")
        if value is not None:
            return str(value).lower() == "no"
        node = node.getparent()
    return False


def _memoq_locked(unit: etree._Element) -> bool:
    return str(unit.get(f"{{{MEMOQ}}}locked", "")).lower() in _LOCKED_VALUES


def has_words(element: etree._Element) -> bool:
    """Whether the content holds text outside codes (a locked unit of bare tags does not)."""
    if (element.text or "").strip():
        return True
    for child in element:
        if isinstance(child.tag, str) and local(child) in NESTING and has_words(child):
            return True
        if (child.tail or "").strip():
            return True
    return False


def render_slot(slot: Slot, xml: XmlText, spans: dict[etree._Element, NodeSpan],
                where: str) -> tuple[str, str, TagTable]:
    """The slot's source and target as segment texts, and their tag table."""
    table = TagTable()
    source = render(slot.source, xml, spans, table, where)
    table.side = "target"
    target = "" if slot.target is None else render(slot.target, xml, spans, table, where)
    return source, target, table
