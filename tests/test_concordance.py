"""Concordance: a word or phrase across the project's sources, MT, corrections and memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.memory import ConcordanceHit
from reviewer.session import ReviewSession


@pytest.fixture
def session(tmp_path: Path) -> ReviewSession:
    segments = [ImportedSegment(mt=mt, source=source) for source, mt in (
        ("Der Vertrag endet.", "The contract ends."),
        ("Kein Treffer hier.", "Nothing here."),
        ("Der neue Vertrag.", "The new treaty."),
    )]
    made = ReviewSession.create(tmp_path / "p.review", ImportedDocument(
        segments, Layout(("", "\n", "\n", "\n")), "lines"))
    made.edit(2, "The new Contract.", "ed")
    tsv = tmp_path / "units.tsv"
    tsv.write_text("Vertragsende\tend of contract\n", encoding="utf-8")
    made.add_memory(tsv)
    return made


def spans(hits: list[ConcordanceHit]) -> list[tuple[str, str, int | None]]:
    return [(hit.field, hit.text[hit.start:hit.end], hit.position) for hit in hits]


def test_hits_in_mt_corrections_and_memory_in_document_order(session: ReviewSession) -> None:
    hits = session.concordance("contract")
    assert spans(hits) == [("mt", "contract", 0), ("correction", "Contract", 2),
                           ("tm target", "contract", None)]
    assert hits[0] == ConcordanceHit("mt", "The contract ends.", 4, 12, "project", 0)
    assert hits[-1].origin == "units.tsv"
    session.close()


def test_sources_and_tm_sources(session: ReviewSession) -> None:
    assert spans(session.concordance("vertrag")) == [
        ("source", "Vertrag", 0), ("source", "Vertrag", 2), ("tm source", "Vertrag", None)]
    session.close()


def test_match_case_and_limit(session: ReviewSession) -> None:
    assert spans(session.concordance("Contract", match_case=True)) == [
        ("correction", "Contract", 2)]
    assert len(session.concordance("contract", limit=2)) == 2
    assert session.concordance("nowhere at all") == []
    session.close()


def test_a_correction_equal_to_the_mt_is_not_a_second_hit(session: ReviewSession) -> None:
    session.edit(1, "Nothing here.", "ed")  # confirmed unchanged
    assert spans(session.concordance("nothing")) == [("mt", "Nothing", 1)]
    session.close()


def test_an_empty_query_is_refused(session: ReviewSession) -> None:
    with pytest.raises(ReviewerError, match="needs a word or phrase"):
        session.concordance("  ")
    session.close()


def test_any_letters_and_wildcards_are_literal(tmp_path: Path) -> None:
    segments = [ImportedSegment(mt=mt) for mt in ("Kein Ärger mit 50% Rabatt.", "a_b und axb.",
                                                   "Straße")]
    session = ReviewSession.create(tmp_path / "p.review", ImportedDocument(
        segments, Layout(("", "\n", "\n", "\n")), "lines"))
    assert spans(session.concordance("ärger")) == [("mt", "Ärger", 0)]
    assert spans(session.concordance("50%")) == [("mt", "50%", 0)]
    assert spans(session.concordance("A_B")) == [("mt", "a_b", 1)]
    assert spans(session.concordance("STRASSE")) == []  # no case folds ß into ss here
    assert spans(session.concordance("straße", match_case=True)) == []
    assert spans(session.concordance("Straße", match_case=True)) == [("mt", "Straße", 2)]
    session.close()
