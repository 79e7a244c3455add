"""Repetitions: ``reviewer edit --propagate`` and the session's propagation, undone as one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.core.status import SegmentStatus
from reviewer.session import ReviewSession
from reviewer.store.repetition_reads import by_text

CAT, DOG = "The cat sat on the mat.", "The dog barked."
MT = "Die Katze sass auf der Matte."
FIXED = "Die Katze saß auf der Matte."


def tsv_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Six rows: the cat sentence four times (segments 1, 3, 5, 6), the dog twice."""
    rows = [(CAT, MT), (DOG, "Der Hund bellte."), (CAT, MT), (DOG, "Der Hund bellte."),
            (CAT, "Die Katze sass auf dem Matte."), (CAT, MT)]
    table = tmp_path / "in.tsv"
    table.write_text("source\tmt\n" + "".join(f"{s}\t{m}\n" for s, m in rows),
                     encoding="utf-8")
    project = tmp_path / "job.review"
    assert run(capsys, "new", project, "--mt", table)[0] == 0
    return project


def test_propagate_writes_the_unconfirmed_repetitions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tsv_project(tmp_path, capsys)
    # segment 6 is confirmed by someone else (kept), segment 5 only edited (overwritten)
    assert run(capsys, "edit", project, 6, "Die Katze lag auf der Matte.",
               "--author", "bo")[0] == 0
    session = ReviewSession.open(project)
    session.edit(4, "Die Katze sass auf einer Matte.", "bo", SegmentStatus.EDITED)
    session.close()

    code, out, _ = run(capsys, "edit", project, 1, FIXED, "--author", "anna", "--propagate")
    assert code == 0
    assert out.splitlines()[-1] == "segment 1: propagated to 2 repetitions (segments 3, 5)"

    code, out, _ = run(capsys, "history", project, "--json")
    mine = [(r["segment"], r["revision"], r["text"], r["status"])
            for r in json.loads(out) if r["author"] == "anna"]
    assert sorted(mine) == [(1, 1, FIXED, "confirmed"), (3, 1, FIXED, "confirmed"),
                            (5, 2, FIXED, "confirmed")]
    out_file = tmp_path / "out.txt"
    assert run(capsys, "export", project, out_file)[0] == 0
    assert out_file.read_text(encoding="utf-8") == (
        f"{FIXED}\nDer Hund bellte.\n{FIXED}\nDer Hund bellte.\n{FIXED}\n"
        "Die Katze lag auf der Matte.\n")

    code, out, _ = run(capsys, "edit", project, 1, FIXED, "--propagate")
    assert code == 0 and out.splitlines() == [
        "segment 1: unchanged, no new revision",
        "segment 1: no unconfirmed repetitions to propagate to"]


def test_the_propagation_is_one_batch_undone_in_one_step(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tsv_project(tmp_path, capsys)
    before = tmp_path / "before.txt"
    run(capsys, "export", project, before)
    session = ReviewSession.open(project)
    try:
        session.edit(4, "Die Katze sass auf einer Matte.", "bo", SegmentStatus.EDITED)
        edited = tmp_path / "edited.txt"
        session.export(edited)
        confirm = session.edit(0, FIXED, "anna")
        assert session.repetitions(0) == [2, 4, 5]
        result = session.propagate(0, "anna")
        assert result.batch.positions == [2, 4, 5]
        assert [(s.position, s.text, s.status) for s in result.segments] == [
            (p, FIXED, SegmentStatus.CONFIRMED) for p in (2, 4, 5)]
        assert {r.author for r in result.revisions} == {"anna"}
        assert session.repetitions(0) == []

        undone = session.undo_batch(result.batch, "anna")  # one step: all three
        assert [(s.position, s.text, s.status) for s in undone.segments] == [
            (2, MT, SegmentStatus.NEW),
            (4, "Die Katze sass auf einer Matte.", SegmentStatus.EDITED),
            (5, MT, SegmentStatus.NEW)]
        assert confirm.change is not None
        session.undo_change(confirm.change, "anna")  # the next step: the confirm
        after = tmp_path / "after.txt"
        session.export(after)
        assert session.segment(0).status == SegmentStatus.NEW
    finally:
        session.close()
    assert after.read_text(encoding="utf-8") == edited.read_text(encoding="utf-8")
    assert before.read_text(encoding="utf-8") != edited.read_text(encoding="utf-8")


def test_an_edited_segment_propagates_as_edited(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    project = tsv_project(tmp_path, capsys)
    session = ReviewSession.open(project)
    try:
        session.edit(1, "Der Hund hat gebellt.", "anna", SegmentStatus.EDITED)
        result = session.propagate(1, "anna")
        assert [(s.position, s.status) for s in result.segments] == [
            (3, SegmentStatus.EDITED)]
        assert session.repetition_groups() == [[0, 2, 4, 5], [1, 3]]
    finally:
        session.close()
    db = sqlite3.connect(project)
    plan = " ".join(str(row) for row in db.execute("EXPLAIN QUERY PLAN " + by_text("source"),
                                                   ("x", "x")))
    db.close()
    assert "USING INDEX segments_by_key_start" in plan  # a lookup, not a scan per confirm


def test_without_a_source_the_mt_is_compared(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "mt.txt"
    text.write_text("It rains.\nOther.\nIt rains.\nIt rains \nIt rains.\n", encoding="utf-8")
    project = tmp_path / "plain.review"
    assert run(capsys, "new", project, "--mt", text, "--segment", "lines")[0] == 0
    code, out, _ = run(capsys, "edit", project, 3, "It is raining.", "--author", "anna",
                       "--propagate")
    assert code == 0
    assert out.splitlines()[-1] == "segment 3: propagated to 2 repetitions (segments 1, 5)"
    out_file = tmp_path / "out.txt"
    run(capsys, "export", project, out_file)
    assert out_file.read_text(encoding="utf-8") == (
        "It is raining.\nOther.\nIt is raining.\nIt rains \nIt is raining.\n")


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="en" target-language="de" datatype="plaintext">
  <body>
   <trans-unit id="1"><source>Save the file.</source><target>Datei sichern.</target></trans-unit>
   <trans-unit id="2" translate="no"><source>Save the file.</source>
    <target>Datei sichern.</target></trans-unit>
   <trans-unit id="3"><source>Save the file.</source><target>Datei sichern.</target></trans-unit>
  </body>
 </file>
</xliff>
"""


def test_a_locked_repetition_is_left_alone(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    job = tmp_path / "job.xlf"
    job.write_text(XLIFF, encoding="utf-8")
    project = tmp_path / "job.review"
    assert run(capsys, "new", project, "--mt", job)[0] == 0
    code, out, _ = run(capsys, "edit", project, 1, "Speichern Sie die Datei.", "--author",
                       "anna", "--propagate")
    assert code == 0
    assert out.splitlines()[-1] == "segment 1: propagated to 1 repetition (segment 3)"
    code, out, _ = run(capsys, "score", project, "--json")
    texts = [segment["correction"] for segment in json.loads(out)["segments"]]
    assert texts == ["Speichern Sie die Datei.", "Datei sichern.", "Speichern Sie die Datei."]
    code, _, err = run(capsys, "edit", project, 2, "x", "--propagate")
    assert code == 1 and "locked" in err
