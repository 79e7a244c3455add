"""Export writers: each turns the project's segments into the bytes of one file format."""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.comments import Comment
from reviewer.core.document import Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.mqm import AnnotatedSpan, wmt_category
from reviewer.core.tags import plain_text, tags_of, to_notation
from reviewer.formats.delimited_rewrite import rewrite_delimited
from reviewer.formats.encoding import encode_text
from reviewer.formats.po import write_po
from reviewer.formats.rejoin import rejoined
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
    author: str | None = None  # who wrote its latest revision (None: nobody yet)
    comments: tuple[Comment, ...] = ()  # open ones, oldest first: XLIFF notes, PO comments
    annotations: tuple[AnnotatedSpan, ...] = ()  # live MQM annotations: MQM TSV, JSONL


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


def _notation(segment: ExportSegment, text: str | None) -> str | None:
    """A text of the segment with its tags as ``<1>``…``</1>``, as TSV, CSV and JSONL hold it."""
    return None if text is None else to_notation(text, tags_of(segment.meta))


def write_text(job: ExportJob) -> bytes:
    """The corrected document with the original layout, in the original encoding; tags
    are left out (a text file cannot hold them)."""
    texts = [plain_text(s.correction) if tags_of(s.meta) else s.correction
             for s in job.segments]
    text = job.layout.join(texts)
    return encode_text(text, job.properties.get("encoding", "utf-8"),
                       job.properties.get("bom") == "1")


def _figures(segment: ExportSegment) -> list[str]:
    """HTER, BLEU and chrF as cells; empty while the scores are pending (NaN)."""
    return ["" if math.isnan(x) else f"{x:.4f}" for x in (segment.hter, segment.bleu,
                                                        segment.chrf)]


def _table(job: ExportJob) -> tuple[list[str], list[list[object]]]:
    """The header and rows TSV and CSV share; a reference column when there are references."""
    header = ["index", "source", "mt", "correction", "status", "hter", "bleu", "chrf"]
    references = any(s.reference is not None for s in job.segments)
    if references:
        header.append("reference")
    rows: list[list[object]] = []
    for s in job.segments:
        row: list[object] = [s.position + 1, _notation(s, s.source), _notation(s, s.mt),
                             _notation(s, s.correction), s.status, *_figures(s)]
        if references:
            row.append(_notation(s, s.reference))
        rows.append(row)
    return header, rows


def write_tsv(job: ExportJob) -> bytes:
    """Source, MT, correction, status, scores (and reference), one row a segment (UTF-8)."""
    if (rewritten := rewrite_delimited(job, "tsv")) is not None:  # a headerless original
        return rewritten
    return to_tsv(*_table(job)).encode("utf-8")


def write_csv(job: ExportJob) -> bytes:
    """The TSV export's columns as CSV: RFC 4180 quoting and CRLF line ends (UTF-8)."""
    if (rewritten := rewrite_delimited(job, "csv")) is not None:  # a headerless original
        return rewritten
    header, rows = _table(job)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    return out.getvalue().encode("utf-8")


def write_jsonl(job: ExportJob) -> bytes:
    """One JSON object a line, ``{"src", "mt", "pe", "hter", "annotations"}``: QE and APE
    training data, with the segment's MQM error spans."""
    lines = [json.dumps({"src": _notation(s, s.source), "mt": _notation(s, s.mt),
                         "pe": _notation(s, s.correction),
                         "hter": None if math.isnan(s.hter) else round(s.hter / 100, 6),
                         "annotations": [span.to_json() for span in s.annotations]},
                        ensure_ascii=False)
             for s in job.segments]
    return ("\n".join(lines) + "\n").encode("utf-8")


MQM_TSV_COLUMNS = ("system", "doc", "doc_id", "seg_id", "rater", "source", "target",
                   "category", "severity")


