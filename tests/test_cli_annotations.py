"""MQM annotation from the command line: annotate, annotations, mqm-settings, the MQM block
of ``score --json`` and the MQM TSV and JSONL exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.formats.writers import MQM_TSV_COLUMNS, format_for

DATA = Path(__file__).parent / "data"


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Three segments with source: 11, 3 and 11 source words (25)."""
    path = tmp_path / "p.review"
    assert run(capsys, "new", path, "--mt", DATA / "mt.en.txt", "--source",
               DATA / "source.ru.txt")[0] == 0
    return path


def test_annotate_lists_and_deletes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "annotate", project, 1, "--start", 0, "--end", 5,
                         "--category", "accuracy/mistranslation", "--severity", "major",
                         "--note", "wrong name", "--author", "rita")
    assert (code, err) == (0, "")
    assert out == ("segment 1: annotation 1 added (major accuracy/mistranslation on the mt: "
                   "'Putin')\n")
    assert run(capsys, "edit", project, 2, "SOCHI, 22 October.")[0] == 0
    code, out, _ = run(capsys, "annotate", project, 2, "--side", "correction", "--start", 7,
                       "--end", 9, "--category", "fluency/punctuation", "--severity", "minor",
                       "--author", "rita")
    assert code == 0 and "'22'" in out
    code, out, _ = run(capsys, "annotations", project)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert "#1" in lines[0] and "Accuracy: mistranslation: 'Putin'" in lines[0] \
        and "(wrong name)" in lines[0]
    assert "correction 7-9" in lines[1]
    assert lines[2] == "MQM  APT 5.1  EWC 25  NPT 204.00  score 0.00  fail"
    code, out, _ = run(capsys, "annotations", project, "--json")
    listed = json.loads(out)
    assert [(a["id"], a["segment"], a["side"], a["text"], a["revision_id"])
            for a in listed["annotations"]] == [(1, 1, "mt", "Putin", None),
                                                (2, 2, "correction", "22", 1)]
    assert listed["mqm"]["apt"] == 5.1 and listed["mqm"]["pass"] is False
    assert run(capsys, "annotate", project, "--delete", 1)[1] == "annotation 1 deleted\n"
    assert run(capsys, "annotate", project, "--delete", 1)[1] == \
        "annotation 1: already deleted\n"
    code, out, _ = run(capsys, "annotations", project, "--segment", 1)
    assert out.splitlines()[0] == "no annotations"


def test_annotations_history_shows_every_change_and_the_deleted(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "annotate", project, 1, "--start", 0, "--end", 5, "--category", "style",
        "--severity", "minor", "--author", "rita")
    run(capsys, "annotate", project, 1, "--start", 7, "--end", 14, "--category", "terminology",
        "--severity", "major", "--author", "rita")
    assert run(capsys, "annotate", project, "--delete", 1, "--author", "sam")[0] == 0
    code, out, _ = run(capsys, "annotations", project, "--history")
    lines = out.splitlines()
    assert code == 0 and "[deleted]" in lines[0] and "Style: 'Putin'" in lines[0]
    assert "rev 1" in lines[1] and "rita: minor Style 0-5" in lines[1]
    assert "rev 2" in lines[2] and lines[2].endswith("sam: deleted")
    assert "[deleted]" not in lines[3] and "rev 1" in lines[4]
    code, out, _ = run(capsys, "annotations", project, "--history", "--json")
    listed = json.loads(out)["annotations"]
    assert [(a["id"], a["deleted"], [(r["revision"], r["author"], r["deleted"])
                                     for r in a["history"]]) for a in listed] == [
        (1, True, [(1, "rita", False), (2, "sam", True)]), (2, False, [(1, "rita", False)])]
    assert json.loads(run(capsys, "annotations", project, "--json")[1])["annotations"][0][
        "id"] == 2  # without --history: the live ones, as before


@pytest.mark.parametrize(("arguments", "message"), [
    (("1", "--start", "0", "--end", "500", "--category", "style", "--severity", "minor"),
     "reviewer: error: span 0-500 is not within the mt of segment 1 (0-87, start before end)"),
    (("1", "--start", "0", "--end", "5", "--category", "styl", "--severity", "minor"),
     "reviewer: error: unknown MQM category 'styl': use one of accuracy/mistranslation"),
    (("1", "--start", "0", "--end", "5", "--category", "style", "--severity", "big"),
     "reviewer: error: unknown MQM severity 'big': use one of neutral, minor, major, critical"),
    (("9", "--start", "0", "--end", "5", "--category", "style", "--severity", "minor"),
     "reviewer: error: no segment 9"),
    (("--delete", "4"), "reviewer: error: no annotation 4 in this project"),
])
def test_bad_annotations_are_refused_in_one_line(project: Path, arguments: tuple[str, ...],
                                                 message: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "annotate", project, *arguments)
    assert code == 1 and out == "" and err.startswith(message) and err.count("\n") == 1


def test_annotate_usage_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "annotate", project, 1, "--start", 0)
    assert code == 2 and "give N --start S --end E" in err
    code, _, err = run(capsys, "annotate", project, 1, "--delete", 1)
    assert code == 2 and "--delete ID takes no N" in err


