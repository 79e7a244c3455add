"""Generated text in several scripts and encodings: decoded exactly, or a clear error."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reviewer.core.document import Layout
from reviewer.core.errors import ReviewerError
from reviewer.formats.encoding import decode
from reviewer.formats.po import read_po, write_po
from reviewer.formats.readers import import_document
from reviewer.formats.tmx import read_tmx, write_tmx
from reviewer.formats.tsv import to_tsv
from reviewer.formats.writers import ExportJob, ExportSegment
from reviewer.formats.xliff import read_xliff, write_xliff

SCRIPTS = {
    "latin": st.characters(min_codepoint=0x20, max_codepoint=0x24F),
    "cyrillic": st.characters(min_codepoint=0x400, max_codepoint=0x4FF),
    "greek": st.characters(min_codepoint=0x370, max_codepoint=0x3FF),
    "arabic": st.characters(min_codepoint=0x600, max_codepoint=0x6FF),
    "cjk": st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    "emoji": st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    "any": st.characters(blacklist_categories=("Cs",)),
}
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1251",
             "koi8-r", "latin-1", "cp866", "iso8859-5"]
WITH_BOM = ["utf-8-sig", "utf-16", "utf-32"]
PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

mixed_text = st.lists(st.sampled_from(sorted(SCRIPTS)), min_size=1, max_size=3).flatmap(
    lambda names: st.text(st.one_of(*(SCRIPTS[name] for name in names)), max_size=80))
# the words of the sample Russian news text, plus a few common ones
WORDS = tuple(sorted(set(re.findall(r"[а-яё]+", (Path(__file__).parent / "data" / "source.ru.txt")
                                    .read_text(encoding="utf-8").lower()))
                     | {"президент", "заявил", "что", "россия", "продолжит", "операцию"}))


def _encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        raise


@PROPERTY
@given(text=mixed_text, encoding=st.sampled_from(ENCODINGS))
def test_a_named_encoding_decodes_exactly(text: str, encoding: str) -> None:
    # FF FE then a NUL character is also the UTF-32-LE mark: no reader can tell them apart
    assume(not (encoding == "utf-16" and text.startswith("\x00")))
    data = _encode(text, encoding)
    marked = encoding in WITH_BOM
    decoded = decode(data, "x", None if marked else encoding)
    assert decoded.text == text


@PROPERTY
@given(text=mixed_text)
def test_utf8_without_a_mark_is_read_exactly(text: str) -> None:
    assume("\x00" not in text)
    assert decode(text.encode("utf-8"), "x").text == text


@PROPERTY
@given(data=st.binary(max_size=400))
def test_any_bytes_decode_or_fail_clearly(data: bytes) -> None:
    try:
        decoded = decode(data, "x")
    except ReviewerError as error:
        assert str(error).startswith("x: ")
        return
    if decoded.bom:
        return
    if decoded.guessed:
        assert decoded.encoding in ("cp1251", "koi8-r")
        assert decoded.text == data.decode(decoded.encoding)
    else:
        assert decoded.text == data.decode("utf-8")


@st.composite
def russian_prose(draw: st.DrawFn) -> str:
    """Sentences of Russian words, capitalised and punctuated as a writer would."""
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=14))
        sentence = " ".join(words)
        sentences.append(sentence[0].upper() + sentence[1:] + draw(st.sampled_from(".!?")))
    return draw(st.sampled_from([" ", "\n", "\r\n"])).join(sentences)


@PROPERTY
@given(text=russian_prose(), encoding=st.sampled_from(["cp1251", "koi8-r"]))
def test_legacy_cyrillic_is_recognised_on_russian_prose(text: str, encoding: str) -> None:
    assume(sum(char.isalpha() for char in text) >= 20)  # a line or more, as files hold
    decoded = decode(text.encode(encoding), "x")
    assert (decoded.text, decoded.encoding) == (text, encoding)


@PROPERTY
@given(lines=st.lists(mixed_text.filter(lambda t: "\n" not in t and "\r" not in t),
                      min_size=1, max_size=5),
       encoding=st.sampled_from(ENCODINGS))
def test_text_files_import_exactly_or_fail_clearly(tmp_path: Path, lines: list[str],
                                                   encoding: str) -> None:
    text = "\n".join(lines) + "\n"
    data = _encode(text, encoding)
    path = tmp_path / "job.txt"
    path.write_bytes(data)
    named = None if encoding in WITH_BOM else encoding
    try:
        document = import_document(path, segmentation="lines", encoding=named)
    except ReviewerError as error:
        assert "empty" in str(error)
        assert not text.strip()
        return
    assert [s.mt for s in document.segments] == lines


def _job(pairs: list[tuple[str, str]]) -> ExportJob:
    segments = [ExportSegment(i, source, "mt", None, correction, "confirmed", 0.0, 0.0, 0.0,
                              None) for i, (source, correction) in enumerate(pairs)]
    return ExportJob(segments, Layout(("",) * (len(pairs) + 1)),
                     {"source_language": "ru", "target_language": "en"}, None)


segment_pairs = st.lists(st.tuples(mixed_text, mixed_text), min_size=1, max_size=4)


@pytest.mark.parametrize(("write", "read"), [(write_xliff, read_xliff), (write_tmx, read_tmx),
                                             (write_po, read_po)])
@PROPERTY
@given(pairs=segment_pairs)
def test_structured_exports_read_back_exactly_or_refuse(write: object, read: object,
                                                        pairs: list[tuple[str, str]]) -> None:
    assert callable(write) and callable(read)
    try:
        data = write(_job(pairs))
    except ReviewerError as error:
        assert "XML compatible" in str(error) or "cannot write" in str(error)
        return
    document = read(data, "x")
    assert [(s.source, s.mt) for s in document.segments] == pairs


@PROPERTY
@given(rows=st.lists(st.tuples(mixed_text, mixed_text), min_size=1, max_size=4),
       bom=st.booleans())
def test_tsv_reads_back_what_the_export_writes(tmp_path: Path, rows: list[tuple[str, str]],
                                               bom: bool) -> None:
    assume(all((source + mt).strip() for source, mt in rows))
    path = tmp_path / "rows.tsv"
    data = to_tsv(["source", "mt"], rows).encode("utf-8")
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    try:
        document = import_document(path)
    except ReviewerError as error:
        assert "binary" in str(error) or "characters long" in str(error)
        return
    assert [(s.source, s.mt) for s in document.segments] == rows