def write_mqm_tsv(job: ExportJob) -> bytes:
    """WMT's MQM TSV: one row an annotation, the span marked ``<v>…</v>`` in the target
    (the MT, or the correction as it was annotated: system ``post-edit``); a segment
    without annotations has one ``No-error`` row for the MT."""
    doc = job.properties.get("source_name", "")
    rows: list[list[object]] = []
    for s in job.segments:
        source = _notation(s, s.source) or ""
        number = s.position + 1
        if not s.annotations:
            rows.append(["mt", doc, number, number, "", source, _notation(s, s.mt),
                         "No-error", "No-error"])
        for span in s.annotations:
            a = span.annotation
            rows.append(["mt" if a.side == "mt" else "post-edit", doc, number, number,
                         a.author, source, span.marked(), wmt_category(a.category),
                         a.severity.capitalize()])
    return to_tsv(MQM_TSV_COLUMNS, rows).encode("utf-8")


@dataclass(frozen=True)
class ExportFormat:
    """One export target, as ``--format``, extensions and the export dialog know it."""

    name: str
    label: str
    extensions: tuple[str, ...]  # the first is the one a new file is given
    writer: Writer
    # a new file of this format needs source text; an original file of it is rewritten
    needs_source: bool = False
    markup: bool = False  # writes inline tags back as markup, which must be well formed


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("text", "Plain text", (".txt", ".text"), write_text),
    ExportFormat("tsv", "Tab-separated values (TSV)", (".tsv", ".tab"), write_tsv),
    ExportFormat("csv", "Comma-separated values (CSV)", (".csv",), write_csv),
    ExportFormat("xliff", "XLIFF", (".xlf", ".xliff", ".sdlxliff", ".mqxliff"), write_xliff,
                 needs_source=True, markup=True),
    ExportFormat("tmx", "TMX translation memory", (".tmx",), write_tmx, needs_source=True,
                 markup=True),
    ExportFormat("po", "gettext PO", (".po", ".pot"), write_po, needs_source=True),
    ExportFormat("jsonl", "JSON Lines (source, MT, post-edit, HTER)", (".jsonl",), write_jsonl),
    ExportFormat("mqm-tsv", "MQM annotations (WMT TSV)", (".mqm.tsv",), write_mqm_tsv),
)
_BY_NAME = {spec.name: spec for spec in FORMATS}
_BY_EXTENSION = {extension: spec.name for spec in FORMATS for extension in spec.extensions}


def export_formats() -> tuple[str, ...]:
    """The names ``--format`` accepts."""
    return tuple(_BY_NAME)


def _choices() -> str:
    return ", ".join(f"{spec.name} ({', '.join(spec.extensions)})" for spec in FORMATS)


def format_spec(name: str) -> ExportFormat:
    """The export format called ``name``."""
    spec = _BY_NAME.get(name)
    if spec is None:
        raise ReviewerError(f"unknown export format {name!r}: use one of {_choices()}")
    return spec


def producible(has_source: bool, original_format: str | None) -> list[ExportFormat]:
    """The formats a project can be written in: all that need no source text, and the
    rest when it has source text or an original file of that format."""
    return [spec for spec in FORMATS
            if not spec.needs_source or has_source or original_format == spec.name]


def format_for(path: str | os.PathLike[str], requested: str | None = None) -> str:
    """The format asked for, else the one the extension names; another extension is refused."""
    if requested is not None:
        return format_spec(requested).name
    suffix = Path(path).suffix.lower()
    double = "".join(Path(path).suffixes[-2:]).lower()  # .mqm.tsv before .tsv
    chosen = _BY_EXTENSION.get(double) or _BY_EXTENSION.get(suffix)
    if chosen is None:
        what = f"the extension {suffix!r}" if suffix else "no extension"
        raise ReviewerError(f"{Path(path).name} has {what}, which names no export format: "
                            f"choose one of {_choices()}")
    return chosen


def export_bytes(export_format: str, job: ExportJob) -> bytes:
    """The file's bytes in ``export_format``."""
    if job.original_in(export_format) is not None:  # into the original: a unit, a segment
        job = rejoined(job)
    return format_spec(export_format).writer(job)
