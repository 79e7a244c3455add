"""gettext PO: msgid → source, msgstr → MT (each plural form a segment, contexts kept).

Exporting a project made from a PO file rewrites only what gettext's own tools would: the
edited ``msgstr`` strings, laid out at the file's own width, the entry's ``fuzzy`` flag,
and the ``#|`` previous strings once every form of the entry is confirmed. Every other
byte stays as it was.
"""

from __future__ import annotations

import re

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.formats.encoding import DecodedText, bom_encoding, decode
from reviewer.formats.limits import check_line_lengths
from reviewer.formats.po_parse import PREVIOUS, Entry, is_header, parse_entries
from reviewer.formats.po_write import write_po
from reviewer.formats.structured import TARGET_LANGUAGE, check_segments, file_lines, line_layout

__all__ = ["read_po", "write_po"]

_CHARSET = re.compile(rb"charset\s*=\s*([-\w.:]+)", re.IGNORECASE)


def _decode(data: bytes, name: str, encoding: str | None) -> DecodedText:
    if encoding is None and bom_encoding(data) is None:
        declared = _CHARSET.search(data[:4096])
        if declared is not None and declared.group(1).upper() != b"CHARSET":
            encoding = declared.group(1).decode("ascii")
    return decode(data, name, encoding)


def _header_fields(entries: list[Entry]) -> dict[str, str]:
    for entry in entries:
        if is_header(entry):
            pairs = (line.split(":", 1) for line in entry.fields["msgstr"].value.splitlines()
                     if ":" in line)
            return {key.strip(): value.strip() for key, value in pairs}
    return {}


def _meta(entry: Entry, number: int, key: str) -> dict[str, object]:
    """What the editor shows beside a form, and where the export finds it again."""
    meta: dict[str, object] = {"entry": number, "field": key}
    if "msgctxt" in entry.fields:
        meta["context"] = entry.fields["msgctxt"].value
    if "msgid_plural" in entry.fields:
        meta["plural"] = int(key[7:-1])
    for name, value in (("flags", entry.all_flags()), ("comments", entry.comments),
                        ("extracted", entry.extracted), ("references", entry.references)):
        if value:
            meta[name] = value
    for keyword, name in PREVIOUS.items():
        if keyword in entry.previous:
            meta[name] = entry.previous[keyword].value
    return meta


def read_po(data: bytes, name: str, encoding: str | None = None) -> ImportedDocument:
    """Each msgstr (each plural form) a segment; context, flags and comments in meta."""
    decoded = _decode(data, name, encoding)
    check_line_lengths(decoded.text, name)
    entries = parse_entries(file_lines(decoded.text), name)
    segments: list[ImportedSegment] = []
    messages = [entry for entry in entries if not is_header(entry)]
    for number, entry in enumerate(messages):
        msgid = entry.fields["msgid"].value
        plural = entry.fields.get("msgid_plural")
        for key in entry.msgstr_keys():
            source = msgid if plural is None or key == "msgstr[0]" else plural.value
            segments.append(ImportedSegment(mt=entry.fields[key].value, source=source,
                                            meta=_meta(entry, number, key)))
    check_segments(segments, name)
    header = _header_fields(entries)
    metadata = {TARGET_LANGUAGE: header["Language"]} if header.get("Language") else {}
    if header.get("Plural-Forms"):
        metadata["po_plural_forms"] = header["Plural-Forms"]
    return ImportedDocument(
        segments=segments, layout=line_layout(len(segments)), segmentation="units",
        encoding=decoded.encoding, bom=decoded.bom,
        source_name=name.replace("\\", "/").rsplit("/", 1)[-1],
        metadata=metadata, format="po", original=data,
    )

