"""``--encoding`` on XLIFF and TMX: any text encoding Python knows, imported and exported back."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.formats import tmx_write

DATA = Path(__file__).parent / "data"
CORRECTION = "Сочи, 22 октября — исправлено"


def _segments(capsys: pytest.CaptureFixture[str], project: Path) -> list[tuple[str, str]]:
    code, out, err = run(capsys, "score", project, "--json")
    assert code == 0, err
    return [(s["source"], s["mt"]) for s in json.loads(out)["segments"]]


@pytest.mark.parametrize("name", ["job.xlf", "memory.tmx"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "mac-cyrillic", "cp1251"])
def test_forced_encoding_imports_and_exports_in_that_encoding(
        name: str, encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # both exports stamp TMX changedate: one clock so a second boundary cannot split them
    moment = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(tmx_write, "_now", lambda: moment)
    text = (DATA / name).read_text(encoding="utf-8")  # declares UTF-8: the declaration lies
    suffix = Path(name).suffix
    forced_file = tmp_path / f"forced{suffix}"
    forced_file.write_bytes(text.encode(encoding))
    plain, forced = tmp_path / "plain.review", tmp_path / "forced.review"
    assert run(capsys, "new", plain, "--mt", DATA / name)[0] == 0
    code, out, err = run(capsys, "new", forced, "--mt", forced_file, "--encoding", encoding)
    assert code == 0, err
    assert f", {encoding}, " in out
    assert _segments(capsys, forced) == _segments(capsys, plain)

    for project in (plain, forced):
        assert run(capsys, "edit", project, 1, CORRECTION)[0] == 0
        code, _, err = run(capsys, "export", project, project.with_suffix(suffix))
        assert code == 0, err
    exported = forced.with_suffix(suffix).read_bytes()
    assert exported.decode(encoding) == plain.with_suffix(suffix).read_text(encoding="utf-8")
    assert CORRECTION in exported.decode(encoding)

    code, _, err = run(capsys, "export", forced, tmp_path / "forced.txt", "--format", "text")
    assert code == 0, err
    assert CORRECTION in (tmp_path / "forced.txt").read_bytes().decode(encoding)


def test_a_wrong_forced_encoding_is_one_line(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    for encoding in ("utf-16-le", "utf-32-be", "ascii"):
        code, _, err = run(capsys, "new", tmp_path / "p.review", "--mt", DATA / "job.xlf",
                           "--encoding", encoding)
        assert code == 1 and err.count("\n") == 1 and "Traceback" not in err, err
        assert "job.xlf" in err
    assert not (tmp_path / "p.review").exists()
