"""TMX: a language pair in with protected tags; the original bytes out, edited targets changed."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from formats_helpers import DATA, export, project_from, reimport
from lxml import etree

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.tags import (
    CLOSE,
    CODE,
    OPEN,
    InlineTag,
    tag_char,
    tags_data,
    tags_of,
    to_notation,
)
from reviewer.formats import tmx, tmx_write
from reviewer.formats.readers import import_document
from reviewer.formats.structured import line_layout
from reviewer.formats.writers import ExportJob, ExportSegment
from reviewer.session import ReviewSession

T0, T1, T2, T3, T4 = (tag_char(index) for index in range(5))
NOW = datetime(2031, 2, 3, 4, 5, 6, tzinfo=timezone.utc)
STAMP = "20310203T040506Z"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tmx_write, "_now", lambda: NOW)


def _project(tmp_path: Path, name: str, data: bytes | None = None,
             **options: str) -> ReviewSession:
    if data is None:
        return project_from(tmp_path, name, **options)
    path = tmp_path / name
    path.write_bytes(data)
    document = import_document(path, **options)
    return ReviewSession.create(tmp_path / f"{name}.review", document)


# --- reading ---------------------------------------------------------------------------

def test_tmx_reads_the_declared_pair_with_ids_notes_props_and_protected_tags() -> None:
    document = import_document(DATA / "memory.tmx")
    assert document.metadata == {"source_language": "ru-RU", "target_language": "en-US",
                                 "tmx_reader": "tags"}
    first, second, _ = (s.meta for s in document.segments)
    assert first == {"tu": 0, "tuid": "101", "notes": ["Headline"],
                     "props": {"x-Origin": "MachineTranslation"}}
    assert second is not None and second["tuid"] == "102"
    assert document.segments[1].mt == f"{T0}SOCHI{T1}, October 22."
    assert document.segments[1].source == f"{T0}СОЧИ{T1}, 22 октября."
    assert tags_of(second) == [
        InlineTag(1, OPEN, "bpt", '<bpt i="1" type="bold">&lt;b&gt;</bpt>'),
        InlineTag(1, CLOSE, "ept", '<ept i="1">&lt;/b&gt;</ept>')]


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


CASES_SOURCES = ["Open the file.", "Close the file.", "Save the file.", "", "Delete the file."]
CASES_SKIPPED = ("skipped 4 of 9 units: 2 with no en-us variant, 1 with several fr-ca "
                 "variants, 1 empty")


@pytest.mark.parametrize("langs", [None, "EN-us,Fr-CA", "en,fr"])
def test_language_tags_compare_case_insensitively(langs: str | None) -> None:
    """en-us, En-uS and EN-US are one language: every unit of each spelling is read."""
    document = import_document(DATA / "tmx-cases.tmx", langs=langs)
    assert [s.source for s in document.segments] == CASES_SOURCES
    assert [s.mt for s in document.segments] == ["Ouvrez le fichier.", "Fermez le fichier.",
                                                 "Enregistrez le fichier.", "Vide.", ""]
    assert document.metadata["source_language"] == "en-us"
    assert document.metadata["target_language"] == "fr-ca"


def test_skipped_units_are_counted_with_their_reasons() -> None:
    document = import_document(DATA / "tmx-cases.tmx")
    assert document.metadata["skipped"] == CASES_SKIPPED
    assert "skipped" not in import_document(DATA / "memory.tmx").metadata


def test_a_file_whose_units_are_all_skipped_says_why(tmp_path: Path) -> None:
    path = tmp_path / "none.tmx"
    path.write_text('<tmx version="1.4"><header srclang="en"/><body>'
                    '<tu><tuv xml:lang="de"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg>'
                    '</tuv></tu><tu> </tu><tu><tuv xml:lang="EN"><seg>c</seg></tuv>'
                    '<tuv xml:lang="en"><seg>d</seg></tuv></tu></body></tmx>', encoding="utf-8")
    with pytest.raises(ReviewerError, match=r"none\.tmx: holds no segments to review "
                                            r"\(skipped 3 of 3 units: 1 with no EN variant, "
                                            r"1 empty, 1 with several EN variants\)$"):
        import_document(path, langs="en,de")


def test_notes_and_props_of_the_unit_and_both_variants_are_context() -> None:
    document = import_document(DATA / "tmx-tags.tmx")
    assert document.segments[0].meta is not None
    meta = document.segments[0].meta
    assert meta["tuid"] == "bold-1"
    assert meta["notes"] == ["Button label in the toolbar", "Checked by the client"]
    assert meta["props"] == {"x-Domain": "Software", "x-Context": "toolbar"}


def test_inline_codes_are_protected_tags() -> None:
    first, codes, missing, spaces = import_document(DATA / "tmx-tags.tmx").segments
    assert first.source == f"The {T0}big{T1} cat{T2}."
    assert first.mt == f"Die {T0}große{T1} Katze{T2}."
    assert [(t.number, t.kind, t.name) for t in tags_of(first.meta)] == [
        (1, OPEN, "bpt"), (1, CLOSE, "ept"), (2, CODE, "ph")]
    assert tags_of(first.meta)[2].markup == ("<ph x=\"2\" type=\"image\">&lt;img "
                                             "src='cat.png'/></ph>")
    assert to_notation(codes.source or "", tags_of(codes.meta)) == \
        "First <1/>part, <2>glossary term</2> and <3/>bold & more."
    assert [(t.kind, t.name) for t in tags_of(codes.meta)] == [
        (CODE, "it"), (OPEN, "hi"), (CLOSE, "hi"), (CODE, "ut")]
    assert (missing.source, missing.mt) == ("Nothing translated yet.", "")
    assert spaces.source == "Line one\nLine two  with two spaces"  # a seg's text is data
    assert spaces.mt == "Zeile <eins>\nZeile zwei"


# --- writing ---------------------------------------------------------------------------

def _utf16_crlf() -> bytes:
    return (DATA / "tmx-tags.tmx").read_text(encoding="utf-8").replace(
        "\n", "\r\n").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")


@pytest.mark.parametrize("name", ["memory.tmx", "tmx-cases.tmx", "tmx-tags.tmx", "utf16.tmx"])
def test_an_unedited_export_is_the_input_byte_for_byte(tmp_path: Path, name: str) -> None:
    data = _utf16_crlf() if name == "utf16.tmx" else (DATA / name).read_bytes()
    session = _project(tmp_path, name, data)
    out = export(session, tmp_path / "out.tmx", "tmx")
    assert out.read_bytes() == data


def test_an_edit_changes_only_the_target_seg_and_its_change_attributes(tmp_path: Path) -> None:
    original = (DATA / "tmx-tags.tmx").read_text(encoding="utf-8")
    session = _project(tmp_path, "tmx-tags.tmx")
    session.edit(0, f"Die {T2}Katze {T0}groß{T1}.", "anna")  # tags moved
    out = export(session, tmp_path / "out.tmx", "tmx").read_text(encoding="utf-8")
    found = re.search(r"<tuv xml:lang=\"de-DE\" changedate='(\d{8}T\d{6}Z)' "
                      r"changeid='([^']*)'>", out)
    assert found is not None and found.group(1) == STAMP
    expected = original.replace(
        "<tuv xml:lang=\"de-DE\" changedate='20200102T130000Z' changeid='bob'>",
        found.group(0)).replace(
        "<seg>Die <bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b></bpt>große<ept i=\"1\">&lt;/b>"
        "</ept> Katze<ph x=\"2\" type=\"image\">&lt;img src='cat.png'/></ph>.</seg>",
        "<seg>Die <ph x=\"2\" type=\"image\">&lt;img src='cat.png'/></ph>Katze "
        "<bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b></bpt>groß<ept i=\"1\">&lt;/b></ept>.</seg>")
    assert out == expected
    again = reimport(tmp_path / "out.tmx")
    assert again.segments[0].mt == f"Die {T2}Katze {T0}groß{T1}."


def test_the_unit_carries_the_change_attributes_when_only_it_has_them(tmp_path: Path) -> None:
    original = (DATA / "tmx-tags.tmx").read_text(encoding="utf-8")
    session = _project(tmp_path, "tmx-tags.tmx")
    session.edit(1, session.segments()[1].text.replace("fett", "halbfett"), "anna")
    out = export(session, tmp_path / "out.tmx", "tmx").read_text(encoding="utf-8")
    author = re.search(r'<tu tuid="codes" changedate="\d{8}T\d{6}Z" changeid="([^"]*)">', out)
    assert author is not None
    expected = original.replace(
        '<tu tuid="codes" changedate="20200103T140000Z" changeid="carl">',
        f'<tu tuid="codes" changedate="{STAMP}" changeid="{author.group(1)}">').replace(
        "<ut>{\\b}</ut>fett &amp; mehr.", "<ut>{\\b}</ut>halbfett &amp; mehr.")
    assert out == expected


def test_confirming_an_unchanged_target_only_stamps_it(tmp_path: Path) -> None:
    original = (DATA / "tmx-tags.tmx").read_text(encoding="utf-8")
    session = _project(tmp_path, "tmx-tags.tmx")
    session.edit(3, session.segments()[3].text, "anna")  # confirmed as it is: CDATA stays
    out = export(session, tmp_path / "out.tmx", "tmx").read_text(encoding="utf-8")
    assert out == original.replace('<tuv xml:lang="de-DE"><seg><![CDATA[',
                                   f'<tuv xml:lang="de-DE" changedate="{STAMP}" '
                                   f'changeid="{_author(out)}"><seg><![CDATA[')


def _author(out: str) -> str:
    found = re.search(rf'changedate="{STAMP}" changeid="([^"]*)"', out)
    assert found is not None
    return found.group(1)


def test_a_missing_target_is_inserted_after_the_source_with_its_indentation(
        tmp_path: Path) -> None:
    original = (DATA / "tmx-tags.tmx").read_text(encoding="utf-8")
    session = _project(tmp_path, "tmx-tags.tmx")
    session.edit(2, "Noch nichts übersetzt.", "anna")
    out = export(session, tmp_path / "out.tmx", "tmx").read_text(encoding="utf-8")
    source = ('      <tuv xml:lang="en-US">\n        <seg>Nothing translated yet.</seg>\n'
              "      </tuv>")
    assert out == original.replace(source, source + (
        f'\n      <tuv xml:lang="de-DE" changedate="{STAMP}" changeid="{_author(out)}">'
        "<seg>Noch nichts übersetzt.</seg></tuv>"))
    assert reimport(tmp_path / "out.tmx").segments[2].mt == "Noch nichts übersetzt."


def test_a_missing_target_takes_the_spelling_of_the_target_language(tmp_path: Path) -> None:
    session = _project(tmp_path, "tmx-cases.tmx")
    session.edit(4, "Supprimez le fichier.", "anna")
    out = export(session, tmp_path / "out.tmx", "tmx").read_text(encoding="utf-8")
    assert ('<tuv xml:lang="en-us"><seg>Delete the file.</seg></tuv>\n      '
            '<tuv xml:lang="fr-ca" ') in out
    again = reimport(tmp_path / "out.tmx")
    assert again.segments[4].mt == "Supprimez le fichier."
    assert again.metadata["skipped"] == CASES_SKIPPED


def test_utf16_with_crlf_stays_utf16_with_crlf(tmp_path: Path) -> None:
    data = _utf16_crlf()
    session = _project(tmp_path, "utf16.tmx", data)
    session.edit(3, "Zeile 1 & <eins>\nZeile 2", "anna")
    out = export(session, tmp_path / "out.tmx", "tmx").read_bytes()
    assert out.startswith(b"\xff\xfe")
    text = out.decode("utf-16")
    assert "<seg>Zeile 1 &amp; &lt;eins&gt;\r\nZeile 2</seg>" in text
    assert text.count("\r\n") == data.decode("utf-16").count("\r\n")  # one for one
    assert re.search("[^\r]\n", text) is None
    assert reimport(tmp_path / "out.tmx").segments[3].mt == "Zeile 1 & <eins>\nZeile 2"


def test_the_change_author_is_the_reviser_else_the_project_author_else_reviewer() -> None:
    data = (DATA / "memory.tmx").read_bytes()
    document = tmx.read_tmx(data, "memory.tmx")

    def job(properties: dict[str, str], author: str | None = None) -> ExportJob:
        segments = [ExportSegment(i, s.source, s.mt, None, s.mt + " (checked)",
                                     "confirmed" if i == 2 else "new", 0.0, 0.0, 0.0, s.meta,
                                     author)
                    for i, s in enumerate(document.segments)]
        return ExportJob(list(segments), document.layout, {**document.metadata, **properties},
                         ("memory.tmx", "tmx", data))

    assert b'changeid="reviewer"' in tmx.write_tmx(job({}))
    assert b'changeid="Anna &amp; Bob"' in tmx.write_tmx(job({"author": "Anna & Bob"}))
    assert b'changeid="carl"' in tmx.write_tmx(job({"author": "Anna & Bob"}, "carl"))


def test_the_change_author_of_an_export_is_who_confirmed_the_segment(tmp_path: Path) -> None:
    session = _project(tmp_path, "memory.tmx")
    session.edit(0, "first", "anna")
    session.edit(0, "second", "olga")
    session.edit(1, "other", "anna")
    out = export(session, tmp_path / "out.tmx", "tmx").read_text("utf-8")
    assert len(re.findall('changeid="olga"', out)) == 1
    assert len(re.findall('changeid="anna"', out)) == 1


def test_a_carriage_return_and_characters_xml_cannot_hold(tmp_path: Path) -> None:
    session = _project(tmp_path, "memory.tmx")
    session.edit(0, "one\rtwo", "anna")
    export(session, tmp_path / "out.tmx", "tmx")
    assert reimport(tmp_path / "out.tmx").segments[0].mt == "one\rtwo"
    session.edit(0, "bell \x07", "anna")
    with pytest.raises(ReviewerError, match=r"segment 1\b.*U\+0007"):
        export(session, tmp_path / "bad.tmx", "tmx")


def test_edit_export_reimport(tmp_path: Path) -> None:
    session = project_from(tmp_path, "memory.tmx")
    session.edit(1, f"{T0}SOCHI{T1}, 22 October.", "anna")
    session.edit(2, "We act in line with our beliefs and international law.", "anna")
    out = export(session, tmp_path / "out.tmx", "tmx")
    again = reimport(out)
    assert [s.mt for s in again.segments] == [s.text for s in session.segments()]
    assert [s.source for s in again.segments] == [s.source for s in session.segments()]
    root = etree.fromstring(out.read_bytes())
    assert root.find("header").get("creationtool") == "Trados Studio"  # the rest is kept
    assert root.find("body/tu/prop").text == "MachineTranslation"
    assert b'<seg><bpt i="1" type="bold">&lt;b&gt;</bpt>SOCHI<ept i="1">&lt;/b&gt;</ept>, ' \
           b"22 October.</seg>" in out.read_bytes()


def test_tmx_of_source_correction_pairs_from_another_format(tmp_path: Path) -> None:
    session = project_from(tmp_path, "messages.po", langs="ru,en")
    session.edit(1, "SOCHI, 22 October.", "anna")
    out = export(session, tmp_path / "pairs.tmx", "tmx")
    again = reimport(out)
    assert again.metadata == {"source_language": "ru", "target_language": "en",
                              "tmx_reader": "tags"}
    assert [(s.source, s.mt) for s in again.segments] == \
        [(s.source, s.text) for s in session.segments()]
    header = etree.fromstring(out.read_bytes()).find("header")
    assert header.get("srclang") == "ru" and header.get("creationtool") == "reviewer"


def test_a_new_tmx_writes_tags_of_another_format_as_tmx_codes(tmp_path: Path) -> None:
    tags = [InlineTag(1, OPEN, "g", '<g id="1">', nests=True),
            InlineTag(1, CLOSE, "g", "</g>", nests=True), InlineTag(2, CODE, "x", '<x id="2"/>')]
    document = ImportedDocument(
        segments=[ImportedSegment(mt=f"{T0}SOCHI{T1}, October 22.{T2}",
                                  source=f"{T0}СОЧИ{T1}, 22 октября.{T2}",
                                  meta={"tags": tags_data(tags)})],
        layout=line_layout(1), segmentation="units", format="xliff", source_name="a.xlf",
        metadata={"source_language": "ru", "target_language": "en"})
    session = ReviewSession.create(tmp_path / "x.review", document)
    session.edit(0, f"{T0}SOCHI{T1}, 22 October.{T2}", "anna")
    out = export(session, tmp_path / "x.tmx", "tmx")
    etree.fromstring(out.read_bytes())
    assert ('<seg><bpt i="1">&lt;g id="1"&gt;</bpt>SOCHI<ept i="1">&lt;/g&gt;</ept>, '
            '22 October.<ph x="2">&lt;x id="2"/&gt;</ph></seg>') in out.read_text(encoding="utf-8")
    again = reimport(out)
    assert again.segments[0].mt == f"{T0}SOCHI{T1}, 22 October.{T2}"
    assert [t.name for t in tags_of(again.segments[0].meta)] == ["bpt", "ept", "ph"]


def test_a_new_tmx_refuses_a_character_xml_cannot_hold() -> None:
    segment = ExportSegment(0, "a", "b", None, "c\x00", "confirmed", 0.0, 0.0, 0.0, None)
    with pytest.raises(ReviewerError, match="segment 1: holds U\\+0000.*cannot write"):
        tmx.write_tmx(ExportJob([segment], Layout(("", "")), {}, None))


INLINE = ('<?xml version="1.0"?>\n<tmx version="1.1"><header srclang="en"/><body>'
          '<tu><tuv lang="en"><seg>One.</seg></tuv><tuv lang="fr"><seg/></tuv></tu>'
          '<tu><tuv lang="en"><seg>Two.</seg></tuv></tu>'
          '<tu><tuv lang="en"><seg>Three.</seg></tuv><tuv lang="fr"><seg>Trois.</seg></tuv></tu>'
          "</body></tmx>\n")


def test_an_empty_target_seg_and_a_missing_target_of_tmx_11_on_one_line(tmp_path: Path) -> None:
    session = _project(tmp_path, "inline.tmx", INLINE.encode())
    session.edit(0, "Un.", "anna")
    session.edit(1, "Deux.", "anna")
    out = export(session, tmp_path / "out.tmx", "tmx").read_text(encoding="utf-8")
    stamp = f'changedate="{STAMP}" changeid="{_author(out)}"'
    assert out == INLINE.replace(
        '<tuv lang="fr"><seg/></tuv>', f'<tuv lang="fr" {stamp}><seg>Un.</seg></tuv>').replace(
        '<seg>Two.</seg></tuv>', f'<seg>Two.</seg></tuv><tuv lang="fr" {stamp}>'
        "<seg>Deux.</seg></tuv>")
    assert [s.mt for s in reimport(tmp_path / "out.tmx").segments] == ["Un.", "Deux.", "Trois."]


@pytest.mark.parametrize(("langs", "message"), [
    ("en,EN", "names one language twice"),
    ("de,fr", "no language 'de' \\(it holds en, fr\\)"),
])
def test_langs_that_cannot_name_a_pair(tmp_path: Path, langs: str, message: str) -> None:
    path = tmp_path / "inline.tmx"
    path.write_text(INLINE, encoding="utf-8")
    with pytest.raises(ReviewerError, match=message):
        import_document(path, langs=langs)


def test_langs_naming_only_a_primary_language_held_twice_is_ambiguous() -> None:
    with pytest.raises(ReviewerError, match=r"'en' could be en-US, en-GB; name one"):
        import_document(DATA / "tmx-lang-variants.tmx", langs="en,fr")


def test_a_header_srclang_the_units_lack_asks_for_langs(tmp_path: Path) -> None:
    path = tmp_path / "other.tmx"
    path.write_text(INLINE.replace('srclang="en"', 'srclang="de"'), encoding="utf-8")
    with pytest.raises(ReviewerError, match=r"its header's srclang 'de' is none of its languages "
                                            r"\(en, fr\); choose two with --langs"):
        import_document(path)
    assert len(import_document(path, langs="en,fr").segments) == 3
