"""The report's charts, drawn with matplotlib's Agg canvas into SVG or PNG bytes.

Each chart is a fresh ``Figure`` (never pyplot's global state), so charts can be drawn on
any thread at once.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn: the CLI and window start
    from matplotlib.figure import Figure  # half a second faster without it
    from matplotlib.ticker import MaxNLocator

SEVERITY_COLOURS = {"neutral": "#9e9e9e", "minor": "#f2c14e", "major": "#e4572e",
                    "critical": "#8b1e3f"}
_BAR = "#3b75af"
_OUTLIER = "#d62728"
_SIZE = (6.4, 3.2)  # inches: wide enough for a page, short enough for two a page


@dataclass(frozen=True)
class Chart:
    """A chart's name (its file name in the report), title and figure."""

    name: str
    title: str
    figure: Figure


def render(figure: Figure, fmt: str) -> bytes:
    """The figure as ``svg`` or ``png`` bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)  # Agg for PNG; savefig picks the SVG canvas for svg itself
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else None  # the same report, the same bytes
    figure.savefig(buffer, format=fmt, dpi=150, metadata=metadata)
    return buffer.getvalue()


def _integer_locator() -> MaxNLocator:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _figure() -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=_SIZE, layout="constrained")
    figure.add_subplot()
    return figure


def hter_histogram(hters: Sequence[float]) -> Figure:
    """How many segments fall in each 10-point HTER bin (100+ in the last)."""
    figure = _figure()
    axes = figure.axes[0]
    axes.hist([min(h, 109.0) for h in hters], bins=list(range(0, 120, 10)), color=_BAR,
              edgecolor="white")
    axes.set_xticks(range(0, 120, 10), [*map(str, range(0, 110, 10)), "100+"])
    axes.set_xlabel("HTER (%), bins of 10 points")
    axes.set_ylabel("segments")
    axes.yaxis.set_major_locator(_integer_locator())
    axes.set_xlim(0, 110)
    return figure


def hter_along(positions: Sequence[int], hters: Sequence[float]) -> Figure:
    """Each segment's HTER in document order."""
    figure = _figure()
    axes = figure.axes[0]
    axes.bar(positions, hters, width=0.8, color=_BAR)
    axes.set_xlabel("segment")
    axes.set_ylabel("HTER (%)")
    if positions:
        axes.set_xlim(min(positions) - 0.5, max(positions) + 0.5)
    return figure


def time_against_hter(hters: Sequence[float], seconds_per_word: Sequence[float],
                      outliers: Sequence[bool], limit: float | None) -> Figure:
    """Editing time per word against HTER; outliers in red, the outlier limit dashed."""
    figure = _figure()
    axes = figure.axes[0]
    points = list(zip(hters, seconds_per_word, outliers, strict=True))
    plain = [(x, y) for x, y, outlier in points if not outlier]
    marked = [(x, y) for x, y, outlier in points if outlier]
    if plain:
        axes.scatter([x for x, _ in plain], [y for _, y in plain], color=_BAR, s=18,
                     label="segment")
    if marked:
        axes.scatter([x for x, _ in marked], [y for _, y in marked], color=_OUTLIER,
                     marker="x", s=40, label="outlier")
    if limit is not None:
        axes.axhline(limit, color=_OUTLIER, linestyle="--", linewidth=0.8,
                     label="Q3 + 1.5 IQR")
    axes.set_xlabel("HTER (%)")
    axes.set_ylabel("seconds per word")
    if plain or marked:
        axes.legend(loc="best", fontsize="small")
    return figure


def errors_by_category(counts: Mapping[str, Mapping[str, int]],
                       severities: Sequence[str]) -> Figure:
    """Annotated errors per MQM category, stacked by severity."""
    figure = _figure()
    axes = figure.axes[0]
    categories = sorted(counts, key=lambda c: (-sum(counts[c].values()), c))
    left = [0] * len(categories)
    for severity in severities:
        widths = [counts[c].get(severity, 0) for c in categories]
        if any(widths):
            axes.barh(categories, widths, left=left, label=severity,
                      color=SEVERITY_COLOURS.get(severity, _BAR))
            left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("errors")
    axes.xaxis.set_major_locator(_integer_locator())
    if categories:
        axes.legend(loc="lower right", fontsize="small")
    else:
        axes.text(0.5, 0.5, "no errors annotated", ha="center", va="center",
                  transform=axes.transAxes)
    return figure


def analysis_bands(labels: Sequence[str], segments: Sequence[int],
                   words: Sequence[int]) -> Figure:
    """Segments and words per edit-distance band, side by side."""
    figure = _figure()
    axes = figure.axes[0]
    places = list(range(len(labels)))
    axes.bar([p - 0.2 for p in places], segments, width=0.4, color=_BAR, label="segments")
    twin = axes.twinx()
    twin.bar([p + 0.2 for p in places], words, width=0.4, color="#f28e2b", label="words")
    axes.set_xticks(places, labels)
    axes.set_xlabel("edit distance, MT to final text")
    axes.set_ylabel("segments")
    axes.yaxis.set_major_locator(_integer_locator())
    twin.set_ylabel("words")
    handles = axes.get_legend_handles_labels()
    twin_handles = twin.get_legend_handles_labels()
    axes.legend(handles[0] + twin_handles[0], handles[1] + twin_handles[1],
                loc="upper right", fontsize="small")
    return figure
