"""Comments on segments: kept like revisions, listed, resolved, and exported as notes."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import polib
import pytest
from cli_helpers import run
from formats_helpers import project_from
from lxml import etree
from old_project import old_project

from reviewer.core.comments import MAX_COMMENT
from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document
from reviewer.session import ReviewSession
from reviewer.store.schema import MIGRATIONS, SCHEMA_VERSION

DATA = Path(__file__).parent / "data"
NS12 = "{urn:oasis:names:tc:xliff:document:1.2}"
NS20 = "{urn:oasis:names:tc:xliff:document:2.0}"


# -- store and session ---------------------------------------------------------------------


def test_a_comment_is_added_listed_per_segment_and_for_the_project(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    first = session.add_comment(2, "  Check the date against the source.  ", "anna")
    second = session.add_comment(0, "Headline: shorter?", "boris")
    assert (first.position, first.text, first.author, first.resolved) == (
        2, "Check the date against the source.", "anna", False)
    assert first.revisions == 1 and first.updated_at == first.created_at
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", first.created_at)
    assert [c.id for c in session.comments(2)] == [first.id]
    assert [c.id for c in session.comments()] == [second.id, first.id]  # document order
    assert session.open_comment_counts() == {0: 1, 2: 1}
    session.close()


@pytest.mark.file_only  # reads or damages the project file itself
def test_each_comment_is_committed_at_once(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.add_comment(1, "Committed before close", "anna")
    other = sqlite3.connect(seed_project)  # a second reader sees it while the writer is open
    assert other.execute("SELECT text FROM comment_revisions").fetchall() == [
        ("Committed before close",)]
    other.close()
    session.close()


def test_editing_keeps_the_earlier_text(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    comment = session.add_comment(3, "Fisrt thought", "anna")
    edited = session.edit_comment(comment.id, "First thought", "boris")
    assert (edited.text, edited.author, edited.updated_by, edited.revisions) == (
        "First thought", "anna", "boris", 2)
    history = session.comment_history(comment.id)
    assert [(h.number, h.text, h.author, h.resolved) for h in history] == [
        (1, "Fisrt thought", "anna", False), (2, "First thought", "boris", False)]
    assert session.edit_comment(comment.id, "First thought", "boris").revisions == 2  # unchanged
    session.close()


def test_resolve_and_reopen_are_revisions_too(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    comment = session.add_comment(4, "Name the ministry", "anna")
    resolved = session.resolve_comment(comment.id, "boris")
    assert resolved.resolved and resolved.updated_by == "boris"
    assert session.comments() == []  # open ones by default
    assert [c.id for c in session.comments(include_resolved=True)] == [comment.id]
    assert session.open_comment_counts() == {}
    reopened = session.reopen_comment(comment.id, "anna")
    assert not reopened.resolved and reopened.revisions == 3
    assert [h.resolved for h in session.comment_history(comment.id)] == [False, True, False]
    assert session.open_comment_counts() == {4: 1}
    session.close()


@pytest.mark.file_only  # reads or damages the project file itself
def test_comment_revisions_are_append_only(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.add_comment(0, "Keep me", "anna")
    session.close()
    db = sqlite3.connect(seed_project)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE comment_revisions SET text = 'changed'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM comment_revisions")
    db.close()


def test_a_read_only_project_refuses_comments(seed_project: Path) -> None:
    writer = ReviewSession.open(seed_project)
    comment = writer.add_comment(0, "Before", "anna")
    writer.close()
    reader = ReviewSession.open(seed_project, read_only=True)
    assert [c.text for c in reader.comments()] == ["Before"]
    for attempt in (lambda: reader.add_comment(0, "No", "anna"),
                    lambda: reader.edit_comment(comment.id, "No", "anna"),
                    lambda: reader.resolve_comment(comment.id, "anna")):
        with pytest.raises(ReviewerError, match="read-only"):
            attempt()
    reader.close()


@pytest.mark.parametrize(("text", "message"), [
    ("   ", "needs text"),
    ("bell \a here", r"control character U\+0007"),
    ("x" * (MAX_COMMENT + 1), "longer than"),
])
def test_bad_comment_text_is_refused(seed_project: Path, text: str, message: str) -> None:
    session = ReviewSession.open(seed_project)
    with pytest.raises(ReviewerError, match=message):
        session.add_comment(0, text, "anna")
    assert session.comments(include_resolved=True) == []
    session.close()


def test_line_breaks_are_kept_as_newlines_and_bad_targets_named(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    assert session.add_comment(0, "one\r\ntwo\rthree\tfour", "anna").text == \
        "one\ntwo\nthree\tfour"
    with pytest.raises(ReviewerError, match="no segment 99"):
        session.add_comment(98, "Nowhere", "anna")
    with pytest.raises(ReviewerError, match="no comment 42"):
        session.resolve_comment(42, "anna")
    with pytest.raises(ReviewerError, match="author"):
        session.add_comment(0, "Who?", " ")
    with pytest.raises(ReviewerError, match="author"):
        session.add_comment(0, "Who?", "two\nlines")
    session.close()


def test_a_schema_5_project_is_migrated_and_takes_comments(tmp_path: Path) -> None:
    old = tmp_path / "old.review"
    db = old_project(old, 5)
    db.commit()
    db.close()
    assert len(MIGRATIONS) == SCHEMA_VERSION >= 6
    session = ReviewSession.open(old)
    session.add_comment(0, "After migrating", "anna")
    assert [c.text for c in session.comments()] == ["After migrating"]
    session.close()
    assert (tmp_path / "old.review.schema5.bak").exists()


# -- command line ------------------------------------------------------------------------


def test_cli_adds_edits_resolves_and_lists(seed_project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "comment", seed_project, 3, "Check the date", "--author", "anna")
    assert (code, err) == (0, "")
    assert out == "segment 3: comment 1 added\n"
    run(capsys, "comment", seed_project, 1, "Headline", "--author", "boris")
    code, out, _ = run(capsys, "comments", seed_project)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("    1  #2 ") and "boris" in lines[0]
    assert lines[0].endswith("Headline") and lines[1].endswith("Check the date")

    assert run(capsys, "comment", seed_project, "--edit", 1, "Check the date: 22 October",
               "--author", "boris")[:2] == (0, "comment 1 edited (revision 2)\n")
    assert run(capsys, "comment", seed_project, "--resolve", 2)[:2] == (0, "comment 2 resolved\n")
    code, out, _ = run(capsys, "comments", seed_project, "--json")
    rows = json.loads(out)
    assert [row["id"] for row in rows] == [1]
    assert rows[0]["segment"] == 3 and rows[0]["text"] == "Check the date: 22 October"
    assert set(rows[0]) >= {"id", "segment", "text", "author", "time", "resolved", "updated_at",
                            "updated_by", "history"}
    assert [h["text"] for h in rows[0]["history"]] == ["Check the date",
                                                       "Check the date: 22 October"]
    code, out, _ = run(capsys, "comments", seed_project, "--all", "--segment", 1)
    assert "resolved" in out and "Headline" in out and "22 October" not in out
    assert run(capsys, "comment", seed_project, "--reopen", 2)[:2] == (0, "comment 2 reopened\n")
    assert run(capsys, "comment", seed_project, "--reopen", 2)[:2] == (
        0, "comment 2: already open\n")


def test_cli_errors_are_one_line(seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "comment", seed_project, 99, "Nowhere")
    assert (code, out) == (1, "") and err.startswith("reviewer: error: no segment 99")
    code, _, err = run(capsys, "comment", seed_project, "--resolve", 5)
    assert code == 1 and err == "reviewer: error: no comment 5 in this project\n"
    code, _, err = run(capsys, "comment", seed_project, 1, "")
    assert code == 1 and err.count("\n") == 1
    code, _, err = run(capsys, "comment", seed_project)  # neither a segment nor an action
    assert code == 2 and "N and TEXT" in err
    code, _, err = run(capsys, "comment", seed_project, 1, "x", "--resolve", 1)
    assert code == 2
    code, out, _ = run(capsys, "comments", seed_project)
    assert (code, out) == (0, "no open comments\n")


def test_cli_shows_control_characters_escaped(seed_project: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "comment", seed_project, 1, "evil \u202e text")
    _, out, _ = run(capsys, "comments", seed_project)
    assert "\\u202e" in out and "\u202e" not in out


# -- exports -----------------------------------------------------------------------------


def _without(data: bytes, inserted: bytes) -> bytes:
    assert data.count(inserted) == 1, data.decode("utf-8", "replace")
    return data.replace(inserted, b"", 1)


def test_xliff_2_gets_a_note_and_nothing_else_changes(tmp_path: Path) -> None:
    session = project_from(tmp_path, "job.xlf")
    original = (DATA / "job.xlf").read_bytes()
    session.add_comment(0, "Shorter & <punchier>", "anna")  # unit u1 has notes already
    session.add_comment(2, "Their → our", "boris")  # unit u2 has none: a <notes> is added
    resolved = session.add_comment(3, "Gone", "anna")
    session.resolve_comment(resolved.id, "anna")
    session.export(tmp_path / "out.xlf")
    data = (tmp_path / "out.xlf").read_bytes()
    first = (b'\n        <note category="comment">anna: Shorter &amp; &lt;punchier&gt;'
             b"</note>")
    second = ('<notes>\n        <note category="comment">boris: Their → our</note>\n'
              "      </notes>\n      ").encode()
    assert _without(_without(data, first), second) == original
    root = etree.fromstring(data)
    units = root.findall(f".//{NS20}unit")
    assert [n.text for n in units[1].findall(f"{NS20}notes/{NS20}note")] == ["boris: Their → our"]
    assert units[1][0].tag == f"{NS20}notes"  # before originalData, as the schema orders it
    session.close()


def test_xliff_1_2_gets_note_from_after_the_target(tmp_path: Path) -> None:
    session = project_from(tmp_path, "omegat.xlf")
    original = (DATA / "omegat.xlf").read_bytes()
    session.add_comment(0, "Keep “Putin:”", "anna")
    session.add_comment(1, "Bold stays", "boris")
    session.export(tmp_path / "out.xlf")
    data = (tmp_path / "out.xlf").read_bytes()
    one = '\n          <note from="anna">Keep “Putin:”</note>'.encode()
    two = b'\n        <note from="boris">Bold stays</note>'
    assert _without(_without(data, one), two) == original
    root = etree.fromstring(data)
    unit = root.find(f".//{NS12}trans-unit")
    assert unit is not None
    names = [etree.QName(child).localname for child in unit]
    assert names == ["source", "target", "note", "note", "qa"]  # before the okp extension
    session.close()


def test_xliff_marked_unit_without_a_target_gets_target_then_note(tmp_path: Path) -> None:
    (tmp_path / "xliff").mkdir()
    session = project_from(tmp_path, "xliff/segmented.xlf")
    last = session.segment_count() - 1
    session.edit(last, "The end.", "anna")
    session.add_comment(last, "Inserted target", "anna")
    session.add_comment(0, "Two \"sentences\"\nsecond line", "o'neil & co")
    session.export(tmp_path / "out.xlf")
    root = etree.parse(str(tmp_path / "out.xlf")).getroot()
    units = root.findall(f".//{NS12}trans-unit")
    assert [etree.QName(c).localname for c in units[-1]] == ["source", "seg-source", "target",
                                                             "note"]
    notes = units[0].findall(f"{NS12}note")
    assert [(n.get("from"), n.text) for n in notes] == [
        (None, "Two sentences in one paragraph."),
        ("o'neil & co", 'Two "sentences"\nsecond line')]
    session.close()


def test_new_xliff_and_new_po_carry_comments(tmp_path: Path) -> None:
    session = project_from(tmp_path, "segments.tsv")
    session.add_comment(1, "Date format", "anna")
    session.export(tmp_path / "new.xlf")
    root = etree.parse(str(tmp_path / "new.xlf")).getroot()
    units = root.findall(f".//{NS12}trans-unit")
    assert [(n.get("from"), n.text) for n in units[1].findall(f"{NS12}note")] == [
        ("anna", "Date format")]
    assert units[0].findall(f"{NS12}note") == []
    session.export(tmp_path / "new.po")
    entries = polib.pofile(str(tmp_path / "new.po"))
    assert [entry.tcomment for entry in entries][:2] == ["", "anna: Date format"]
    session.close()


def test_po_gets_translator_comments_and_nothing_else_changes(tmp_path: Path) -> None:
    session = project_from(tmp_path, "messages.po")
    original = (DATA / "messages.po").read_bytes()
    session.add_comment(0, "Headline: shorter", "anna")  # an entry without # comments
    session.add_comment(2, "Plural\n\nforms ok?", "boris")  # a plural entry: one per entry
    session.add_comment(3, "Both forms", "anna")
    session.export(tmp_path / "out.po")
    data = (tmp_path / "out.po").read_bytes()
    first = b"# anna: Headline: shorter\n"
    second = b"# boris: Plural\n#\n# forms ok?\n# anna: Both forms\n"
    assert _without(_without(data, first), second) == original
    assert data.index(first) == data.index(b"#. Headline") - len(first)
    entries = {entry.msgid: entry for entry in polib.pofile(data.decode("utf-8"))}
    assert entries["СОЧИ, 22 октября."].tcomment == ""
    assert entries["%(count)d комментарий"].tcomment == \
        "boris: Plural\n\nforms ok?\nanna: Both forms"
    session.close()


def test_po_comment_goes_after_the_entrys_own_translator_comments(tmp_path: Path) -> None:
    po = tmp_path / "own.po"
    po.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   b"# translator's own\r\n#: a.c:1\r\nmsgid \"One\"\r\nmsgstr \"Odin\"\r\n")
    session = ReviewSession.create(tmp_path / "own.review", import_document(po))
    session.add_comment(0, "Mine", "anna")
    session.export(tmp_path / "out.po")
    assert (tmp_path / "out.po").read_bytes() == po.read_bytes().replace(
        b"own\r\n", b"own\r\n# anna: Mine\r\n")
    session.close()


def test_no_comments_no_change_and_resolved_ones_stay_out(tmp_path: Path) -> None:
    for name in ("job.xlf", "messages.po", "omegat.xlf"):
        session = project_from(tmp_path, name)
        comment = session.add_comment(0, "Resolved before export", "anna")
        session.resolve_comment(comment.id, "anna")
        out = tmp_path / f"out-{name.replace('/', '-')}"
        session.export(out)
        assert out.read_bytes() == (DATA / name).read_bytes()
        session.close()


def test_a_version_exports_the_comments_open_then(tmp_path: Path) -> None:
    session = project_from(tmp_path, "messages.po")
    early = session.add_comment(0, "Early", "anna")
    session.add_version("sent", "anna")
    session.resolve_comment(early.id, "anna")
    session.add_comment(1, "Late", "anna")
    session.export(tmp_path / "sent.po", version="sent")
    data = (tmp_path / "sent.po").read_text(encoding="utf-8")
    assert "# anna: Early\n" in data and "Late" not in data
    session.close()


def test_comments_follow_a_split_and_every_part_goes_out(tmp_path: Path) -> None:
    session = project_from(tmp_path, "job.xlf")
    position = next(s.position for s in session.segments() if "beliefs" in s.mt)
    session.add_comment(position, "Whole segment", "anna")
    mt = session.segment(position).mt
    session.split(position, mt.index("beliefs") + len("beliefs") + 1, "bob")
    assert [c.position for c in session.comments()] == [position]  # with the first part
    session.add_comment(position + 1, "Second part", "boris")
    session.export(tmp_path / "out.xlf")
    root = etree.parse(str(tmp_path / "out.xlf")).getroot()
    notes = [n.text for n in root.iter(f"{NS20}note") if n.get("category") == "comment"]
    assert notes == ["anna: Whole segment", "boris: Second part"]
    session.close()


def test_a_merge_keeps_both_segments_comments(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.add_comment(3, "Third", "anna")
    session.add_comment(4, "Fourth", "boris")
    session.merge(3, "anna")
    assert [(c.position, c.text) for c in session.comments()] == [(3, "Third"), (3, "Fourth")]
    assert session.open_comment_counts() == {3: 2}
    session.close()
