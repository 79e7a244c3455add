"""The report as one self-contained HTML page (charts as data: URIs, CSS inline).

The markup keeps to what Qt's rich text also draws (tables, spans with inline styles,
images), so the PDF drawn from it in reviewer/ui shows the same content.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Iterable, Sequence
from html import escape

from reviewer.core.analysis import Band
from reviewer.core.diff import DiffPart
from reviewer.report.chart_set import report_charts
from reviewer.report.charts import Chart, render
from reviewer.report.content import AnnotationView, Report

ImageHtml = Callable[[Chart], str]  # a chart's <img> element

_CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #222;
       max-width: 60em; margin: 1em auto; }
h1 { font-size: 18pt; margin-bottom: 0; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 1.4em; }
h3 { font-size: 11pt; margin-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.4em 0; }
th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; }
.meta { color: #666; }
.pass { color: #1a7f37; font-weight: bold; }
.fail { color: #c62828; font-weight: bold; }
.sig { font-family: 'DejaVu Sans Mono', monospace; font-size: 8pt; }
.segment { margin: 0.6em 0 1em 0; }
img { max-width: 100%; }
"""
DELETED = "color: #b3261e; text-decoration: line-through; background-color: #fde7e9;"
INSERTED = "color: #1a5fb4; text-decoration: underline; background-color: #e3f0ff;"


def svg_image(chart: Chart) -> str:
    """A chart as an <img> with its SVG inline in a data: URI."""
    data = base64.b64encode(render(chart.figure, "svg")).decode("ascii")
    return (f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(chart.title)}" '
            f'width="640">')


def report_html(report: Report, image: ImageHtml = svg_image) -> str:
    """The whole report page; ``image`` turns each chart into its <img> element."""
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>Quality report: {escape(report.project)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Quality report: {escape(report.project)}</h1>",
        f'<p class="meta">Generated {escape(report.generated)} by reviewer</p>',
        _scores(report), _effort(report), _mqm(report), _analysis(report), _review(report),
        _charts(report, image), _segments(report), "</body></html>\n",
    ]
    return "\n".join(part for part in parts if part)


def _number(value: float, digits: int = 2) -> str:
    return "pending" if math.isnan(value) else f"{value:.{digits}f}"


