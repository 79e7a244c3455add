"""The --json keys that docs/cli.md promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli import main

DATA = Path(__file__).parent / "data"
DOCS = Path(__file__).parent.parent / "docs" / "cli.md"


def _json(capsys: pytest.CaptureFixture[str], *args: object) -> object:
    assert main([str(a) for a in args]) == 0
    return json.loads(capsys.readouterr().out)


def test_documented_json_keys_are_present(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p.review"
    assert main(["new", str(project), "--mt", str(DATA / "segments.tsv")]) == 0
    assert main(["edit", str(project), "3", "We act in line with our beliefs."]) == 0
    capsys.readouterr()
    score = _json(capsys, "score", project, "--json")
    assert isinstance(score, dict)
    assert set(score) >= {"document", "signatures", "segments"}
    assert set(score["document"]) >= {"hter", "bleu", "chrf", "segments", "edited",
                                      "confirmed", "char_distance", "edits", "reference",
                                      "complete"}
    assert set(score["segments"][0]) >= {"index", "source", "mt", "correction", "hter", "bleu",
                                         "chrf", "status", "char_distance", "edits",
                                         "reference"}
    assert set(score["segments"][0]["reference"]) == {"mt", "correction"}
    history = _json(capsys, "history", project, "--json")
    assert isinstance(history, list)
    assert set(history[-1]) >= {"segment", "revision", "text", "author", "time", "hter",
                                "status", "editing_ms", "draft"}
    docs = DOCS.read_text(encoding="utf-8")
    for key in ("char_distance", "signatures", "editing_ms", '"src"', '"pe"'):
        assert key in docs
