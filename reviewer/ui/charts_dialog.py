"""View → Quality charts…: the report's charts in a window of their own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from reviewer.report.chart_set import report_charts
from reviewer.report.charts import render
from reviewer.report.content import Report

ChartImages = list[tuple[str, bytes]]  # (title, PNG)


def chart_images(report: Report) -> ChartImages:
    """Every chart of the report as PNG bytes (drawn off the GUI thread)."""
    return [(chart.title, render(chart.figure, "png")) for chart in report_charts(report)]


class ChartsDialog(QDialog):
    """The charts, one under another, in a scrolling window (Esc closes it)."""

    def __init__(self, images: ChartImages, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.labels: list[QLabel] = []
        for name, png in images:
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            pixmap.setDevicePixelRatio(1.5)  # drawn at 150 dpi: about its size on screen
            label = QLabel()
            label.setPixmap(pixmap)
            label.setAccessibleName(name)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
            self.labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.resize(1040, 760)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
