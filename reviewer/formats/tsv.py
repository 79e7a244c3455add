"""Tab-separated export: one row a segment, with its scores."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # tabs and line breaks inside a cell would break the row structure
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def to_tsv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The rows as TSV text, with backslash escapes for tabs and newlines in cells."""
    lines = ["\t".join(header)]
    lines.extend("\t".join(_cell(value) for value in row) for row in rows)
    return "\n".join(lines) + "\n"
