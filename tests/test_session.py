"""The review service: edits, restores, document scores and exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from reviewer.core.errors import ReviewerError
from reviewer.formats.plaintext import import_plain_text
from reviewer.session import ReviewSession

DATA = Path(__file__).parent / "data"


def test_unedited_seed_exports_byte_for_byte(seed_project: Path, seed: Path,
                                             tmp_path: Path) -> None:
    session = ReviewSession.open(seed_project)
    out = tmp_path / "out.txt"
    assert session.export(out) == "text"
    assert out.read_bytes() == seed.read_bytes()
    session.close()


def test_edited_export_keeps_the_layout(seed_project: Path, seed: Path, tmp_path: Path) -> None:
    session = ReviewSession.open(seed_project)
    first = session.segment(0)
    session.edit(0, "Putin: the Russian military acts successfully in Syria", "anna")
    out = tmp_path / "out.txt"
    session.export(out)
    expected = seed.read_text(encoding="utf-8").replace(
        first.mt, "Putin: the Russian military acts successfully in Syria", 1)
    assert out.read_text(encoding="utf-8") == expected
    session.close()


def test_scores_equal_sacrebleu_for_a_correction(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    mts = [s.mt for s in session.segments()]
    correction = "Putin: the Russian military is successful in Syria, but terrorism is not beaten"
    result = session.edit(0, correction, "anna")
    segment = result.segment
    assert segment.hter == TER().sentence_score(mts[0], [correction]).score
    assert segment.bleu == BLEU(effective_order=True).sentence_score(mts[0], [correction]).score
    assert segment.chrf == CHRF().sentence_score(mts[0], [correction]).score
    refs = [correction] + mts[1:]
    doc = result.summary.scores
    assert doc.hter == pytest.approx(TER().corpus_score(mts, [refs]).score, abs=1e-9)
    assert doc.bleu == pytest.approx(BLEU().corpus_score(mts, [refs]).score, abs=1e-9)
    assert doc.chrf == pytest.approx(CHRF().corpus_score(mts, [refs]).score, abs=1e-9)
    session.close()


def test_restore_writes_a_new_revision(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(2, "first try", "anna")
    session.edit(2, "second try", "anna")
    result = session.restore(2, 1, "boris")
    assert result.revision is not None and result.revision.number == 3
    assert [r.text for r in session.history(2)] == ["first try", "second try", "first try"]
    assert session.segment(2).text == "first try"
    session.close()


def test_an_unchanged_edit_writes_nothing(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(1, "SOCHI, 22 October.", "anna")
    again = session.edit(1, "SOCHI, 22 October.", "anna")
    assert again.revision is None
    assert len(session.history(1)) == 1
    session.close()


def test_confirming_the_mt_as_it_is_counts_as_confirmed(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    mt = session.segment(1).mt
    result = session.edit(1, mt, "anna")
    assert result.segment.status == "confirmed"
    assert result.summary.confirmed == 1 and result.summary.edited == 0
    session.close()


def test_line_import_with_corrections_stores_them_as_first_revisions(tmp_path: Path) -> None:
    doc = import_plain_text(DATA / "mt.en.txt", source=DATA / "source.ru.txt",
                            reference=DATA / "ref.en.txt", corrections=DATA / "pe.en.txt")
    session = ReviewSession.create(tmp_path / "p.review", doc)
    segments = session.segments()
    assert segments[0].source.startswith("Путин")
    assert segments[2].reference.startswith("We act in line")
    assert [r.author for r in session.history()] == ["import"] * 3
    assert segments[0].status == "imported"
    assert session.summary().edited == 2
    out = tmp_path / "out.txt"
    session.export(out)
    assert out.read_text(encoding="utf-8") == (DATA / "pe.en.txt").read_text(encoding="utf-8")
    session.close()


def test_tsv_export_has_a_row_per_segment(seed_project: Path, tmp_path: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.edit(0, "Putin:\tedited", "anna")
    out = tmp_path / "segments.tsv"
    assert session.export(out) == "tsv"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "index\tsource\tmt\tcorrection\tstatus\thter\tbleu\tchrf"
    assert len(lines) == 27
    assert lines[1].split("\t")[3] == "Putin:\\tedited"
    session.close()


def test_export_into_a_missing_folder_is_a_clear_error(seed_project: Path,
                                                       tmp_path: Path) -> None:
    session = ReviewSession.open(seed_project)
    with pytest.raises(ReviewerError, match="does not exist"):
        session.export(tmp_path / "nowhere" / "out.txt")
    session.close()


def test_a_segment_out_of_range_is_a_clear_error(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    with pytest.raises(ReviewerError, match="no segment 27"):
        session.edit(26, "x", "anna")
    session.close()


def test_restore_and_undo_reuse_stored_statistics(seed_project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    session = ReviewSession.open(seed_project)
    first = session.edit(0, "Putin: a first correction", "anna")
    session.edit(0, "Putin: a second correction", "anna")
    mt = session.segment(0).mt

    import reviewer.session_scores as service

    def no_scoring(*args: object, **kwargs: object) -> object:
        raise AssertionError("a text already scored was scored again")

    monkeypatch.setattr(service, "score_segment", no_scoring)
    restored = session.restore(0, 1, "anna")
    assert restored.segment.hter == first.segment.hter
    back_to_mt = session.edit(0, mt, "anna", "edited")
    assert back_to_mt.segment.hter == 0.0
    session.close()
