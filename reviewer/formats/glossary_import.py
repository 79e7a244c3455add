"""Read a glossary file: TBX, or CSV/TSV with a header."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.glossary import NewTerm, checked_term
from reviewer.formats.encoding import read_file_bytes
from reviewer.formats.glossary_csv import read_glossary_csv
from reviewer.formats.glossary_tbx import read_glossary_tbx


def _looks_xml(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<") or head.startswith(b"\xff\xfe<") \
        or head.startswith(b"\xfe\xff\x00<")


def read_glossary(path: Path, source_language: str | None = None,
                  target_language: str | None = None) -> list[NewTerm]:
    """The terms of a glossary file (TBX is told from CSV/TSV by its content), or a
    one-line error; ``*_language``: the project's, which pick a TBX file's pair."""
    data = read_file_bytes(path)
    name = path.name
    if path.suffix.lower() == ".tbx" or _looks_xml(data):
        terms = read_glossary_tbx(data, name, source_language, target_language)
    else:
        terms = read_glossary_csv(data, name, source_language, target_language)
    return [NewTerm(*checked_term(term.source, term.target, term.note), term.forbidden)
            for term in terms]
