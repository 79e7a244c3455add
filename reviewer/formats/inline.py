"""Inline markup of XML segments (XLIFF ``<g>``, ``<x/>``, TMX ``<bpt>``…) as editable text.

A segment's text shows each inline element as its tag (``<g id="1">``, ``</g>``,
``<x id="2"/>``). Writing a correction back turns exactly those tag strings into
elements again; any other text, ``<`` included, stays text.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from reviewer.core.errors import ReviewerError

# Elements whose content is translatable text; all others are opaque codes.
PAIRED = frozenset({"g", "pc", "mrk", "hi"})
_XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass(frozen=True)
class Tag:
    """One inline tag as shown in a segment, and the element it stands for."""

    text: str
    kind: str  # "open", "close" or "code"
    element: etree._Element


def render(element: etree._Element) -> tuple[str, list[Tag]]:
    """The element's content as segment text, and the tags that text shows."""
    parts: list[str] = [element.text or ""]
    tags: list[Tag] = []
    for child in element:
        _render_child(child, parts, tags)
        parts.append(child.tail or "")
    return "".join(parts), tags


def text_of(element: etree._Element) -> str:
    """The element's content as segment text."""
    return render(element)[0]


def _render_child(child: etree._Element, parts: list[str], tags: list[Tag]) -> None:
    if isinstance(child.tag, str) and etree.QName(child).localname in PAIRED:
        opening = _opening(child)
        closing = f"</{etree.QName(child).localname}>"
        parts.append(opening)
        tags.append(Tag(opening, "open", child))
        parts.append(child.text or "")
        for grandchild in child:
            _render_child(grandchild, parts, tags)
            parts.append(grandchild.tail or "")
        parts.append(closing)
        tags.append(Tag(closing, "close", child))
        return
    code = _code(child)
    parts.append(code)
    tags.append(Tag(code, "code", child))


def _attributes(element: etree._Element) -> str:
    pairs = []
    for key, value in element.attrib.items():
        name = etree.QName(key)
        prefix = "xml:" if name.namespace == _XML_NS else ""
        pairs.append(f" {prefix}{name.localname}={quoteattr(value)}")
    return "".join(pairs)


def _opening(element: etree._Element) -> str:
    return f"<{etree.QName(element).localname}{_attributes(element)}>"


def _code(node: etree._Element) -> str:
    if isinstance(node, etree._Comment):
        return f"<!--{node.text or ''}-->"
    if isinstance(node, etree._ProcessingInstruction):
        return f"<?{node.target} {node.text or ''}?>"
    name = etree.QName(node).localname
    inner = escape(node.text or "") + "".join(_code(child) + escape(child.tail or "")
                                              for child in node)
    if not inner:
        return f"<{name}{_attributes(node)}/>"
    return f"<{name}{_attributes(node)}>{inner}</{name}>"


def fill(element: etree._Element, text: str, tags: list[Tag], where: str) -> None:
    """Replace the element's content with ``text``, turning known tag strings into elements."""
    for child in list(element):
        element.remove(child)
    element.text = None
    known: dict[str, Tag] = {}
    for tag in tags:
        known.setdefault(tag.text, tag)
    try:
        if not known:
            element.text = text or None
            return
        pattern = re.compile("|".join(re.escape(k) for k in sorted(known, key=len, reverse=True)))
        _fill_tokens(element, text, known, pattern, where)
    except ValueError as error:  # lxml refuses control characters and the like
        raise ReviewerError(f"{where}: {error}") from error


def _fill_tokens(element: etree._Element, text: str, known: dict[str, Tag],
                 pattern: re.Pattern[str], where: str) -> None:
    stack: list[tuple[etree._Element, str]] = [(element, "")]

    def add_text(piece: str) -> None:
        if not piece:
            return
        container = stack[-1][0]
        if len(container):
            last = container[-1]
            last.tail = (last.tail or "") + piece
        else:
            container.text = (container.text or "") + piece

    position = 0
    for match in pattern.finditer(text):
        add_text(text[position : match.start()])
        position = match.end()
        tag = known[match.group(0)]
        container = stack[-1][0]
        if tag.kind == "open":
            opened = etree.SubElement(container, tag.element.tag, dict(tag.element.attrib))
            stack.append((opened, f"</{etree.QName(tag.element).localname}>"))
        elif tag.kind == "close":
            if len(stack) == 1 or stack[-1][1] != tag.text:
                raise ReviewerError(f"{where}: the inline tag {tag.text} closes nothing; "
                                    "fix the tags in the correction")
            stack.pop()
        else:
            code = copy.deepcopy(tag.element)
            code.tail = None
            container.append(code)
    add_text(text[position:])
    if len(stack) > 1:
        raise ReviewerError(f"{where}: an inline tag is not closed ({stack[-1][1]} is missing); "
                            "fix the tags in the correction")
