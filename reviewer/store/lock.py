"""One writer per project: an OS lock on a file beside the project, naming its holder.

The operating system drops the lock when the holding process ends, however it ends
(even SIGKILL), so a crash never leaves a project locked.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from reviewer.core.errors import ReviewerError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class ProjectLockedError(ReviewerError):
    """Another window or process is editing the project."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"{path.name} is being edited by {holder}; "
                         "close it there first, or open it read-only")
        self.holder = holder


def lock_path(project: Path) -> Path:
    """The lock file that belongs to ``project``."""
    return project.with_name(project.name + ".lock")


def _describe(info: dict[str, object]) -> str:
    who = f"{info.get('user', '?')}@{info.get('host', '?')}"
    return f"{who} ({info.get('program', 'reviewer')}, process {info.get('pid', '?')}, " \
           f"since {info.get('since', '?')})"


class ProjectLock:
    """Held while a project is open for writing; ``release`` (or process exit) frees it."""

    def __init__(self, project: Path, program: str = "reviewer") -> None:
        self.path = lock_path(project)
        try:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held while locked
        except OSError as error:
            raise ReviewerError(f"cannot open {project.name} for editing: {self.path} "
                                f"cannot be written ({error.strerror}); open it read-only")\
                from error
        if not _try_lock(handle):
            handle.seek(0)
            try:
                holder = _describe(json.loads(handle.read() or "{}"))
            except ValueError:
                holder = "another program"
            handle.close()
            raise ProjectLockedError(project, holder)
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "?"
        info = {"user": user, "host": socket.gethostname(), "pid": os.getpid(),
                "program": program,
                "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(info))
        handle.flush()
        self._handle: IO[str] | None = handle

    def release(self) -> None:
        """Give the project free for other writers."""
        if self._handle is not None:
            self._handle.close()  # closing drops the OS lock
            self._handle = None
