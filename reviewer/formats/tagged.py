"""XML segment content (XLIFF, TMX) as text with protected tags, and back as markup.

Reading turns each inline code into one tag character (see reviewer.core.tags) whose
table entry keeps the code's markup exactly as the file wrote it; writing puts that
markup back and escapes everything else, so an editor can neither break a tag nor
smuggle markup in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.core.tags import (
    CLOSE,
    CODE,
    MAX_TAGS,
    OPEN,
    TAG_BASE,
    InlineTag,
    check_tags,
    has_tag_chars,
    tag_char,
    tag_index,
)
from reviewer.formats.xmlspans import NodeSpan, XmlText, escape_text

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# elements holding translatable text: an open and a close tag around it
NESTING = frozenset({"g", "pc", "mrk", "hi", "sub"})
# separate elements that open and close a span: (name, the attribute pairing them)
_OPENERS = {"bpt": ("i", "id", "rid"), "bx": ("rid", "id"), "sc": ("id",), "sm": ("id",)}
_CLOSERS = {"ept": ("i", "id", "rid"), "ex": ("rid", "id"), "ec": ("startRef", "id", "rid"),
            "em": ("startRef", "id")}
_PAIR_NAMES = {"bpt": "pair", "ept": "pair", "bx": "bx", "ex": "bx", "sc": "sc", "ec": "sc",
               "sm": "sm", "em": "sm"}
_WHITESPACE_RUN = re.compile(r"[ \t\r\n]+")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TAG_CHAR = re.compile(f"[{chr(TAG_BASE)}-{chr(TAG_BASE + MAX_TAGS - 1)}]")
# either: what a text without tags must lack to be written as it is
_NOT_PLAIN = re.compile(f"[{_NOT_XML.pattern[1:-1]}{_TAG_CHAR.pattern[1:-1]}]")


def local(node: etree._Element) -> str:
    """A node's tag without namespace ("#comment" and "#pi" for those)."""
    if isinstance(node, etree._Comment):
        return "#comment"
    if isinstance(node, etree._ProcessingInstruction):
        return "#pi"
    return str(etree.QName(node).localname)


def _pair_key(node: etree._Element, name: str, attributes: Sequence[str]) -> str | None:
    for attribute in attributes:
        value = node.get(attribute)
        if value is not None:
            return f"{_PAIR_NAMES[name]}:{value}"
    return None


@dataclass
class TagTable:
    """A segment's tags as its source and then its target(s) are read."""

    tags: list[InlineTag] = field(default_factory=list)
    _by_key: dict[tuple[str, str], int] = field(default_factory=dict)
    _numbers: dict[str, int] = field(default_factory=dict)
    _next_number: int = 1
    side: str = "source"

    def add(self, kind: str, name: str, markup: str, key: str, nests: bool = False) -> str:
        """The character for this tag: the same tag met again on another side is reused."""
        found = self._by_key.get((kind, key))
        if found is not None:
            return tag_char(found)
        number = self._numbers.get(key)
        if number is None:
            number = self._next_number
            self._next_number += 1
            self._numbers[key] = number
        index = len(self.tags)
        self.tags.append(InlineTag(number, kind, name, markup, self.side == "source", nests))
        self._by_key[(kind, key)] = index
        return tag_char(index)


@dataclass
class _Reader:
    """Renders one content element; counts occurrences so keys of id-less codes differ."""

    xml: XmlText
    spans: dict[etree._Element, NodeSpan]
    table: TagTable
    seen: dict[str, int] = field(default_factory=dict)
    literal: list[str] = field(default_factory=list)

    def key(self, base: str) -> str:
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return f"{base}#{count}"

    def child(self, node: etree._Element, parts: list[str]) -> None:
        name = local(node)
        span = self.spans[node]
        ident = None if name in ("#comment", "#pi") else _identity(node, name)
        if name in NESTING and not span.empty:
            key = self.key(f"{name}:{ident}" if ident is not None else name)
            parts.append(self.table.add(OPEN, name, self.xml.start_tag(span), key, True))
            self.content(node, parts)
            parts.append(self.table.add(CLOSE, name, self.xml.end_tag(span), key, True))
            return
        markup = self.xml.markup(span)
        if name in _OPENERS or name in _CLOSERS:
            attributes = _OPENERS.get(name) or _CLOSERS[name]
            pair = _pair_key(node, name, attributes)
            if pair is not None:
                kind = OPEN if name in _OPENERS else CLOSE
                parts.append(self.table.add(kind, name, markup, pair))
                return
        base = f"{name}:{ident}" if ident is not None else f"{name}={markup}"
        parts.append(self.table.add(CODE, name, markup, self.key(base)))

    def content(self, element: etree._Element, parts: list[str]) -> None:
        self.text(element.text, parts)
        for node in element:
            self.child(node, parts)
            self.text(node.tail, parts)

    def text(self, piece: str | None, parts: list[str]) -> None:
        if piece:
            parts.append(piece)
            self.literal.append(piece)


