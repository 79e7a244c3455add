"""Import entry point: picks the reader for the files given and returns a document."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from reviewer.core.document import ImportedDocument
from reviewer.core.errors import ReviewerError
from reviewer.core.visible import storable, visible
from reviewer.formats.delimited import read_delimited
from reviewer.formats.detect import IMPORT_FORMATS, detect_format, parse_langs
from reviewer.formats.encoding import bom_encoding, read_file_bytes
from reviewer.formats.plaintext import import_plain_text
from reviewer.formats.po import read_po
from reviewer.formats.structured import SOURCE_LANGUAGE, TARGET_LANGUAGE
from reviewer.formats.tmx import read_tmx
from reviewer.formats.xliff import read_xliff

__all__ = ["IMPORT_FORMATS", "import_document"]


def import_document(
    mt: str | Path,
    source: str | Path | None = None,
    reference: str | Path | None = None,
    corrections: str | Path | None = None,
    segmentation: str | None = None,
    encoding: str | None = None,
    file_format: str | None = None,
    langs: str | None = None,
) -> ImportedDocument:
    """Read the job's files; ``file_format`` forces a reader, else extension and content decide.

    ``langs`` ("SRC,TGT") picks a TMX file's language pair and names the languages of
    any other project.
    """
    with _one_line_errors():
        return _import(mt, source, reference, corrections, segmentation, encoding,
                       file_format, langs)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """File names are the user's and may hold line breaks: an error stays one line."""
    try:
        yield
    except ReviewerError as error:
        message = visible(str(error))
        if message == str(error):
            raise
        raise ReviewerError(message) from error


def _import(mt: str | Path, source: str | Path | None, reference: str | Path | None,
            corrections: str | Path | None, segmentation: str | None, encoding: str | None,
            file_format: str | None, langs: str | None) -> ImportedDocument:
    if file_format not in (None, *IMPORT_FORMATS):
        raise ReviewerError(f"unknown import format {file_format!r}: use "
                            + ", ".join(IMPORT_FORMATS))
    pair = parse_langs(langs)
    name = str(mt)
    data = read_file_bytes(mt)
    chosen = file_format or detect_format(mt, data)
    if chosen == "text":
        language = pair[1].split("-")[0].lower() if pair else "en"
        document = import_plain_text(mt, source, reference, corrections, segmentation,
                                     encoding, language, mt_data=data)
    else:
        extra = [flag for flag, path in (("--source", source), ("--reference", reference),
                                         ("--corrections", corrections)) if path is not None]
        if extra:
            raise ReviewerError(f"{' and '.join(extra)} go with a plain-text --mt; a {chosen} "
                                "file carries its own source and targets")
        if segmentation is not None:
            raise ReviewerError(f"--segment applies to plain text; a {chosen} file comes "
                                "in segments already")
        if encoding is None and bom_encoding(data) is None and b"\x00" in data:
            raise ReviewerError(f"{name}: looks like a binary file, not {chosen}")
        document = _read_structured(chosen, data, name, encoding, pair)
    # a name from argv may hold bytes that are not UTF-8; the project stores text
    document = replace(document, source_name=storable(document.source_name))
    if pair is not None and SOURCE_LANGUAGE not in document.metadata:
        document = replace(document, metadata={**document.metadata, SOURCE_LANGUAGE: pair[0],
                                               TARGET_LANGUAGE: pair[1]})
    return document


def _read_structured(chosen: str, data: bytes, name: str, encoding: str | None,
                     pair: tuple[str, str] | None) -> ImportedDocument:
    if chosen == "xliff":
        return read_xliff(data, name, encoding)
    if chosen == "tmx":
        return read_tmx(data, name, encoding, pair)
    if chosen == "po":
        return read_po(data, name, encoding)
    return read_delimited(data, name, chosen, encoding)
