"""TMX: a language pair in, corrected targets or source/correction pairs out."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_helpers import DATA, export, project_from, reimport
from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document


def test_tmx_reads_the_declared_pair_with_ids_notes_and_inline_codes() -> None:
    document = import_document(DATA / "memory.tmx")
    assert document.metadata == {"source_language": "ru-RU", "target_language": "en-US"}
    assert [s.meta for s in document.segments] == [
        {"tu": 0, "tuid": "101", "notes": ["Headline"]}, {"tu": 1, "tuid": "102"},
        {"tu": 2, "tuid": "103"}]
    assert document.segments[1].mt == ('<bpt i="1" type="bold">&lt;b&gt;</bpt>SOCHI'
                                       '<ept i="1">&lt;/b&gt;</ept>, October 22.')


@pytest.mark.parametrize(("langs", "mt"), [("ru,de", "SOTSCHI, 22. Oktober."),
                                           ("RU,en", "SOCHI, October 22."),
                                           ("de,ru", "СОЧИ, 22 октября.")])
def test_langs_choose_the_pair(langs: str, mt: str) -> None:
    document = import_document(DATA / "multi.tmx", langs=langs)
    assert document.segments[0].mt == mt


def test_more_than_two_languages_need_langs() -> None:
    with pytest.raises(ReviewerError, match="choose two with --langs"):
        import_document(DATA / "multi.tmx")
    with pytest.raises(ReviewerError, match="no language 'fr'"):
        import_document(DATA / "multi.tmx", langs="ru,fr")


def test_edit_export_reimport(tmp_path: Path) -> None:
    session = project_from(tmp_path, "memory.tmx")
    session.edit(1, '<bpt i="1" type="bold">&lt;b&gt;</bpt>SOCHI<ept i="1">&lt;/b&gt;</ept>, '
                    "22 October.", "anna")
    session.edit(2, "We act in line with our beliefs and international law.", "anna")
    out = export(session, tmp_path / "out.tmx", "tmx")
    again = reimport(out)
    assert [s.mt for s in again.segments] == [s.text for s in session.segments()]
    assert [s.source for s in again.segments] == [s.source for s in session.segments()]
    root = etree.fromstring(out.read_bytes())
    assert root.find("header").get("creationtool") == "Trados Studio"  # the rest is kept
    assert root.find("body/tu/prop").text == "MachineTranslation"


def test_tmx_of_source_correction_pairs_from_another_format(tmp_path: Path) -> None:
    session = project_from(tmp_path, "messages.po", langs="ru,en")
    session.edit(1, "SOCHI, 22 October.", "anna")
    out = export(session, tmp_path / "pairs.tmx", "tmx")
    again = reimport(out)
    assert again.metadata == {"source_language": "ru", "target_language": "en"}
    assert [(s.source, s.mt) for s in again.segments] == \
        [(s.source, s.text) for s in session.segments()]
    header = etree.fromstring(out.read_bytes()).find("header")
    assert header.get("srclang") == "ru" and header.get("creationtool") == "reviewer"