def _identity(node: etree._Element, name: str) -> str | None:
    """What names a code on both sides: XLIFF's ``id``, TMX's ``x`` (with ``pos`` for ``it``)."""
    ident: str | None = node.get("id")
    if ident is None and node.get("x") is not None:
        ident = f"x{node.get('x')}"
    if ident is not None and name == "it":
        ident = f"{ident}:{node.get('pos', '')}"
    return ident


def preserves_space(element: etree._Element) -> bool:
    """Whether ``xml:space="preserve"`` holds for the element."""
    node: etree._Element | None = element
    while node is not None:
        value = node.get(_XML_SPACE)
        if value is not None:
            return str(value) == "preserve"
        node = node.getparent()
    return False


def as_seen(text: str) -> str:
    """Indentation the file's layout put in the content, as the editor should see it.

    A run of white space holding a line break is dropped at either end of the content
    and becomes one space where it is followed by indentation; a bare line break stays.
    """
    def tidy(match: re.Match[str]) -> str:
        run = match.group()
        if "\n" not in run and "\r" not in run:
            return run
        if match.start() == 0 or match.end() == len(text):
            return ""
        return " " if run[-1] in " \t" else run.replace("\r\n", "\n")

    return _WHITESPACE_RUN.sub(tidy, text)


def render(element: etree._Element, xml: XmlText, spans: dict[etree._Element, NodeSpan],
           table: TagTable, where: str) -> str:
    """The element's content as segment text with tag characters."""
    parts: list[str] = []
    reader = _Reader(xml, spans, table)
    reader.content(element, parts)
    text = "".join(parts)
    if has_tag_chars("".join(reader.literal)):
        raise ReviewerError(f"{where}: holds characters of the private range reviewer keeps "
                            "for inline tags (U+10F000 and up); it cannot be reviewed here")
    return text if preserves_space(element) else as_seen(text)


def markup_of(text: str, tags: Sequence[InlineTag], newline: str, where: str) -> str:
    """A correction as XML content: tags as their markup, the rest escaped.

    Refused, naming ``where``: a character XML cannot hold, one of the tag range that is
    none of the segment's tags (it could not be read back), and tags that cannot nest.
    """
    if not tags and _NOT_PLAIN.search(text) is None:  # most segments: nothing to check
        return _literal([text], newline)
    bad = _NOT_XML.search(text) or next(
        (match for match in _TAG_CHAR.finditer(text)
         if (tag_index(match.group()) or 0) >= len(tags)), None)
    if bad is not None:
        kind = "which XML cannot hold" if _NOT_XML.match(bad.group()) else \
            "of the private range reviewer keeps for tags"
        raise ReviewerError(f"{where}: holds U+{ord(bad.group()):04X}, {kind}; cannot write it "
                            "as XML (remove it or export TSV)")
    broken = [problem for problem in check_tags(text, tags) if problem.breaks_markup]
    if broken:
        raise ReviewerError(f"{where}: {broken[0].message}; fix the tags before exporting")
    parts: list[str] = []
    start = 0
    for match in _TAG_CHAR.finditer(text):  # every one a tag of the segment (checked above)
        parts.append(_literal([text[start:match.start()]], newline))
        parts.append(tags[tag_index(match.group()) or 0].markup)
        start = match.end()
    parts.append(_literal([text[start:]], newline))
    return "".join(parts)


def plain_markup(text: str) -> str | None:
    """``markup_of`` a text of a segment without tags, with ``\\n`` line ends (as a new
    XLIFF file has them); None when it needs ``markup_of``'s checks (and errors)."""
    if _NOT_PLAIN.search(text) is not None:
        return None
    return text.replace("\r\n", "\n").replace("&", "&amp;").replace("<", "&lt;") \
        .replace(">", "&gt;").replace("\r", "&#13;")


def _literal(chars: list[str], newline: str) -> str:
    # a carriage return the editor kept must stay one: bare in XML it would read as a newline
    text = escape_text("".join(chars)).replace("\r", "&#13;")
    return text.replace("\n", newline) if newline != "\n" else text


__all__ = ["CODE", "TagTable", "as_seen", "local", "markup_of", "plain_markup", "preserves_space",
           "render"]