def _table(header: Sequence[str], rows: Iterable[Sequence[object]],
           numeric: Sequence[bool] = ()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="n" align="right">{escape(str(cell))}</td>'
            if index < len(numeric) and numeric[index] else f"<td>{escape(str(cell))}</td>"
            for index, cell in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return (f'<table border="1" cellspacing="0" cellpadding="3"><tr>{head}</tr>'
            + "".join(body) + "</table>")


def _section(name: str, title: str, *body: str) -> str:
    return f'<div class="section" id="{name}"><h2>{escape(title)}</h2>' + "".join(body) + "</div>"


def _scores(report: Report) -> str:
    scores = report.scores
    rows: list[tuple[str, str]] = [("HTER", _number(scores.hter)),
                                   ("BLEU", _number(scores.bleu)),
                                   ("chrF", _number(scores.chrf))]
    if report.details is not None:
        edits = report.details.edits
        rows += [("character distance (%)", _number(report.details.char_distance)),
                 ("insertions / deletions / substitutions / shifts",
                  f"{edits.insertions} / {edits.deletions} / {edits.substitutions} / "
                  f"{edits.shifts}")]
    progress = (f"<p>{report.segments} segments, {report.edited} edited, "
                f"{report.confirmed} confirmed"
                + (f", {report.pending} still being scored" if report.pending else "")
                + ". Scores compare the MT with the corrected text (the correction is the "
                  "reference).</p>")
    signatures = "".join(f'<tr><td>{escape(name)}</td><td class="sig">{escape(sig)}</td></tr>'
                         for name, sig in report.signatures.items())
    return _section("scores", "Document scores", progress,
                    _table(("metric", "value"), rows, (False, True)),
                    "<h3>Metric signatures</h3>",
                    f'<table border="1" cellspacing="0" cellpadding="3">{signatures}</table>')


def _minutes(ms: int) -> str:
    seconds = ms // 1000
    return f"{seconds // 60} min {seconds % 60:02d} s"


def _effort(report: Report) -> str:
    effort = report.effort
    rows = [("words", str(effort.words)),
            ("editing time", _minutes(effort.editing_ms)),
            ("time per word (s)", f"{effort.seconds_per_word:.2f}"),
            ("segments with editing time", str(len(effort.timed))),
            ("outlier limit, s per word (Q3 + 1.5 IQR)",
             "needs 4 timed segments" if effort.limit is None else f"{effort.limit:.2f}")]
    outliers = ("<p>No segment took an outlying time per word.</p>" if not effort.outliers
                else "<h3>Outliers</h3>" + _table(
                    ("segment", "words", "editing time", "s per word", "HTER"),
                    ((s.position + 1, s.words, _minutes(s.editing_ms),
                      f"{s.seconds_per_word:.2f}", _number(s.hter)) for s in effort.outliers),
                    (True, True, True, True, True)))
    words = ("Words are whitespace-separated words of the source (of the MT without one); "
             "editing time is what the revisions recorded, the editor's and the reviewer's.")
    return _section("effort", "Effort", f"<p>{words}</p>",
                    _table(("measure", "value"), rows, (False, True)), outliers)


def _mqm(report: Report) -> str:
    mqm = report.mqm
    verdict = ('<span class="pass">PASS</span>' if mqm.passed
               else '<span class="fail">FAIL</span>')
    severities = report.mqm_severities
    rows = [(category, *(counts.get(sev, 0) for sev in severities), sum(counts.values()))
            for category, counts in sorted(mqm.by_category.items())]
    totals = _table(("measure", "value"),
                    [("absolute penalty total (APT)", f"{mqm.apt:.2f}"),
                     ("evaluation word count (EWC)", str(mqm.ewc)),
                     ("normed penalty per 1,000 words (NPT)", f"{mqm.npt:.2f}"),
                     ("quality score (OQS)", f"{mqm.score:.2f}")], (False, True))
    table = (_table(("category", *severities, "total"), rows,
                    (False, *([True] * (len(severities) + 1))))
             if rows else "<p>No errors annotated.</p>")
    threshold = (f" (pass: a score of at least {report.mqm_threshold:g} and no critical "
                 "error)")
    return _section("mqm", "MQM errors and score", f"<p>Result: {verdict}{threshold}</p>",
                    totals, table)


def _bands(bands: Sequence[Band]) -> str:
    return _table(("band", "segments", "% segments", "words", "% words"),
                  ((b.label, b.segments, f"{b.segment_share:.1f}", b.words,
                    f"{b.word_share:.1f}") for b in bands),
                  (False, True, True, True, True))


def _analysis(report: Report) -> str:
    analysis = report.analysis
    basis = "source" if analysis.word_basis == "source" else "MT"
    body = [f"<p>Character edit distance between the MT and the final text, as a percentage, "
            f"of {analysis.total_segments} segments and {analysis.total_words} words (words "
            f"of the {basis}).</p>", _bands(analysis.bands)]
    for editor, bands in sorted(analysis.per_editor.items()):
        body.append(f"<h3>Editor {escape(editor)}</h3>{_bands(bands)}")
    if any(b.segments for b in analysis.reviewer_vs_editor):
        body.append("<h3>Reviewer against the editor</h3>"
                    + _bands(analysis.reviewer_vs_editor))
    return _section("analysis", "Post-editing analysis", *body)


def _review(report: Report) -> str:
    review = report.review
    ter = review.ter
    rows = [("accepted", review.accepted), ("edited by the reviewer", review.edited),
            ("rejected", review.rejected), ("not reviewed", review.not_reviewed),
            ("reviewer TER against the editor", "none reviewed" if ter is None
             else f"{ter:.2f}")]
    return _section("review", "Review outcome",
                    _table(("segments", "count"), rows, (False, True)))


def _charts(report: Report, image: ImageHtml) -> str:
    return _section("charts", "Charts", *(
        f'<div class="chart" id="chart-{chart.name}"><p>{image(chart)}</p></div>'
        for chart in report_charts(report)))


def diff_html(parts: Iterable[DiffPart]) -> str:
    """A word diff with deleted MT words struck through in red and inserted words in blue."""
    out = []
    for part in parts:
        text = escape(part.text)
        if part.kind == "delete":
            out.append(f'<span style="{DELETED}">{text}</span>')
        elif part.kind == "insert":
            out.append(f'<span style="{INSERTED}">{text}</span>')
        else:
            out.append(text)
    return "".join(out)


def _annotation(annotation: AnnotationView) -> str:
    side = "MT" if annotation.side == "mt" else annotation.side
    return (f"<li><b>{escape(annotation.severity)}</b> {escape(annotation.category)} "
            f"({escape(side)}: “{escape(annotation.span)}”)"
            + (f": {escape(annotation.note)}" if annotation.note else "")
            + f' <span class="meta">({escape(annotation.author)})</span></li>')


def _segments(report: Report) -> str:
    ranked = "HTER or MQM penalty"
    if not report.top:
        return _section("segments", f"Segments with the highest {ranked}",
                        "<p>No segment was edited.</p>")
    blocks = []
    for segment in report.top:
        numbers = f"HTER {_number(segment.hter)}, MQM penalty {segment.penalty:g}"
        block = [f'<div class="segment"><h3>Segment {segment.position + 1} '
                 f'<span class="meta">({numbers}; {escape(str(segment.status))})</span></h3>']
        if segment.source:
            block.append(f'<p class="meta">{escape(segment.source)}</p>')
        block.append(f"<p>{diff_html(segment.diff)}</p>")
        if segment.annotations:
            block.append("<ul>" + "".join(_annotation(a)
                                          for a in segment.annotations) + "</ul>")
        blocks.append("".join(block) + "</div>")
    legend = (f'<p class="meta">MT words taken out: <span style="{DELETED}">struck through'
              f'</span>; words the correction put in: <span style="{INSERTED}">underlined'
              f"</span>.</p>")
    return _section("segments", f"Segments with the highest {ranked}", legend, *blocks)
