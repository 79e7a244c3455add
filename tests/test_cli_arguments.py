"""Arguments the command cannot use end in one line on stderr and exit 1, never a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

DATA = Path(__file__).parent / "data"
BAD = "ab\udcff\udcfe"  # what Python makes of the bytes b"ab\xff\xfe" in argv


def _one_line_error(code: int, err: str, *words: str) -> None:
    assert code == 1, err
    assert err.startswith("reviewer: error:") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


@pytest.mark.parametrize(("args", "name"), [
    (["edit", "{p}", "1", BAD], "TEXT"),
    (["edit", "{p}", "1", "fine", "--author", BAD], "--author"),
    (["version", "{p}", BAD], "LABEL"),
    (["version", "{p}", "v1", "--author", BAD], "--author"),
    (["export", "{p}", "{d}/out.txt", "--version", BAD], "--version"),
    (["history", "{p}", "--since", BAD], "--since"),
    (["new", "{d}/n.review", "--mt", str(DATA / "mt.en.txt"), "--langs", BAD], "--langs"),
    (["new", "{d}/n.review", "--mt", str(DATA / "mt.en.txt"), "--encoding", BAD],
     "--encoding"),
])
def test_text_arguments_that_are_not_utf8_are_refused(
        args: list[str], name: str, seed_project: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    filled = [a.format(p=seed_project, d=seed_project.parent) for a in args]
    before = seed_project.read_bytes()
    code, out, err = run(capsys, *filled)
    _one_line_error(code, err, f"argument {name} is not valid UTF-8")
    assert out == "" and seed_project.read_bytes() == before
    assert not (seed_project.parent / "n.review").exists()


def _reviewer(*args: bytes | str | Path, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[bytes]:
    argv = [os.fsencode(sys.executable), b"-m", b"reviewer",
            *(a if isinstance(a, bytes) else os.fsencode(a) for a in args)]
    # a UTF-8 locale's terminal: printing an undecodable byte would raise
    strict = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", **(env or {})}
    return subprocess.run(argv, capture_output=True, timeout=60, env=strict)


def test_bytes_in_argv_from_a_real_process(seed_project: Path) -> None:
    for args in ([b"edit", seed_project, b"1", b"\xff\xfe"],
                 [b"edit", seed_project, b"1", b"ok", b"--author", b"\xff"],
                 [b"version", seed_project, b"v\xff"]):
        result = _reviewer(*args)
        assert result.returncode == 1, result.stderr
        assert result.stderr.count(b"\n") == 1 and b"is not valid UTF-8" in result.stderr


def test_file_names_with_undecodable_bytes_work(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    mt = folder + b"/\xff.txt"
    with open(mt, "wb") as handle:
        handle.write((DATA / "mt.en.txt").read_bytes())
    project = folder + b"/p\xfe.review"
    result = _reviewer(b"new", project, b"--mt", mt)
    assert result.returncode == 0, result.stderr
    assert b"p\\xfe.review" in result.stdout
    with sqlite3.connect(project) as db:
        names = [row[0] for row in db.execute(
            "SELECT value FROM properties WHERE name = 'source_name'")]
    assert names == ["\\xff.txt"]

    result = _reviewer(b"export", project, folder + b"/out\xff.txt")
    assert result.returncode == 0 and b"out\\xff.txt" in result.stdout, result.stderr
    assert os.path.exists(folder + b"/out\xff.txt")
    result = _reviewer(b"backup", project, folder + b"/b\xff.review")
    assert result.returncode == 0 and b"b\\xff.review" in result.stdout, result.stderr
    result = _reviewer(b"history", project)
    assert result.returncode == 0, result.stderr

    result = _reviewer(b"new", folder + b"/q.review", b"--mt", folder + b"/\xfe.txt")
    assert result.returncode == 1 and result.stderr.count(b"\n") == 1
    assert b"\\xfe.txt: no such file" in result.stderr


@pytest.mark.parametrize("fmt", ["job.xlf", "memory.tmx", "messages.po", "segments.tsv",
                                 "mt.en.txt"])
@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri"])
def test_non_text_codecs_are_refused(fmt: str, codec: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.review"
    code, _, err = run(capsys, "new", project, "--mt", DATA / fmt, "--encoding", codec)
    _one_line_error(code, err, "not a text encoding")
    assert not project.exists()


def test_since_a_date_out_of_range(seed_project: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    for since in ("0001-01-01", "9999-12-31T23:59:59-12:00", "garbage", ""):
        code, _, err = run(capsys, "history", seed_project, "--since", since)
        _one_line_error(code, err, "--since" if since.startswith(("0", "9")) else "")


def test_unusable_output_paths(tmp_path: Path, seed_project: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("export", "backup"):
        code, _, err = run(capsys, command, seed_project, "")
        _one_line_error(code, err, "OUTPUT")
        for folder in (tmp_path, "/"):
            code, _, err = run(capsys, command, seed_project, folder)
            _one_line_error(code, err)
        code, _, err = run(capsys, command, seed_project, tmp_path / "no" / "x")
        _one_line_error(code, err, "does not exist")
    for args in (["score", ""], ["history", ""], ["new", "", "--mt", DATA / "mt.en.txt"],
                 ["new", tmp_path / "x.review", "--mt", ""]):
        code, _, err = run(capsys, *args)
        _one_line_error(code, err, "is empty")


def test_huge_and_negative_segment_numbers(seed_project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    for number in ("0", "-5", "9" * 40):
        code, _, err = run(capsys, "edit", seed_project, "--", number, "x")
        _one_line_error(code, err, "no segment")
        code, _, err = run(capsys, "history", seed_project, "--segment", number)
        _one_line_error(code, err, "no segment")
    code, out, _ = run(capsys, "history", seed_project, "--json")
    assert json.loads(out) == []


def test_a_source_file_named_with_control_characters_exports_to_xliff(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = tmp_path / "a\x1bb\x01.tsv"
    rows.write_text("source\tmt\nПривет\tHello\n", encoding="utf-8")
    project = tmp_path / "p.review"
    assert run(capsys, "new", project, "--mt", rows)[0] == 0
    code, _, err = run(capsys, "export", project, tmp_path / "out.xlf")
    assert code == 0, err
    assert 'original="a\\x1bb\\x01.tsv"' in (tmp_path / "out.xlf").read_text(encoding="utf-8")


@pytest.mark.parametrize("codec", ["undefined", "punycode"])
def test_text_codecs_that_fail_without_a_decode_error(
        codec: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("mt.en.txt", "job.xlf", "messages.po"):
        code, _, err = run(capsys, "new", tmp_path / "p.review", "--mt", DATA / name,
                           "--encoding", codec)
        _one_line_error(code, err, name, codec)


def test_an_export_the_encoding_cannot_hold_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.review"
    assert run(capsys, "new", project, "--mt", DATA / "mt.en.txt", "--encoding", "idna")[0] == 0
    assert run(capsys, "edit", project, 1, "x" * 70)[0] == 0  # IDNA labels end at 63
    code, _, err = run(capsys, "export", project, tmp_path / "out.txt")
    _one_line_error(code, err, "idna")
    assert not (tmp_path / "out.txt").exists()


def test_an_endless_input_is_refused_at_the_size_limit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import reviewer.formats.encoding

    monkeypatch.setattr(reviewer.formats.encoding, "MAX_FILE_BYTES", 1 << 16)
    code, _, err = run(capsys, "new", tmp_path / "p.review", "--mt", "/dev/zero")
    _one_line_error(code, err, "/dev/zero", "more than reviewer reads")


@pytest.mark.parametrize(("codec", "data"), [("utf-7", b"Hello +2AA- world.\n"),
                                             ("unicode_escape", b"Hello \\udcff world.\n")])
def test_codecs_that_decode_to_half_characters(codec: str, data: bytes, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    mt = tmp_path / "mt.txt"
    mt.write_bytes(data)
    code, _, err = run(capsys, "new", tmp_path / "p.review", "--mt", mt, "--encoding", codec)
    _one_line_error(code, err, "line 1 is not valid", "half a character")
    assert not (tmp_path / "p.review").exists()


def test_plain_text_from_a_pipe_is_read_once(tmp_path: Path) -> None:
    seed = (Path(__file__).parent.parent / "seeds").glob("*.txt")
    mt = next(iter(seed))
    project = tmp_path / "piped.review"
    result = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m reviewer new "{project}" --mt <(cat "{mt}")'],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "26 segments" in result.stdout
