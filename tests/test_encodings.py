"""Encodings: byte-order marks, UTF-8, legacy Cyrillic guessed on real text, never replaced."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reviewer.core.errors import ReviewerError
from reviewer.formats.encoding import decode
from reviewer.formats.readers import import_document

DATA = Path(__file__).parent / "data"
RUSSIAN = (DATA / "source.ru.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "encoding", "bom"), [
    ("source.cp1251.txt", "cp1251", False),
    ("source.koi8r.txt", "koi8-r", False),
    ("source.utf16.txt", "utf-16-le", True),
    ("source.ru.txt", "utf-8", False),
])
def test_russian_files_decode_exactly(name: str, encoding: str, bom: bool) -> None:
    document = import_document(DATA / name, segmentation="lines")
    assert (document.encoding, document.bom) == (encoding, bom)
    assert [s.mt for s in document.segments] == RUSSIAN.splitlines()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_decide(encoding: str) -> None:
    decoded = decode(RUSSIAN.encode(encoding), "x")
    assert decoded.text == RUSSIAN and decoded.bom


def test_encoding_can_be_forced_over_the_guess() -> None:
    data = RUSSIAN.encode("cp1251")
    assert decode(data, "x").encoding == "cp1251"
    forced = decode(data, "x", "koi8-r")
    assert forced.encoding == "koi8-r" and forced.text != RUSSIAN


def test_a_bad_byte_in_utf8_names_its_line() -> None:
    data = RUSSIAN.encode("utf-8").replace("СОЧИ".encode(), b"\xd0\xa1\xff\xd0\xa7\xd0\x98")
    with pytest.raises(ReviewerError, match=r"line 2 is not valid utf-8 \(byte 0xff\)"):
        decode(data, "x")


def test_western_text_in_a_legacy_encoding_is_not_guessed() -> None:
    with pytest.raises(ReviewerError, match="line 1 is not valid utf-8"):
        decode("Café crème, naïve façade.".encode("cp1252"), "x")


def test_a_short_ambiguous_legacy_text_is_not_guessed() -> None:
    with pytest.raises(ReviewerError, match="--encoding"):
        decode("ДА".encode("cp1251"), "x")


def test_forced_encoding_errors_name_the_line() -> None:
    with pytest.raises(ReviewerError, match="line 3 is not valid ascii"):
        decode("SOCHI\nOctober 22.\nСОЧИ\n".encode(), "x", "ascii")


def test_legacy_encoded_xml_and_po_and_csv(tmp_path: Path) -> None:
    po = tmp_path / "legacy.po"
    po.write_bytes(f'msgid "{RUSSIAN.splitlines()[2]}"\nmsgstr "We act."\n'.encode("cp1251"))
    assert import_document(po).segments[0].source == RUSSIAN.splitlines()[2]
    csv_file = tmp_path / "legacy.csv"
    csv_file.write_bytes(("source,mt\n" + RUSSIAN.splitlines()[2] + ",We act.\n")
                         .encode("koi8-r"))
    document = import_document(csv_file)
    assert document.encoding == "koi8-r" and document.segments[0].source.startswith("Мы")
    xliff = (DATA / "omegat.xlf").read_text(encoding="utf-8").replace("UTF-8", "windows-1251")
    xlf = tmp_path / "legacy.xlf"
    xlf.write_bytes(xliff.encode("cp1251"))
    assert import_document(xlf).segments[0].source == RUSSIAN.splitlines()[0]
    utf16 = tmp_path / "utf16.xlf"
    utf16.write_bytes(codecs.BOM_UTF16_LE + xliff.replace("windows-1251", "UTF-16")
                      .encode("utf-16-le"))
    assert import_document(utf16).segments[0].source == RUSSIAN.splitlines()[0]


@pytest.mark.parametrize("name", ["source.cp1251.txt", "source.koi8r.txt", "source.utf16.txt"])
def test_text_round_trip_keeps_the_encoding(tmp_path: Path, name: str) -> None:
    from reviewer.session import ReviewSession

    session = ReviewSession.create(tmp_path / "p.review",
                                   import_document(DATA / name, segmentation="lines"))
    session.edit(1, "СОЧИ, 22 октября 2024 года.", "anna")
    out = tmp_path / "out.txt"
    session.export(out, "text")
    again = import_document(out, segmentation="lines")
    assert (again.encoding, again.bom) == (session.properties()["encoding"],
                                           session.properties()["bom"] == "1")
    assert [s.mt for s in again.segments] == [s.text for s in session.segments()]
    untouched = (DATA / name).read_bytes().split(b"\n")[0]
    assert out.read_bytes().split(b"\n")[0] == untouched
    session.close()
