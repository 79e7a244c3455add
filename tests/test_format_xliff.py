"""XLIFF 1.2, 2.0, Trados, memoQ, MadCap: protected tags and context in, the original bytes out."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from fidelity import outside
from formats_helpers import DATA, export, project_from, reimport
from lxml import etree
from xliff_jobs import allowed_regions, changed_spans, export_with, text_of

from reviewer.core.document import ImportedDocument, Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.tags import CLOSE, CODE, OPEN, InlineTag, tag_char, tags_data, tags_of
from reviewer.formats.writers import ExportJob, ExportSegment
from reviewer.formats.xliff import read_xliff, write_xliff

T0, T1, T2, T3 = (tag_char(index) for index in range(4))
SAMPLES = ["omegat.xlf", "job.xlf", "xliff/segmented.xlf", "xliff/robust.xlf",
           "xliff/trados.sdlxliff", "xliff/memoq.mqxliff", "xliff/madcap.xlf"]


def _read(name: str) -> ImportedDocument:
    return read_xliff((DATA / name).read_bytes(), name)


def _export(name: str, edits: dict[int, tuple[str, str]]) -> tuple[bytes, bytes]:
    data = (DATA / name).read_bytes()
    return data, export_with(data, name, edits)[1]


def _only_allowed_changes(name: str, data: bytes, out: bytes, positions: list[int]) -> None:
    regions = changed_spans(text_of(data, name), text_of(out, name))
    assert regions, "the export changed nothing"
    assert outside(regions, allowed_regions(data, name, positions)) == []
    etree.fromstring(out)


# --- reading ---------------------------------------------------------------------------

def test_inline_codes_are_protected_tags_with_their_markup_in_meta() -> None:
    document = _read("omegat.xlf")
    second = document.segments[1]
    assert second.source == f"{T0}СОЧИ{T1}, 22 октября."
    assert second.mt == f"{T0}SOCHI{T1}, October 22."
    assert tags_of(second.meta) == [
        InlineTag(1, OPEN, "g", '<g id="b1" ctype="bold">', nests=True),
        InlineTag(1, CLOSE, "g", "</g>", nests=True)]
    third = document.segments[2]
    assert third.mt == f"We act in accordance with their beliefs{T0} and the norms of " \
        "international law."
    assert tags_of(third.meta) == [InlineTag(1, CODE, "x", '<x id="fn1" ctype="x-footnote"/>')]


def test_xliff_12_context_ids_file_state_and_notes_are_in_meta() -> None:
    document = _read("omegat.xlf")
    assert document.segments[0].meta == {
        "id": "1", "resname": "title", "file": "valdai.html",
        "state": "needs-review-translation", "notes": ["Headline: keep it short."]}
    assert document.metadata == {"source_language": "ru-RU", "target_language": "en-US",
                                 "xliff_version": "1", "xliff_reader": "tags"}


def test_translate_no_units_are_read_only_segments_and_bare_tags_are_left_out() -> None:
    omegat = _read("omegat.xlf")
    assert len(omegat.segments) == 5
    assert omegat.segments[3].meta is not None and omegat.segments[3].meta["translate"] == "no"
    assert omegat.segments[3].mt == "РИА Новости"
    robust = _read("xliff/robust.xlf")
    locked = [s for s in robust.segments if (s.meta or {}).get("translate") == "no"]
    # the group's translate="no" holds for its unit; unit e is only a tag: nothing to read
    assert [(s.meta or {})["id"] for s in locked] == ["d"]


def test_comments_pis_cdata_empty_and_missing_targets_and_preserved_space() -> None:
    segments = _read("xliff/robust.xlf").segments
    assert [s.source for s in segments] == [
        f"Заголовок {T0} страницы", "Пусто", "Без перевода & цели", "РИА Новости",
        "  Два  пробела  "]
    assert [s.mt for s in segments] == ["Page <title>", "", "", "RIA Novosti",
                                        "  Two  spaces  "]
    assert tags_of(segments[0].meta) == [
        InlineTag(1, CODE, "#comment", "<!-- inside the source -->")]
    assert segments[0].meta is not None and segments[0].meta["notes"] == ["Shown in the tab."]


def test_seg_source_marks_are_segments_with_mt_from_the_matching_target_mark() -> None:
    segments = _read("xliff/segmented.xlf").segments
    assert [(s.source, s.mt) for s in segments] == [
        (f"Путин прибыл в {T0}Сочи{T1}.", f"Putin arrived to {T0}Sochi{T1}."),
        ("Встреча началась.", "The meeting began."),
        ("Первое.", "First."), ("Второе.", ""), ("Конец.", "")]
    assert segments[1].meta == {"id": "1", "resname": "lead", "file": "news.html", "mid": "1",
                                "state": "needs-translation",
                                "notes": ["Two sentences in one paragraph."]}


def test_xliff_20_segments_ids_states_notes() -> None:
    document = _read("job.xlf")
    assert document.metadata["xliff_version"] == "2"
    assert document.segments[0].meta == {"id": "u1", "resname": "headline",
                                         "file": "valdai.docx", "segment": "s1",
                                         "state": "initial", "notes": ["Headline style."]}
    assert document.segments[1].mt == f"{T0}SOCHI{T1}, October 22."
    assert tags_of(document.segments[1].meta)[0].markup == \
        '<pc id="1" dataRefStart="d1" dataRefEnd="d2">'


def test_trados_conf_comments_and_locked_segments() -> None:
    document = _read("xliff/trados.sdlxliff")
    assert document.metadata["xliff_tool"] == "sdl"
    segments = document.segments
    assert [s.source for s in segments] == [f"Путин: {T0}СОЧИ{T1}, 22 октября.", "Первое.",
                                            "Второе.", "Третье."]
    assert segments[0].mt == f"Putin: {T0}SOCHI{T1}, {T2}October 22{T3}."
    meta = [s.meta or {} for s in segments]
    assert meta[0]["state"] == "Draft" and meta[0]["notes"] == ["Check the date format."]
    assert meta[0]["file"] == "C:\\jobs\\valdai.docx"
    assert "state" not in meta[1] and meta[2]["state"] == "Translated"
    assert meta[2]["translate"] == "no"  # <sdl:seg locked="true">
    assert [s.mt for s in segments[1:]] == ["", "Second.", ""]


def test_memoq_and_madcap_statuses_are_the_file_states() -> None:
    memoq = _read("xliff/memoq.mqxliff")
    assert [(s.meta or {}).get("state") for s in memoq.segments] == [
        "MachineTranslated", "NotStarted", "ManuallyConfirmed", "NotStarted"]
    assert (memoq.segments[2].meta or {}).get("translate") == "no"  # mq:locked="locked"
    assert "context" not in (memoq.segments[3].meta or {})  # memoQ's structural context
    madcap = _read("xliff/madcap.xlf")
    assert [(s.meta or {}).get("state") for s in madcap.segments] == ["Untranslated"] * 2
    assert madcap.segments[0].source == f"Open the {T0}Review tool."


def test_private_tag_characters_in_a_file_are_refused_with_the_segment() -> None:
    data = (DATA / "omegat.xlf").read_bytes().replace("Сирии".encode(),
                                                      tag_char(0).encode())
    with pytest.raises(ReviewerError, match="segment 1: holds characters of the private"):
        read_xliff(data, "x.xlf")


# --- writing: byte fidelity ------------------------------------------------------------

@pytest.mark.parametrize("name", SAMPLES)
def test_an_unedited_export_is_the_original_bytes(name: str) -> None:
    data, out = _export(name, {})
    assert out == data


@pytest.mark.parametrize("name", [name for name in SAMPLES if "madcap" not in name])
def test_an_untouched_confirmation_changes_at_most_the_status(name: str) -> None:
    data = (DATA / name).read_bytes()
    document = read_xliff(data, name)
    first = next(i for i, s in enumerate(document.segments)
                 if (s.meta or {}).get("translate") != "no" and s.mt)
    out = export_with(data, name, {first: (document.segments[first].mt, "confirmed")})[1]
    assert len(out) - len(data) < 40
    again = read_xliff(out, name)
    assert [s.mt for s in again.segments] == [s.mt for s in document.segments]


def test_utf16_stays_utf16_and_crlf_stays_crlf() -> None:
    text = (DATA / "xliff/robust.xlf").read_bytes().decode().replace("'UTF-8'", "'UTF-16'")
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert export_with(data, "u.xlf", {})[1] == data
    out = export_with(data, "u.xlf", {1: ("Empty\nor not", "confirmed"),
                                      2: ("Без & цели", "edited")})[1]
    assert out.startswith(codecs.BOM_UTF16_LE)
    decoded = out[2:].decode("utf-16-le")
    assert "<target state=\"translated\">Empty\r\nor not</target>" in decoded
    assert decoded.count("\n") == decoded.count("\r\n")
    _only_allowed_changes("u.xlf", data, out, [1, 2])


def test_edited_targets_keep_their_tags_and_everything_else_stays() -> None:
    data, out = _export("omegat.xlf", {1: (f"{T0}SOCHI{T1}, 22 October & <more>.", "confirmed"),
                                       2: ("We act as we believe.", "edited")})
    text = out.decode("utf-8")
    assert ('<target xml:lang="en-US" state="translated"><g id="b1" ctype="bold">SOCHI</g>, '
            "22 October &amp; &lt;more&gt;.</target>") in text
    assert ('<target xml:lang="en-US" state="needs-review-translation">We act as we believe.'
            "</target>") in text
    _only_allowed_changes("omegat.xlf", data, out, [1, 2])


def test_a_missing_target_is_inserted_after_the_source_with_its_indentation() -> None:
    data, out = _export("omegat.xlf", {4: ("Terrorism & extremism", "confirmed")})
    assert ('        <source xml:lang="ru-RU">Терроризм &amp; экстремизм &lt;не пройдут&gt;.'
            '</source>\n        <target xml:lang="en-US" state="translated">Terrorism &amp; '
            "extremism</target>\n      </trans-unit>") in out.decode()
    _only_allowed_changes("omegat.xlf", data, out, [4])


def test_targets_get_xml_lang_only_where_the_files_targets_have_it() -> None:
    data, out = _export("xliff/robust.xlf", {2: ("No target", "edited")})
    assert ("    <source>Без перевода &amp; цели</source>\r\n"
            "    <target state='needs-review-translation'>No target</target>\r\n") \
        .replace("'", '"') in out.decode()
    _only_allowed_changes("xliff/robust.xlf", data, out, [2])


def test_an_empty_target_element_is_opened_and_cdata_is_replaced() -> None:
    data, out = _export("xliff/robust.xlf", {0: ("Page <title> & more", "confirmed"),
                                             1: ("Empty", "confirmed")})
    text = out.decode()
    assert "<target state='translated'>Page &lt;title&gt; &amp; more</target>" in text
    assert '<target state="translated">Empty</target>' in text
    assert "<?review by=\"anna\"?>" in text and "<!-- a comment before the target -->" in text
    _only_allowed_changes("xliff/robust.xlf", data, out, [0, 1])


def test_preserved_space_is_written_as_it_is() -> None:
    data, out = _export("xliff/robust.xlf", {4: ("  Two\n spaces ", "confirmed")})
    assert read_xliff(out, "r.xlf").segments[4].mt == "  Two\n spaces "
    assert '<target state="translated">  Two\r\n spaces </target>' in out.decode()


def test_seg_marks_are_written_into_the_matching_target_mark() -> None:
    data, out = _export("xliff/segmented.xlf", {
        0: (f"Putin came to {T0}Sochi{T1}.", "confirmed"), 1: ("The talks began.", "edited")})
    assert ('<target xml:lang="en-GB" state="needs-review-translation"><mrk mid="0" '
            'mtype="seg">Putin came to <g id="1">Sochi</g>.</mrk> <mrk mid="1" mtype="seg">'
            "The talks began.</mrk></target>") in out.decode()
    _only_allowed_changes("xliff/segmented.xlf", data, out, [0, 1])


def test_a_missing_target_mark_is_made_from_seg_source() -> None:
    data, out = _export("xliff/segmented.xlf", {3: ("Second.", "confirmed"),
                                                4: ("The end.", "confirmed")})
    text = out.decode()
    # the unit's state waits for its first segment, still untouched
    assert ('<target xml:lang="en-GB"><mrk mid="0" mtype="seg">First.</mrk> '
            '<mrk mid="1" mtype="seg">Second.</mrk></target>') in text
    assert ('<seg-source><g id="1"><mrk mid="0" mtype="seg">Конец.</mrk></g></seg-source>\n'
            '<target xml:lang="en-GB" state="translated"><g id="1"><mrk mid="0" mtype="seg">'
            "The end.</mrk></g></target>\n</trans-unit>") in text
    _only_allowed_changes("xliff/segmented.xlf", data, out, [3, 4])
    again = read_xliff(out, "s.xlf")
    assert [s.mt for s in again.segments][2:] == ["First.", "Second.", "The end."]


def test_a_unit_state_waits_for_all_its_segments() -> None:
    _, out = _export("xliff/segmented.xlf", {0: ("Putin came.", "confirmed")})
    assert '<target xml:lang="en-GB" state="needs-translation">' in out.decode()
    _, out = _export("xliff/segmented.xlf", {0: ("Putin came.", "confirmed"),
                                             1: ("Talks.", "imported")})
    assert '<target xml:lang="en-GB" state="translated">' in out.decode()


# --- writing: each tool's status ---------------------------------------------------------

def test_xliff_20_state_is_on_the_segment() -> None:
    data, out = _export("job.xlf", {0: ("Putin: troops succeed", "confirmed"),
                                    2: ("We act as we believe.", "edited"),
                                    3: ("The end.", "confirmed")})
    text = out.decode()
    assert '<segment id="s1" state="translated">' in text
    assert '<segment id="s3" state="initial">' in text
    assert ("        <source>Конец.</source>\n        <target>The end.</target>\n"
            '      </segment>') in text
    _only_allowed_changes("job.xlf", data, out, [0, 2, 3])


def test_trados_conf_changes_and_no_xliff_state_is_added() -> None:
    name = "xliff/trados.sdlxliff"
    data, out = _export(name, {0: (f"Putin: {T0}SOCHI{T1}, {T2}22 October{T3}.", "confirmed"),
                               1: ("First.", "edited"), 3: ("Third.", "confirmed")})
    assert out.startswith(codecs.BOM_UTF8)
    text = out.decode("utf-8-sig")
    assert '<sdl:seg id="1" conf="Translated" origin="mt" origin-system="nmt">' in text
    assert '<sdl:seg id="2" conf="Draft"/>' in text
    assert '<sdl:seg id="4" conf="Translated"/>' in text
    assert ('<target><mrk mtype="seg" mid="2">First.</mrk> <mrk mtype="seg" mid="3">Second.'
            "</mrk></target>") in text
    assert ('<seg-source><mrk mtype="seg" mid="4">Третье.</mrk></seg-source><target>'
            '<mrk mtype="seg" mid="4">Third.</mrk></target><sdl:seg-defs>') in text
    assert "state=" not in text
    _only_allowed_changes(name, data, out, [0, 1, 3])


def test_a_locked_segment_is_never_written() -> None:
    _, out = _export("xliff/trados.sdlxliff", {2: ("Changed anyway.", "confirmed")})
    assert out == (DATA / "xliff/trados.sdlxliff").read_bytes()


def test_memoq_status_is_on_the_trans_unit() -> None:
    name = "xliff/memoq.mqxliff"
    data, out = _export(name, {0: (f"{T0}SOCHI{T1}, 22 October.", "confirmed"),
                               1: ("Second.", "edited"), 3: ("No target.", "confirmed")})
    text = out.decode("utf-8-sig")
    assert '<trans-unit id="1" mq:status="ManuallyConfirmed" mq:segmentguid="a1"' in text
    assert '<trans-unit id="2" mq:status="PartiallyEdited" mq:segmentguid="a2">' in text
    assert ('<bpt id="1" ctype="bold">{}</bpt>SOCHI<ept id="1">{}</ept>, 22 October.</target>'
            in text)
    assert ('<source xml:space="preserve" mq:segpart="4">Без цели.</source>\n'
            '<target xml:space="preserve">No target.</target>\n<context-group>') in text
    assert "state=" not in text
    _only_allowed_changes(name, data, out, [0, 1, 3])


def test_madcap_segment_status_is_on_the_target_mark() -> None:
    name = "xliff/madcap.xlf"
    data, out = _export(name, {0: (f"Откройте {T0}инструмент.", "confirmed"),
                               1: ("Увеличьте.", "edited")})
    text = out.decode()
    assert ('<target state="translated">\n\t\t\t\t\t<mrk mtype="seg" mid="1" '
            'MadCap:segmentStatus="Translated" MadCap:matchPercent="0">Откройте <ph id="1">'
            "&lt;b/&gt;</ph>инструмент.</mrk>") in text
    assert ('<target state="needs-review-translation">\n\t\t\t\t\t<mrk mtype="seg" mid="1" '
            'MadCap:segmentStatus="Untranslated" MadCap:matchPercent="0">Увеличьте.</mrk>'
            in text)
    _only_allowed_changes(name, data, out, [0, 1])


# --- writing: errors and new files -------------------------------------------------------

def test_tags_that_would_break_markup_name_the_segment() -> None:
    with pytest.raises(ReviewerError, match="^segment 2: tag <1> is not closed"):
        _export("omegat.xlf", {1: (f"{T0}SOCHI, 22 October.", "confirmed")})


def test_a_project_of_an_earlier_reader_is_refused_not_written_with_escaped_tags() -> None:
    data = (DATA / "omegat.xlf").read_bytes()
    document = read_xliff(data, "omegat.xlf")
    old = {k: v for k, v in document.metadata.items() if k != "xliff_reader"}
    segments = [ExportSegment(i, s.source, s.mt, None, '<g id="b1">SOCHI</g>', "confirmed",
                              0.0, 0.0, 0.0, None) for i, s in enumerate(document.segments)]
    job = ExportJob(segments, document.layout, old, ("omegat.xlf", "xliff", data))
    with pytest.raises(ReviewerError, match="earlier reviewer .* import the XLIFF file again"):
        write_xliff(job)


def test_a_character_xml_or_the_reader_cannot_take_back_names_the_segment() -> None:
    with pytest.raises(ReviewerError, match="^segment 3: holds U\\+0001, which XML cannot"):
        _export("omegat.xlf", {2: ("We\x01 act.", "confirmed")})
    with pytest.raises(ReviewerError, match="^segment 3: holds U\\+10F001, of the private"):
        _export("omegat.xlf", {2: (f"We act{T0}{T1}", "confirmed")})
    lone_return = _export("omegat.xlf", {2: ("We\ract.", "confirmed")})[1]
    assert read_xliff(lone_return, "o.xlf").segments[2].mt == "We\ract."


def test_a_new_xliff_writes_tags_as_markup_and_preserves_space() -> None:
    tags = [InlineTag(1, OPEN, "g", '<g id="1">', nests=True),
            InlineTag(1, CLOSE, "g", "</g>", nests=True),
            InlineTag(2, CODE, "bpt", '<bpt i="1">&lt;b&gt;</bpt>')]
    meta = {"tags": tags_data(tags)}
    segments = [ExportSegment(0, f"{T0}СОЧИ{T1}{T2}", "mt", None, f" {T0}SOCHI{T1}\n{T2} ",
                              "confirmed", 0.0, 0.0, 0.0, meta)]
    for original, expected in (
            (None, '<target state="translated"> <g id="1">SOCHI</g>\n<bpt i="1">&lt;b&gt;'),
            (("m.tmx", "tmx", b""), '<target state="translated"> <bpt id="1">&lt;g id="1"&gt;'
                                    '</bpt>SOCHI<ept id="1">&lt;/g&gt;</ept>\n<ph id="2">')):
        job = ExportJob(segments, Layout(("", "")), {"source_language": "ru"}, original)
        out = write_xliff(job)
        assert expected in out.decode()
        again = read_xliff(out, "new.xlf").segments[0]
        assert again.mt == f" {T0}SOCHI{T1}\n{T2} "


def test_a_project_exports_into_its_trados_file(tmp_path: Path) -> None:
    name = "xliff/trados.sdlxliff"
    (tmp_path / "xliff").mkdir()
    session = project_from(tmp_path, name)
    assert session.segment_locked(2)
    session.edit(1, "First.", "anna")
    session.edit(0, f"Putin: {T0}SOCHI{T1}, {T2}22 October{T3}.", "anna", status="edited")
    out = export(session, tmp_path / "out.sdlxliff", "xliff")
    again = reimport(out)
    assert [s.mt for s in again.segments] == [f"Putin: {T0}SOCHI{T1}, {T2}22 October{T3}.",
                                              "First.", "Second.", ""]
    assert [(s.meta or {}).get("state") for s in again.segments] == [
        "Draft", "Translated", "Translated", None]
    data = (DATA / name).read_bytes()
    _only_allowed_changes(name, data, out.read_bytes(), [0, 1])
