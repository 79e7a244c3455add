"""The checks across segments through ``reviewer check``: inconsistent-translation and
inconsistent-source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.core.consistency import Saved, document_warnings
from reviewer.core.qa import CHECKS, INCONSISTENT_SOURCE, INCONSISTENT_TRANSLATION

RED, BLUE, LID = "Press the red button.", "Press the blue button.", "Open the lid."
ROWS = [  # source, MT, the correction saved (None: left as it came)
    (RED, "Drücken Sie die rote Taste.", "Drücken Sie die rote Taste."),
    (RED, "Drücken Sie die rote Taste.", "Drücken Sie den roten Knopf."),
    (BLUE, "Drücken Sie die blaue Taste.", "Drücken Sie die rote Taste."),
    ("Yes.", "Ja.", "Ja."),
    ("Sure.", "Sicher.", "Ja."),  # short: another source may well say it
    (LID, "Deckel öffnen.", "Öffnen Sie den Deckel."),
    ("OPEN THE LID!", "Deckel öffnen!", "Öffnen Sie den Deckel."),  # case and punctuation
    (LID, "Deckel öffnen.", "Öffnen Sie  den Deckel."),  # white space only: double-space
    (RED, "Drücken Sie die rote Taste.", None),  # not saved: not compared
]
ACROSS = {INCONSISTENT_TRANSLATION, INCONSISTENT_SOURCE}


def project_with_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                       with_source: bool = True) -> Path:
    table = tmp_path / "in.tsv"
    lines = ["source\tmt" if with_source else "mt"]
    lines += [f"{source}\t{mt}" if with_source else mt for source, mt, _ in ROWS]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = tmp_path / "job.review"
    assert run(capsys, "new", project, "--mt", table, "--format", "tsv")[0] == 0
    for number, (_source, _mt, correction) in enumerate(ROWS, 1):
        if correction is not None:
            assert run(capsys, "edit", project, number, correction, "--author", "anna")[0] == 0
    return project


def across(out: str) -> list[tuple[int, str, str]]:
    return [(row["segment"], row["check"], row["message"]) for row in json.loads(out)
            if row["check"] in ACROSS]


def test_check_flags_inconsistent_translations_and_sources(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = project_with_edits(tmp_path, capsys)
    code, out, _ = run(capsys, "check", project, "--json")
    assert code == 1
    assert across(out) == [
        (1, INCONSISTENT_TRANSLATION, "translated differently in segment 2 (the same source)"),
        (1, INCONSISTENT_SOURCE, "the same correction as segment 3, whose source differs"),
        (2, INCONSISTENT_TRANSLATION, "translated differently in segment 1 (the same source)"),
        (3, INCONSISTENT_SOURCE, "the same correction as segment 1, whose source differs"),
    ]
    warning = next(row for row in json.loads(out)
                   if row["segment"] == 2 and row["check"] == INCONSISTENT_TRANSLATION)
    assert (warning["start"], warning["end"]) == (0, len("Drücken Sie den roten Knopf."))
    assert (8, "double-space") in {(row["segment"], row["check"]) for row in json.loads(out)}

    code, out, _ = run(capsys, "check", project)
    assert "segment 2: inconsistent-translation: translated differently in segment 1 " \
           "(the same source)\n" in out


def test_the_checks_switch_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = project_with_edits(tmp_path, capsys)
    code, out, _ = run(capsys, "check", project, "--json", "--disable", INCONSISTENT_SOURCE)
    assert {check for _n, check, _m in across(out)} == {INCONSISTENT_TRANSLATION}
    code, out, _ = run(capsys, "qa-settings", project, "--disable", INCONSISTENT_TRANSLATION)
    states = {line.split()[0]: line.split()[1] for line in out.splitlines()}
    assert list(states) == list(CHECKS) and states[INCONSISTENT_TRANSLATION] == "off"
    code, out, _ = run(capsys, "check", project, "--json")
    assert {check for _n, check, _m in across(out)} == {INCONSISTENT_SOURCE}


def test_without_a_source_the_mt_is_compared(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    project = project_with_edits(tmp_path, capsys, with_source=False)
    code, out, _ = run(capsys, "check", project, "--json")
    # the MTs of segments 1 and 2 are the same; the same correction of other MTs is no
    # inconsistency (post-editing makes different MTs one translation)
    assert across(out) == [
        (1, INCONSISTENT_TRANSLATION, "translated differently in segment 2 (the same MT)"),
        (2, INCONSISTENT_TRANSLATION, "translated differently in segment 1 (the same MT)"),
    ]


def test_many_others_are_counted() -> None:
    saved = [Saved(index, "One two three.", "Eins.", f"Text {index}.") for index in range(8)]
    found = document_warnings(saved, has_source=True)
    assert [w.message for w in found[0]] == [
        "translated differently in segments 2, 3, 4, 5, 6 and 2 more (the same source)"]
    assert document_warnings(saved, has_source=True, disabled=ACROSS) == {}
