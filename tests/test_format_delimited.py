"""TSV and CSV with a header: columns by name, rows as segments."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_helpers import DATA, export, project_from, reimport

from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document


def test_tsv_columns_by_name_and_corrections_as_first_revisions(tmp_path: Path) -> None:
    session = project_from(tmp_path, "segments.tsv")
    segments = session.segments()
    assert segments[0].reference is not None and segments[0].reference.startswith("Putin: Russ")
    assert [s.status for s in segments] == ["imported", "imported", "new"]
    assert [r.author for r in session.history()] == ["import", "import"]


def test_csv_quotes_commas_and_line_breaks() -> None:
    document = import_document(DATA / "segments.csv")
    assert document.format == "csv"
    assert document.segments[2].mt == ('We act in accordance with their beliefs\n'
                                       'and the norms of "international" law.')


def test_tsv_export_reads_back(tmp_path: Path) -> None:
    session = project_from(tmp_path, "segments.csv")
    session.edit(2, "We act\tin line with our beliefs\nand international law \\o/", "anna")
    again = reimport(export(session, tmp_path / "rows.tsv", "tsv"))
    assert [(s.source, s.mt) for s in again.segments] == \
        [(s.source, s.mt) for s in session.segments()]
    assert [s.correction for s in again.segments] == [s.text for s in session.segments()]


def test_content_decides_without_an_extension(tmp_path: Path) -> None:
    path = tmp_path / "job"
    path.write_bytes((DATA / "segments.tsv").read_bytes())
    assert import_document(path).format == "tsv"


@pytest.mark.parametrize(("text", "message"), [
    ("source\tmt\nа\tb\tc\n", "line 2 has 3 cells, the header has 2"),
    ("source\ttarget_text\nа\tb\n", "names no mt column"),
    ("source,mt\n\"open,b\n", "line"),
])
def test_bad_rows_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    suffix = ".csv" if "," in text else ".tsv"
    path = tmp_path / f"bad{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewerError, match=message):
        import_document(path)
