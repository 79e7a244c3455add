"""Export targets: one registry of formats, extensions, what a project can produce, CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_helpers import run
from formats_helpers import DATA, project_from
from hypothesis import given
from hypothesis import strategies as st
from tagged_project import C1, C2, MT_1, MT_1_NOTATION, MT_2_NOTATION, O1, O2, X3, tagged_document

from reviewer.cli import _command_parser
from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.core.tags import to_notation
from reviewer.formats.cell_tags import read_notation
from reviewer.formats.readers import import_document
from reviewer.formats.structured import line_layout
from reviewer.formats.writers import FORMATS, export_formats, format_for
from reviewer.session import ReviewSession

EDITED_1 = f"{O1}SOCHI{C1}, {O2}22{C2} October.{X3}"


def _export_choices() -> list[str]:
    parser = _command_parser()
    export = parser._subparsers._group_actions[0].choices["export"]  # type: ignore[union-attr]
    action = next(a for a in export._actions if a.dest == "format")
    return list(action.choices)


def test_one_registry_feeds_the_format_choices() -> None:
    assert _export_choices() == list(export_formats()) == [spec.name for spec in FORMATS]
    assert set(export_formats()) == {"text", "tsv", "csv", "xliff", "tmx", "po", "jsonl",
                                     "mqm-tsv"}


@pytest.mark.parametrize(("name", "chosen"), [
    ("job.sdlxliff", "xliff"), ("job.mqxliff", "xliff"), ("job.xlf", "xliff"),
    ("job.XLIFF", "xliff"), ("rows.csv", "csv"), ("rows.tsv", "tsv"), ("doc.txt", "text"),
    ("memory.tmx", "tmx"), ("ru.po", "po"), ("messages.pot", "po"), ("qe.jsonl", "jsonl"),
])
def test_extensions_the_importer_knows_name_their_format(name: str, chosen: str) -> None:
    assert format_for(name) == chosen


@pytest.mark.parametrize("name", ["out.docx", "out", "out.xml", "out.json"])
def test_an_unknown_extension_is_refused_with_the_formats(
        name: str, tmp_path: Path, seed_project: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", seed_project, tmp_path / name)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "text (.txt" in err and "csv (.csv)" in err and "xliff (.xlf" in err
    assert not (tmp_path / name).exists()
    code, out, _ = run(capsys, "export", seed_project, tmp_path / name, "--format", "text")
    assert code == 0 and "(text," in out


def test_a_project_offers_only_the_formats_it_can_produce(tmp_path: Path,
                                                          seed_project: Path) -> None:
    plain = ReviewSession.open(seed_project, read_only=True)
    assert plain.export_formats() == [
        ("text", "Plain text", ".txt"),
        ("tsv", "Tab-separated values (TSV)", ".tsv"),
        ("csv", "Comma-separated values (CSV)", ".csv"),
        ("jsonl", "JSON Lines (source, MT, post-edit, HTER)", ".jsonl"),
        ("mqm-tsv", "MQM annotations (WMT TSV)", ".mqm.tsv"),
    ]
    with pytest.raises(ReviewerError, match="needs source text .*export one of: text, tsv, "
                                            "csv, jsonl, mqm-tsv"):
        plain.export(tmp_path / "out.xlf")
    plain.close()
    with_source = ReviewSession.create(tmp_path / "s.review", tagged_document())
    assert [name for name, _, _ in with_source.export_formats()] == \
        ["text", "tsv", "csv", "xliff", "tmx", "po", "jsonl", "mqm-tsv"]
    with_source.close()


def test_an_sdlxliff_original_exports_into_its_own_format(tmp_path: Path) -> None:
    original = tmp_path / "job.sdlxliff"
    original.write_bytes((DATA / "job.xlf").read_bytes())
    session = ReviewSession.create(tmp_path / "p.review", import_document(original))
    assert ("xliff", "XLIFF", ".sdlxliff") in session.export_formats()
    assert session.export(tmp_path / "job-corrected.sdlxliff") == "xliff"
    assert b"<xliff" in (tmp_path / "job-corrected.sdlxliff").read_bytes()
    session.close()


def test_csv_export_has_the_tsv_columns_quoted_as_rfc_4180(tmp_path: Path) -> None:
    session = project_from(tmp_path, "segments.csv")
    session.edit(2, 'We act, "as one"\nand in line with the law.', "anna")
    session.export(tmp_path / "rows.csv")
    session.export(tmp_path / "rows.tsv")
    data = (tmp_path / "rows.csv").read_bytes()
    header = (tmp_path / "rows.tsv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert data.startswith(header.replace("\t", ",").encode() + b"\r\n")
    assert b'"We act, ""as one""\nand in line with the law."' in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[3][3] == 'We act, "as one"\nand in line with the law.'
    again = import_document(tmp_path / "rows.csv")
    assert [s.correction for s in again.segments][2] == session.segment(2).text
    session.close()


@pytest.mark.parametrize("name", ["rows.tsv", "rows.csv"])
def test_exports_keep_the_reference_column(tmp_path: Path, name: str) -> None:
    session = project_from(tmp_path, "segments.tsv")
    session.export(tmp_path / name)
    again = import_document(tmp_path / name)
    assert [s.reference for s in again.segments] == [s.reference for s in session.segments()]
    session.close()
    plain = ReviewSession.create(tmp_path / "plain.review", import_document(DATA / "mt.en.txt"))
    plain.export(tmp_path / f"plain-{name}")
    assert "reference" not in (tmp_path / f"plain-{name}").read_text(encoding="utf-8")
    plain.close()


@pytest.mark.parametrize("name", ["rows.tsv", "rows.csv"])
def test_an_empty_correction_stays_empty_after_a_round_trip(tmp_path: Path, name: str) -> None:
    session = project_from(tmp_path, "segments.tsv")
    session.edit(1, "", "anna")
    session.export(tmp_path / name)
    session.close()
    again = import_document(tmp_path / name)
    assert again.segments[1].correction == ""
    assert again.segments[2].correction == again.segments[2].mt  # never touched
    reopened = ReviewSession.create(tmp_path / "again.review", again)
    assert [s.text for s in reopened.segments()][1] == ""
    reopened.close()


def test_an_empty_cell_without_a_status_column_is_no_correction(tmp_path: Path) -> None:
    path = tmp_path / "job.tsv"
    path.write_text("source\tmt\tcorrection\nа\tb\t\nв\tc\td\n", encoding="utf-8")
    assert [s.correction for s in import_document(path).segments] == [None, "d"]


def test_text_export_leaves_tags_out_and_tables_write_the_notation(tmp_path: Path) -> None:
    session = ReviewSession.create(tmp_path / "t.review", tagged_document())
    session.edit(0, EDITED_1, "anna")
    for name in ("out.txt", "out.tsv", "out.csv", "out.jsonl"):
        session.export(tmp_path / name)
    session.close()
    lines = (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["SOCHI, 22 October.", "Type <1> in the box now"]
    tsv = (tmp_path / "out.tsv").read_text(encoding="utf-8").splitlines()
    edited = "<1>SOCHI</1>, <2>22</2> October.<3/>"
    assert tsv[1].split("\t")[2:4] == [MT_1_NOTATION, edited]
    assert tsv[2].split("\t")[2] == MT_2_NOTATION.replace("\\", "\\\\")  # TSV's own escape
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"),
                                       newline="")))
    assert rows[1][2:4] == [MT_1_NOTATION, edited] and rows[2][2] == MT_2_NOTATION
    assert rows[1][-1] == "<1>SOCHI</1>, <2>22</2> October.<3/>"  # the reference
    first = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert (first["mt"], first["pe"]) == (MT_1_NOTATION, edited)


def test_every_format_of_a_project_without_tags_still_writes(tmp_path: Path) -> None:
    document = ImportedDocument(
        segments=[ImportedSegment(mt="a, b", source="x"), ImportedSegment(mt="c", source="y")],
        layout=line_layout(2), segmentation="lines")
    session = ReviewSession.create(tmp_path / "p.review", document)
    for name, _label, extension in session.export_formats():
        assert session.export(tmp_path / f"out{extension}") == name
    session.close()


@pytest.mark.parametrize("name", ["rows.tsv", "rows.csv"])
def test_a_tagged_export_reads_back_with_its_tags(tmp_path: Path, name: str) -> None:
    session = ReviewSession.create(tmp_path / "t.review", tagged_document())
    session.edit(0, f"{O1}SOCHI{C1}, 22 October.{X3}", "anna")  # <2> and </2> missing
    session.export(tmp_path / name)
    before = [(session.notation(s.position, s.source or ""), session.notation(s.position, s.mt),
               session.notation(s.position, s.text)) for s in session.segments()]
    problems = [(p, problem.message) for p, problem in session.all_tag_problems()]
    session.close()
    again = ReviewSession.create(tmp_path / "again.review", import_document(tmp_path / name))
    assert [(again.notation(s.position, s.source or ""), again.notation(s.position, s.mt),
             again.notation(s.position, s.text)) for s in again.segments()] == before
    assert again.segment(0).mt == MT_1  # the tags are tags again, not text
    assert [(p, problem.message) for p, problem in again.all_tag_problems()] == problems
    again.close()


def test_literal_placeholders_of_a_project_without_tags_read_back_as_text(
        tmp_path: Path) -> None:
    session = project_from(tmp_path, "segments.tsv")
    text = "a <1> b \\<2/> c\\ </3> <b>"
    session.edit(0, text, "anna")
    session.export(tmp_path / "rows.tsv")
    session.close()
    again = import_document(tmp_path / "rows.tsv")
    assert again.segments[0].correction == text and again.segments[0].meta is None


@given(st.lists(st.sampled_from(["a", " ", "<", ">", "/", "\\", "1", "2"]), max_size=24)
       .map("".join))
def test_text_without_tags_reads_back_from_its_notation(text: str) -> None:
    assert read_notation({"mt": to_notation(text, [])}, "row") == ({"mt": text}, {})


def test_a_project_that_kept_markup_as_text_is_not_exported_escaped(tmp_path: Path) -> None:
    import sqlite3

    session = project_from(tmp_path, "omegat.xlf")
    path = session.path
    session.close()
    with sqlite3.connect(path) as db:  # as an older reviewer made it: tags as markup text
        db.execute("DELETE FROM properties WHERE name = 'xliff_reader'")
        db.execute("UPDATE segments SET mt = '<g id=\"b1\" ctype=\"bold\">SOCHI</g>' "
                   "WHERE position = 0")
    db.close()
    old = ReviewSession.open(path)
    try:
        with pytest.raises(ReviewerError, match="earlier reviewer.*import the XLIFF file again"):
            old.export(tmp_path / "out.xlf", "xliff")
        assert not (tmp_path / "out.xlf").exists()
        old.export(tmp_path / "out.tsv", "tsv")  # a table is still fine
    finally:
        old.close()


def test_a_tmx_project_of_an_earlier_reader_is_not_exported_escaped(tmp_path: Path) -> None:
    import sqlite3

    session = project_from(tmp_path, "memory.tmx")
    path = session.path
    session.close()
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM properties WHERE name = 'tmx_reader'")
    db.close()
    old = ReviewSession.open(path)
    try:
        old.edit(0, "<bpt i=\"1\">&lt;b&gt;</bpt>SOCHI", "anna")
        with pytest.raises(ReviewerError, match="earlier reviewer.*import the TMX file again"):
            old.export(tmp_path / "out.tmx", "tmx")
        assert not (tmp_path / "out.tmx").exists()
    finally:
        old.close()
