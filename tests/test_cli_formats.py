"""The command line with structured files: --format, --langs, every export format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli import main

DATA = Path(__file__).parent / "data"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("name", "extra", "summary"), [
    ("omegat.xlf", [], "5 segments (units, utf-8, xliff)"),  # its translate="no" unit too
    ("job.xlf", [], "4 segments (units, utf-8, xliff)"),
    ("memory.tmx", [], "3 segments (units, utf-8, tmx)"),
    ("multi.tmx", ["--langs", "ru,de"], "2 segments (units, utf-8, tmx)"),
    ("messages.po", [], "6 segments (units, utf-8, po)"),
    ("segments.tsv", [], "3 segments (rows, utf-8, tsv)"),
    ("segments.csv", [], "3 segments (rows, utf-8, csv)"),
    ("source.cp1251.txt", ["--segment", "lines"], "3 segments (lines, cp1251, text)"),
    ("source.koi8r.txt", ["--segment", "lines"], "3 segments (lines, koi8-r, text)"),
])
def test_new_reads_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                name: str, extra: list[str], summary: str) -> None:
    code, out, err = run(capsys, "new", tmp_path / "p.review", "--mt", DATA / name, *extra)
    assert code == 0, err
    assert summary in out


def test_format_can_be_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    renamed = tmp_path / "job.txt"
    renamed.write_bytes((DATA / "job.xlf").read_bytes())
    code, out, _ = run(capsys, "new", tmp_path / "p.review", "--mt", renamed, "--format", "xliff")
    assert code == 0 and "xliff" in out
    code, _, err = run(capsys, "new", tmp_path / "q.review", "--mt", DATA / "omegat.xlf",
                       "--format", "po")
    assert code == 1 and "not PO" in err
    assert run(capsys, "new", tmp_path / "r.review", "--mt", renamed, "--format", "docx")[0] == 2


def test_aligned_files_go_with_plain_text_only(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", tmp_path / "p.review", "--mt", DATA / "omegat.xlf",
                       "--source", DATA / "source.ru.txt")
    assert code == 1 and "--source go with a plain-text --mt" in err


def test_every_export_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.review"
    assert run(capsys, "new", project, "--mt", DATA / "messages.po", "--langs", "ru,en")[0] == 0
    assert run(capsys, "edit", project, 2, "SOCHI, 22 October.")[0] == 0
    for export_format in ("text", "tsv", "xliff", "tmx", "po", "jsonl"):
        out_file = tmp_path / f"out.{export_format}"
        code, out, err = run(capsys, "export", project, out_file, "--format", export_format)
        assert code == 0, err
        assert f"({export_format}," in out
    rows = [json.loads(line) for line in
            (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[1] == {"src": "СОЧИ, 22 октября.", "mt": "SOCHI, October 22.",
                       "pe": "SOCHI, 22 October.", "hter": rows[1]["hter"],
                       "annotations": []}
    assert 0 < rows[1]["hter"] <= 1 and rows[0]["hter"] == 0
    text = (tmp_path / "out.text").read_text(encoding="utf-8")
    assert text.splitlines()[1] == "SOCHI, 22 October."


def test_export_format_follows_the_extension(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.review"
    assert run(capsys, "new", project, "--mt", DATA / "job.xlf")[0] == 0
    for name, chosen in (("a.xlf", "xliff"), ("a.tmx", "tmx"), ("a.po", "po"),
                         ("a.jsonl", "jsonl")):
        code, out, _ = run(capsys, "export", project, tmp_path / name)
        assert code == 0 and f"({chosen}," in out


def test_new_says_which_tmx_units_it_skipped_and_why(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    tmx = DATA / "real" / "omegat" / "test-omegat.tmx"  # one unit has only an en-GB variant
    code = main(["new", str(tmp_path / "tm.review"), "--mt", str(tmx), "--langs", "en,be"])
    err = capsys.readouterr().err
    assert code == 0
    assert "reviewer: warning: test-omegat.tmx: skipped 1 of 4 units: 1 with no en variant" \
        in err
