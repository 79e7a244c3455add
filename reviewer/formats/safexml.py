"""Parse XML with entities, DTD loading and network access off; refuse entity declarations."""

from __future__ import annotations

import re

from lxml import etree

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.formats.encoding import bom_encoding, check_encoding_name, decode
from reviewer.formats.structured import line_layout

_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>")
_DECLARATION_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")
# the project property naming the encoding the user forced on an XML file (none: the file's own)
XML_ENCODING = "xml_encoding"
_PROLOG_BYTES = 1 << 20
_SUBSET_OR_END = re.compile(r"[\[>]")
_ENTITY = re.compile(r"<!ENTITY\s+(%\s*)?([^\s>]+)\s+(?:(SYSTEM|PUBLIC)\b)?")


def _parser(encoding: str | None = None) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,  # keeps libxml2's limits on depth and on text node size
        strip_cdata=False,
        remove_comments=False,
        remove_pis=False,
        encoding=encoding,
    )


def parse_xml(data: bytes, name: str, encoding: str | None = None) -> etree._ElementTree:
    """The document tree, or a one-line error; DTDs that declare entities are refused."""
    if not data.strip():
        raise ReviewerError(f"{name}: the file is empty")
    forced = forced_encoding(data, encoding)
    if forced is not None:
        # libxml2 knows few of Python's codec names and would obey the declaration: decode
        # here, strictly, and hand it UTF-8 with the declaration overridden
        text = decode(data, name, forced).text
        _refuse_entity_declarations(text[:_PROLOG_BYTES], name)
        data = text.encode("utf-8")
    else:
        _refuse_entity_declarations(_prolog(data), name)
    try:
        root = etree.fromstring(data, _parser(None if forced is None else "utf-8"))
    except etree.XMLSyntaxError as error:
        detail = _first_line(error)
        if "Text node too long" in detail or "Huge input" in detail:
            raise ReviewerError(f"{name}: holds a text over 10 MB, far beyond any segment "
                                f"({detail.split(':')[0]})") from error
        if "amplification" in detail:
            raise ReviewerError(f"{name}: refused, its entities would expand without bound "
                                f"({detail.split(':')[0]})") from error
        raise ReviewerError(f"{name}: not well-formed XML ({detail})") from error
    except ValueError as error:  # e.g. a declaration naming an encoding libxml2 lacks
        raise ReviewerError(f"{name}: cannot read the XML ({error})") from error
    if root is None:
        raise ReviewerError(f"{name}: holds no XML element")
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None:
        entities = list(dtd.iterentities())
        if entities:
            first = entities[0]
            kind = "an external entity" if first.system_url else "an entity"
            raise ReviewerError(
                f"{name}: declares {kind} (<!ENTITY {first.name}>); reviewer refuses XML entity "
                "declarations, which can expand without bound or read local files")
    for entity in root.iter(etree.Entity):
        raise ReviewerError(f"{name}: uses the entity {entity.text}, which is not defined "
                            "in the file; reviewer does not load DTDs")
    return tree


def forced_encoding(data: bytes, encoding: str | None) -> str | None:
    """Python's name for the encoding the user named, unless a byte-order mark decides."""
    if encoding is None or bom_encoding(data) is not None:
        return None
    return check_encoding_name(encoding)


def _prolog(data: bytes) -> str:
    """The start of the document as text, where a DOCTYPE and its entities would be."""
    marked = bom_encoding(data)
    head = data[:_PROLOG_BYTES]
    if marked is None:
        return head.decode("latin-1")  # only ASCII markup is searched for
    encoding, size = marked
    return head[size:].decode(encoding, errors="replace")


def _internal_subset(prolog: str) -> str | None:
    """What follows the ``[`` of the first DOCTYPE that has an internal subset."""
    # in linear time: a regular expression scanning from every "<!DOCTYPE" to the next
    # "[" or ">" took quadratic time on a prolog of many "<!DOCTYPE" and no ">"
    start = 0
    while (found := prolog.find("<!DOCTYPE", start)) >= 0:
        end = _SUBSET_OR_END.search(prolog, found + len("<!DOCTYPE"))
        if end is None:
            return None
        if end.group() == "[":
            return prolog[end.end():]
        start = end.end()  # a DOCTYPE between here and ``end`` ends at the same ``>``
    return None


def _refuse_entity_declarations(prolog: str, name: str) -> None:
    """Refuse before parsing: libxml2 would otherwise report a bomb as a syntax error."""
    subset = _internal_subset(prolog)
    if subset is None:
        return
    entity = _ENTITY.search(subset)
    if entity is None:
        return
    kind = "an external entity" if entity.group(3) else "an entity"
    raise ReviewerError(
        f"{name}: declares {kind} (<!ENTITY {entity.group(1) or ''}{entity.group(2)}>); "
        "reviewer refuses XML entity declarations, which can expand without bound or read "
        "local files")


def _first_line(error: etree.XMLSyntaxError) -> str:
    message = str(error.msg or error).splitlines()[0] if (error.msg or str(error)) else "error"
    line = getattr(error, "lineno", None)
    return f"line {line}: {message}" if line else message


def serialize(tree: etree._ElementTree, original: bytes | None = None,
              forced: str | None = None) -> bytes:
    """The tree as bytes in its own encoding (or ``forced``), keeping the XML declaration."""
    if forced is not None:
        return _serialize_forced(tree, original, forced)
    encoding = tree.docinfo.encoding or "UTF-8"
    newline = "\n".encode(encoding)
    declaration = _DECLARATION.match(original) if original is not None else None
    # only single-byte encodings: in UTF-16 a byte-order mark would start the body too
    if declaration is not None and len(newline) == 1:
        body: bytes = etree.tostring(tree, encoding=encoding, xml_declaration=False)
        data = declaration.group(0).lstrip() + newline + body
    else:
        data = etree.tostring(tree, encoding=encoding, xml_declaration=True)
    return data + newline if len(newline) == 1 and not data.endswith(newline) else data


def _serialize_forced(tree: etree._ElementTree, original: bytes | None, encoding: str) -> bytes:
    """Encoded by Python as it was decoded; characters the encoding lacks become references."""
    declaration = _DECLARATION_TEXT.match(original.decode(encoding)) if original else None
    head = declaration.group(0).lstrip() + "\n" if declaration is not None else ""
    body: str = etree.tostring(tree, encoding="unicode")
    return (head + body + "\n").encode(encoding, errors="xmlcharrefreplace")


def local_name(element: etree._Element) -> str:
    """The tag without its namespace."""
    return str(etree.QName(element).localname)


def xml_document(tree: etree._ElementTree, data: bytes, name: str,
                 segments: list[ImportedSegment], metadata: dict[str, str],
                 file_format: str, encoding: str | None = None) -> ImportedDocument:
    """An imported XML file (XLIFF, TMX): one segment a line, its bytes kept for export."""
    forced = forced_encoding(data, encoding)
    if forced is not None:  # the export must read and write the file as the import did
        metadata = {**metadata, XML_ENCODING: forced}
    return ImportedDocument(
        segments=segments,
        layout=line_layout(len(segments)),
        segmentation="units",
        encoding=forced or (tree.docinfo.encoding or "utf-8").lower(),
        bom=bom_encoding(data) is not None,
        source_name=name.replace("\\", "/").rsplit("/", 1)[-1],
        metadata=metadata,
        format=file_format,
        original=data,
    )

