"""Plain text and new XLIFF exports are written as the segments are read, a page at a time
(a million segments are never all in memory), byte for byte as before issue 13."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from tagged_project import C1, C2, O1, O2, X3, tagged_project

import reviewer.session_export as session_export
from reviewer.core.errors import ReviewerError
from reviewer.formats.plaintext import import_plain_text
from reviewer.formats.writers import export_bytes
from reviewer.locations import seed_file
from reviewer.session import ReviewSession

# sha256 of the exports made by the code before issue 13 (e269b99) in the same scenarios
BEFORE = {
    "seed-utf-8-False": "131f133a4c1c455388395ee205471eb84ff0c5bd4e34a1ccf9da026d41385d3b",
    "seed-utf-8-True": "527c0fb4f4f147b59c23426d2c74f1e87b086ef22fcd13e6d4e5d8508d7d914b",
    "seed-utf-16-le-True": "04c3831a3ee3a2344c4cf6006d5b6d7cd63d104206b81461ac6a8543942fee18",
    "seed-cp1252-False": "e90e58d53c0eb372e9edf1aa5160a84ce5786319c995671f0bd9487168f37307",
    "tagged-text": "aaee82f6de1d2423e09272f7aa22de1aa8ec3316733f084b026f3f8b00271b3a",
    "tagged-xliff": "9a747614838e023f1249e89e882e0764e3d028a5b8219f27cd017b5199833f02",
    "source-xliff": "1c82b36eeb79de783b8b3359da081223747149edba9105820359e839fddc259c",
    "source-text": "3319541a56c6cd78265d5657fae2e22eba4fd39870d16269405fed81f3882d61",
}


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_export, "_PAGE", 2)  # every export reads several pages


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _same_as_whole_job(session: ReviewSession, path: Path, chosen: str) -> str:
    """Export through the streamed path; its bytes must be the whole-job writer's."""
    session.export(path, chosen)
    assert path.read_bytes() == export_bytes(chosen, session.export_job())
    return _sha(path)


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", False), ("utf-8", True),
                                               ("utf-16-le", True), ("cp1252", False)])
def test_text_exports_are_byte_for_byte_as_before(tmp_path: Path, encoding: str,
                                                  bom: bool) -> None:
    data = Path(seed_file()).read_text(encoding="utf-8").encode(encoding, errors="replace")
    marks = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe"}
    source = tmp_path / "seed.txt"
    source.write_bytes((marks[encoding] if bom else b"") + data)
    path = tmp_path / "seed.review"
    ReviewSession.create(path, import_plain_text(
        source, encoding=None if encoding.startswith("utf") else encoding)).close()
    session = ReviewSession.open(path)
    try:
        session.edit(0, session.segment(0).text + " — edited", "a", "confirmed")
        session.edit(3, "Ünïcödé “quotes” — €", "b", "edited")
        if encoding == "utf-8":
            session.add_comment(2, "a <comment> & more", "c")
        out = tmp_path / "out.txt"
        assert _same_as_whole_job(session, out, "text") == BEFORE[f"seed-{encoding}-{bom}"]
        if encoding == "cp1252":
            session.edit(4, "Кириллица", "b", "edited")
            with pytest.raises(ReviewerError, match="'Кириллица' cannot be written in cp1252"):
                session.export(out, "text")
            assert _sha(out) == BEFORE["seed-cp1252-False"]  # the earlier export stays
    finally:
        session.close()


def test_tagged_text_and_xliff_exports_are_as_before_and_broken_markup_is_refused(
        tmp_path: Path) -> None:
    session = ReviewSession.open(tagged_project(tmp_path))
    try:
        session.edit(0, f"{O1}SOCHI{C1}, 22 {O2}October{C2}.{X3} & <more>", "a", "confirmed")
        session.edit(3, "A plain sentence & <b>.", "a", "edited")
        session.add_comment(1, "note & <x>", "rev")
        assert _same_as_whole_job(session, tmp_path / "a.txt", "text") == BEFORE["tagged-text"]
        assert _same_as_whole_job(session, tmp_path / "a.xlf", "xliff") == \
            BEFORE["tagged-xliff"]
        session.edit(1, f"Type {C1} in {O1}the box now", "a", "confirmed")
        session.edit(0, f"{O1}SOCHI, {O2}22{C1} October{C2}", "a", "confirmed")
        with pytest.raises(ReviewerError) as refused:
            session.export(tmp_path / "b.xlf", "xliff")
        assert str(refused.value) == (
            "segment 1: tags <2> and </1> cross; segment 2: tag </1> closes before its <1> "
            "opens; segment 2: tag <1> is not closed (</1> is missing); fix them or export TSV")
        assert sorted(p.name for p in tmp_path.iterdir() if "b.xlf" in p.name) == []
    finally:
        session.close()


def test_a_project_with_sources_exports_xliff_and_text_as_before(tmp_path: Path) -> None:
    mt, source = tmp_path / "mt.txt", tmp_path / "source.txt"
    mt.write_text("One.\nTwo & <three>.\n\nFour\n", encoding="utf-8")
    source.write_text("Один.\nДва.\n\nЧетыре\n", encoding="utf-8")
    path = tmp_path / "p.review"
    ReviewSession.create(path, import_plain_text(mt, source=source,
                                                 segmentation="lines")).close()
    session = ReviewSession.open(path)
    try:
        session.edit(1, "Two & three", "a", "confirmed")
        session.add_comment(2, "c1", "x")
        session.add_comment(2, "c2", "y")
        assert _same_as_whole_job(session, tmp_path / "p.xlf", "xliff") == \
            BEFORE["source-xliff"]
        assert _same_as_whole_job(session, tmp_path / "p.txt", "text") == BEFORE["source-text"]
    finally:
        session.close()


def test_a_streamed_export_never_reads_every_segment_at_once(
        tmp_path: Path, seed_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = ReviewSession.open(seed_project)
    try:
        expected = export_bytes("text", session.export_job())

        def refuse(*_args: object) -> None:
            raise AssertionError("an export read every segment at once")

        for name in ("segments", "layout", "segment_meta", "revisions"):
            monkeypatch.setattr(session._store, name, refuse)
        session.export(tmp_path / "out.txt")
        assert (tmp_path / "out.txt").read_bytes() == expected
    finally:
        session.close()


@pytest.mark.parametrize("text", ["plain", "a & b < c > d", "line\r\nbreak\rreturn\nnew",
                                  "&amp; already", "", "tab\there \u00a0 é 😀"])
def test_plain_text_markup_is_the_general_markup(text: str) -> None:
    from reviewer.formats.tagged import plain_markup
    from reviewer.formats.xliff_export import correction_markup

    assert plain_markup(text) == correction_markup(text, [], "\n", "segment 1")


@pytest.mark.parametrize("text", ["bell \x07", "tag \U0010f000", "lone \ud800"])
def test_text_xml_cannot_hold_is_left_to_the_general_markup(text: str) -> None:
    from reviewer.formats.tagged import plain_markup

    assert plain_markup(text) is None
