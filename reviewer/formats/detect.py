"""Which reader a file needs: from its extension, else from its first bytes."""

from __future__ import annotations

import re
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.formats.delimited import looks_delimited
from reviewer.formats.encoding import bom_encoding

IMPORT_FORMATS = ("text", "xliff", "tmx", "po", "tsv", "csv")
EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".xlf": "xliff", ".xliff": "xliff", ".xlz": "xliff", ".sdlxliff": "xliff",
    ".mqxliff": "xliff", ".tmx": "tmx", ".po": "po", ".pot": "po",
    ".tsv": "tsv", ".tab": "tsv", ".csv": "csv",
}
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_PO_MESSAGE = re.compile(r'^msgid\s+"', re.MULTILINE)
_HEAD_BYTES = 8192


def _head(data: bytes) -> str:
    marked = bom_encoding(data)
    if marked is None:
        return data[:_HEAD_BYTES].decode("utf-8", errors="replace")
    encoding, size = marked
    return data[size : size + _HEAD_BYTES].decode(encoding, errors="replace")


def _skip_prolog(text: str) -> str:
    """The text after the XML declaration, comments, processing instructions and DOCTYPE."""
    text = text.lstrip()
    while text.startswith(("<?", "<!")):
        end = "-->" if text.startswith("<!--") else ">"
        stop = text.find(end)
        if stop < 0:
            return ""
        text = text[stop + len(end) :].lstrip()
    return text


def sniff_format(data: bytes, name: str) -> str:
    """The format the content looks like; plain text when nothing else fits."""
    head = _head(data)
    stripped = head.lstrip()
    if stripped.startswith("<?xml") or stripped.startswith("<") and _ROOT.match(stripped):
        match = _ROOT.match(_skip_prolog(stripped))
        root = match.group(1).split(":")[-1].lower() if match else ""
        if root in ("xliff", "tmx"):
            return root
        if stripped.startswith("<?xml"):
            raise ReviewerError(f"{name}: XML whose root is <{root or '?'}>, neither XLIFF "
                                "nor TMX; use --format text to review it as plain text")
    if _PO_MESSAGE.search(head):
        return "po"
    first_line = head.split("\n", 1)[0].rstrip("\r")
    return looks_delimited(first_line) or "text"


def detect_format(path: str | Path, data: bytes) -> str:
    """The import format for ``path``: its extension when known, else its content."""
    by_extension = EXTENSIONS.get(Path(path).suffix.lower())
    return by_extension or sniff_format(data, str(path))


def parse_langs(langs: str | None) -> tuple[str, str] | None:
    """``"ru,en"`` as (source, target)."""
    if langs is None or not langs.strip():
        return None
    parts = [part.strip() for part in langs.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ReviewerError(f"--langs takes SOURCE,TARGET language tags (e.g. ru,en), "
                            f"not {langs!r}")
    return parts[0], parts[1]
