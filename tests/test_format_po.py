"""PO: plural forms and contexts in; only msgstr lines and fuzzy flags change on export."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib
import pytest
from formats_helpers import DATA, export, project_from, reimport

from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document
from reviewer.session import ReviewSession


def test_plurals_contexts_flags_and_comments() -> None:
    document = import_document(DATA / "messages.po")
    sources = [s.source for s in document.segments]
    assert sources[2:4] == ["%(count)d комментарий", "%(count)d комментариев"]
    assert [s.meta.get("plural") for s in document.segments if s.meta] == \
        [None, None, 0, 1, None, None]
    assert document.segments[0].meta == {"entry": 0, "field": "msgstr", "context": "headline",
                                         "flags": ["fuzzy"],
                                         "extracted": ["Headline of the article page"],
                                         "references": ["templates/article.html:12"]}
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


REAL = DATA / "real"
MANIFEST = REAL / "manifest.json"
REAL_PO = [REAL / item["path"] for item in
           (json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else [])
           if item.get("format") == "po"]
real_po = pytest.mark.parametrize(
    "path", REAL_PO or [pytest.param(None, marks=pytest.mark.skip(reason="no real PO corpus"))],
    ids=lambda path: "-" if path is None else str(path.relative_to(REAL)))
EDIT = " (reviewed and corrected by the editor)"


def real_project(tmp_path: Path, path: Path) -> ReviewSession:
    """A project made from a file of the corpus."""
    return ReviewSession.create(tmp_path / "real.review", import_document(path))


def edit_two(session: ReviewSession, path: Path) -> dict[int, tuple[str, str]]:
    """Confirm the longest translation (of a fuzzy entry, with previous strings if the file
    has one) and edit the longest one of another entry without confirming it."""
    metas = [session.segment_meta(segment.position) for segment in session.segments()]
    ranked = sorted(session.segments(), key=lambda s: (-len(s.mt), s.position))
    previous = {number for number, entry in enumerate(
        entry for entry in parsed(path) if not entry.obsolete) if entry.previous_msgid}
    fuzzy = [s for s in ranked if "fuzzy" in metas[s.position].get("flags", [])  # type: ignore[operator]
             and "plural" not in metas[s.position]]
    fuzzy.sort(key=lambda s: metas[s.position]["entry"] not in previous)
    chosen = (fuzzy or ranked)[:1]
    first = metas[chosen[0].position]["entry"]
    chosen += [s for s in ranked if metas[s.position]["entry"] != first][:1]
    edits = {}
    for segment, status in zip(chosen, ("confirmed", "edited"), strict=False):
        flags = metas[segment.position].get("flags", [])
        formatted = any(str(flag).endswith("-format") for flag in flags)  # type: ignore[attr-defined]
        base = (segment.source if formatted else segment.mt) or segment.source or ""
        head = base.rstrip("\n")
        # format directives and leading and trailing newlines stay: msgfmt -c checks them
        text = head + EDIT + base[len(head):]
        session.edit(segment.position, text, "anna", status=status)
        edits[segment.position] = (text, status)
    return edits


def parsed(path: Path) -> list[polib.POEntry]:
    """The file's entries as polib reads them, none if it can't."""
    try:
        return list(polib.pofile(str(path)))
    except OSError:  # polib is stricter than gettext about comments ("#Note")
        return []


def passes_msgfmt(path: Path) -> bool:
    """Whether ``msgfmt -c`` accepts the file."""
    return subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)],
                          capture_output=True).returncode == 0


@real_po
def test_real_po_unedited_export_is_byte_identical(tmp_path: Path, path: Path) -> None:
    out = export(real_project(tmp_path, path), tmp_path / "out.po", "po")
    assert out.read_bytes() == path.read_bytes()


@real_po
def test_real_po_two_edits_change_only_their_entries(tmp_path: Path, path: Path) -> None:
    session = real_project(tmp_path, path)
    edits = edit_two(session, path)
    out = export(session, tmp_path / path.name, "po")
    before, after = path.read_bytes(), out.read_bytes()
    encoding = import_document(path).encoding
    old = before.decode(encoding).splitlines()
    new = after.decode(encoding).splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, False).get_opcodes():
        if tag != "equal":
            assert all(line.lstrip("\ufeff").startswith(("msgstr", '"', "#,", "#|"))
                       for line in old[i1:i2]), old[i1:i2]
            assert all(line.startswith(("msgstr", '"', "#,")) for line in new[j1:j2])
    again = reimport(out)
    assert [s.mt for s in again.segments] == [s.text for s in session.segments()]
    entries = {session.segment_meta(position)["entry"] for position in edits}
    for first, second in zip(import_document(path).segments, again.segments, strict=True):
        if first.meta is not None and first.meta["entry"] not in entries:
            assert first == second
    original = parsed(path)
    if original:
        exported = polib.pofile(str(out))
        assert len(original) == len(exported)
        assert sum(a.msgstr != b.msgstr or a.msgstr_plural != b.msgstr_plural
                   for a, b in zip(original, exported, strict=True)) == len(entries)
        messages = [entry for entry in exported if not entry.obsolete]
        for position, (_, status) in edits.items():
            meta = session.segment_meta(position)
            message = messages[meta["entry"]]  # type: ignore[index]
            if status == "edited":
                assert "fuzzy" in message.flags
            elif "plural" not in meta:  # its only form is confirmed
                assert "fuzzy" not in message.flags and message.previous_msgid is None
    if shutil.which("msgfmt") and passes_msgfmt(path):
        assert passes_msgfmt(out)


def msgcat(path: Path, width: int | None, out: Path, encoding: str) -> list[str]:
    """The lines of ``msgcat`` run on the file at that width (None: --no-wrap)."""
    option = "--no-wrap" if width is None else f"--width={width}"
    subprocess.run(["msgcat", option, "-o", str(out), str(path)], check=True,
                   capture_output=True)
    return lines_of(out, encoding)


def readable_copy(path: Path, out: Path, encoding: str) -> Path:
    """The file as msgcat accepts it: no BOM, a charset name it knows, a header."""
    text = path.read_bytes().decode(encoding).lstrip("\ufeff")
    text = re.sub(r"charset=(windows-|ISO)(\d+)", lambda m: "charset=" + (
        "CP" if m.group(1) == "windows-" else "ISO-") + m.group(2), text, count=1)
    if "charset=" not in text:
        text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + text
    out.write_bytes(text.encode(encoding))
    return out


def lines_of(path: Path, encoding: str) -> list[str]:
    """The file's lines."""
    return path.read_bytes().decode(encoding).lstrip("\ufeff").splitlines()


