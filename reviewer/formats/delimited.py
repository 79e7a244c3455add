"""TSV and CSV with a header naming the source, mt, reference and correction columns, or
without one: source, target and notes, as glossaries and translation tools write them.

TSV cells use the backslash escapes that reviewer's own TSV export writes (``\\t``,
``\\n``, ``\\r``, ``\\\\``), so an exported TSV reads back as it was written; CSV cells use
the usual double quotes.
"""

from __future__ import annotations

import csv
import re

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.core.status import SegmentStatus
from reviewer.formats.cell_tags import read_notation
from reviewer.formats.encoding import DecodedText, decode
from reviewer.formats.limits import check_line_lengths
from reviewer.formats.structured import check_segments, file_lines, line_layout, shown

ROLES = ("source", "mt", "reference", "correction")
# statuses reviewer's own export writes for a segment whose correction was saved: an empty
# correction cell in such a row is a correction deleted to nothing, not a missing one
_SAVED_STATUSES = frozenset({SegmentStatus.IMPORTED, SegmentStatus.EDITED, SegmentStatus.CONFIRMED})
_ALIASES = {
    "source": "source", "src": "source",
    "mt": "mt", "target": "mt", "machine translation": "mt", "hypothesis": "mt",
    "reference": "reference", "ref": "reference",
    "correction": "correction", "corrections": "correction", "pe": "correction",
    "post-edit": "correction", "postedit": "correction",
}
_TSV_ESCAPE = re.compile(r"\\([\\tnr])")
_TSV_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def header_roles(cells: list[str]) -> dict[str, int]:
    """Which column holds each role; unknown columns are ignored."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        role = _ALIASES.get(cell.strip().lower())
        if role is not None and role not in roles:
            roles[role] = index
    return roles


def looks_delimited(first_line: str) -> str | None:
    """``tsv`` or ``csv`` when the line is a header naming an mt column, else None."""
    for delimiter, name in (("\t", "tsv"), (",", "csv"), (";", "csv")):
        if delimiter in first_line and "mt" in header_roles(first_line.split(delimiter)):
            return name
    return None


def read_delimited(data: bytes, name: str, file_format: str,
                   encoding: str | None = None) -> ImportedDocument:
    """One segment a row; ``file_format`` is ``tsv`` or ``csv``."""
    decoded = decode(data, name, encoding)
    text = decoded.text
    if not text.strip():
        raise ReviewerError(f"{name}: the file is empty")
    check_line_lengths(text, name)
    rows = rows_of(file_lines(text), file_format, name)
    header = rows[0][1]
    roles = header_roles(header)
    if not roles:  # no column names: source, target and notes, as glossaries and tools write
        return _headerless(rows, decoded, data, name, file_format)
    status_column = next((index for index, cell in enumerate(header)
                          if cell.strip().lower() == "status"), None)
    if "mt" not in roles:
        raise ReviewerError(f"{name}: the header ({shown(', '.join(header))}) names no mt "
                            "column; name the columns source, mt, reference, correction")
    segments: list[ImportedSegment] = []
    for line, cells in rows[1:]:
        if len(cells) != len(header):
            raise ReviewerError(f"{name}: line {line} has {len(cells)} cells, "
                                f"the header has {len(header)}")
        values, meta = read_notation({role: cell_text(cells[index], file_format)
                                      for role, index in roles.items()}, f"{name}: line {line}")
        saved = status_column is not None and cells[status_column].strip() in _SAVED_STATUSES
        correction = values.get("correction")
        segments.append(ImportedSegment(mt=values["mt"], source=values.get("source"),
                                        reference=values.get("reference") or None,
                                        correction=correction if saved else correction or None,
                                        meta=meta or None))
    check_segments(segments, name)
    return ImportedDocument(
        segments=segments, layout=line_layout(len(segments)), segmentation="rows",
        encoding=decoded.encoding, bom=decoded.bom,
        source_name=name.replace("\\", "/").rsplit("/", 1)[-1], format=file_format,
    )


def rows_of(lines: list[str], file_format: str, name: str) -> list[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on; CSV errors become one clear line."""
    if file_format == "tsv":
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    else:
        reader = csv.reader(lines, delimiter=delimiter_for(lines[0], "csv"), strict=True)
    rows: list[tuple[int, list[str]]] = []
    previous_line = 0
    try:
        for cells in reader:
            start, previous_line = previous_line + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
    except csv.Error as error:
        raise ReviewerError(f"{name}: line {reader.line_num + 1}: {error}") from error
    if not rows:
        raise ReviewerError(f"{name}: the file is empty")
    return rows


def delimiter_for(first_line: str, file_format: str) -> str:
    """The tab for TSV; for CSV ``;`` when the first line has more of them than commas
    outside quoted cells (so an exported cell cannot change what the file reads as)."""
    if file_format == "tsv":
        return "\t"
    bare = _QUOTED.sub("", first_line)
    return ";" if bare.count(";") > bare.count(",") else ","


def cell_text(value: str, file_format: str) -> str:
    """A cell's text: TSV backslash escapes undone."""
    if file_format != "tsv":
        return value
    return _TSV_ESCAPE.sub(lambda match: _TSV_UNESCAPE[match.group(1)], value)


def _headerless(rows: list[tuple[int, list[str]]], decoded: DecodedText, data: bytes,
                name: str, file_format: str) -> ImportedDocument:
    """Column 1 the source, column 2 the MT (missing: empty), further columns notes; the
    original is kept so an export can write the targets back into it."""
    segments: list[ImportedSegment] = []
    for _line, cells in rows:
        texts = [cell_text(cell, file_format) for cell in cells]
        notes = [text for text in texts[2:] if text.strip()]
        segments.append(ImportedSegment(mt=texts[1] if len(texts) > 1 else "",
                                        source=texts[0],
                                        meta={"notes": notes} if notes else None))
    check_segments(segments, name)
    return ImportedDocument(
        segments=segments, layout=line_layout(len(segments)), segmentation="rows",
        encoding=decoded.encoding, bom=decoded.bom,
        source_name=name.replace("\\", "/").rsplit("/", 1)[-1], format=file_format,
        original=data,
    )
