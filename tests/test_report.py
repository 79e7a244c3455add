"""The quality report: its sections, charts, self-contained HTML and the PDF's pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_project import build

from PySide6.QtWidgets import QApplication

from reviewer.core.errors import ReviewerError
from reviewer.report import charts
from reviewer.report.content import build_report
from reviewer.report.effort import SegmentEffort, outlier_limit, summarise
from reviewer.report.html import report_html
from reviewer.report.output import check_report_destination, write_report
from reviewer.session import ReviewSession


class _Page(HTMLParser):
    """The ids, headings and every src/href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("src", "href", "srcset", "data", "action") and value is not None:
                self.references.append(value)


@pytest.fixture
def project(tmp_path: Path, seed: Path) -> Path:
    return build(tmp_path / "report.review", seed)


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def test_the_report_has_every_section(project: Path) -> None:
    session = ReviewSession.open(project, read_only=True)
    try:
        page = _parse(report_html(build_report(session)))
    finally:
        session.close()
    assert {"scores", "effort", "mqm", "analysis", "review", "charts", "segments"} <= page.ids
    assert {"chart-hter-distribution", "chart-hter-along", "chart-time-per-word",
            "chart-errors", "chart-analysis-bands"} <= page.ids


def test_the_report_names_scores_signatures_outliers_and_annotated_diffs(
        project: Path) -> None:
    session = ReviewSession.open(project, read_only=True)
    try:
        report = build_report(session)
        text = report_html(report)
    finally:
        session.close()
    assert "nrefs:1|case:lc|tok:tercom" in text  # the HTER signature
    assert [s.position for s in report.effort.outliers] == [20]
    assert "Outliers" in text
    assert report.mqm is not None and report.mqm.apt == pytest.approx(6.0)  # major 5 + minor 1
    top = {s.position: s for s in report.top}
    assert {0, 3, 4, 6, 10, 14, 20} == set(top)  # every edited segment (fewer than 8)
    assert [a.span for a in top[4].annotations] == ["defeated?"]
    assert "line-through" in text and "a question" in text and "“defeated?”" in text
    assert (report.review.accepted, report.review.rejected) == (1, 1)
    assert "<h3>Editor ann</h3>" in text and "<h3>Reviewer against the editor</h3>" in text
    assert sum(band.segments for band in report.analysis.bands) == report.segments


def test_the_html_refers_to_nothing_outside_itself(project: Path) -> None:
    session = ReviewSession.open(project, read_only=True)
    try:
        text = report_html(build_report(session))
    finally:
        session.close()
    page = _parse(text)
    assert page.references and all(r.startswith("data:") for r in page.references)
    assert not {"link", "script", "iframe", "object", "embed"} & set(page.tags)
    assert not re.search(r"url\(|@import|https?://", text)


def test_charts_make_valid_svg_and_png() -> None:
    from xml.etree import ElementTree

    figures = [charts.hter_histogram([0.0, 12.5, 140.0]),
               charts.hter_along([1, 2, 3], [0.0, 12.5, 140.0]),
               charts.time_against_hter([10.0, 20.0], [0.5, 9.0], [False, True], 4.0),
               charts.errors_by_category({"style": {"minor": 2}}, ["minor", "major"]),
               charts.errors_by_category({}, ["minor"]),
               charts.analysis_bands(["0 %", "1–9 %"], [3, 1], [40, 12])]
    for figure in figures:
        svg = ElementTree.fromstring(charts.render(figure, "svg"))
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
        assert charts.render(figure, "png").startswith(b"\x89PNG\r\n\x1a\n")


def test_outliers_lie_beyond_q3_plus_one_and_a_half_iqr() -> None:
    # seconds per word 1, 2, 3, 4, 20: quartiles (inclusive) 2 and 4, IQR 2, limit 7
    assert outlier_limit([1.0, 2.0, 3.0, 4.0, 20.0]) == pytest.approx(7.0)
    segments = [SegmentEffort(i, 10, int(v * 10_000), 0.0) for i, v in
                enumerate([1.0, 2.0, 3.0, 4.0, 20.0])] + [SegmentEffort(5, 10, 0, 0.0)]
    summary = summarise(segments)
    assert [s.position for s in summary.outliers] == [4]
    assert summary.words == 60 and summary.seconds_per_word == pytest.approx(300 / 60)
    assert outlier_limit([1.0, 2.0, 3.0]) is None  # too few to tell


def pdf_pages(pdf: bytes) -> int:
    """Page objects in a PDF (Qt writes no object streams, so they are in plain text)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_the_pdf_has_pages_and_the_html_is_written_atomically(
        project: Path, tmp_path: Path, qapp: QApplication) -> None:
    from reviewer.ui.report_pdf import report_pdf

    html, pdf = tmp_path / "out.html", tmp_path / "out.pdf"
    session = ReviewSession.open(project, read_only=True)
    try:
        assert write_report(session, html, report_pdf) == "html"
        assert write_report(session, pdf, report_pdf) == "pdf"
    finally:
        session.close()
    assert 'id="mqm"' in html.read_text(encoding="utf-8")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert pdf_pages(data) >= 3


def test_a_report_never_goes_over_the_project_nor_in_another_format(
        project: Path, tmp_path: Path) -> None:
    before = project.read_bytes()
    with pytest.raises(ReviewerError, match="never writes over it"):
        check_report_destination(project, project)
    with pytest.raises(ReviewerError, match="a report is written as .html or .pdf"):
        check_report_destination(tmp_path / "out.docx", project)
    assert project.read_bytes() == before


def test_an_unedited_project_still_has_every_section(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project, read_only=True)
    try:
        report = build_report(session)
        text = report_html(report)
    finally:
        session.close()
    assert report.top == () and report.effort.limit is None and report.mqm.passed
    assert "No segment was edited." in text and "needs 4 timed segments" in text
    assert {"scores", "effort", "mqm", "analysis", "review", "charts",
            "segments"} <= _parse(text).ids
