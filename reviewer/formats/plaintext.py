"""Plain-text jobs: one MT file split into sentences, or line-aligned files."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.core.segmentation import split_lines, split_sentences
from reviewer.formats.encoding import DecodedText, decode, read_text
from reviewer.formats.limits import check_line_lengths, check_segment_length

SEGMENTATIONS = ("sentences", "lines")


def import_plain_text(
    mt: str | Path,
    source: str | Path | None = None,
    reference: str | Path | None = None,
    corrections: str | Path | None = None,
    segmentation: str | None = None,
    encoding: str | None = None,
    language: str = "en",
    mt_data: bytes | None = None,
) -> ImportedDocument:
    """Read the MT (and any aligned files) into segments, keeping the MT's layout.

    ``mt_data``: the MT's bytes when the caller read them already (a pipe reads once).
    """
    if segmentation is None:
        aligned = source is not None or reference is not None or corrections is not None
        segmentation = "lines" if aligned else "sentences"
    if segmentation not in SEGMENTATIONS:
        raise ReviewerError(f"unknown segmentation {segmentation!r}: use sentences or lines")
    mt_text = _read_nonempty(mt, encoding, mt_data)
    if segmentation == "sentences":
        if source is not None or reference is not None or corrections is not None:
            raise ReviewerError("aligned files need --segment lines: a sentence split of the "
                                "MT cannot be matched to their lines")
        texts, layout = split_sentences(mt_text.text, language)
        segments = [ImportedSegment(mt=text) for text in texts]
    else:
        texts, layout = split_lines(mt_text.text)
        columns = {"source": source, "reference": reference, "corrections": corrections}
        aligned_lines: dict[str, list[str]] = {}
        for role, path in columns.items():
            if path is None:
                continue
            lines, _ = split_lines(_read_nonempty(path, encoding).text)
            if len(lines) != len(texts):
                raise ReviewerError(
                    f"line counts differ: --mt {Path(mt).name} has {len(texts)} lines, "
                    f"--{role} {Path(path).name} has {len(lines)}"
                )
            aligned_lines[role] = lines
        segments = [
            ImportedSegment(
                mt=text,
                source=aligned_lines["source"][i] if "source" in aligned_lines else None,
                reference=aligned_lines["reference"][i] if "reference" in aligned_lines else None,
                correction=(aligned_lines["corrections"][i]
                            if "corrections" in aligned_lines else None),
            )
            for i, text in enumerate(texts)
        ]
    if not segments:
        raise ReviewerError(f"{mt}: holds no text to review")
    for number, segment in enumerate(segments, start=1):
        for role in ("mt", "source", "reference", "correction"):
            check_segment_length(getattr(segment, role), f"{mt}: segment {number}'s {role}")
    return ImportedDocument(
        segments=segments,
        layout=layout,
        segmentation=segmentation,
        encoding=mt_text.encoding,
        bom=mt_text.bom,
        source_name=Path(mt).name,
    )


def _read_nonempty(path: str | Path, encoding: str | None,
                   data: bytes | None = None) -> DecodedText:
    decoded = read_text(path, encoding) if data is None else decode(data, str(path), encoding)
    if not decoded.text.strip():
        raise ReviewerError(f"{path}: the file is empty")
    check_line_lengths(decoded.text, str(path))
    return decoded
