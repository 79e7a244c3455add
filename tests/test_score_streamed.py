"""``reviewer score`` streams its rows: the same values, keys and order as the way it read
every segment, every detail and every MQM score into lists first (issue 13)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run
from tagged_project import C1, O1, O2, X3, tagged_project

from reviewer.cli_scores import (
    LATER,
    _edits_text,
    _reference_text,
    _scores_json,
    pending_text,
)
from reviewer.core.mqm import MqmSettings
from reviewer.core.scoring import Scores
from reviewer.core.tags import tag_char
from reviewer.session import ReviewSession


def _old_score(project: Path, as_json: bool) -> str:
    """What ``score`` printed before issue 13: lists of records, details and MQM scores."""
    session = ReviewSession.open(project, read_only=True)
    try:
        summary, segments = session.summary(), session.segments()
        details = session.all_details()
        texts = [tuple(None if t is None else session.notation(s.position, t)
                       for t in (s.source, s.mt, s.text)) for s in segments]
        mqm_document, mqm_segments = session.mqm_score(), session.segment_mqm_scores()
    finally:
        session.close()
    doc, whole = summary.scores, summary.details
    if as_json:
        document = {**_scores_json(doc, whole), "pending_segments": summary.pending,
                    "segments": summary.segments, "edited": summary.edited,
                    "confirmed": summary.confirmed,
                    "complete": whole is not None and whole.complete,
                    "mqm": mqm_document.to_json()}
        return json.dumps({
            "document": document, "signatures": ReviewSession.signatures(),
            "segments": [{"index": s.position + 1, "source": source, "mt": mt,
                          "correction": text, "status": s.status,
                          **_scores_json(Scores(s.hter, s.bleu, s.chrf), d),
                          "mqm": mqm_segments[s.position].to_json()}
                         for s, d, (source, mt, text) in zip(segments, details, texts,
                                                             strict=True)],
        }, ensure_ascii=False, indent=2) + "\n"
    progress = (f"({summary.edited} of {summary.segments} segments edited, "
                f"{summary.confirmed} confirmed)")
    if whole is None:
        out = (f"document  {pending_text(summary.pending)}  {progress}\n"
               f"          the scores will be {LATER}\n")
    else:
        breakdown = _edits_text(whole) if whole.complete else "edit breakdown: not computed"
        out = (f"document  HTER {doc.hter:6.2f}  BLEU {doc.bleu:6.2f}  chrF {doc.chrf:6.2f}  "
               f"{progress}\n          {breakdown}{_reference_text(whole)}\n")
    for name, signature in ReviewSession.signatures().items():
        out += f"          {name} signature: {signature}\n"
    return out + "".join(
        f"{s.position + 1:>5}  HTER {s.hter:6.2f}  BLEU {s.bleu:6.2f}  chrF {s.chrf:6.2f}  "
        f"{_edits_text(d)}  {s.status}{_reference_text(d)}\n" if d is not None else
        f"{s.position + 1:>5}  pending (still being scored)  {s.status}\n"
        for s, d in zip(segments, details, strict=True))


def _same(capsys: pytest.CaptureFixture[str], project: Path) -> dict[str, Any]:
    """Checks the new output against the old way's; the parsed JSON."""
    code, out, err = run(capsys, "score", project)
    assert (code, err) == (0, "")
    assert out == _old_score(project, as_json=False)
    code, out, err = run(capsys, "score", project, "--json")
    assert (code, err) == (0, "")
    old = _old_score(project, as_json=True)
    data = json.loads(out)
    # equal values, keys in the same order, texts as they are (not escaped)
    assert json.dumps(data, ensure_ascii=False) == json.dumps(json.loads(old),
                                                              ensure_ascii=False)
    assert "\\u" not in out or "\\u" in old
    return data  # type: ignore[no-any-return]


def _busy_project(folder: Path) -> Path:
    """Tags, references, edits, a pending edit, annotations, reviewer 0.1 statistics."""
    project = tagged_project(folder)
    session = ReviewSession.open(project)
    session.edit(0, f"{O1}SOCHI{C1}, {O2}22{tag_char(3)} October.{X3}", "anna")
    session.edit(3, "A plain sentence, <1> and \\<b>.", "anna")
    session.edit(3, "A plain sentence, ещё <b>.", "boris")
    session.scoring_budget = 0  # saved now, scored later: pending
    session.edit(1, "Type <1> in the box now " + " ".join(["word"] * 30), "anna")
    session.add_annotation(0, "mt", 0, 3, "accuracy/mistranslation", "major", "", "anna")
    session.add_annotation(3, "correction", 2, 7, "fluency/punctuation", "minor", "x", "boris")
    deleted = session.add_annotation(2, "mt", 0, 2, "other", "critical", "", "anna")
    session.delete_annotation(deleted.id, "anna")
    session.set_mqm_settings(MqmSettings(threshold=95.0), "anna")
    session.close()
    with sqlite3.connect(project) as db:  # segment 3 scored by reviewer 0.1
        stats = json.loads(db.execute("SELECT mt_stats FROM segments WHERE position = 2")
                           .fetchone()[0])
        db.execute("UPDATE segments SET mt_stats = ? WHERE position = 2",
                   (json.dumps([stats["ter"], stats["bleu"], stats["chrf"]]),))
    db.close()
    return project


def test_score_streams_what_it_read_into_lists(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    project = _busy_project(tmp_path)
    data = _same(capsys, project)
    document, segments = data["document"], data["segments"]
    assert document["pending"] and document["pending_segments"] == 1
    assert segments[1]["pending"] and not segments[0]["pending"]
    assert segments[0]["reference"] is not None and segments[0]["mqm"]["apt"] > 0
    assert segments[1]["correction"].startswith("Type \\<1> in the box now word")
    assert segments[3]["correction"] == "A plain sentence, ещё <b>."
    assert document["mqm"]["by_category"]

    session = ReviewSession.open(project)
    assert session.score_pending() == 0
    session.close()
    data = _same(capsys, project)
    assert not data["document"]["pending"] and data["document"]["complete"]


def test_score_of_a_project_without_annotations_or_tags(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mt = tmp_path / "mt.txt"
    mt.write_text("the cat sat on the mat .\na b c\n\nx < y\n", encoding="utf-8")
    pe = tmp_path / "pe.txt"
    pe.write_text("the cat sat on a mat .\na b c\n\nx <1> y\n", encoding="utf-8")
    project = tmp_path / "p.review"
    code, _, err = run(capsys, "new", project, "--mt", mt, "--corrections", pe,
                       "--segment", "lines")
    assert code == 0, err
    data = _same(capsys, project)
    assert data["segments"][3]["correction"] == "x \\<1> y"


def test_score_json_is_one_segment_a_line(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = tagged_project(tmp_path)
    code, out, _ = run(capsys, "score", project, "--json")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "{" and lines[1] == '  "document": {'
    assert lines[-3:] == [lines[-3], "  ]", "}"] and lines[-3].startswith('    {"index": 4, ')
    assert json.loads(lines[-4].rstrip(",")) == json.loads(out)["segments"][2]
