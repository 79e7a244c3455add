"""One writer per project: an OS lock on a file beside the project, naming its holder.

The operating system drops the lock when the holding process ends, however it ends
(even SIGKILL), so a crash never leaves a project locked. The lock is ``flock``, which
belongs to the open file description: unlike SQLite's POSIX locks, it is not lost when
other code in the process opens and closes the same file.

The lock file also records how many revisions the holder has saved (``acknowledged``),
so ``verify`` can tell when saved revisions went missing from the project afterwards
(a deleted or emptied ``-wal`` file).
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import socket
import stat
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reviewer.core.errors import ReviewerError

ORPHAN_WAIT_S = 3.0
MAX_LOCK_BYTES = 4096  # a lock record is one short JSON line; anything bigger is not ours
_LOCK_KEYS = {"user", "host", "pid", "program", "since"}

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class ProjectLockedError(ReviewerError):
    """Another window or process is editing the project."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"{path.name} is being edited by {holder}; "
                         "close it there first, or open it read-only")
        self.path = path
        self.holder = holder

    def __reduce__(self) -> tuple[Any, ...]:
        return (ProjectLockedError, (self.path, self.holder))


class ReadOnlyError(ReviewerError):
    """The project (or its folder) cannot be written here; it can still be read."""


def lock_path(project: Path) -> Path:
    """The lock file that belongs to ``project``."""
    return project.with_name(project.name + ".lock")


def _describe(info: dict[str, object]) -> str:
    who = f"{info.get('user', '?')}@{info.get('host', '?')}"
    return f"{who} ({info.get('program', 'reviewer')}, process {info.get('pid', '?')}, " \
           f"since {info.get('since', '?')})"


def _orphaned(record: dict[str, Any]) -> bool:
    """Whether the lock is held by a store process whose window has ended (it will soon)."""
    if "store_pid" not in record or record.get("host") != socket.gethostname():
        return False
    try:
        os.kill(int(record["pid"]), 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError):
        return False
    return False


def _read_record(fd: int) -> dict[str, Any] | None:
    """The lock record in an open lock file; {} when empty, None when it is not one of ours."""
    size = os.fstat(fd).st_size
    if size == 0:
        return {}
    if size > MAX_LOCK_BYTES:
        return None
    data = os.pread(fd, size, 0)
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(record, dict) or not record.keys() >= _LOCK_KEYS:
        return None
    return record


def read_lock_record(project: Path) -> dict[str, Any] | None:
    """The project's lock record (holder and acknowledged revisions), without locking."""
    try:
        fd = os.open(lock_path(project), os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return _read_record(fd)
    finally:
        os.close(fd)


def _open_lock_file(project: Path, path: Path) -> int:
    """Open (or create) the lock file without following links; refuse what is not ours."""
    def refuse(why: str) -> ReviewerError:
        return ReviewerError(f"cannot open {project.name} for editing: {path} {why}; "
                             "open it read-only")

    flags = os.O_RDWR | _NOFOLLOW | _CLOEXEC
    try:
        try:
            fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o644)
            return fd
        except FileExistsError:
            fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not hang
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise refuse("is a symbolic link") from error
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ReadOnlyError(f"{project.name} cannot be edited here: {path} cannot be "
                                f"written ({error.strerror}); open it read-only") from error
        raise refuse(f"cannot be written ({error.strerror})") from error
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise refuse("is not a regular file")
    if info.st_nlink != 1:
        os.close(fd)
        raise refuse("has other names (hard links)")
    if _read_record(fd) is None:
        os.close(fd)
        raise refuse("is not a reviewer lock file")
    return fd


class ProjectLock:
    """Held while a project is open for writing; ``release`` (or process exit) frees it."""

    def __init__(self, project: Path, program: str = "reviewer",
                 owner_pid: int | None = None) -> None:
        self.path = lock_path(project)
        fd = _open_lock_file(project, self.path)
        deadline = time.monotonic() + ORPHAN_WAIT_S
        while not _try_lock(fd):
            record = _read_record(fd)
            if record and _orphaned(record) and time.monotonic() < deadline:
                time.sleep(0.02)  # a killed window's store process is on its way out
                continue
            os.close(fd)
            holder = _describe(record) if record else "another program"
            raise ProjectLockedError(project, holder)
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "?"
        previous = _read_record(fd) or {}
        self._record: dict[str, Any] = {
            "user": user, "host": socket.gethostname(), "pid": owner_pid or os.getpid(),
            "program": program, "since": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        if owner_pid is not None:
            self._record["store_pid"] = os.getpid()
        for key in ("project_id", "acknowledged"):  # what earlier holders saved stays known
            if key in previous:
                self._record[key] = previous[key]
        self._fd: int | None = fd
        self._write()

    @property
    def previous_acknowledged(self) -> tuple[str | None, int]:
        """The project id and revision count the lock file says were saved."""
        return self._record.get("project_id"), int(self._record.get("acknowledged", 0))

    def acknowledge(self, project_id: str, revisions: int) -> None:
        """Record that ``revisions`` revisions of the project are saved."""
        self._record["project_id"] = project_id
        self._record["acknowledged"] = revisions
        self._write()

    def _write(self) -> None:
        if self._fd is None:
            return
        data = json.dumps(self._record).encode("utf-8")
        try:
            os.pwrite(self._fd, data, 0)
            os.ftruncate(self._fd, len(data))
        except OSError:
            pass  # the record is advice for ``verify``; the lock itself is what matters

    def release(self) -> None:
        """Give the project free for other writers."""
        if self._fd is not None:
            os.close(self._fd)  # closing drops the OS lock
            self._fd = None
