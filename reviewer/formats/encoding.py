"""Turn a file's bytes into text without guessing silently or replacing bad bytes."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.visible import visible
from reviewer.formats.cyrillic import guess_legacy_cyrillic
from reviewer.formats.limits import MAX_FILE_BYTES

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SURROGATE = re.compile("[\ud800-\udfff]")

# What the GUI offers; any name Python knows is accepted too.
COMMON_ENCODINGS = ("utf-8", "utf-16", "cp1251", "koi8-r", "cp866", "iso8859-5", "latin-1")


@dataclass(frozen=True)
class DecodedText:
    """A file's text and how it was stored, so an export can store it the same way."""

    text: str
    encoding: str
    bom: bool
    guessed: bool = False  # a legacy encoding chosen from the text itself


def read_file_bytes(path: str | Path) -> bytes:
    """The file's bytes, or a one-line error a user understands."""
    file = Path(path)
    if not file.exists():
        raise ReviewerError(f"{file}: no such file")
    if file.is_dir():
        raise ReviewerError(f"{file}: is a folder, not a file")
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_big(file, f"{size / 2**20:,.0f} MB")
        with file.open("rb") as handle:  # a pipe or device says size 0: read at most the limit
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ReviewerError(f"{file}: cannot read ({error.strerror})") from error
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(file, "it")
    return data


def _too_big(file: Path, size: str) -> ReviewerError:
    return ReviewerError(f"{file}: {size} is more than reviewer reads "
                         f"({MAX_FILE_BYTES // 2**20} MB); split the job")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names and the mark's length, if there is one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def check_encoding_name(encoding: str) -> str:
    """Python's name for ``encoding``, or a clear error."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError as error:
        raise ReviewerError(f"unknown encoding {encoding!r}") from error
    if not getattr(codec, "_is_text_encoding", True):  # rot13, base64, zlib: bytes to bytes
        raise ReviewerError(f"{encoding!r} is not a text encoding (use e.g. utf-8 or cp1251)")
    return codec.name


def decode(data: bytes, name: str, encoding: str | None = None) -> DecodedText:
    """Decode ``data``: a byte-order mark wins, then ``encoding``, then UTF-8 or a guess.

    Without a named encoding, bytes that are not UTF-8 are tried as the legacy Cyrillic
    code pages; the guess must be clear, or the error asks for ``--encoding``.
    """
    marked = bom_encoding(data)
    if marked is not None:
        bom_name, size = marked
        return DecodedText(_strict(data[size:], bom_name, name), bom_name, True)
    if encoding is not None:
        canonical = check_encoding_name(encoding)
        return DecodedText(_strict(data, canonical, name), canonical, False)
    if b"\x00" in data:
        raise ReviewerError(f"{name}: looks like a binary file (or UTF-16 without a byte-order "
                            "mark: name it with --encoding)")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError as error:
        utf8_error = error
    if not _mostly_utf8(data):
        guess = guess_legacy_cyrillic(data)
        if guess is not None:
            return DecodedText(data.decode(guess), guess, False, guessed=True)
    raise _decode_error(data, "utf-8", name, utf8_error)


def _mostly_utf8(data: bytes) -> bool:
    """Whether the non-ASCII bytes mostly form UTF-8 characters (so the rest are damage)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if ord(char) > 127) - bad
    return good >= bad


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _decode_error(data, encoding, name, error) from error
    except UnicodeError as error:  # codecs such as idna and punycode fail without a position
        raise ReviewerError(f"{name}: cannot be read as {encoding} ({visible(str(error))}); "
                            "name the file's encoding with --encoding") from error
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:  # utf-7 and unicode_escape can make them; they are not text
        line = text.count("\n", 0, surrogate.start()) + 1
        raise ReviewerError(f"{name}: line {line} is not valid {encoding} (it decodes to "
                            f"U+{ord(surrogate.group()):04X}, half a character); name the "
                            "file's encoding with --encoding")
    return text


def _decode_error(data: bytes, encoding: str, name: str,
                  error: UnicodeDecodeError) -> ReviewerError:
    line = data[: error.start].count(b"\n") + 1
    return ReviewerError(
        f"{name}: line {line} is not valid {encoding} "
        f"(byte 0x{data[error.start]:02x}); name the file's encoding with --encoding"
    )


def encode_error(text: str, encoding: str, error: UnicodeError) -> ReviewerError:
    """What to tell the user when ``text`` cannot be written in ``encoding``."""
    if isinstance(error, UnicodeEncodeError):
        bad = text[error.start : error.end]
        return ReviewerError(f"{bad!r} cannot be written in {encoding}; "
                             "export as TSV or change the text")
    return ReviewerError(f"the text cannot be written in {encoding} "
                         f"({visible(str(error))}); export as TSV or change the text")


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    """``text`` in ``encoding`` (with its byte-order mark if asked), or a clear error."""
    try:
        data = text.encode(encoding)
    except UnicodeError as error:
        raise encode_error(text, encoding, error) from error
    return byte_order_mark(encoding) + data if bom else data


def byte_order_mark(encoding: str) -> bytes:
    """The byte-order mark a file in ``encoding`` starts with (none for most encodings)."""
    boms = {name: mark for mark, name in _BOMS}
    return boms.get(codecs.lookup(encoding).name, b"")


def read_text(path: str | Path, encoding: str | None = None) -> DecodedText:
    """Read and decode a text file."""
    return decode(read_file_bytes(path), str(path), encoding)
