"""Glossaries as other tools write them: Excel's "Unicode Text" and cp1252 CSV, a UTF-16
TBX of a terminology export, the real TBX and CSV files of tests/data, and hostile XML.

Files in tests/data/glossary-tools are built after real exports (see its README); the
others' origins are in tests/data/glossary/README.md and tests/data/real/SOURCES.md.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reviewer.core.errors import ReviewerError
from reviewer.core.glossary import NewTerm
from reviewer.formats.glossary_import import read_glossary

DATA = Path(__file__).parent / "data"
TOOLS = DATA / "glossary-tools"


def pairs(terms: list[NewTerm]) -> list[tuple[str, str, str, bool]]:
    return [(term.source, term.target, term.note, term.forbidden) for term in terms]


def refused(path: Path, source: str | None = None, target: str | None = None) -> str:
    with pytest.raises(ReviewerError) as error:
        read_glossary(path, source, target)
    assert "\n" not in str(error.value)
    return str(error.value)


def test_excel_unicode_text_with_quoted_cells() -> None:
    assert pairs(read_glossary(TOOLS / "excel-unicode-text.txt")) == [
        ("Save", "Speichern", "Button label.\nNot the verb in running text.", False),
        ('"Save as" dialog', 'Dialogfeld "Speichern unter"', "", False),
        ('12" pipe', '12"-Rohr', "", False),
    ]


def test_excel_cp1252_semicolons_with_a_line_break_in_a_cell() -> None:
    assert pairs(read_glossary(TOOLS / "excel-cp1252-semicolon.csv")) == [
        ("Café", "Café", "Nicht „Kaffee“.\nImmer mit Akzent.", False),
        ("naïve", "naiv", "", False),
    ]


def test_a_utf16_termbase_export_in_the_project_languages() -> None:
    path = TOOLS / "termbase-utf16.tbx"
    # de-de spelled in lower case; the deprecated variant is a forbidden term; a blank
    # source term is skipped
    assert pairs(read_glossary(path, "en-US", "de-DE")) == [
        ("save", "speichern", "A command that writes the open file to disk.", False),
        ("save", "sichern", "A command that writes the open file to disk.", True),
    ]
    assert [(t.source, t.target) for t in read_glossary(path, "en", "fr")] == [
        ("save", "enregistrer"), ("toolbar", "barre d'outils")]
    assert "has no terms in ru" in refused(path, "en", "ru")
    # no project languages: the root's language, then the next language of the file
    assert [t.target for t in read_glossary(path)] == ["speichern", "sichern"]


def test_the_real_tbx_files_read_in_every_project_pair() -> None:
    maryland = DATA / "glossary" / "maryland-tbx2-ntig.tbx"
    for source, target in [(None, None), ("en", "fr"), ("EN", "de"), ("en_US", "es")]:
        try:
            terms = read_glossary(maryland, source, target)
        except ReviewerError as error:
            assert "\n" not in str(error)
            continue
        assert terms and all(term.source.strip() and term.target.strip() for term in terms)


def test_a_tbx_of_no_terms_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "empty.tbx"
    path.write_text('<?xml version="1.0"?><martif type="TBX"><text><body/></text></martif>',
                    encoding="utf-8")
    assert "holds no terms" in refused(path)


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE martif [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>',
    '<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>',
])
def test_hostile_dtds_are_refused_quickly(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "evil.tbx"
    path.write_text(f'<?xml version="1.0"?>{doctype}<martif type="TBX"><text><body><termEntry>'
                    '<langSet xml:lang="en"><tig><term>&xxe;&g;</term></tig></langSet>'
                    '<langSet xml:lang="de"><tig><term>b</term></tig></langSet></termEntry>'
                    "</body></text></martif>", encoding="utf-8")
    start = time.perf_counter()
    assert "entit" in refused(path)
    assert time.perf_counter() - start < 1


def test_an_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    path = tmp_path / "dtd.tbx"
    path.write_text('<?xml version="1.0"?><!DOCTYPE martif SYSTEM "http://127.0.0.1:9/x.dtd">'
                    '<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig>'
                    '<term>a</term></tig></langSet><langSet xml:lang="de"><tig><term>b</term>'
                    "</tig></langSet></termEntry></body></text></martif>", encoding="utf-8")
    assert [(t.source, t.target) for t in read_glossary(path)] == [("a", "b")]


def test_omegat_glossaries_have_no_header() -> None:
    omegat = DATA / "real" / "omegat"
    assert pairs(read_glossary(omegat / "glossary-test.tab")) == [
        ("kde", "koo moo", "", False), ("question", "qqqqq", "", False),
        ("地球システム", "System Terre",
         "https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre", False),
        ("손가락", "Korean Term", "", False)]
    assert pairs(read_glossary(omegat / "glossary-testUTF16LE.txt")) == [
        ("UTF", "Unicode Transformation Format", "Comment #1", False),
        ("LE", "Little Endian", "Comment #2", False)]


def test_omegat_writes_a_comment_line_first(tmp_path: Path) -> None:
    path = tmp_path / "glossary.txt"
    path.write_text("# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
                    "file\tDatei\n# a comment\nfolder\n\nsave\tspeichern\tverb\n",
                    encoding="utf-8")
    # a line without a target is skipped, as OmegaT skips it
    assert pairs(read_glossary(path)) == [("file", "Datei", "", False),
                                          ("save", "speichern", "verb", False)]


def test_a_multiterm_xml_export() -> None:
    path = TOOLS / "multiterm-export.xml"
    assert pairs(read_glossary(path, "en", "de")) == [
        ("save", "speichern", "Write the open file to disk.", False),
        ("save", "abspeichern", "Write the open file to disk.", False),
        ("folder", "Ordner", "", False)]
    assert [t.target for t in read_glossary(path)] == ["speichern", "abspeichern", "Ordner"]