def test_mqm_settings_show_and_change(project: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "mqm-settings", project)
    assert code == 0 and out.startswith("threshold 90 ")
    assert "fluency/punctuation:minor=0.1  non-translation=25" in out
    code, out, _ = run(capsys, "mqm-settings", project, "--weight", "style=2", "--weight",
                       "accuracy/omission:major=2", "--threshold", "75", "--json")
    shown = json.loads(out)
    assert shown["threshold"] == 75 and shown["weights"] == {
        "fluency/punctuation:minor": 0.1, "non-translation": 25, "style": 2,
        "accuracy/omission:major": 2}
    assert json.loads(run(capsys, "mqm-settings", project, "--json")[1]) == shown  # kept
    settings = tmp_path / "house.json"
    settings.write_text('{"threshold": 95, "categories": ["accuracy/mistranslation", '
                        '"house-style"], "weights": {"house-style": 3}}', encoding="utf-8")
    code, out, _ = run(capsys, "mqm-settings", project, "--file", settings, "--json")
    assert json.loads(out)["categories"] == ["accuracy/mistranslation", "house-style"]
    assert run(capsys, "annotate", project, 1, "--start", 0, "--end", 5, "--category",
               "house-style", "--severity", "minor")[0] == 0
    score = json.loads(run(capsys, "score", project, "--json")[1])
    assert score["segments"][0]["mqm"]["apt"] == 3
    for bad, message in [(("--weight", "style"), "CATEGORY=WEIGHT"),
                         (("--threshold", "101"), "0 to 100"),
                         (("--weight", "style=-1"), "0 or more"),
                         (("--file", tmp_path / "missing.json"), "missing.json")]:
        code, out, err = run(capsys, "mqm-settings", project, *bad)
        assert code == 1 and message in err and err.count("\n") == 1


def test_score_json_has_the_mqm_block(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Segment 2 has 3 source words: a major error is APT 5, NPT 5000 / 3, score 0;
    the document has 25: NPT 5000 / 25 = 200, score 0; both fail."""
    score = json.loads(run(capsys, "score", project, "--json")[1])
    assert score["document"]["mqm"] == {"apt": 0, "ewc": 25, "npt": 0, "score": 100,
                                        "pass": True, "by_category": {}}
    assert run(capsys, "annotate", project, 2, "--start", 0, "--end", 5, "--category",
               "locale-conventions", "--severity", "major")[0] == 0
    score = json.loads(run(capsys, "score", project, "--json")[1])
    second = score["segments"][1]["mqm"]
    assert set(second) == {"apt", "ewc", "npt", "score", "pass", "by_category"}
    assert (second["apt"], second["ewc"], second["npt"], second["score"], second["pass"]) == (
        5, 3, 1666.666667, 0, False)
    assert second["by_category"] == {"locale-conventions": {"major": 1}}
    assert score["segments"][0]["mqm"]["apt"] == 0 and score["segments"][0]["mqm"]["pass"]
    assert (score["document"]["mqm"]["ewc"], score["document"]["mqm"]["npt"]) == (
        25, 200)


def test_mqm_tsv_and_jsonl_exports(project: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert format_for("out.mqm.tsv") == "mqm-tsv" and format_for("out.tsv") == "tsv"
    assert run(capsys, "edit", project, 2, "SOCHI, 22 October.")[0] == 0
    for arguments in [(1, "--start", 0, "--end", 5, "--category", "accuracy/mistranslation",
                       "--severity", "major", "--author", "rita"),
                      (2, "--side", "correction", "--start", 7, "--end", 9, "--category",
                       "non-translation", "--severity", "minor", "--author", "sam")]:
        assert run(capsys, "annotate", project, *arguments)[0] == 0
    code, out, _ = run(capsys, "export", project, tmp_path / "errors.mqm.tsv")
    assert code == 0 and "(mqm-tsv," in out
    rows = [line.split("\t") for line in
            (tmp_path / "errors.mqm.tsv").read_text(encoding="utf-8").splitlines()]
    assert tuple(rows[0]) == MQM_TSV_COLUMNS
    assert rows[1] == ["mt", "mt.en.txt", "1", "1", "rita",
                       "Путин: российские военные действуют в Сирии успешно, но терроризм не "
                       "побежден",
                       "<v>Putin</v>: Russian military to act in Syria successful, but "
                       "terrorism has not been defeated", "Accuracy/Mistranslation", "Major"]
    assert rows[2][:5] == ["post-edit", "mt.en.txt", "2", "2", "sam"]
    assert rows[2][6:] == ["SOCHI, <v>22</v> October.", "Non-translation!", "Minor"]
    assert rows[3][0] == "mt" and rows[3][7:] == ["No-error", "No-error"]
    assert len(rows) == 4
    assert run(capsys, "export", project, tmp_path / "out.jsonl")[0] == 0
    lines = [json.loads(line) for line in
             (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [len(line["annotations"]) for line in lines] == [1, 1, 0]
    spans = lines[1]["annotations"][0]
    assert (spans["side"], spans["start"], spans["end"], spans["text"], spans["category"],
            spans["severity"], spans["author"]) == (
        "correction", 7, 9, "22", "non-translation", "minor", "sam")


def test_the_docs_describe_the_mqm_commands_and_keys() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    for text in ("reviewer annotate PROJECT N --start S --end E", "reviewer mqm-settings",
                 '"mqm": {"apt", "ewc", "npt", "score", "pass"', "`mqm-tsv`", '"revision_id"'):
        assert text in docs
