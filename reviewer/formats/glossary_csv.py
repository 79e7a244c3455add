"""Glossaries as CSV or TSV: a header naming the ``source`` and ``target`` columns, an
optional ``note`` and ``forbidden``; comma, semicolon or tab between cells; UTF-8 (or a
byte-order mark's encoding, or Excel's cp1252); cells quoted as Excel quotes them."""

from __future__ import annotations

import csv

from reviewer.core.errors import ReviewerError
from reviewer.core.glossary import NewTerm
from reviewer.core.visible import visible
from reviewer.formats.encoding import decode
from reviewer.formats.excel_text import excel_encoding, excel_tsv_rows

_ROLES = {
    "source": "source", "source term": "source", "src": "source", "term": "source",
    "target": "target", "target term": "target", "tgt": "target", "translation": "target",
    "note": "note", "notes": "note", "comment": "note", "comments": "note",
    "definition": "note", "forbidden": "forbidden", "deprecated": "forbidden",
}
_YES = frozenset({"1", "true", "yes", "y", "x", "forbidden", "deprecated"})
_NO = frozenset({"", "0", "false", "no", "n"})


def _delimiter(header: str) -> str:
    counts = {delimiter: header.count(delimiter) for delimiter in ("\t", ";", ",")}
    return max(counts, key=lambda delimiter: counts[delimiter])


def _language_column(header: list[str], language: str | None) -> int | None:
    """The column headed with ``language`` (``en`` heads ``en-US`` too, and the reverse)."""
    if not language:
        return None
    wanted = language.strip().lower().replace("_", "-")
    cells = [cell.strip().lstrip("\ufeff").lower().replace("_", "-") for cell in header]
    if wanted in cells:
        return cells.index(wanted)
    return next((index for index, cell in enumerate(cells)
                 if cell and cell.split("-")[0] == wanted.split("-")[0]), None)


def read_glossary_csv(data: bytes, name: str, source_language: str | None = None,
                      target_language: str | None = None) -> list[NewTerm]:
    """The terms of a CSV/TSV glossary, or a one-line error; without ``source`` and
    ``target`` columns, the columns headed with the project's languages (``en``, ``ru``);
    a TSV naming neither is OmegaT's glossary: source, target and comment, no header."""
    # a byte-order mark, UTF-8, a clear Cyrillic code page, else Excel's Western cp1252
    text = decode(data, name, excel_encoding(data)).text
    lines = text.splitlines(keepends=True)  # a quoted cell may hold a line break
    # OmegaT starts a glossary with "# Glossary in tab-separated format -*- coding: utf-8 -*-"
    first = next((index for index, line in enumerate(lines) if line.strip()
                  and not (line.startswith("#") and "\t" not in line)), None)
    if first is None:
        raise ReviewerError(f"{name}: the file is empty")
    delimiter = _delimiter(lines[first])
    rows = excel_tsv_rows(lines[first:], first) if delimiter == "\t" else None
    if rows is None:
        # a TSV not quoted as Excel quotes: a " is part of a term
        if delimiter == "\t":
            reader = csv.reader(lines[first:], delimiter="\t", quoting=csv.QUOTE_NONE,
                                strict=True)
        else:
            reader = csv.reader(lines[first:], delimiter=delimiter, strict=True)
        try:
            rows = [(reader.line_num + first, cells) for cells in reader]
        except csv.Error as error:
            raise ReviewerError(f"{name}: line {reader.line_num + first}: {error}") from error
    header = rows[0][1]
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        role = _ROLES.get(cell.strip().lstrip("\ufeff").lower())
        if role is not None:
            roles.setdefault(role, index)
    if "source" not in roles and "target" not in roles:
        source = _language_column(header, source_language)
        target = _language_column(header, target_language)
        if source is not None and target is not None and source != target:
            roles.update(source=source, target=target)
    body = rows[1:]
    headerless = "source" not in roles and "target" not in roles and delimiter == "\t" \
        and len(header) >= 2
    if headerless:  # OmegaT's glossaries: source, target, comment; no header
        roles, body = {"source": 0, "target": 1, "note": 2}, rows
    if "source" not in roles or "target" not in roles:
        raise ReviewerError(f"{name}: the first line ({visible(lines[first].rstrip()[:80])}) "
                            "does not "
                            "name a source and a target column; a glossary's header is "
                            "source, target (or the project's two languages) and optionally "
                            "note, forbidden")
    terms = []
    for line, cells in body:
        if not any(cell.strip() for cell in cells):
            continue
        values = {role: cells[index].strip() if index < len(cells) else ""
                  for role, index in roles.items()}
        if headerless and (cells[0].startswith("#") or not values["target"]):
            continue  # OmegaT's comment lines, and lines without a target, which it skips
        if not values["source"] or not values["target"]:
            raise ReviewerError(f"{name}: line {line} lacks a source or a target term")
        flag = values.get("forbidden", "").lower()
        if flag not in _YES and flag not in _NO:
            raise ReviewerError(f"{name}: line {line}: forbidden is {visible(flag)}; "
                                "write yes or no (1 or 0)")
        terms.append(NewTerm(values["source"], values["target"], values.get("note", ""),
                             flag in _YES))
    if not terms:
        raise ReviewerError(f"{name}: no terms below the header")
    return terms
