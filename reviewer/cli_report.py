"""``reviewer report``: the quality report as one HTML file or a PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.report.content import Report
from reviewer.report.output import check_report_destination, write_report
from reviewer.session import ReviewSession


def _pdf(report: Report) -> bytes:
    """The PDF, drawn by Qt (loaded only for it, as for the window)."""
    from reviewer.ui.report_pdf import report_pdf_without_window

    return report_pdf_without_window(report)


def _score_pending(project: Path) -> None:
    """Compute pending scores first, unless someone else is editing the project."""
    try:
        session = ReviewSession.open(project)
    except ReviewerError:
        return  # open elsewhere for writing: the report says which scores are pending
    try:
        session.score_pending()
    finally:
        session.close()


def run_report(args: argparse.Namespace) -> None:
    """Write the quality report of a project to OUT.html or OUT.pdf."""
    output: Path = args.output
    check_report_destination(output, Path(args.project))  # before any work (a server
    # project's address names no file the report could overwrite)
    _score_pending(args.project)
    session = ReviewSession.open(args.project, read_only=True)
    try:
        chosen = write_report(session, output, _pdf)
    finally:
        session.close()
    print(f"wrote the report {output} ({chosen})", file=sys.stderr)
