"""Safe handling of project files on disk: opening without side effects, creating without
replacing, and recognising what must never be written over."""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import stat
from contextlib import suppress
from pathlib import Path
from urllib.parse import quote

from reviewer.core.errors import ReviewerError

SQLITE_HEADER = b"SQLite format 3\x00"
SIDECARS = ("-wal", "-shm", "-journal")
# .NAME.PID.partial (a new project or a backup) or .NAME.PID.RANDOM.partial (an export)
_PARTIAL = re.compile(
    r"^\.(?P<name>.+?)\.(?P<pid>\d+)(?:\.[A-Za-z0-9_]{4,16})?\.partial(?:-wal|-shm|-journal)?$")


def sqlite_uri(path: Path, mode: str, immutable: bool = False) -> str:
    """A ``file:`` URI for ``path`` (any bytes in its name) opened ``ro`` or ``rw``."""
    absolute = os.fsencode(os.path.abspath(path))
    uri = f"file:{quote(absolute)}?mode={mode}"
    return uri + "&immutable=1" if immutable else uri


def check_regular_file(path: Path) -> None:
    """Refuse a path that is missing or not a regular file (without opening it)."""
    try:
        info = path.stat()
    except FileNotFoundError as error:
        raise ReviewerError(f"{path}: no such project") from error
    except OSError as error:
        raise ReviewerError(f"{path}: cannot be read ({error.strerror})") from error
    if stat.S_ISDIR(info.st_mode):
        raise ReviewerError(f"{path}: is a folder, not a project")
    if not stat.S_ISREG(info.st_mode):
        raise ReviewerError(f"{path}: not a reviewer project (not a regular file)")


def leftover_sidecars(path: Path) -> list[Path]:
    """``-wal``, ``-shm`` and ``-journal`` files at ``path`` (of an earlier, removed file)."""
    return [path.with_name(path.name + suffix) for suffix in SIDECARS
            if os.path.lexists(path.with_name(path.name + suffix))]


def refuse_existing(target: Path, what: str) -> None:
    """Refuse to create ``target`` where a file, a link or a leftover sidecar already is."""
    if os.path.lexists(target):
        raise ReviewerError(f"{target}: already exists; {what} never replaces a file, "
                            "choose another name")
    leftovers = leftover_sidecars(target)
    if leftovers:
        raise ReviewerError(f"{target}: {leftovers[0].name} of an earlier file is still there; "
                            "remove it or choose another name")
    if not target.parent.is_dir():
        raise ReviewerError(f"{target}: folder {target.parent} does not exist")


def partial_path(target: Path) -> Path:
    """The hidden file a new project or backup is built in before it appears at ``target``."""
    return target.with_name(f".{target.name}.{os.getpid()}.partial")


def remove_partial(partial: Path) -> None:
    """Remove a partial file and the sidecars SQLite may have left beside it."""
    for suffix in ("", *SIDECARS):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stray_partials(folder: Path, name: str | None = None) -> list[Path]:
    """Partial files in ``folder`` (of ``name`` only, if given) whose writer is gone."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _PARTIAL.match(entry.name)
        if match and (name is None or match["name"] == name) \
                and not _pid_alive(int(match["pid"])):
            found.append(Path(entry.path))
    return sorted(found)


def clean_stray_partials(target: Path, every_name: bool = False) -> None:
    """Remove what a killed ``new``, ``backup`` or export of ``target`` (or, with
    ``every_name``, of anything in its folder) left behind."""
    for stray in stray_partials(target.parent, None if every_name else target.name):
        with suppress(OSError):  # e.g. read-only media: nothing to clean there anyway
            stray.unlink(missing_ok=True)


def publish_exclusive(partial: Path, target: Path, what: str) -> None:
    """Make the complete ``partial`` appear at ``target``, failing if anything is there.

    A hard link is atomic and never replaces; on file systems without hard links the bytes
    are copied into a file created exclusively.
    """
    try:
        os.link(partial, target, follow_symlinks=False)
    except FileExistsError as error:
        raise ReviewerError(f"{target}: already exists; {what} never replaces a file, "
                            "choose another name") from error
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                               errno.EMLINK, errno.ENOSYS):
            raise
        _copy_exclusive(partial, target, what)
    partial.unlink(missing_ok=True)


def _copy_exclusive(partial: Path, target: Path, what: str) -> None:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError as error:
        raise ReviewerError(f"{target}: already exists; {what} never replaces a file, "
                            "choose another name") from error
    try:
        with open(partial, "rb") as source, os.fdopen(fd, "wb") as sink:
            shutil.copyfileobj(source, sink)
            sink.flush()
            os.fsync(sink.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (through links too), by ``stat`` alone."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def looks_like_sqlite(path: Path) -> bool:
    """Whether a regular file starts with SQLite's header (a project or another database)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size < len(SQLITE_HEADER):
            return False
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def refuse_overwriting_project(target: Path, project: Path, what: str) -> None:
    """Refuse a ``target`` that is the project, one of its own files, or any SQLite file."""
    own = [project, *(project.with_name(project.name + s) for s in (*SIDECARS, ".lock"))]
    if any(same_file(target, path) for path in own) or \
            any(Path(os.path.abspath(target)) == Path(os.path.abspath(p)) for p in own):
        raise ReviewerError(f"{target}: is the project itself (or one of its files); "
                            f"{what} never writes over it")
    if looks_like_sqlite(target):
        raise ReviewerError(f"{target}: is a project or database file; {what} never writes "
                            "over one, choose another name")
    leftovers = leftover_sidecars(target) if os.path.lexists(target) else []
    if leftovers:
        raise ReviewerError(f"{target}: {leftovers[0].name} beside it belongs to a database; "
                            "choose another name")


def is_full_disk(error: BaseException, where: Path | None = None) -> bool:
    """Whether an error means the disk (or a size limit) is full; SQLite often says only
    "disk I/O error", so the free space where it wrote is asked too."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    if isinstance(error, sqlite3.Error) and "full" in str(error):
        return True
    if where is not None and isinstance(error, (OSError, sqlite3.Error)):
        try:
            space = os.statvfs(where.parent if not where.is_dir() else where)
        except OSError:
            return False
        return space.f_bavail * space.f_frsize < 64 * 1024
    return False
