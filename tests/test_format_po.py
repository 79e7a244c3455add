"""PO: plural forms and contexts in; only msgstr lines and fuzzy flags change on export."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from formats_helpers import DATA, export, project_from, reimport

from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document


def test_plurals_contexts_flags_and_comments() -> None:
    document = import_document(DATA / "messages.po")
    sources = [s.source for s in document.segments]
    assert sources[2:4] == ["%(count)d комментарий", "%(count)d комментариев"]
    assert [s.meta.get("plural") for s in document.segments if s.meta] == \
        [None, None, 0, 1, None, None]
    assert document.segments[0].meta == {"entry": 0, "field": "msgstr", "context": "headline",
                                         "flags": ["fuzzy"],
                                         "comments": ["Headline of the article page"]}
    assert document.segments[4].mt == ("We act in accordance with their beliefs\n"
                                       "and the norms of international law.")
    assert document.segments[5].mt == ""
    assert document.metadata["target_language"] == "en"


def test_unedited_export_is_byte_identical(tmp_path: Path) -> None:
    session = project_from(tmp_path, "messages.po")
    out = export(session, tmp_path / "out.po", "po")
    assert out.read_bytes() == (DATA / "messages.po").read_bytes()


def test_edit_export_reimport_changes_only_msgstr_and_fuzzy(tmp_path: Path) -> None:
    session = project_from(tmp_path, "messages.po")
    session.edit(0, "Putin: the Russian military is acting successfully in Syria, but "
                    "terrorism has not been defeated", "anna")
    session.edit(3, "%(count)d comments!", "anna", status="edited")
    session.edit(4, "We act in line with our beliefs\nand international law.", "anna")
    session.edit(5, "All rights reserved", "anna")
    out = export(session, tmp_path / "out.po", "po")
    again = reimport(out)
    assert [s.mt for s in again.segments] == [s.text for s in session.segments()]
    assert [s.source for s in again.segments] == [s.source for s in session.segments()]
    assert again.segments[0].meta is not None and "flags" not in again.segments[0].meta
    assert again.segments[2].meta is not None
    assert again.segments[2].meta["flags"] == ["fuzzy", "python-format"]
    changed = [line for line in difflib.unified_diff(
        (DATA / "messages.po").read_text(encoding="utf-8").splitlines(),
        out.read_text(encoding="utf-8").splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert all(line[1:].startswith(("msgstr", '"', "#,")) for line in changed), changed
    assert '#~ msgid "Старая строка"' in out.read_text(encoding="utf-8")


def test_po_from_another_format_round_trips(tmp_path: Path) -> None:
    session = project_from(tmp_path, "segments.csv")
    session.edit(2, "We act in line with our beliefs\nand international law.", "anna",
                 status="edited")
    out = export(session, tmp_path / "new.po", "po")
    again = reimport(out)
    assert [(s.source, s.mt) for s in again.segments] == \
        [(s.source, s.text) for s in session.segments()]
    assert again.segments[2].meta is not None and again.segments[2].meta["flags"] == ["fuzzy"]


@pytest.mark.parametrize(("text", "message"), [
    ('msgid "a"\nmsgstr "b\n', "line 2 is not a complete PO string"),
    ('msgid "a"\n', "needs one msgstr"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', r"needs msgstr\[0\]"),
    ('"loose"\n', "line 1 is a string outside any message"),
    ('msgid "a"\nmsgstr "\\q"\n', "unknown escape"),
    ("msgid \"\"\nmsgstr \"\"\n", "holds no segments"),
])
def test_broken_po_names_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewerError, match=message):
        import_document(path)


def test_declared_charset_is_used(tmp_path: Path) -> None:
    text = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=KOI8-R\\n"\n\n'
            'msgid "Привет"\nmsgstr "Hello"\n')
    path = tmp_path / "koi.po"
    path.write_bytes(text.encode("koi8-r"))
    document = import_document(path)
    assert document.encoding == "koi8-r" and document.segments[0].source == "Привет"
