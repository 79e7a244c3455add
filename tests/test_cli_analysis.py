"""``reviewer analysis``: the bands of the known document (tests/test_analysis.py) as a table
and as JSON, band settings, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run
from test_analysis import add_review, make_project

from reviewer.session import ReviewSession


def test_analysis_prints_a_table_per_group(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = make_project(tmp_path)
    add_review(path, 4, "XYZdefghiQ")
    code, out, err = run(capsys, "analysis", path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == ("post-editing analysis: 8 segments, 21 source words; character edit "
                        "distance, MT against the final text")
    assert lines[2:10] == [
        "  band      segments      %    words      %",
        "  0 %              2   25.0        4   19.0",
        "  1–9 %            2   25.0        5   23.8",
        "  10–19 %          1   12.5        2    9.5",
        "  20–29 %          1   12.5        2    9.5",
        "  30–49 %          1   12.5        5   23.8",
        "  50 %+            1   12.5        3   14.3",
        "  total            8              21",
    ]
    assert "editor anna: MT against their last text" in lines
    assert "editor boris: MT against their last text" in lines
    review = lines.index("reviewer against the editor: the editor's text against the "
                         "reviewer's")
    assert lines[review + 4] == "  10–19 %          1  100.0        5  100.0"


def test_analysis_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_project(tmp_path)
    code, out, _err = run(capsys, "analysis", path, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"word_basis", "bounds", "total_segments", "total_words", "bands",
                         "per_editor", "reviewer_vs_editor", "segments"}
    assert (data["word_basis"], data["total_segments"], data["total_words"]) == (
        "source", 8, 21)
    assert data["bounds"] == [0, 1, 10, 20, 30, 50]
    assert data["bands"][1] == {"label": "1–9 %", "low": 1, "high": 9, "segments": 2,
                                "words": 5, "segment_share": 25.0,
                                "word_share": pytest.approx(100 * 5 / 21)}
    assert [b["segments"] for b in data["per_editor"]["boris"]] == [0, 0, 0, 1, 1, 1]
    assert data["segments"][3] == {"index": 4, "distance": 0.5, "words": 1, "editor": "anna",
                                   "reviewer_distance": None}
    docs = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    for key in ("word_basis", "per_editor", "reviewer_vs_editor", "segment_share",
                "reviewer_distance"):
        assert f'"{key}"' in docs


def test_analysis_bands_given_and_saved(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = make_project(tmp_path)
    code, out, _err = run(capsys, "analysis", path, "--bands", "0,10,50", "--json")
    assert code == 0 and json.loads(out)["bounds"] == [0, 10, 50]
    code, out, _err = run(capsys, "analysis", path, "--json")
    assert json.loads(out)["bounds"] == [0, 1, 10, 20, 30, 50]  # not kept without --save
    code, out, _err = run(capsys, "analysis", path, "--bands", "0,10,50", "--save")
    assert code == 0 and "  10–49 %          3" in out
    session = ReviewSession.open(path, read_only=True)
    assert session.analysis_bands() == (0, 10, 50)
    session.close()
    code, out, _err = run(capsys, "analysis", path, "--json")
    assert [b["label"] for b in json.loads(out)["bands"]] == ["0–9 %", "10–49 %", "50 %+"]


def test_analysis_errors_are_one_line(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = make_project(tmp_path, edited=False)
    for args, message in ((("--bands", "5,10"), "first lower bound must be 0"),
                          (("--bands", "0,a"), "not a list"),
                          (("--save",), "--save keeps the bands given with --bands")):
        code, out, err = run(capsys, "analysis", path, *args)
        assert (code, out) == (1, "")
        assert err.startswith("reviewer: error: bands" if "--bands" in args
                              else "reviewer: error: --save")
        assert message in err and err.count("\n") == 1


def test_analysis_of_a_project_without_edits(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = make_project(tmp_path, edited=False)
    code, out, _err = run(capsys, "analysis", path)
    assert code == 0
    assert "  0 %              8  100.0       21  100.0" in out
    assert "editor " not in out
    assert out.rstrip().endswith("reviewer against the editor: no segment reviewed")
