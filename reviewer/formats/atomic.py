"""Write files so that a crash leaves either the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from reviewer.core.errors import ReviewerError

_NOT_CARRIED = stat.S_ISUID | stat.S_ISGID  # a rewritten export must not become set-id


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically: through a link to its file, never a folder."""
    atomic_write_chunks(path, (data,))


def atomic_write_chunks(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """``atomic_write_bytes`` for data made as it is written (an export of a million
    segments need never be whole in memory); an error while making it leaves no file."""
    target = Path(path)
    real = _destination(target)
    existing = real.stat() if real.exists() else None
    try:
        fd, temp = _create_temp(real)
    except OSError as error:
        raise ReviewerError(f"cannot write {target}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "wb") as handle:
            if existing is not None:
                _keep_owner_and_mode(handle.fileno(), existing)
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, real)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ReviewerError(f"cannot write {target}: {error.strerror or error}") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(real.parent)


def check_destination(path: str | os.PathLike[str]) -> None:
    """Refuse at once a target an atomic write could not replace (a folder, a pipe...)."""
    _destination(Path(path))


def _destination(target: Path) -> Path:
    """The regular file (or free name) that ``target`` names; a link is followed to its file."""
    real = target
    if target.is_symlink():
        try:
            real = target.resolve(strict=True)
        except (OSError, RuntimeError) as error:  # RuntimeError: a loop, before Python 3.13
            raise ReviewerError(f"cannot write {target}: it is a broken link "
                                f"(to {os.readlink(target)})") from error
    folder = real.parent
    if not folder.is_dir():
        raise ReviewerError(f"cannot write {target}: folder {folder} does not exist")
    if real.is_dir():
        raise ReviewerError(f"cannot write {target}: it is a folder")
    if real.exists() and not real.is_file():
        raise ReviewerError(f"cannot write {target}: not a regular file (a device, pipe or "
                            "socket cannot be replaced)")
    return real


def _create_temp(real: Path) -> tuple[int, Path]:
    """A new hidden file beside ``real``; mode 0o666 so that the kernel applies the umask."""
    name = real.name
    while len(os.fsencode(name)) > 200:  # room for the prefix and suffix in 255 bytes
        name = name[:-1]
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    while True:
        # .NAME.PID.RANDOM.partial: what a killed export leaves, the next writer removes
        temp = real.parent / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.partial"
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue


def _keep_owner_and_mode(fd: int, existing: os.stat_result) -> None:
    """Give the temp file the existing file's owner and group where allowed, then its mode."""
    if hasattr(os, "fchown"):
        mine = os.fstat(fd)
        if (mine.st_uid, mine.st_gid) != (existing.st_uid, existing.st_gid):
            try:
                os.fchown(fd, existing.st_uid, existing.st_gid)  # root may
            except PermissionError:
                with contextlib.suppress(PermissionError):  # a member of the group may
                    os.fchown(fd, -1, existing.st_gid)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(existing.st_mode) & ~_NOT_CARRIED)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: fsync the folder); best effort elsewhere."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