def changed(old: list[str], new: list[str]) -> set[int]:
    """Indices of lines of ``new`` that are not in ``old``."""
    matcher = difflib.SequenceMatcher(None, old, new)
    return {j for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal"
            for j in range(j1, j2)}


def msgcat_width(path: Path, tmp_path: Path, encoding: str) -> int | None:
    """The width at which msgcat changes the fewest lines of the file (79 on a tie)."""
    lines = Counter(lines_of(path, encoding))
    return min([79, 76, 77, 78, 80, None, *range(70, 76)], key=lambda width: sum((
        Counter(msgcat(path, width, tmp_path / "best.po", encoding)) - lines).values()))


@real_po
def test_real_po_edits_are_laid_out_as_msgcat_would(tmp_path: Path, path: Path) -> None:
    if shutil.which("msgcat") is None:
        pytest.skip("gettext not installed")
    session = real_project(tmp_path, path)
    edit_two(session, path)
    encoding = import_document(path).encoding
    original = readable_copy(path, tmp_path / "original.po", encoding)
    out = readable_copy(export(session, tmp_path / path.name, "po"), tmp_path / "out.po",
                        encoding)
    exported = lines_of(out, encoding)
    ours = {index for index in changed(lines_of(original, encoding), exported)
            if exported[index].startswith(("msgstr", '"'))}
    assert ours
    width = msgcat_width(original, tmp_path, encoding)
    theirs = changed(msgcat(out, width, tmp_path / "again.po", encoding), exported)
    assert not ours & theirs
