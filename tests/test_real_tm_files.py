"""Translation memory files as other tools write them: the language pair chosen, inline
codes, encodings, empty and duplicate units, 0-unit files and hostile XML.

Real files from tests/data/real (see its SOURCES.md); files in tests/data/tm are built
after exports of Trados and OmegaT (see its README).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.errors import ReviewerError
from reviewer.formats.tm_files import read_tm_units
from reviewer.session import ReviewSession

DATA = Path(__file__).parent / "data"
REAL = DATA / "real"
TM = DATA / "tm"


def make(path: Path, pairs: list[tuple[str | None, str]],
         langs: tuple[str, str] | None = None) -> ReviewSession:
    """A project of (source, MT) segments, in ``langs`` when given."""
    segments = [ImportedSegment(mt=mt, source=source) for source, mt in pairs]
    metadata = {} if langs is None else {"source_language": langs[0],
                                         "target_language": langs[1]}
    document = ImportedDocument(segments, Layout(("",) + ("\n",) * len(segments)), "lines",
                                metadata=metadata)
    return ReviewSession.create(path, document)


def refused(path: Path, langs: tuple[str, str] | None = None) -> str:
    with pytest.raises(ReviewerError) as error:
        read_tm_units(path, langs)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_a_project_in_other_languages_gets_no_units_of_the_wrong_language(
        tmp_path: Path) -> None:
    # the project translates into French; the file is English → German only
    message = refused(TM / "trados-utf16.tmx", ("en-US", "fr-FR"))
    assert "fr-FR" in message and "de-DE" in message
    session = make(tmp_path / "p.review", [("Click Save.", "Cliquez.")], ("en", "fr"))
    with pytest.raises(ReviewerError):
        session.add_memory(TM / "trados-utf16.tmx")
    assert session.memory_size() == 0
    session.close()


def test_a_project_without_languages_takes_srclang_and_the_commonest_target() -> None:
    # OmegaT's test TMX (TMX 1.1 'lang'): en, be, en-US, es, en-GB; srclang en
    units = read_tm_units(REAL / "omegat" / "test-omegat.tmx")
    assert units and all(unit.source for unit in units)
    # Weblate's memory: DE-DE, EN-US, CS-CZ, no srclang naming one of them
    assert read_tm_units(REAL / "weblate" / "memory.tmx")
    # Okapi: srclang en-us, targets fr and en-gb
    assert [(u.source, u.target) for u in read_tm_units(REAL / "okapi" / "ImportTest1L.tmx")] \
        == [("Text of the segment.", "Texte du segment.")]


def test_a_project_language_spelled_shorter_prefers_the_srclang_variant() -> None:
    # the project says en → fr; the file holds en-us (its srclang) and en-gb
    assert [u.target for u in read_tm_units(REAL / "okapi" / "ImportTest1L.tmx",
                                            ("en", "fr"))] == ["Texte du segment."]


def test_no_message_names_an_option_the_command_lacks() -> None:
    for path, langs in [(REAL / "omegat" / "test-omegat.tmx", ("en-US", "fr")),
                        (REAL / "okapi" / "ImportTest1L.tmx", ("en", "de"))]:
        assert "--langs" not in refused(path, langs)


def test_a_tmx_of_no_units_is_refused_clearly() -> None:
    assert "holds no translation units" in refused(REAL / "cafetran" / "ProjectTM.tmx")


def test_utf16_trados_export_with_inline_codes(tmp_path: Path) -> None:
    units = read_tm_units(TM / "trados-utf16.tmx", ("en", "de"))
    assert [(u.source, u.target) for u in units] == [
        ("Click Save to keep your changes.",
         "Klicken Sie auf Speichern, um die Änderungen zu behalten."),
        # a placeholder's code is text the target must keep
        ("You have %d new messages.", "Sie haben %d neue Nachrichten."),
        # a line break's code keeps the words apart
        ("First line second line", "Erste Zeile zweite Zeile"),
    ]  # the unit whose target is only a code is skipped
    renamed = tmp_path / "trados-export.xml"  # the same file under another name
    renamed.write_bytes((TM / "trados-utf16.tmx").read_bytes())
    assert read_tm_units(renamed, ("en", "de")) == units


def test_omegat_tag_shortcuts_are_not_text(tmp_path: Path) -> None:
    units = read_tm_units(TM / "omegat-project_save-tags.tmx")
    assert [(u.source, u.target) for u in units] == [
        ("Press Enter to continue.", "Appuyez sur Entrée pour continuer."),
        ("Use a <b> tag for bold.", "Utilisez une balise <b> pour le gras."),
    ]


def test_ctrl_1_would_insert_a_clean_target(tmp_path: Path) -> None:
    session = make(tmp_path / "p.review",
                   [("Press Enter to continue!", "Drücken..."),
                    ("You have %d new messages.", "Sie haben...")], ("en", "fr"))
    assert session.add_memory(TM / "omegat-project_save-tags.tmx") == 2
    best = session.matches(0)[0]
    assert (best.score, best.target) == (95, "Appuyez sur Entrée pour continuer.")
    session.close()
    other = make(tmp_path / "q.review", [("You have %d new messages.", "x")], ("en", "de"))
    assert other.add_memory(TM / "trados-utf16.tmx") == 3
    assert [(m.score, m.target) for m in other.matches(0)][0] == (
        100, "Sie haben %d neue Nachrichten.")
    other.close()


def test_cp1252_csv_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("source;target\r\nCafé au lait;Milchkaffee\r\n"
                     "“Smart” quotes;„Schlaue“ Anführungszeichen\r\n".encode("cp1252"))
    assert [(u.source, u.target) for u in read_tm_units(path)] == [
        ("Café au lait", "Milchkaffee"), ("“Smart” quotes", "„Schlaue“ Anführungszeichen")]


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>',
    '<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>',
])
def test_hostile_dtds_are_refused_quickly(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "evil.tmx"
    path.write_text(f'<?xml version="1.0"?>{doctype}<tmx version="1.4"><header srclang="en"/>'
                    '<body><tu><tuv xml:lang="en"><seg>&xxe;&h;</seg></tuv><tuv xml:lang="de">'
                    "<seg>b</seg></tuv></tu></body></tmx>", encoding="utf-8")
    start = time.perf_counter()
    assert re.search(r"entit", refused(path))
    assert time.perf_counter() - start < 1


def test_an_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    path = tmp_path / "dtd.tmx"
    path.write_text('<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">'
                    '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
                    '<seg>a</seg></tuv><tuv xml:lang="de"><seg>b</seg></tuv></tu></body></tmx>',
                    encoding="utf-8")
    assert [(u.source, u.target) for u in read_tm_units(path)] == [("a", "b")]


def test_a_unit_repeated_in_the_file_is_added_once(tmp_path: Path) -> None:
    unit = ('<tu><tuv xml:lang="en-US"><seg>Save the file.</seg></tuv>'
            '<tuv xml:lang="de-DE"><seg>Speichern Sie die Datei.</seg></tuv></tu>')
    other = ('<tu><tuv xml:lang="en-US"><seg>Save the file.</seg></tuv>'
             '<tuv xml:lang="de-DE"><seg>Datei speichern.</seg></tuv></tu>')
    path = tmp_path / "export.tmx"  # Trados exports a unit once per context it was used in
    path.write_text('<tmx version="1.4"><header srclang="en-US"/><body>'
                    f"{unit * 3}{other}{unit}</body></tmx>", encoding="utf-8")
    session = make(tmp_path / "p.review", [("Save the file!", "x")], ("en", "de"))
    assert session.add_memory(path) == 2
    assert [m.target for m in session.matches(0)] == [
        "Speichern Sie die Datei.", "Datei speichern."]
    session.close()


def test_a_code_for_a_non_breaking_space_keeps_the_words_apart(tmp_path: Path) -> None:
    path = tmp_path / "nbsp.tmx"  # Trados writes an HTML file's &nbsp; as a ph
    path.write_text('<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
                    "<seg>It is 100<ph>&amp;nbsp;</ph>km away.</seg></tuv><tuv xml:lang=\"fr\">"
                    "<seg>C'est à 100<ph>&amp;nbsp;</ph>km.</seg></tuv></tu></body></tmx>",
                    encoding="utf-8")
    assert [(u.source, u.target) for u in read_tm_units(path)] == [
        ("It is 100\u00a0km away.", "C'est à 100\u00a0km.")]


def test_an_excel_unicode_text_memory_with_quoted_cells(tmp_path: Path) -> None:
    path = tmp_path / "memory.txt"  # Excel's "Unicode Text": UTF-16, tabs, quoted cells
    rows = ('Source\tTarget\r\n"The ""Save as"" dialog"\t"Das Dialogfeld ""Speichern unter"""\r\n'
            '"Two\nlines"\t"Zwei\nZeilen"\r\n12" pipe\t12"-Rohr\r\n')
    path.write_bytes(b"\xff\xfe" + rows.encode("utf-16-le"))
    assert [(u.source, u.target) for u in read_tm_units(path)] == [
        ('The "Save as" dialog', 'Das Dialogfeld "Speichern unter"'),
        ("Two\nlines", "Zwei\nZeilen"), ('12" pipe', '12"-Rohr')]
    headerless = tmp_path / "pairs.txt"
    headerless.write_bytes(b"\xff\xfe" + '"a ""b"""\tc\r\n'.encode("utf-16-le"))
    assert [(u.source, u.target) for u in read_tm_units(headerless)] == [('a "b"', "c")]
    corrections = tmp_path / "post-edits.txt"
    corrections.write_bytes(b"\xff\xfe" + 'mt\tcorrection\r\n"a ""b"""\t"A ""B"""\r\n'
                            .encode("utf-16-le"))
    assert [(u.source, u.mt, u.target) for u in read_tm_units(corrections)] == [
        (None, 'a "b"', 'A "B"')]
