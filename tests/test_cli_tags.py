"""Inline tags on the command line: one notation in and out, tag warnings, check, locks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run
from tagged_project import (
    C1,
    C2,
    MT_1,
    MT_1_NOTATION,
    MT_2_NOTATION,
    O1,
    O2,
    X3,
    tagged_project,
)

from reviewer.core.errors import ReviewerError
from reviewer.session import ReviewSession

DOCS = Path(__file__).parent.parent / "docs" / "cli.md"
CROSSED = f"{O1}SOCHI, {O2}22{C1} October{C2}.{X3}"
CROSSED_NOTATION = "<1>SOCHI, <2>22</1> October</2>.<3/>"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return tagged_project(tmp_path)


def _json(capsys: pytest.CaptureFixture[str], *args: object) -> object:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return json.loads(out)


def test_score_json_writes_texts_in_the_notation(project: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    segments = _json(capsys, "score", project, "--json")["segments"]  # type: ignore[index]
    assert segments[0]["mt"] == MT_1_NOTATION
    assert segments[0]["correction"] == MT_1_NOTATION
    assert segments[0]["source"] == "<1>СОЧИ</1>, <2>22</2> октября.<3/>"
    assert segments[1]["mt"] == MT_2_NOTATION
    assert segments[3]["mt"] == "A plain sentence, <b>."


def test_history_writes_texts_in_the_notation(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    session = ReviewSession.open(project)
    session.edit(0, f"{O1}SOCHI{C1}, {O2}22{C2} October.{X3}", "anna")
    session.save_draft(1, f"Type <1> into {O1}the field{C1}{X3}", "anna")
    session.close()
    rows = _json(capsys, "history", project, "--json")
    assert isinstance(rows, list)
    assert [row["text"] for row in rows] == ["<1>SOCHI</1>, <2>22</2> October.<3/>",
                                             "Type \\<1> into <1>the field</1><3/>"]
    code, out, _ = run(capsys, "history", project)
    assert code == 0
    assert "<1>SOCHI</1>, <2>22</2> October.<3/>" in out
    assert "Type \\<1> into <1>the field</1><3/>" in out


def test_edit_accepts_the_notation(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "edit", project, 1, "<1>SOCHI</1>, <2>22</2> October.<3/>")
    assert (code, err) == (0, "")
    code, _, err = run(capsys, "edit", project, 4, "A plain sentence, \\<1> and <b>.")
    assert (code, err) == (0, "")
    session = ReviewSession.open(project, read_only=True)
    assert session.segment(0).text == f"{O1}SOCHI{C1}, {O2}22{C2} October.{X3}"
    assert session.segment(3).text == "A plain sentence, <1> and <b>."
    session.close()


@pytest.mark.parametrize(("n", "text", "message"), [
    (1, "<1>SOCHI</1>, 22 October.<7/>", "names the tag <7/>, which the segment does not have"),
    (4, "A plain <1>sentence</1>.", "names the tag <1> but the segment has no tags"),
    (1, f"{MT_1} again", "private range"),
])
def test_edit_refuses_a_tag_the_segment_does_not_have(
        project: Path, capsys: pytest.CaptureFixture[str], n: int, text: str,
        message: str) -> None:
    code, out, err = run(capsys, "edit", project, n, text)
    assert code == 1 and out == ""
    assert err.startswith("reviewer: error: ") and err.count("\n") == 1
    assert message in err
    session = ReviewSession.open(project, read_only=True)
    assert session.history() == []
    session.close()


def test_an_edit_with_tag_problems_is_saved_with_a_warning_each(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "edit", project, 1, "SOCHI</1>, 22 October.")
    assert code == 0 and "revision 1 saved" in out
    lines = err.splitlines()
    assert lines == [
        "reviewer: warning: segment 1: tag <1> is missing",
        "reviewer: warning: segment 1: tag <2> is missing",
        "reviewer: warning: segment 1: tag </2> is missing",
        "reviewer: warning: segment 1: tag <3/> is missing",
        "reviewer: warning: segment 1: tag </1> has no <1>",
    ]


def test_a_locked_segment_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = ReviewSession.open(project)
    with pytest.raises(ReviewerError, match="segment 3 is locked"):
        session.edit(2, "Valdai Club", "anna")
    assert session.history() == []
    session.close()
    code, _, err = run(capsys, "edit", project, 3, "Valdai Club")
    assert code == 1 and err.count("\n") == 1 and "segment 3 is locked" in err


def test_replace_all_leaves_a_locked_segment_alone(project: Path) -> None:
    session = ReviewSession.open(project)
    assert [change[0] for change in session.replacements("Valdai", "Waldai")] == []
    session.close()


def test_check_lists_the_segments_with_tag_problems(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", project)
    assert (code, err) == (0, "") and "no QA warnings" in out
    assert _json(capsys, "check", project, "--json") == []
    session = ReviewSession.open(project)
    session.edit(0, CROSSED, "anna")
    session.edit(1, "Type <1> in the box", "anna")
    session.close()
    code, out, _ = run(capsys, "check", project)
    assert code == 1
    assert out.splitlines() == [
        "segment 1: tags: tags <2> and </1> cross",
        "segment 2: tags: tag <1> is missing",
        "segment 2: tags: tag </1> is missing",
        "segment 2: tags: tag <2> is missing",
        "segment 2: tags: tag </2> is missing",
        "segment 2: tags: tag <3/> is missing",
    ]
    code, out, _ = run(capsys, "check", project, "--json")
    assert code == 1
    assert json.loads(out)[0] == {"segment": 1, "check": "tags",
                                  "message": "tags <2> and </1> cross",
                                  "start": 0, "end": len(CROSSED)}


@pytest.mark.parametrize("export_format", ["xliff", "tmx"])
def test_an_export_with_broken_markup_names_the_segments(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        export_format: str) -> None:
    session = ReviewSession.open(project)
    session.edit(0, CROSSED, "anna")
    session.edit(1, f"Type <1> in {O1}the box {O2}now{C2}{X3}", "anna")  # no </1>
    session.edit(3, "A plain sentence.", "anna")
    session.close()
    out_file = tmp_path / f"out.{export_format}"
    code, out, err = run(capsys, "export", project, out_file, "--format", export_format)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert ("segment 1: tags <2> and </1> cross; segment 2: tag <1> is not closed "
            "(</1> is missing); fix them or export TSV") in err
    assert not out_file.exists()
    code, _, err = run(capsys, "export", project, tmp_path / "out.tsv")
    assert code == 0, err


def test_segments_with_the_same_broken_markup_are_named_together(project: Path,
                                                                 tmp_path: Path) -> None:
    session = ReviewSession.open(project)
    session.edit(0, CROSSED, "anna")
    session.edit(1, f"{O1}Type {O2}in{C1} the box{C2}", "anna")
    with pytest.raises(ReviewerError, match=r"^segments 1, 2: tags <2> and </1> cross; fix "
                                            r"them or export TSV$"):
        session.export(tmp_path / "out.xlf")
    session.close()


def test_the_notation_and_check_are_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for phrase in ("reviewer check PROJECT", "`<1>`", "`</1>`", "`<2/>`", "\\<1>",
                   "reviewer: warning:", "fix them or export TSV"):
        assert phrase in docs, phrase


def test_check_reports_the_editors_work_not_the_untouched_mt(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sdlxliff = (Path(__file__).parent / "data" / "real" / "trados"
                / "extended-code-type-support.docx_en-US_fr-FR.sdlxliff")  # empty targets
    project = tmp_path / "p.review"
    assert run(capsys, "new", project, "--mt", sdlxliff)[0] == 0
    code, out, _err = run(capsys, "check", project)
    assert code == 0 and "segment" not in out, out
    assert run(capsys, "edit", project, 2, "Et <1>il</1> a deux phrases.")[0] == 0
    code, out, _err = run(capsys, "check", project)
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()} == {"segment 2"}
