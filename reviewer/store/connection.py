"""Connecting to a project file, and one-line messages for files that cannot be used."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.store.files import is_full_disk, sqlite_uri
from reviewer.store.lock import ReadOnlyError

BUSY_TIMEOUT_MS = 5000


def connect(path: Path, read_only: bool, create: bool = False) -> sqlite3.Connection:
    """A connection that never creates the file (unless asked) and, for readers, never writes.

    On read-only media (no ``-shm`` can be made beside the file) the file is read as
    immutable, which needs neither.
    """
    mode = "ro" if read_only else ("rwc" if create else "rw")
    try:
        # the window runs long edits (replace all) in a worker thread while its own thread
        # stays off the store; one thread at a time, never two at once
        connection = _configure(sqlite3.connect(sqlite_uri(path, mode), uri=True,
                                                isolation_level=None,
                                                timeout=BUSY_TIMEOUT_MS / 1000,
                                                check_same_thread=False))
        if read_only:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.DatabaseError as error:
        if not read_only or not _wal_is_empty(path) or not (
                "unable to open" in str(error) or "I/O" in str(error)):
            raise open_error(path, error) from error
    # read-only media or a full disk, where no -shm can be made: with no WAL to read, the
    # file as it is holds everything committed
    try:
        return _configure(sqlite3.connect(sqlite_uri(path, "ro", immutable=True), uri=True,
                                          isolation_level=None, check_same_thread=False))
    except sqlite3.Error as error:
        raise open_error(path, error) from error


def _wal_is_empty(path: Path) -> bool:
    """Whether the project has no write-ahead log with frames in it."""
    try:
        return os.stat(path.with_name(path.name + "-wal")).st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _configure(connection: sqlite3.Connection) -> sqlite3.Connection:
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = FULL")
    return connection


def fsync(path: Path) -> None:
    """Force a file's contents to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_error(path: Path, error: BaseException) -> ReviewerError:
    """A one-line message for a project that cannot be opened."""
    text = str(error)
    if is_full_disk(error, path):
        return ReviewerError(f"{path}: the disk is full ({text})")
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return ReviewerError(f"{path}: not a reviewer project ({text})")
    if "unable to open" in text:
        return ReviewerError(f"{path}: cannot be opened ({text}; check the file's and its "
                             "folder's permissions)")
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(f"{path}: cannot be written here ({text}); open it read-only")
    if "I/O" in text:
        return ReviewerError(f"{path}: cannot be read ({text}; is the disk failing or full?)")
    return ReviewerError(f"{path}: cannot be opened ({text})")


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names now (device and inode), or None if none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def write_error(path: Path, error: BaseException) -> ReviewerError:
    """A one-line message for a write that failed (nothing partial is left)."""
    if is_full_disk(error, path):
        return ReviewerError(f"cannot write {path}: the disk is full; nothing was changed")
    detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    if isinstance(error, OSError) and error.errno in (13, 30):  # EACCES, EROFS
        return ReviewerError(f"cannot write {path}: {detail}; nothing was changed")
    return ReviewerError(f"cannot write {path}: {detail}")
