"""The ``reviewer`` command: exit codes, messages and JSON output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run

DATA = Path(__file__).parent / "data"


def test_new_edit_score_history_export(tmp_path: Path, seed: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "job.review"
    code, out, _ = run(capsys, "new", project, "--mt", seed)
    assert code == 0 and "26 segments" in out
    code, out, _ = run(capsys, "edit", project, 2, "Sochi, 22 October.", "--author", "anna")
    assert code == 0 and "revision 1 saved" in out

    code, out, _ = run(capsys, "score", project, "--json")
    data = json.loads(out)
    assert data["document"]["segments"] == 26 and data["document"]["edited"] == 1
    second = data["segments"][1]
    assert second["index"] == 2 and second["correction"] == "Sochi, 22 October."
    assert second["mt"] == "SOCHI, October 22." and second["status"] == "confirmed"
    assert second["hter"] > 0
    assert data["segments"][0]["correction"] == data["segments"][0]["mt"]
    assert set(data["document"]) >= {"hter", "bleu", "chrf", "segments", "edited"}

    code, out, _ = run(capsys, "history", project, "--segment", 2, "--json")
    rows = json.loads(out)
    assert rows == [{**rows[0], "segment": 2, "revision": 1, "text": "Sochi, 22 October.",
                     "author": "anna"}]
    assert set(rows[0]) >= {"segment", "revision", "text", "author", "time", "hter"}

    out_file = tmp_path / "corrected.txt"
    code, _, _ = run(capsys, "export", project, out_file)
    assert code == 0
    text = out_file.read_text(encoding="utf-8")
    assert "Sochi, 22 October. The President" in text

    code, _, _ = run(capsys, "export", project, tmp_path / "rows.tsv")
    assert (tmp_path / "rows.tsv").read_text(encoding="utf-8").startswith("index\tsource")


def test_line_aligned_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "aligned.review"
    code, out, _ = run(capsys, "new", project, "--mt", DATA / "mt.en.txt",
                       "--source", DATA / "source.ru.txt", "--corrections", DATA / "pe.en.txt")
    assert code == 0 and "3 segments (lines" in out
    code, out, _ = run(capsys, "history", project, "--json")
    assert [r["author"] for r in json.loads(out)] == ["import"] * 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mt", "missing.txt"], "no such file"),
        (["--mt", DATA / "mt.en.txt", "--source", DATA / "source-short.ru.txt"],
         "line counts differ"),
        (["--mt", DATA / "empty.txt"], "empty"),
        (["--mt", DATA / "blank.txt"], "empty"),
        (["--mt", DATA / "mt.en.txt", "--encoding", "no-such-codec"], "unknown encoding"),
    ],
)
def test_bad_input_exits_1_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         args: list[object], message: str) -> None:
    project = tmp_path / "bad.review"
    code, out, err = run(capsys, "new", project, *args)
    assert code == 1
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not project.exists()


def test_bad_input_on_existing_projects(tmp_path: Path, seed_project: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "edit", seed_project, 99, "x")[0] == 1
    assert run(capsys, "score", tmp_path / "none.review")[0] == 1
    code, _, err = run(capsys, "export", seed_project, tmp_path / "no" / "dir" / "out.txt")
    assert code == 1 and "does not exist" in err
    garbage = tmp_path / "garbage.review"
    garbage.write_bytes(os.urandom(4096))
    code, _, err = run(capsys, "score", garbage)
    assert code == 1 and "Traceback" not in err


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str], seed_project: Path) -> None:
    assert run(capsys, "edit", seed_project)[0] == 2
    assert run(capsys, "new", "x.review")[0] == 2
    assert run(capsys, "export", seed_project, "o.txt", "--format", "docx")[0] == 2
    assert run(capsys, "--no-such-flag")[0] == 2


def test_console_script_runs_in_a_fresh_process(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "reviewer", "new", str(tmp_path / "x.review"),
                             "--mt", str(tmp_path / "missing.txt")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("reviewer: error:") and "Traceback" not in result.stderr


def test_screenshot_renders_the_demo_project(tmp_path: Path) -> None:
    png = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "reviewer", "--screenshot", str(png)],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (Path(env["REVIEWER_DATA_DIR"]) / "valdai-demo.review").exists()
