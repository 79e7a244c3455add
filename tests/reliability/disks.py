"""Folders that behave like read-only media or a full disk, for fault tests.

As root (CI) these are real tmpfs mounts: a read-only mount refuses even root, and a
small one fills up. Elsewhere a read-only folder is chmod 555 (enough for a normal user)
and a full disk is RLIMIT_FSIZE in the child process.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


def _mount(folder: Path, options: str) -> bool:
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


@contextlib.contextmanager
def read_only_folder(base: Path, files: list[Path]) -> Iterator[Path]:
    """A folder holding copies of ``files`` that nobody can write, root included."""
    folder = base / "readonly-media"
    folder.mkdir()
    if _can_mount() and _mount(folder, "size=64m,mode=755"):
        try:
            for file in files:
                shutil.copy2(file, folder / file.name)
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield folder
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        return
    for file in files:
        shutil.copy2(file, folder / file.name)
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)


@contextlib.contextmanager
def small_disk(base: Path, size_kb: int) -> Iterator[tuple[Path, Callable[[], None] | None]]:
    """A folder on a disk of ``size_kb`` (a tmpfs), or RLIMIT_FSIZE for child processes."""
    folder = base / "small-disk"
    folder.mkdir()
    if _can_mount() and _mount(folder, f"size={size_kb}k,mode=755"):
        try:
            yield folder, None
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        return

    def limit() -> None:
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size_kb * 1024, size_kb * 1024))

    yield folder, limit
