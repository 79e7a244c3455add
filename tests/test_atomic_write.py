"""Atomic writes: the umask for new files, an existing file's mode and owner, links, devices."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.core.errors import ReviewerError
from reviewer.formats.atomic import atomic_write_bytes


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process umask a test changes."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _no_temp_files(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".partial"))] == []


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_honour_the_umask(mask: int, expected: int, tmp_path: Path, umask: None,
                                    seed_project: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    os.umask(mask)
    atomic_write_bytes(tmp_path / "direct.txt", b"x")
    assert _mode(tmp_path / "direct.txt") == expected
    assert run(capsys, "export", seed_project, tmp_path / "out.tsv")[0] == 0
    assert _mode(tmp_path / "out.tsv") == expected
    _no_temp_files(tmp_path)


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_an_existing_file_keeps_its_mode(mask: int, tmp_path: Path, umask: None,
                                         seed_project: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    os.umask(mask)
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run(capsys, "export", seed_project, target)[0] == 0
    assert _mode(target) == 0o640 and "SOCHI" in target.read_text(encoding="utf-8")
    target.chmod(0o4755)  # setuid on a text file we rewrite: not carried over
    atomic_write_bytes(target, b"new")
    assert _mode(target) == 0o755 and target.read_bytes() == b"new"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_keeps_an_existing_files_owner_and_group(tmp_path: Path) -> None:
    target = tmp_path / "theirs.txt"
    target.write_bytes(b"old")
    os.chown(target, 4321, 8765)
    atomic_write_bytes(target, b"new")
    info = target.stat()
    assert (info.st_uid, info.st_gid) == (4321, 8765) and target.read_bytes() == b"new"


def test_a_link_to_a_file_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new" and _mode(real) == 0o640
    _no_temp_files(tmp_path)


def test_links_to_folders_broken_links_and_devices_are_refused(
        tmp_path: Path, seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (tmp_path / "to-folder").symlink_to(folder)
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere" / "x.txt")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    os.mkfifo(tmp_path / "fifo")
    for name, words in (("to-folder", "folder"), ("broken", "link"), ("loop", "link"),
                        ("fifo", "not a regular file")):
        with pytest.raises(ReviewerError, match=words):
            atomic_write_bytes(tmp_path / name, b"x")
        code, _, err = run(capsys, "export", seed_project, tmp_path / name)
        assert code == 1 and err.count("\n") == 1 and words in err, err
    assert (tmp_path / "to-folder").is_symlink() and list(folder.iterdir()) == []
    assert (tmp_path / "broken").is_symlink() and not (tmp_path / "nowhere").exists()
    assert stat.S_ISFIFO((tmp_path / "fifo").lstat().st_mode)
    _no_temp_files(tmp_path)


def test_a_failed_rename_leaves_the_old_file_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ReviewerError, match="No space left"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    _no_temp_files(tmp_path)
