"""XLIFF 1.2 and 2.0 (and the Trados, memoQ, MadCap flavours): segments in, corrections back.

Inline codes become protected tags (see reviewer.formats.tagged); an export edits spans of
the original text (see reviewer.formats.xliff_export), so what was not edited stays byte
for byte as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.tags import META_KEY, tags_data
from reviewer.formats.safexml import forced_encoding, parse_xml, xml_document
from reviewer.formats.structured import SOURCE_LANGUAGE, TARGET_LANGUAGE, check_segments
from reviewer.formats.xliff_export import READER, READER_KEY, rewrite_xliff
from reviewer.formats.xliff_meta import SegmentContext
from reviewer.formats.xliff_new import new_xliff
from reviewer.formats.xliff_units import NS12, NS20, Xliff, render_slot
from reviewer.formats.xmlspans import locate

if TYPE_CHECKING:
    from reviewer.formats.writers import ExportJob

__all__ = ["NS12", "NS20", "read_xliff", "write_xliff"]


def _languages(xliff: Xliff) -> dict[str, str]:
    holder = xliff.root if xliff.version == 2 else xliff.root.find(xliff.q("file"))
    if holder is None:
        return {}
    names = ("srcLang", "trgLang") if xliff.version == 2 else ("source-language",
                                                                "target-language")
    found = {SOURCE_LANGUAGE: holder.get(names[0]), TARGET_LANGUAGE: holder.get(names[1])}
    return {key: str(value) for key, value in found.items() if value}


def read_xliff(data: bytes, name: str, encoding: str | None = None) -> ImportedDocument:
    """Each segment: source → source, target → MT; tags, ids, states, notes in meta."""
    tree = parse_xml(data, name, encoding)
    root = tree.getroot()
    xliff = Xliff(root, name)
    xml, spans = locate(data, root, name, forced_encoding(data, encoding))
    context = SegmentContext(xliff)
    segments = []
    for number, slot in enumerate(xliff.slots(), start=1):
        source, target, table = render_slot(slot, xml, spans, f"{name}: segment {number}")
        meta = context.meta(slot)
        if table.tags:
            meta[META_KEY] = tags_data(table.tags)
        segments.append(ImportedSegment(mt=target, source=source, meta=meta))
    check_segments(segments, name)
    metadata = {**_languages(xliff), "xliff_version": str(xliff.version), READER_KEY: READER}
    if xliff.tool != "xliff":
        metadata["xliff_tool"] = xliff.tool
    return xml_document(tree, data, name, segments, metadata, "xliff", encoding)


def write_xliff(job: ExportJob) -> bytes:
    """The original XLIFF with corrected targets and statuses, or a new XLIFF 1.2 file."""
    original = job.original_in("xliff")
    return new_xliff(job) if original is None else rewrite_xliff(job, *original)
