"""A new XLIFF 1.2 file for a project without an original XLIFF (plain text, TSV, TMX, PO)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from lxml import etree

from reviewer.core.tags import CLOSE, CODE, OPEN, InlineTag, tags_of
from reviewer.core.visible import visible
from reviewer.formats.structured import SOURCE_LANGUAGE, TARGET_LANGUAGE, needs_source
from reviewer.formats.tagged import plain_markup
from reviewer.formats.xliff_export import correction_markup, tool_status
from reviewer.formats.xliff_units import NS12
from reviewer.formats.xmlspans import escape_text

if TYPE_CHECKING:
    from reviewer.core.comments import Comment
    from reviewer.formats.writers import ExportJob

# XLIFF 1.2 inline elements: a tag of one of these from an XLIFF project is written as it was
_INLINE = frozenset({"g", "x", "bx", "ex", "bpt", "ept", "ph", "it", "mrk"})
_WRAPPER = {OPEN: "bpt", CLOSE: "ept", CODE: "ph"}


def _attribute(value: str) -> str:
    return '"' + escape_text(value).replace('"', "&quot;") + '"'


def new_xliff(job: ExportJob) -> bytes:
    """Each segment a trans-unit: source, and the correction as target with its state."""
    return "".join(new_xliff_lines(job.segments, job.properties, job.original)).encode("utf-8")


class Unit(Protocol):
    """What a new XLIFF file writes of a segment (an ``ExportSegment`` has it)."""

    @property
    def position(self) -> int: ...
    @property
    def source(self) -> str | None: ...
    @property
    def correction(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def meta(self) -> dict[str, object] | None: ...
    @property
    def comments(self) -> tuple[Comment, ...]: ...


def new_xliff_lines(segments: Iterable[Unit], properties: Mapping[str, str],
                    original: tuple[str, str, bytes] | None) -> Iterator[str]:
    """``new_xliff``'s file a line at a time (each with its line end), as the segments come."""
    native = original is None or original[1] == "xliff"
    yield from (line + "\n" for line in (
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff version="1.2" xmlns="{NS12}">',
        # XML cannot hold control characters, which a file name may
        f"  <file original={_attribute(visible(properties.get('source_name') or 'document'))}"
        f' datatype="plaintext"'
        f" source-language={_attribute(properties.get(SOURCE_LANGUAGE) or 'x-source')}"
        f" target-language={_attribute(properties.get(TARGET_LANGUAGE) or 'x-target')}>",
        "    <body>",
    ))
    for segment in segments:
        tags = _portable(tags_of(segment.meta), native) if segment.meta else []
        source = target = None
        if not tags:  # most segments: plain text
            source = plain_markup(needs_source(segment.source, "XLIFF"))
            target = plain_markup(segment.correction)
        if source is None or target is None:
            where = f"cannot write XLIFF: segment {segment.position + 1}"
            source = correction_markup(needs_source(segment.source, "XLIFF"), tags, "\n", where)
            target = correction_markup(segment.correction, tags, "\n", where)
        state = tool_status("xliff", segment.status)
        state_attribute = "" if state is None else f' state="{state}"'
        notes = "".join(f"        <note from={_attribute(c.author)}>{escape_text(c.text)}"
                        "</note>\n" for c in segment.comments) if segment.comments else ""
        yield (f'      <trans-unit id="{segment.position + 1}" xml:space="preserve">\n'
               f"        <source>{source}</source>\n"
               f"        <target{state_attribute}>{target}</target>\n"
               f"{notes}      </trans-unit>\n")
    yield "    </body>\n  </file>\n</xliff>\n"


def _portable(tags: Sequence[InlineTag], native: bool) -> list[InlineTag]:
    """Tags as XLIFF 1.2 markup: as they were if they are XLIFF's, else wrapped as codes."""
    return [tag if native and _is_native(tag, tags) else
            replace(tag, markup=f'<{_WRAPPER[tag.kind]} id="{tag.number}">'
                                f"{escape_text(tag.markup)}</{_WRAPPER[tag.kind]}>",
                    nests=False)
            for tag in tags]


def _is_native(tag: InlineTag, tags: Sequence[InlineTag]) -> bool:
    """Whether the tag is a well-formed XLIFF 1.2 inline element (with its pair, if it nests)."""
    if tag.name not in _INLINE:
        return False
    sample = tag.markup
    if tag.nests:
        opening = next((t for t in tags if t.number == tag.number and t.kind == OPEN), None)
        if opening is None:
            return False
        sample = f"{opening.markup}</{tag.name}>"
    try:
        wrapper = etree.fromstring(f'<t xmlns="{NS12}">{sample}</t>')
    except etree.XMLSyntaxError:
        return False
    return len(wrapper) == 1 and wrapper[0].tag == f"{{{NS12}}}{tag.name}"
