"""The report's charts, made from its content."""

from __future__ import annotations

import math

from reviewer.report import charts
from reviewer.report.charts import Chart
from reviewer.report.content import Report


def report_charts(report: Report) -> list[Chart]:
    """Every chart the report's content allows, in the order the report shows them."""
    scored = [s for s in report.effort.segments if not math.isnan(s.hter)]
    timed = [s for s in report.effort.timed if not math.isnan(s.hter)]
    outliers = {s.position for s in report.effort.outliers}
    made = [
        Chart("hter-distribution", "HTER distribution",
              charts.hter_histogram([s.hter for s in scored])),
        Chart("hter-along", "HTER along the document",
              charts.hter_along([s.position + 1 for s in scored], [s.hter for s in scored])),
        Chart("time-per-word", "Editing time per word against HTER",
              charts.time_against_hter([s.hter for s in timed],
                                       [s.seconds_per_word for s in timed],
                                       [s.position in outliers for s in timed],
                                       report.effort.limit)),
    ]
    made.append(Chart("errors", "Errors by MQM category and severity",
                      charts.errors_by_category(report.mqm.by_category,
                                                report.mqm_severities)))
    bands = report.analysis.bands
    made.append(Chart("analysis-bands", "Post-editing analysis bands",
                      charts.analysis_bands([b.label for b in bands], [b.segments for b in bands],
                                            [b.words for b in bands])))
    for chart in made:
        chart.figure.suptitle(chart.title, fontsize="medium", fontweight="bold")
    return made
