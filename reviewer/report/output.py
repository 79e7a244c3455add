"""Writing the report: where it may go, in which format, atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.formats.atomic import atomic_write_bytes, check_destination
from reviewer.report.content import Report, build_report
from reviewer.report.html import report_html
from reviewer.session import ReviewSession
from reviewer.store.files import refuse_overwriting_project

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}
PdfRenderer = Callable[[Report], bytes]  # Qt draws it: reviewer.ui.report_pdf


def report_format(path: Path) -> str:
    """``html`` or ``pdf`` from the file's extension; another is refused."""
    chosen = FORMATS.get(path.suffix.lower())
    if chosen is None:
        raise ReviewerError(f"{path}: a report is written as .html or .pdf")
    return chosen


def check_report_destination(output: Path, project: Path) -> str:
    """Refuse a place a report never writes (the project, a database, a folder, another
    extension); the report's format."""
    refuse_overwriting_project(output, project, "a report")
    check_destination(output)
    return report_format(output)


def write_report(session: ReviewSession, output: Path, pdf: PdfRenderer) -> str:
    """Build the report of an open project and write it atomically; its format."""
    chosen = check_report_destination(output, session.path)
    report = build_report(session)
    data = report_html(report).encode("utf-8") if chosen == "html" else pdf(report)
    refuse_overwriting_project(output, session.path, "a report")  # again, just before
    atomic_write_bytes(output, data)
    return chosen
