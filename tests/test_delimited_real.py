"""Real headerless CSV and TSV files (Weblate, OmegaT, Okapi): read as source, target and
notes, and written back byte for byte with only the edited target cells changed."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from fidelity import changed_regions, outside

from reviewer.core.errors import ReviewerError
from reviewer.formats.delimited import delimiter_for, read_delimited
from reviewer.formats.delimited_rewrite import Row, scan
from reviewer.formats.encoding import decode
from reviewer.formats.readers import import_document
from reviewer.formats.structured import file_lines
from reviewer.session import STATUS_CONFIRMED, STATUS_EDITED, ReviewSession

REAL = Path(__file__).parent / "data" / "real"
ENTRIES: list[dict[str, Any]] = [
    entry for entry in json.loads((REAL / "manifest.json").read_text("utf-8"))
    if entry["format"] in ("csv", "tsv")
]


def _id(entry: dict[str, Any]) -> str:
    return str(entry["path"])


def _import_real(path: Path, file_format: str) -> Any:
    return import_document(path, file_format=file_format if path.suffix == ".txt" else None)


def _csv_module_rows(text: str, file_format: str) -> list[list[str]]:
    """The file's rows as the csv module reads them, the way the reader calls it."""
    lines = file_lines(text)
    if file_format == "tsv":
        return list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE, strict=True))
    return list(csv.reader(lines, delimiter=delimiter_for(lines[0], "csv"), strict=True))


def _scanned(text: str, file_format: str) -> list[Row]:
    return scan(text, delimiter_for(file_lines(text)[0], file_format), file_format == "csv")


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_the_scanner_finds_the_cells_the_csv_module_reads(entry: dict[str, Any]) -> None:
    text = decode((REAL / entry["path"]).read_bytes(), entry["path"]).text
    rows = _scanned(text, entry["format"])
    assert [[cell.value for cell in row.cells] for row in rows] == \
        _csv_module_rows(text, entry["format"])
    for row in rows:
        for cell in row.cells:
            raw = text[cell.start:cell.end]
            assert raw == (f'"{cell.value.replace(chr(34), 2 * chr(34))}"' if cell.quoted
                           else cell.value)


@pytest.mark.parametrize(("text", "file_format"), [
    ('a,"b\r\nc",d\r\n\r\n"e ""f""",\n', "csv"),
    ('x;"y;z"\ry;\n', "csv"),
    ('say "hi",b"c\n"only"', "csv"),
    ("a\t\"b\t\\t\n\n\tc\r\nlast", "tsv"),
    ("one\n", "tsv"),
])
def test_the_scanner_agrees_with_the_csv_module_on_tricky_rows(text: str,
                                                               file_format: str) -> None:
    rows = _scanned(text, file_format)
    assert [[cell.value for cell in row.cells] for row in rows] == \
        _csv_module_rows(text, file_format)


def test_headerless_rows_are_source_target_and_notes() -> None:
    okapi = import_document(REAL / "okapi/test02_utf16be.tsv")
    assert [(s.source, s.mt) for s in okapi.segments] == \
        [("entry 1", "trans 1"), ("source 2", "éßÑ￦ target 2")]
    assert (okapi.encoding, okapi.bom, okapi.format) == ("utf-16-be", True, "tsv")
    glossary = import_document(REAL / "omegat/glossary-test.tab")
    assert glossary.segments[2].source == "地球システム"
    assert glossary.segments[2].mt == "System Terre"
    assert glossary.segments[2].meta == {
        "notes": ["https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre"]}
    assert glossary.segments[0].meta is None
    terms = import_document(REAL / "weblate/terms.csv")
    assert (terms.segments[3].source, terms.segments[3].mt) == \
        ("Loading, please wait...", "Načítá se, prosím čekejte")
    quotes = import_document(REAL / "weblate/cs-quotes-escaped.csv")
    assert quotes.segments[0].mt == 'Děkujeme za použití "Weblate".'


def test_a_txt_tsv_is_read_as_tsv_only_when_asked() -> None:
    path = REAL / "omegat/glossary-testUTF16LE.txt"
    assert import_document(path).format == "text"
    document = import_document(path, file_format="tsv")
    assert [(s.source, s.mt, s.meta) for s in document.segments] == [
        ("UTF", "Unicode Transformation Format", {"notes": ["Comment #1"]}),
        ("LE", "Little Endian", {"notes": ["Comment #2"]}),
    ]


def test_notes_are_shown_to_the_editor(tmp_path: Path) -> None:
    document = import_document(REAL / "omegat/glossary-testUTF16LE.txt", file_format="tsv")
    session = ReviewSession.create(tmp_path / "g.review", document)
    try:
        assert ("Note", "Comment #2") in session.segment_context(1)
    finally:
        session.close()


