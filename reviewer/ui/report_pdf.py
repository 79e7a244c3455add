"""The report as a PDF: its HTML drawn by Qt's rich text onto A4 pages (charts as PNG)."""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from reviewer.report.charts import Chart, render
from reviewer.report.content import Report
from reviewer.report.html import report_html

_CHART_WIDTH = 470  # the chart's width in the page's layout pixels


def report_pdf_without_window(report: Report) -> bytes:
    """The PDF of ``report`` from a command: Qt started offscreen for it (fonts need an
    application; no display is needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(["reviewer"])
    try:
        return report_pdf(report)
    finally:
        del app


def report_pdf(report: Report) -> bytes:
    """The PDF of ``report`` (needs a QGuiApplication; runs on any thread)."""
    document = QTextDocument()

    def image(chart: Chart) -> str:
        name = f"{chart.name}.png"
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                             QImage.fromData(render(chart.figure, "png")))
        return f'<img src="{name}" width="{_CHART_WIDTH}">'

    document.setHtml(report_html(report, image))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"Quality report: {report.project}")
    writer.setCreator("reviewer")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())
