"""Write files so that a crash leaves either the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reviewer.core.errors import ReviewerError


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, then rename it over ``path``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReviewerError(f"cannot write {target}: folder {folder} does not exist")
    if target.is_dir():
        raise ReviewerError(f"cannot write {target}: it is a folder")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ReviewerError(f"cannot write {target}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise ReviewerError(f"cannot write {target}: {error.strerror}") from error
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def atomic_write_text(
    path: str | os.PathLike[str], text: str, encoding: str = "utf-8", bom: bool = False
) -> None:
    """Encode ``text`` (with a byte-order mark if asked) and write it atomically."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as error:
        bad = text[error.start : error.end]
        raise ReviewerError(
            f"cannot write {path}: {bad!r} cannot be written in {encoding}"
        ) from error
    if bom:
        data = _bom_for(encoding) + data
    atomic_write_bytes(path, data)


def _bom_for(encoding: str) -> bytes:
    import codecs

    name = codecs.lookup(encoding).name
    return {
        "utf-8": codecs.BOM_UTF8,
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }.get(name, b"")
