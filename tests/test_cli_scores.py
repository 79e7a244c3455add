"""``reviewer score``: every view of the effort, the reference scores and the signatures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from reviewer.cli import main

DATA = Path(__file__).parent / "data"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out


def lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def test_score_with_a_reference_and_post_edits(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "job.review"
    code, _ = run(capsys, "new", project, "--mt", DATA / "mt.en.txt", "--reference",
                  DATA / "ref.en.txt", "--corrections", DATA / "pe.en.txt")
    assert code == 0
    mts, refs, pes = lines("mt.en.txt"), lines("ref.en.txt"), lines("pe.en.txt")
    code, out = run(capsys, "score", project, "--json")
    data = json.loads(out)
    document = data["document"]
    assert document["hter"] == pytest.approx(TER().corpus_score(mts, [pes]).score, abs=1e-9)
    assert document["edits"]["total"] == TER().corpus_score(mts, [pes]).num_edits
    assert document["edits"]["total"] == sum(
        document["edits"][kind] for kind in ("insertions", "deletions", "substitutions",
                                             "shifts"))
    assert 0 < document["char_distance"] < 100 and document["complete"]
    for key, hypotheses in (("mt", mts), ("correction", pes)):
        scores = document["reference"][key]
        assert scores["ter"] == pytest.approx(TER().corpus_score(hypotheses, [refs]).score,
                                              abs=1e-9)
        assert scores["bleu"] == pytest.approx(BLEU().corpus_score(hypotheses, [refs]).score,
                                               abs=1e-9)
        assert scores["chrf"] == pytest.approx(CHRF().corpus_score(hypotheses, [refs]).score,
                                               abs=1e-9)
    assert data["signatures"]["hter"].startswith("nrefs:1|case:lc|tok:tercom")
    first = data["segments"][0]
    assert first["reference"]["mt"]["ter"] == TER().sentence_score(mts[0], [refs[0]]).score
    assert first["edits"]["total"] == TER().sentence_score(mts[0], [pes[0]]).num_edits
    assert data["segments"][1]["char_distance"] == 0.0

    code, out = run(capsys, "score", project)
    head = out.splitlines()
    assert code == 0 and head[0].startswith("document  HTER")
    assert "ins " in head[1] and "vs reference: TER" in head[1]
    assert head[2].startswith("          hter signature: nrefs:1|case:lc|tok:tercom")
    assert head[4].startswith("          chrf signature:")
    assert head[5].startswith("    1  HTER") and "vs reference" in head[5]


def test_edit_keeps_reference_scores_exact(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "job.review"
    run(capsys, "new", project, "--mt", DATA / "mt.en.txt", "--reference", DATA / "ref.en.txt")
    mts, refs = lines("mt.en.txt"), lines("ref.en.txt")
    code, out = run(capsys, "edit", project, 3, refs[2], "--author", "anna")
    assert code == 0 and "revision 1 saved" in out
    corrected = [*mts[:2], refs[2]]
    document = json.loads(run(capsys, "score", project, "--json")[1])["document"]
    assert document["reference"]["correction"]["ter"] == pytest.approx(
        TER().corpus_score(corrected, [refs]).score, abs=1e-9)
    assert document["reference"]["mt"]["bleu"] == pytest.approx(
        BLEU().corpus_score(mts, [refs]).score, abs=1e-9)
    segment = json.loads(run(capsys, "score", project, "--json")[1])["segments"][2]
    assert segment["reference"]["correction"] == pytest.approx(
        {"ter": 0.0, "bleu": 100.0, "chrf": 100.0})


def test_score_without_reference_says_so(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "job.review"
    run(capsys, "new", project, "--mt", DATA / "mt.en.txt")
    data = json.loads(run(capsys, "score", project, "--json")[1])
    assert data["document"]["reference"] is None
    assert data["document"]["edits"] == {"insertions": 0, "deletions": 0, "substitutions": 0,
                                         "shifts": 0, "total": 0}
