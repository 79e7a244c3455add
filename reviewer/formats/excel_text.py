"""Tables as Excel saves them: "CSV" on a Western Windows in cp1252, "Unicode Text" (a
TSV) with a cell holding a quote, a tab or a line break quoted, its quotes doubled."""

from __future__ import annotations

import csv

from reviewer.core.errors import ReviewerError
from reviewer.formats.encoding import decode


def excel_encoding(data: bytes) -> str | None:
    """``cp1252`` for bytes that are neither UTF-8, nor marked, nor clearly Cyrillic but
    are cp1252 throughout; else None (the usual decoding, and its errors, apply)."""
    try:
        decode(data, "")
    except ReviewerError:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return None
        return None if b"\x00" in data else "cp1252"
    return None


def excel_tsv_rows(lines: list[str], first: int = 0) -> list[tuple[int, list[str]]] | None:
    """The rows of a TSV (``lines`` with their line ends) quoted as Excel quotes, with the
    line each ends on (counting from ``first``), or None if it is not quoted so."""
    if not any(line.startswith('"') or '\t"' in line for line in lines):
        return None
    reader = csv.reader(lines, delimiter="\t", strict=True)
    try:
        return [(reader.line_num + first, cells) for cells in reader]
    except csv.Error:
        return None
