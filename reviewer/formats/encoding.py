"""Turn a file's bytes into text without guessing silently or replacing bad bytes."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import ReviewerError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class DecodedText:
    """A file's text and how it was stored, so an export can store it the same way."""

    text: str
    encoding: str
    bom: bool


def read_file_bytes(path: str | Path) -> bytes:
    """The file's bytes, or a one-line error a user understands."""
    file = Path(path)
    if not file.exists():
        raise ReviewerError(f"{file}: no such file")
    if file.is_dir():
        raise ReviewerError(f"{file}: is a folder, not a file")
    try:
        return file.read_bytes()
    except OSError as error:
        raise ReviewerError(f"{file}: cannot read ({error.strerror})") from error


def decode(data: bytes, name: str, encoding: str | None = None) -> DecodedText:
    """Decode ``data``: a byte-order mark wins, then ``encoding``, then strict UTF-8."""
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return DecodedText(_strict(data[len(bom) :], bom_encoding, name), bom_encoding, True)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError as error:
            raise ReviewerError(f"unknown encoding {encoding!r}") from error
        return DecodedText(_strict(data, encoding, name), codecs.lookup(encoding).name, False)
    if b"\x00" in data:
        raise ReviewerError(f"{name}: looks like a binary file, not text")
    return DecodedText(_strict(data, "utf-8", name), "utf-8", False)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ReviewerError(
            f"{name}: line {line} is not valid {encoding} "
            f"(byte 0x{data[error.start]:02x}); name the file's encoding with --encoding"
        ) from error


def read_text(path: str | Path, encoding: str | None = None) -> DecodedText:
    """Read and decode a text file."""
    return decode(read_file_bytes(path), str(path), encoding)