def test_a_missing_or_empty_target_is_an_empty_mt(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_bytes(b"alpha\n\nbeta,\ngamma,,note\n")
    document = import_document(path)
    assert [(s.source, s.mt, s.meta) for s in document.segments] == [
        ("alpha", "", None), ("beta", "", None), ("gamma", "", {"notes": ["note"]})]


def test_semicolons_and_tsv_escapes_in_headerless_files(tmp_path: Path) -> None:
    semicolons = tmp_path / "s.csv"
    semicolons.write_bytes(b'Datei;"Fichier; dossier"\n')
    assert import_document(semicolons).segments[0].mt == "Fichier; dossier"
    tabs = tmp_path / "t.tsv"
    tabs.write_bytes(b"a\\tb\tline\\none\n")
    assert [(s.source, s.mt) for s in import_document(tabs).segments] == \
        [("a\tb", "line\none")]


def test_a_header_still_names_the_columns() -> None:
    assert import_document(REAL.parent / "segments.tsv").segments[0].source is not None
    with pytest.raises(ReviewerError, match="names no mt column"):
        read_delimited(b"source\ttarget_text\nx\ty\n", "h.tsv", "tsv")


@pytest.fixture
def project(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    entry = request.param
    session = ReviewSession.create(tmp_path / "job.review",
                                   _import_real(REAL / entry["path"], entry["format"]))
    yield entry, session
    session.close()


@pytest.mark.parametrize("project", ENTRIES, ids=_id, indirect=True)
def test_an_unedited_export_is_the_input(project: Any, tmp_path: Path) -> None:
    entry, session = project
    out = tmp_path / "out.bin"
    session.export(out, entry["format"])
    assert out.read_bytes() == (REAL / entry["path"]).read_bytes()


@pytest.mark.parametrize("project", ENTRIES, ids=_id, indirect=True)
def test_two_edits_change_only_their_target_cells(project: Any, tmp_path: Path) -> None:
    entry, session = project
    original = (REAL / entry["path"]).read_bytes()
    last = session.segment_count() - 1
    edits = {0: 'Geprüft, "quoted"; ẞ', last: "Zweite Änderung"}
    session.edit(0, edits[0], "tester", STATUS_CONFIRMED)
    session.edit(last, edits[last], "tester", STATUS_EDITED)
    out = tmp_path / "out.bin"
    session.export(out, entry["format"])
    before, after = decode(original, "in"), decode(out.read_bytes(), "out")
    assert (after.encoding, after.bom) == (before.encoding, before.bom)
    rows = [row for row in _scanned(before.text, entry["format"])
            if any(cell.value.strip() for cell in row.cells)]
    allowed = [_target_span(rows[position]) for position in edits]
    regions = changed_regions(before.text, after.text)
    assert regions and outside(regions, allowed) == []
    assert after.text.count("\r\n") == before.text.count("\r\n")
    again = import_document(out, file_format=entry["format"])
    assert [again.segments[position].mt for position in edits] == list(edits.values())
    assert [s.source for s in again.segments] == \
        [s.source for s in _import_real(REAL / entry["path"], entry["format"]).segments]


def _target_span(row: Row) -> tuple[int, int]:
    if len(row.cells) > 1:
        return row.cells[1].start, row.cells[1].end
    return row.end, row.end


def _rewritten(tmp_path: Path, name: str, data: bytes, edits: dict[int, str],
               file_format: str | None = None) -> bytes:
    path = tmp_path / name
    path.write_bytes(data)
    session = ReviewSession.create(tmp_path / f"{name}.review", import_document(path))
    try:
        for position, text in edits.items():
            session.edit(position, text, "tester")
        out = tmp_path / f"out-{name}"
        session.export(out, file_format or path.suffix[1:])
        return out.read_bytes()
    finally:
        session.close()


def test_csv_cells_keep_their_quoting(tmp_path: Path) -> None:
    data = b'"a","x"\r\nb,y\r\nc,y\r\n"d"\r\n'
    assert _rewritten(tmp_path, "q.csv", data,
                      {0: 'say "hi"', 1: "plain", 2: "one, two", 3: "new"}) == \
        b'"a","say ""hi"""\r\nb,plain\r\nc,"one, two"\r\n"d",new\r\n'


def test_a_row_without_target_gets_one_and_tsv_cells_are_escaped(tmp_path: Path) -> None:
    data = b"one\ntwo\tzwei\tnote\nthree"
    assert _rewritten(tmp_path, "g.tab", data, {0: "eins\tI", 2: "drei\\3\nIII"}, "tsv") == \
        b"one\teins\\tI\ntwo\tzwei\tnote\nthree\tdrei\\\\3\\nIII"


def test_a_legacy_encoding_is_kept(tmp_path: Path) -> None:
    data = "Файл,Файл\nПапка,Папка\nОкно,Окно\n".encode("cp1251")
    assert _rewritten(tmp_path, "r.csv", data, {1: "Каталог"}) == \
        "Файл,Файл\nПапка,Каталог\nОкно,Окно\n".encode("cp1251")


def test_rows_after_line_breaks_in_cells_and_blank_lines_are_found(tmp_path: Path) -> None:
    data = b'a,"x\r\ny"\r\n\r\n  \r\n"b\nc",z,"note\n"\r\nd\r\n'
    assert _rewritten(tmp_path, "m.csv", data, {1: "new", 2: "ok"}) == \
        b'a,"x\r\ny"\r\n\r\n  \r\n"b\nc",new,"note\n"\r\nd,ok\r\n'


@pytest.mark.parametrize(("data", "edit"), [
    (b"&About,O &aplikaci\nEdit,Upravit\n", "O aplikaci; verze; licence"),
    (b"Datei;Fichier\nOrdner;Dossier\n", "fichier, dossier, classeur"),
])
def test_an_edited_first_row_does_not_change_the_delimiter(tmp_path: Path, data: bytes,
                                                           edit: str) -> None:
    out = tmp_path / "again.csv"
    out.write_bytes(_rewritten(tmp_path, "d.csv", data, {0: edit}))
    assert [s.mt for s in import_document(out).segments][0] == edit


def test_an_unchanged_value_keeps_its_bytes(tmp_path: Path) -> None:
    data = b'a,b"c\nd,e\n'
    assert _rewritten(tmp_path, "u.csv", data, {0: 'b"c', 1: "f"}) == b'a,b"c\nd,f\n'


def test_a_file_with_a_header_still_exports_the_table(tmp_path: Path) -> None:
    out = _rewritten(tmp_path, "segments.tsv", (REAL.parent / "segments.tsv").read_bytes(),
                     {0: "changed"})
    assert out.startswith(b"index\tsource\tmt\tcorrection\tstatus")
