"""Open comments written into an original XLIFF as notes, by inserting text where the
schema puts notes, indented as the file is (nothing else in the file changes).

XLIFF 1.2: ``<note from="AUTHOR">`` after the unit's last source, target, note or
alt-trans (before any other tool's elements). XLIFF 2.0: ``<note category="comment">``
in the unit's ``<notes>``, which goes before ``<originalData>`` and the segments.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from reviewer.core.comments import Comment
from reviewer.formats.comment_notes import signed
from reviewer.formats.xliff_units import Xliff
from reviewer.formats.xmlspans import Edit, NodeSpan, XmlText, escape_text

# what a 1.2 trans-unit holds before other namespaces' elements
_BEFORE_EXTENSIONS = ("source", "seg-source", "target", "context-group", "count-group",
                      "prop-group", "note", "alt-trans")
_AFTER_NOTES = ("originalData", "segment", "ignorable")  # 2.0: what follows <notes>
_NAME = re.compile(r"<([^\s/>]+)")
_SPACE = " \t\r\n"

Spans = dict[etree._Element, NodeSpan]


def note_edits(xliff: Xliff, xml: XmlText, spans: Spans, unit: etree._Element,
               comments: Sequence[Comment]) -> list[Edit]:
    """The insertions that put ``comments`` into ``unit`` as notes (none: no comments)."""
    if not comments:
        return []
    writer = _Notes(xliff, xml, spans, unit)
    return writer.version2(comments) if xliff.version == 2 else writer.version1(comments)


class _Notes:
    """One unit: its children, indentation and namespace prefix."""

    def __init__(self, xliff: Xliff, xml: XmlText, spans: Spans, unit: etree._Element) -> None:
        self.xliff = xliff
        self.xml = xml
        self.spans = spans
        self.unit = unit
        found = _NAME.match(xml.start_tag(spans[unit]))
        name = "" if found is None else found.group(1)
        self.prefix = name[:name.rfind(":") + 1]

    def version1(self, comments: Sequence[Comment]) -> list[Edit]:
        kinds = {self.xliff.q(kind) for kind in _BEFORE_EXTENSIONS}
        last = [child for child in self._children(self.unit) if child.tag in kinds][-1]
        gap = self._gap_before(last)
        notes = "".join(
            f'{gap}<{self.prefix}note from="{_attribute(c.author)}">{self._text(c.text)}'
            f"</{self.prefix}note>" for c in comments)
        end = self.spans[last].end
        return [Edit(end, end, notes)]

    def version2(self, comments: Sequence[Comment]) -> list[Edit]:
        holder = self.unit.find(self.xliff.q("notes"))
        if holder is not None:
            return self._into_notes(holder, comments)
        following = {self.xliff.q(kind) for kind in _AFTER_NOTES}
        anchor = next(child for child in self._children(self.unit) if child.tag in following)
        gap = self._gap_before(anchor)
        inner = gap + _step(self._gap_before(self.unit), gap)
        start = self.spans[anchor].start
        return [Edit(start, start, f"<{self.prefix}notes>{self._notes2(inner, comments)}"
                                   f"{gap}</{self.prefix}notes>{gap}")]

    def _into_notes(self, holder: etree._Element, comments: Sequence[Comment]) -> list[Edit]:
        span = self.spans[holder]
        existing = [child for child in self._children(holder)
                    if child.tag == self.xliff.q("note")]
        if existing:
            last = self.spans[existing[-1]].end
            return [Edit(last, last, self._notes2(self._gap_before(existing[-1]), comments))]
        gap = self._gap_before(holder)
        inner = gap + _step(self._gap_before(self.unit), gap)
        if span.empty:  # <notes/>
            start = self.xml.start_tag(span)[:-2].rstrip(_SPACE) + ">"
            return [Edit(span.start, span.end, f"{start}{self._notes2(inner, comments)}{gap}"
                                               f"</{self.prefix}notes>")]
        return [Edit(span.close_start, span.close_start, self._notes2(inner, comments))]

    def _notes2(self, gap: str, comments: Sequence[Comment]) -> str:
        return "".join(f'{gap}<{self.prefix}note category="comment">{self._text(signed(c))}'
                       f"</{self.prefix}note>" for c in comments)

    def _text(self, text: str) -> str:
        return escape_text(text).replace("\n", self.xml.newline())

    @staticmethod
    def _children(element: etree._Element) -> list[etree._Element]:
        return [child for child in element if isinstance(child.tag, str)]

    def _gap_before(self, element: etree._Element) -> str:
        """The white space right before an element (its indentation, line break included)."""
        parent = element.getparent()
        begin = 0 if parent is None else self.spans[parent].open_end
        before = self.xml.text[begin:self.spans[element].start]
        return before[len(before.rstrip(_SPACE)):]


def _step(outer: str, inner: str) -> str:
    """How much deeper a child is indented than its parent, judged from two gaps."""
    if inner.startswith(outer) and len(inner) > len(outer) and "\n" in outer:
        return inner[len(outer):]
    return "  " if "\n" in inner else ""


def _attribute(value: str) -> str:
    return escape_text(value).replace('"', "&quot;")
