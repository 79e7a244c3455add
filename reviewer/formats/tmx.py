"""TMX: one language pair of a translation memory in, with inline codes as protected tags.

Language tags compare case-insensitively (see ``tmx_units``). A unit that cannot be
reviewed (no variant at all, no source variant, several variants of a language) is counted
with its reason, never dropped silently. Writing back is ``tmx_write``'s.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.core.tags import tags_data
from reviewer.formats.safexml import forced_encoding, parse_xml, xml_document
from reviewer.formats.structured import SOURCE_LANGUAGE, TARGET_LANGUAGE, check_segments, shown
from reviewer.formats.tagged import TagTable, render
from reviewer.formats.tmx_units import choose_pair, language, segment_of, tmx_root, units, variants
from reviewer.formats.tmx_write import READER, READER_KEY, write_tmx
from reviewer.formats.xmlspans import NodeSpan, XmlText, locate

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SKIPPED = "skipped"  # the metadata key of the one-line summary of skipped units


@dataclass
class _Skips:
    """Units left out, counted by reason."""

    source: str
    target: str
    reasons: Counter[str] = field(default_factory=Counter)

    def no_source(self) -> None:
        self.reasons[f"with no {shown(self.source, 40)} variant"] += 1

    def several(self, spelled: str) -> None:
        self.reasons[f"with several {shown(spelled, 40)} variants"] += 1

    def empty(self) -> None:
        self.reasons["empty"] += 1

    def no_seg(self, spelled: str) -> None:
        self.reasons[f"with no <seg> in its {shown(spelled, 40)} variant"] += 1

    def summary(self, total: int) -> str:
        """One line: "skipped 3 of 10 units: 2 with no en variant, 1 with ..." ("" if none)."""
        count = sum(self.reasons.values())
        if not count:
            return ""
        parts = ", ".join(f"{number} {reason}" for reason, number in self.reasons.items())
        return f"skipped {count} of {total} unit{'s' if total != 1 else ''}: {parts}"


@dataclass
class _Reader:
    """Reads the units of one file into segments."""

    xml: XmlText
    spans: dict[etree._Element, NodeSpan]
    name: str
    skips: _Skips

    def text(self, seg: etree._Element, table: TagTable, where: str) -> str:
        # a seg's content is data, not layout (TMX defines no xml:space): read as written
        if seg.get(_XML_SPACE) is None:
            seg.set(_XML_SPACE, "preserve")
        return render(seg, self.xml, self.spans, table, where)

    def segment(self, index: int, tu: etree._Element) -> ImportedSegment | None:
        if next(tu.iterchildren("{*}tuv"), None) is None:
            self.skips.empty()
            return None
        sources = variants(tu, self.skips.source)
        targets = variants(tu, self.skips.target)
        if not sources:
            self.skips.no_source()
            return None
        for found, spelled in ((sources, self.skips.source), (targets, self.skips.target)):
            if len(found) > 1:
                self.skips.several(spelled)
                return None
        source_seg = segment_of(sources[0])
        target_seg = segment_of(targets[0]) if targets else None
        for tuv, seg in ((sources[0], source_seg), (targets[0] if targets else None, target_seg)):
            if tuv is not None and seg is None:
                self.skips.no_seg(language(tuv))
                return None
        assert source_seg is not None
        table = TagTable()
        where = f"{self.name}: unit {index + 1}"
        source = self.text(source_seg, table, where)
        table.side = "target"
        mt = "" if target_seg is None else self.text(target_seg, table, where)
        meta = context(tu, [sources[0], *targets])
        meta = {"tu": index, **meta}
        if table.tags:
            meta["tags"] = tags_data(table.tags)
        return ImportedSegment(mt=mt, source=source, meta=meta)


def _text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


def context(tu: etree._Element, tuvs: list[etree._Element]) -> dict[str, object]:
    """What the unit and its two variants say for the editor: tuid, notes and props."""
    meta: dict[str, object] = {}
    if tu.get("tuid"):
        meta["tuid"] = str(tu.get("tuid"))
    holders = [tu, *tuvs]
    notes = [_text_of(note) for holder in holders for note in holder.iterchildren("{*}note")]
    if notes:
        meta["notes"] = notes
    props: dict[str, list[str]] = {}
    for holder in holders:
        for prop in holder.iterchildren("{*}prop"):
            values = props.setdefault(str(prop.get("type") or "untyped"), [])
            if _text_of(prop) not in values:
                values.append(_text_of(prop))
    if props:
        meta["props"] = {kind: "; ".join(values) for kind, values in props.items()}
    return meta


def read_tmx(data: bytes, name: str, encoding: str | None = None,
             langs: tuple[str, str] | None = None) -> ImportedDocument:
    """Each unit with one source variant: source → source, target (or "") → MT."""
    tree = parse_xml(data, name, encoding)
    root = tmx_root(tree, name)
    source_language, target_language = choose_pair(root, langs, name)
    xml, spans = locate(data, root, name, forced_encoding(data, encoding))
    reader = _Reader(xml, spans, name, _Skips(source_language, target_language))
    found = units(root)
    segments = [segment for index, tu in enumerate(found)
                if (segment := reader.segment(index, tu)) is not None]
    summary = reader.skips.summary(len(found))
    if not segments:
        raise ReviewerError(f"{name}: holds no segments to review"
                            + (f" ({summary})" if summary else ""))
    check_segments(segments, name)
    metadata = {SOURCE_LANGUAGE: source_language, TARGET_LANGUAGE: target_language,
                READER_KEY: READER}
    if summary:
        metadata[SKIPPED] = summary
    return xml_document(tree, data, name, segments, metadata, "tmx", encoding)


__all__ = ["SKIPPED", "read_tmx", "write_tmx"]
