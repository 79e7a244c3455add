"""Export writers: each turns the project's segments into the bytes of one file format."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.document import Layout
from reviewer.core.errors import ReviewerError
from reviewer.formats.encoding import encode_text
from reviewer.formats.po import write_po
from reviewer.formats.tmx import write_tmx
from reviewer.formats.tsv import to_tsv
from reviewer.formats.xliff import write_xliff


@dataclass(frozen=True)
class ExportSegment:
    """One segment as an export sees it."""

    position: int
    source: str | None
    mt: str
    reference: str | None
    correction: str
    status: str
    hter: float
    bleu: float
    chrf: float
    meta: dict[str, object] | None


@dataclass(frozen=True)
class ExportJob:
    """Everything a writer may need: segments, layout, project properties, the original file."""

    segments: list[ExportSegment]
    layout: Layout
    properties: dict[str, str]
    original: tuple[str, str, bytes] | None  # name, format, bytes

    def original_in(self, file_format: str) -> tuple[str, bytes] | None:
        """The imported file's name and bytes, when it was a file of ``file_format``."""
        if self.original is None or self.original[1] != file_format:
            return None
        return self.original[0], self.original[2]

    @staticmethod
    def parse_meta(text: str | None) -> dict[str, object] | None:
        """A segment's stored format data."""
        return None if text is None else dict(json.loads(text))


Writer = Callable[[ExportJob], bytes]


def write_text(job: ExportJob) -> bytes:
    """The corrected document with the original layout, in the original encoding."""
    text = job.layout.join([segment.correction for segment in job.segments])
    return encode_text(text, job.properties.get("encoding", "utf-8"),
                       job.properties.get("bom") == "1")


def _figures(segment: ExportSegment) -> list[str]:
    """HTER, BLEU and chrF as TSV cells; empty while the scores are pending (NaN)."""
    return ["" if math.isnan(x) else f"{x:.4f}" for x in (segment.hter, segment.bleu,
                                                        segment.chrf)]


def write_tsv(job: ExportJob) -> bytes:
    """Source, MT, correction, status and scores, one row a segment (UTF-8)."""
    header = ["index", "source", "mt", "correction", "status", "hter", "bleu", "chrf"]
    rows = [[s.position + 1, s.source, s.mt, s.correction, s.status, *_figures(s)]
            for s in job.segments]
    return to_tsv(header, rows).encode("utf-8")


def write_jsonl(job: ExportJob) -> bytes:
    """One JSON object a line, ``{"src", "mt", "pe", "hter"}``: QE and APE training data."""
    lines = [json.dumps({"src": s.source, "mt": s.mt, "pe": s.correction,
                         "hter": None if math.isnan(s.hter) else round(s.hter / 100, 6)},
                        ensure_ascii=False)
             for s in job.segments]
    return ("\n".join(lines) + "\n").encode("utf-8")


WRITERS: dict[str, Writer] = {"text": write_text, "tsv": write_tsv, "xliff": write_xliff,
                              "tmx": write_tmx, "po": write_po, "jsonl": write_jsonl}
EXTENSIONS: dict[str, str] = {".tsv": "tsv", ".txt": "text", ".xlf": "xliff",
                              ".xliff": "xliff", ".tmx": "tmx", ".po": "po",
                              ".jsonl": "jsonl"}


def export_formats() -> tuple[str, ...]:
    """The names ``--format`` accepts."""
    return tuple(WRITERS)


def format_for(path: str | os.PathLike[str], requested: str | None = None) -> str:
    """The format asked for, else the one the extension names, else text."""
    if requested is not None:
        if requested not in WRITERS:
            raise ReviewerError(f"unknown export format {requested!r}: use "
                                + ", ".join(export_formats()))
        return requested
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def export_bytes(export_format: str, job: ExportJob) -> bytes:
    """The file's bytes in ``export_format``."""
    return WRITERS[format_for("", export_format)](job)
