"""Parse XML with entities, DTD loading and network access off; refuse entity declarations."""

from __future__ import annotations

import re

from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.formats.encoding import bom_encoding, check_encoding_name

_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>")


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
    forced = None
    if encoding is not None and bom_encoding(data) is None:
        forced = check_encoding_name(encoding)
        # the declaration would contradict the forced encoding; libxml2 trusts the caller
    try:
        root = etree.fromstring(data, _parser(forced))
    except etree.XMLSyntaxError as error:
        raise ReviewerError(f"{name}: not well-formed XML ({_first_line(error)})") from error
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
    for _ in root.iter(etree.Entity):
        raise ReviewerError(f"{name}: uses an XML entity that is not allowed")
    return tree


def _first_line(error: etree.XMLSyntaxError) -> str:
    message = str(error.msg or error).splitlines()[0] if (error.msg or str(error)) else "error"
    line = getattr(error, "lineno", None)
    return f"line {line}: {message}" if line else message


def serialize(tree: etree._ElementTree, original: bytes | None = None) -> bytes:
    """The tree as bytes in its own encoding, keeping the original XML declaration."""
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


def local_name(element: etree._Element) -> str:
    """The tag without its namespace."""
    return str(etree.QName(element).localname)
