"""Exports written as the segments come from the project (a million need not be in memory
at once): the same bytes as the writers that take a whole ``ExportJob``."""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator, Mapping

from reviewer.core.tags import plain_text
from reviewer.formats.encoding import byte_order_mark, encode_error
from reviewer.formats.xliff_new import Unit, new_xliff_lines

CHUNK = 1 << 20  # characters encoded and written at a time

def text_chunks(segments: Iterable[tuple[str, str, bool]], tail: str,
                properties: Mapping[str, str]) -> Iterator[bytes]:
    """``write_text``'s bytes: of each segment (the text before it, its correction, whether
    it has tags), the corrections with the layout between them, tags left out, in the
    project's encoding."""
    def parts() -> Iterator[str]:
        for gap, correction, tagged in segments:
            yield gap
            yield plain_text(correction) if tagged else correction
        yield tail

    return encode_chunks(parts(), properties.get("encoding", "utf-8"),
                         properties.get("bom") == "1")


def xliff_chunks(segments: Iterable[Unit], properties: Mapping[str, str],
                 original: tuple[str, str, bytes] | None) -> Iterator[bytes]:
    """``new_xliff``'s bytes (UTF-8)."""
    return encode_chunks(new_xliff_lines(segments, properties, original), "utf-8", False)


def encode_chunks(parts: Iterable[str], encoding: str, bom: bool) -> Iterator[bytes]:
    """``encode_text`` of the parts joined, a chunk at a time (the same bytes, the same
    errors)."""
    encoder = codecs.getincrementalencoder(encoding)()
    if bom:
        yield byte_order_mark(encoding)
    batch: list[str] = []
    size = 0
    for part in parts:
        batch.append(part)
        size += len(part)
        if size >= CHUNK:
            yield _encode(encoder, "".join(batch), encoding, False)
            batch, size = [], 0
    yield _encode(encoder, "".join(batch), encoding, True)


def _encode(encoder: codecs.IncrementalEncoder, text: str, encoding: str,
            final: bool) -> bytes:
    try:
        return encoder.encode(text, final)
    except UnicodeError as error:
        raise encode_error(text, encoding, error) from error
