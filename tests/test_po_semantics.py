"""PO as gettext's tools treat it: fuzzy per entry, `#|` lines, the file's own wrapping."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from po_linebreak_probe import REPRESENTATIVES, breaks, library, width

from reviewer.core.document import ImportedDocument
from reviewer.formats.linebreak import char_width, possible_breaks
from reviewer.formats.po import read_po, write_po
from reviewer.formats.po_wrap import string_lines
from reviewer.formats.writers import ExportJob, ExportSegment

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "\n'
          '"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n')
PLURAL = HEADER + """\
# translator's note
#. TRANSLATORS: a file count
#: src/files.c:10 src/files.c:20
#, fuzzy, c-format
#| msgctxt "old"
#| msgid "%d file was"
#| msgid_plural ""
#| "%d files were"
msgctxt "status"
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "%d файлов"

msgid "Open"
msgstr "Открыть"
"""
LONG = ("Не удалось открыть файл, потому что у вас нет прав на чтение этого каталога "
        "или сам файл повреждён; проверьте права доступа и попробуйте ещё раз.")
needs_libunistring = pytest.mark.skipif(library() is None, reason="libunistring not installed")
needs_msgcat = pytest.mark.skipif(shutil.which("msgcat") is None, reason="gettext not installed")


def export_edited(data: bytes, edits: dict[int, tuple[str, str]]) -> bytes:
    """The file exported after giving segment i the text and status ``edits[i]``."""
    document = read_po(data, "test.po")
    return write_po(job_for(document, edits))


def job_for(document: ImportedDocument, edits: dict[int, tuple[str, str]]) -> ExportJob:
    """What an export of ``document`` sees after ``edits``."""
    segments = []
    for position, segment in enumerate(document.segments):
        text, status = edits.get(position, (segment.mt, "new"))
        segments.append(ExportSegment(position, segment.source, segment.mt, None, text, status,
                                      0.0, 0.0, 0.0, segment.meta))
    properties = {"encoding": document.encoding, "bom": "1" if document.bom else "0"}
    original = (document.source_name or "test.po", "po", document.original or b"")
    return ExportJob(segments, document.layout, properties, original)


def changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """Lines only in ``before`` and lines only in ``after`` (in order)."""
    import difflib

    old, new = before.decode().splitlines(), after.decode().splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, False).get_opcodes():
        if tag != "equal":
            removed.extend(old[i1:i2])
            added.extend(new[j1:j2])
    return removed, added


@pytest.mark.parametrize("statuses", [("confirmed",), ("confirmed", "imported"),
                                      ("confirmed", "edited", "confirmed")])
def test_the_entry_stays_fuzzy_until_every_form_is_confirmed(statuses: tuple[str, ...]) -> None:
    forms = ["%d файл", "%d файла", "%d файлов"]
    edits = {number: (forms[number] + "!", status) for number, status in enumerate(statuses)}
    out = export_edited(PLURAL.encode(), edits)
    removed, added = changed_lines(PLURAL.encode(), out)
    assert removed == [f'msgstr[{n}] "{forms[n]}"' for n in range(len(statuses))]
    assert added == [f'msgstr[{n}] "{forms[n]}!"' for n in range(len(statuses))]


def test_every_form_confirmed_clears_fuzzy_and_the_previous_strings() -> None:
    edits = {0: ("%d файл", "confirmed"), 1: ("%d файла", "confirmed"),
             2: ("%d файлов!", "confirmed")}
    out = export_edited(PLURAL.encode(), edits).decode()
    assert out == PLURAL.replace("#, fuzzy, c-format\n", "#, c-format\n").replace(
        '#| msgctxt "old"\n#| msgid "%d file was"\n#| msgid_plural ""\n#| "%d files were"\n',
        "").replace('"%d файлов"', '"%d файлов!"')


@pytest.mark.parametrize(("flags", "cleared"), [
    ("#, fuzzy, c-format", "#, c-format"),
    ("#, c-format, fuzzy, no-wrap", "#, c-format, no-wrap"),
    ("#,c-format,fuzzy", "#,c-format"),
    ("#,fuzzy,  python-format", "#,python-format"),
    ("#, fuzzy\n#, c-format", "#, c-format"),
    ("#, fuzzy", None),
])
def test_clearing_fuzzy_keeps_the_other_flags_as_written(flags: str, cleared: str | None) -> None:
    text = HEADER + f"#: a.c:1\n{flags}\nmsgid \"Close %s\"\nmsgstr \"Закрыть %s\"\n"
    out = export_edited(text.encode(), {0: ("Закрыть %s", "confirmed")}).decode()
    expected = text.replace(flags + "\n", "" if cleared is None else cleared + "\n")
    assert out == expected


def test_fuzzy_goes_before_the_previous_strings_of_an_entry_without_flags() -> None:
    text = HEADER + '#: a.c:1\n#| msgid "Clos"\nmsgid "Close"\nmsgstr "Закрыть"\n'
    out = export_edited(text.encode(), {0: ("Закрыть окно", "edited")}).decode()
    assert out.endswith('#: a.c:1\n#, fuzzy\n#| msgid "Clos"\nmsgid "Close"\n'
                        'msgstr "Закрыть окно"\n')


def test_entries_without_edits_or_confirmations_stay_byte_identical() -> None:
    text = PLURAL + '\nmsgid "Long"\n' + "\n".join(MSGCAT_79) + "\n"
    assert export_edited(text.encode(), {4: (LONG, "imported")}) == text.encode()


# msgcat 0.21's output for the LONG text as msgstr, at its default width and at -w 77
MSGCAT_79 = ['msgstr ""',
             '"Не удалось открыть файл, потому что у вас нет прав на чтение этого каталога "',
             '"или сам файл повреждён; проверьте права доступа и попробуйте ещё раз."']
MSGCAT_77 = ['msgstr ""',
             '"Не удалось открыть файл, потому что у вас нет прав на чтение этого "',
             '"каталога или сам файл повреждён; проверьте права доступа и попробуйте ещё "',
             '"раз."']
MSGCAT_NO_WRAP = [f'msgstr "{LONG}"']


def wrapped_file(width: int | None, eol: str = "\n", final_eol: bool = True) -> str:
    """A PO file whose long strings are laid out as msgcat -w width (or --no-wrap) would."""
    lines = HEADER.splitlines()
    for number in range(3):
        lines += ["", *string_lines("msgid", f"{number}. {LONG[number:]}", width),
                  *string_lines("msgstr", f"{number}. {LONG[number:].upper()}", width)]
    lines += ["", 'msgid "Last"', 'msgstr "Последний"']
    return eol.join(lines) + (eol if final_eol else "")


@pytest.mark.parametrize(("width", "expected"), [(79, MSGCAT_79), (77, MSGCAT_77),
                                                 (None, MSGCAT_NO_WRAP)])
def test_an_edited_string_is_wrapped_as_the_file_is(width: int | None,
                                                    expected: list[str]) -> None:
    text = wrapped_file(width)
    out = export_edited(text.encode(), {3: (LONG, "confirmed")}).decode()
    assert out == text.replace('msgstr "Последний"\n', "\n".join(expected) + "\n")


def test_crlf_and_a_missing_final_line_end_are_kept() -> None:
    # and a header whose last field has no \n, as some tools write it
    text = wrapped_file(79, "\r\n", final_eol=False).replace('2);\\n"', '2);"')
    assert read_po(text.encode(), "t.po").metadata["po_plural_forms"].endswith("? 1 : 2);")
    out = export_edited(text.encode(), {3: (LONG, "confirmed")}).decode()
    assert out == text.replace('msgstr "Последний"', "\r\n".join(MSGCAT_79))


def test_an_embedded_newline_starts_a_new_line() -> None:
    text = HEADER + 'msgid "a"\nmsgstr "b"\n'
    value = f"Первая строка\n{LONG}\nвторая\n"
    out = export_edited(text.encode(), {0: (value, "confirmed")}).decode()
    assert out.endswith('msgstr ""\n"Первая строка\\n"\n' + MSGCAT_79[1] + "\n"
                        + MSGCAT_79[2][:-1] + '\\n"\n"вторая\\n"\n')


def test_context_for_the_editor_is_kept_apart() -> None:
    text = PLURAL.replace("#, fuzzy, c-format\n", "#, fuzzy, c-format\n#= no-wrap\n")
    meta = read_po(text.encode(), "test.po").segments[1].meta
    assert meta == {
        "entry": 0, "field": "msgstr[1]", "plural": 1, "context": "status",
        "comments": ["translator's note"], "extracted": ["TRANSLATORS: a file count"],
        "references": ["src/files.c:10", "src/files.c:20"],
        "flags": ["fuzzy", "c-format", "no-wrap"],
        "previous": "%d file was", "previous_context": "old",
        "previous_plural": "%d files were",
    }


def test_references_with_spaces_stay_whole() -> None:
    text = HEADER + '#: \u2068my file.c\u2069:3 other.c:4\nmsgid "a"\nmsgstr "b"\n'
    assert read_po(text.encode(), "t.po").segments[0].meta == {
        "entry": 0, "field": "msgstr", "references": ["\u2068my file.c\u2069:3", "other.c:4"]}


def test_obsolete_entries_sticky_flags_and_many_plural_forms() -> None:
    text = (HEADER.replace("nplurals=3", "nplurals=6") + "#= c-format\n"
            'msgid "%d day"\nmsgid_plural "%d days"\n'
            + "".join(f'msgstr[{n}] "{n}: %d"\n' for n in range(6))
            + '\n#~ msgctxt "menu"\n#~| msgid "Old"\n#~ msgid "Older"\n#~ msgstr "Старое"\n')
    document = read_po(text.encode(), "t.po")
    assert [segment.meta["field"] for segment in document.segments if segment.meta] == \
        [f"msgstr[{n}]" for n in range(6)]
    out = write_po(job_for(document, {5: ("5: %d!", "edited")})).decode()
    assert out == text.replace('#= c-format\n', '#, fuzzy\n#= c-format\n').replace(
        '"5: %d"', '"5: %d!"')


@needs_libunistring
def test_line_break_opportunities_match_libunistring() -> None:
    rng = random.Random(9)
    pool = [*REPRESENTATIVES.values(), 0x20, 0x20, 0x20, 0x61, 0x378, 0xA7, 0xE01, 0xFFFC,
            0x3041, 0x85]
    for _ in range(3000):
        points = [rng.choice(pool) if rng.random() < 0.8 else rng.randrange(0xD800)
                  for _ in range(rng.randint(1, 20))]
        assert possible_breaks("".join(map(chr, points))) == breaks(points), points
    for point in range(0, 0x110000, 97):
        if not 0xD800 <= point <= 0xDFFF:
            assert char_width(chr(point)) == width(point), hex(point)


@needs_msgcat
@pytest.mark.parametrize("page", [79, 40, None])
def test_string_layout_matches_msgcat(tmp_path: Path, page: int | None) -> None:
    rng = random.Random(page)
    words = ["word", "a", "%s", "%d", "% d", "%-s", "%(name)s", "{0}", "http://example.com/x/y",
             "—", "–", "-", "«ёлки»", "(x)", '"q"', "\\", "\t", "\n", "日本語の文章", "한국어", "…",
             "!", "?", ",", ".", "100%", "$5", "1,000.5", "e\u0301", "\u00a0", "a-b", "текст",
             "очень-длинное-слово", "שלום", "😀", "🇫🇷", "  "]
    flag_sets = [[], ["c-format"], ["python-format"], ["no-wrap"], ["fuzzy", "c-format"]]
    cases = []
    for _ in range(150):
        value = "".join(rng.choice(words) + rng.choice(" " * 3 + "x") for _ in
                        range(rng.randint(1, 30)))
        cases.append((value, rng.choice(flag_sets)))
    path = tmp_path / "cases.po"
    path.write_text(HEADER + "".join(
        (f"#, {', '.join(flags)}\n" if flags else "") + f'msgid "{number}"\n'
        + "\n".join(string_lines("msgstr", value, None, ["no-wrap"])) + "\n\n"
        for number, (value, flags) in enumerate(cases)), encoding="utf-8")
    option = ["--no-wrap"] if page is None else [f"--width={page}"]
    output = subprocess.run(["msgcat", *option, str(path)], capture_output=True, text=True,
                            check=True, encoding="utf-8").stdout
    expected = [block.splitlines() for block in output.split("\n\n")[1:]]
    for (value, flags), block in zip(cases, expected, strict=True):
        start = next(i for i, line in enumerate(block) if line.startswith("msgstr"))
        assert string_lines("msgstr", value, page, flags) == block[start:], value
