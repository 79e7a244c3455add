"""``reviewer memory``, ``matches`` and ``concordance`` at the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.session import ReviewSession

REAL_TMX = Path(__file__).parent / "data" / "real" / "okapi" / "issue277.tmx"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two English sources near the units of issue277.tmx, one confirmed segment."""
    segments = [ImportedSegment(mt="Dieser Satz ...", source=source) for source in (
        "This sentence should not be split!", "This sentence should be split. In three pieces.",
        "This sentence should not be split?")]
    path = tmp_path / "p.review"
    ReviewSession.create(path, ImportedDocument(segments, Layout(("", "\n", "\n", "\n")),
                                                "lines")).close()
    return path


def test_memory_add_list_and_matches(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    assert run(capsys, "memory", project, "add", REAL_TMX) == (
        0, "added 2 units from issue277.tmx\n", "")
    code, out, _ = run(capsys, "memory", project)
    assert (code, out) == (0, "2 units added, and the project's 0 confirmed segments\n"
                              "         2  issue277.tmx\n")
    code, out, _ = run(capsys, "memory", project, "--json")
    assert json.loads(out) == {"size": 2, "project_segments": 0,
                               "origins": [{"origin": "issue277.tmx", "units": 2}]}
    code, out, _ = run(capsys, "matches", project, 1, "--json")
    data = json.loads(out)
    assert code == 0
    assert [set(match) for match in data] == [{"score", "source", "mt", "target", "origin"}] * 2
    # 1 edit in 34 (97 %); the other unit: 'not ' and '!' → ' In two pieces.' ...
    assert data[0] == {"score": 97, "source": "This sentence should not be split.", "mt": None,
                       "target": "Dieser Satz sollte nicht geteilt werden. Zu viele Segmente "
                                 "hier.", "origin": "issue277.tmx"}
    assert data[1]["score"] < 97
    code, out, _ = run(capsys, "matches", project, 1, "--min", 98, "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(capsys, "matches", project, 1, "--limit", 1)
    assert out.splitlines() == ["1. 97 %  issue277.tmx",
                                "   source: This sentence should not be split.",
                                "   target: Dieser Satz sollte nicht geteilt werden. Zu viele "
                                "Segmente hier."]


def test_matches_from_the_project_itself(capsys: pytest.CaptureFixture[str],
                                         project: Path) -> None:
    assert run(capsys, "edit", project, 1, "Dieser Satz sollte nicht geteilt werden!")[0] == 0
    code, out, _ = run(capsys, "matches", project, 3, "--limit", 1)
    assert out.splitlines()[0] == "1. 97 %  this project, segment 1"  # '!' → '?': 33/34
    code, out, _ = run(capsys, "matches", project, 3, "--json")
    assert json.loads(out)[0]["origin"] == "project"


def test_concordance_command(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    run(capsys, "memory", project, "add", REAL_TMX)
    code, out, _ = run(capsys, "concordance", project, "TEILE")
    assert (code, out) == (0, "issue277.tmx, tm target: Dieser Satz sollte aufgeteilt werden. "
                              "In zwei [Teile].\n")
    code, out, _ = run(capsys, "concordance", project, "In two", "--json")
    assert json.loads(out) == [{"field": "tm source", "text": "This sentence should be split. "
                                "In two pieces.", "start": 31, "end": 37,
                                "origin": "issue277.tmx", "segment": None}]
    code, out, _ = run(capsys, "concordance", project, "teile", "--match-case")
    assert (code, out) == (0, "'teile' is nowhere in the project or its memory\n")


@pytest.mark.parametrize(("args", "message"), [
    (("memory", "{p}", "add", "{d}/missing.tmx"), "missing.tmx: no such file"),
    (("memory", "{p}", "add", "{d}/bad.tmx"), "bad.tmx: not well-formed XML"),
    (("memory", "{p}", "add"), "memory add needs a TMX, TSV or .review file"),
    (("matches", "{p}", "9"), "no segment 9: the project has segments 1 to 3"),
    (("matches", "{p}", "1", "--min", "120"), "a minimum match of 120 %"),
    (("concordance", "{p}", " "), "concordance needs a word or phrase"),
])
def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], project: Path,
                             args: tuple[str, ...], message: str) -> None:
    (project.parent / "bad.tmx").write_text("<tmx><body>", encoding="utf-8")
    code, out, err = run(capsys, *(a.format(p=project, d=project.parent) for a in args))
    assert code == 1
    assert out == ""
    assert err.startswith("reviewer: error: ")
    assert message in err
    assert err.count("\n") == 1
