"""Where each node of an XML file lies in its text, so an export can change a few spans.

Reserialising a parsed tree loses what the file's author chose: attribute order and
quotes, empty-element style, entity spelling, line breaks, the prolog. Instead the file
is decoded once, every element, comment and processing instruction inside the root is
located by a scan of the text (lxml has already checked it is well-formed), and an
export replaces only the spans it means to change before encoding the text the same way.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.formats.encoding import bom_encoding, check_encoding_name

_DECLARED = re.compile(r"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
# one markup token; text between tokens holds no "<" in well-formed XML
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE(?:[^\[>\"']|\"[^\"]*\"|'[^']*'|\[(?:[^\]\"']|\"[^\"]*\"|'[^']*')*\])*>"
    r"|</[^>]*>"
    r"""|<(?:[^>"']|"[^"]*"|'[^']*')*>""",
    re.DOTALL,
)
_ATTRIBUTE = r"""(\s){name}(\s*=\s*)(["'])(.*?)\3"""


@dataclass(frozen=True)
class NodeSpan:
    """Where one node lies: for an element, its start tag, content and end tag."""

    start: int  # the "<" that opens it
    open_end: int  # just after its start tag (for a comment or PI: its end)
    close_start: int  # the "<" of its end tag; ``open_end`` when it is empty
    end: int  # just after its end tag

    @property
    def empty(self) -> bool:
        """An element written ``<name/>``."""
        return self.close_start == self.open_end == self.end


@dataclass
class XmlText:
    """An XML file's text, how it was encoded, and where its nodes are."""

    text: str
    encoding: str
    bom: bytes
    spans: list[NodeSpan]

    def encode(self, text: str) -> bytes:
        """``text`` stored as the file was; characters the encoding lacks as references."""
        return self.bom + text.encode(self.encoding, errors="xmlcharrefreplace")

    def markup(self, span: NodeSpan) -> str:
        """The node's whole text."""
        return self.text[span.start:span.end]

    def start_tag(self, span: NodeSpan) -> str:
        """An element's start tag as written."""
        return self.text[span.start:span.open_end]

    def end_tag(self, span: NodeSpan) -> str:
        """An element's end tag as written ("" when it is empty)."""
        return self.text[span.close_start:span.end]

    def newline(self) -> str:
        """The line break the file uses."""
        return "\r\n" if "\r\n" in self.text[:65536] else "\n"


def file_encoding(data: bytes, forced: str | None = None) -> tuple[str, int]:
    """The Python codec an XML file's bytes are in, and the length of its byte-order mark."""
    marked = bom_encoding(data)
    if marked is not None:
        return marked
    if forced is not None:
        return check_encoding_name(forced), 0
    if data.startswith(b"<\x00?\x00"):
        return "utf-16-le", 0
    if data.startswith(b"\x00<\x00?"):
        return "utf-16-be", 0
    declared = _DECLARED.match(data[:200].decode("latin-1"))
    if declared is None:
        return "utf-8", 0
    name = check_encoding_name(declared.group(1))
    # a declaration of UTF-16 in a file without a BOM was handled above; in bytes it is 8-bit
    return ("utf-8", 0) if name.startswith("utf-16") or name.startswith("utf-32") else (name, 0)


def locate(data: bytes, root: etree._Element, name: str,
           forced: str | None = None) -> tuple[XmlText, dict[etree._Element, NodeSpan]]:
    """The file's text and the span of every element, comment and PI of ``root``."""
    encoding, bom_size = file_encoding(data, forced)
    try:
        text = codecs.decode(data[bom_size:], encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise ReviewerError(f"{name}: cannot decode as {encoding} ({error})") from error
    if text.encode(encoding) != data[bom_size:]:
        raise ReviewerError(f"{name}: its {encoding} does not read back byte for byte; "
                            "export TSV instead")
    nodes = [node for node in root.iter() if not isinstance(node, etree._Entity)]
    spans = _scan(text, len(nodes), name)
    return XmlText(text, encoding, data[:bom_size], spans), dict(zip(nodes, spans, strict=True))


def _scan(text: str, expected: int, name: str) -> list[NodeSpan]:
    """Spans of the nodes inside the root element, in document order."""
    spans: list[NodeSpan] = []
    open_elements: list[int] = []  # indexes into ``spans``
    started = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        second = token[1]
        if second == "!":
            if token.startswith("<!--") and started and open_elements:
                spans.append(NodeSpan(match.start(), match.end(), match.end(), match.end()))
            continue  # CDATA is text; a DOCTYPE or comment outside the root is prolog
        if second == "?":
            if started and open_elements:
                spans.append(NodeSpan(match.start(), match.end(), match.end(), match.end()))
            continue
        if second == "/":
            if not open_elements:
                raise ReviewerError(f"{name}: an end tag closes nothing")
            index = open_elements.pop()
            begun = spans[index]
            spans[index] = NodeSpan(begun.start, begun.open_end, match.start(), match.end())
            if not open_elements:
                break  # the root has ended; what follows is not ours
            continue
        if started and not open_elements:
            break
        started = True
        if token.endswith("/>"):
            spans.append(NodeSpan(match.start(), match.end(), match.end(), match.end()))
            if not open_elements:
                break
        else:
            open_elements.append(len(spans))
            spans.append(NodeSpan(match.start(), match.end(), -1, -1))
    if len(spans) != expected or open_elements:
        raise ReviewerError(f"{name}: its markup could not be located ({len(spans)} nodes "
                            f"found, {expected} parsed); export TSV instead")
    return spans


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping edits applied."""
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    parts: list[str] = []
    position = 0
    for edit in ordered:
        if edit.start < position:
            raise ValueError(f"overlapping edits at {edit.start}")
        parts.append(text[position:edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def escape_text(text: str) -> str:
    """Character data as XML text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def set_attribute(start_tag: str, qualified: str, value: str) -> str:
    """The start tag with attribute ``qualified`` set to ``value``, its quotes kept."""
    escaped = escape_text(value).replace('"', "&quot;")
    pattern = re.compile(_ATTRIBUTE.format(name=re.escape(qualified)), re.DOTALL)
    found = pattern.search(start_tag)
    if found is not None:
        quote = found.group(3)
        if quote == "'":
            escaped = escaped.replace("&quot;", '"').replace("'", "&apos;")
        return (start_tag[:found.start(4)] + escaped + start_tag[found.end(4):])
    closing = 2 if start_tag.endswith("/>") else 1
    body = start_tag[:-closing].rstrip()
    return f'{body} {qualified}="{escaped}"{start_tag[len(body):]}'


def attribute_prefix(element: etree._Element, namespace: str) -> str | None:
    """The prefix the file binds to ``namespace`` where ``element`` is, if any."""
    for prefix, uri in element.nsmap.items():
        if uri == namespace and prefix is not None:
            return str(prefix)
    return None
