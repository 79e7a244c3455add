"""Filters, sorting, find and the replace preview over the segment table."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from reviewer.core.filtering import SegmentFilter, TextQuery
from reviewer.session import ReviewSession
from reviewer.store.project import SegmentRecord
from reviewer.ui import segment_filter
from reviewer.ui.filter_bar import FilterBar
from reviewer.ui.replace_preview import ReplacePreview
from reviewer.ui.segment_filter import SegmentFilterProxy
from reviewer.ui.segment_model import (
    COL_CORRECTION,
    COL_HTER,
    COL_INDEX,
    COL_STATUS,
    SegmentTableModel,
)

STATUSES = ("new", "confirmed", "edited", "confirmed", "new", "imported")
HTERS = (0.0, 40.0, 12.5, math.nan, 75.0, 40.0)
TEXTS = ("The cat sleeps", "A Category", "dogs and cats", "The dog", "cat-like", "Cats")


def records() -> list[SegmentRecord]:
    return [SegmentRecord(row, row + 1, None, f"mt {row}", None, TEXTS[row], STATUSES[row],
                          1, HTERS[row], 0.0, 0.0, pending=math.isnan(HTERS[row]))
            for row in range(len(TEXTS))]


def shown(proxy: SegmentFilterProxy) -> list[int]:
    """The segment numbers the table shows, top to bottom."""
    return [int(proxy.index(row, COL_INDEX).data()) for row in range(proxy.rowCount())]


class Shown:
    """A table over the filter proxy over six made-up segments."""

    def __init__(self) -> None:
        self.model = SegmentTableModel(records())
        self.table = QTableView()
        self.proxy = SegmentFilterProxy(self.model, self.table)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_INDEX, Qt.SortOrder.AscendingOrder)


@pytest.fixture
def shown_table(qtbot) -> Shown:  # type: ignore[no-untyped-def]
    made = Shown()
    qtbot.addWidget(made.table)
    made.table.show()
    return made


@pytest.fixture
def proxy(shown_table: Shown) -> SegmentFilterProxy:
    return shown_table.proxy


def test_filter_by_status_text_and_regex(proxy: SegmentFilterProxy) -> None:
    proxy.set_filter(SegmentFilter(statuses=frozenset({"confirmed"})))
    assert shown(proxy) == [2, 4]
    proxy.set_filter(SegmentFilter(text=TextQuery("cat", whole_word=True,
                                                  fields=("correction",))))
    assert shown(proxy) == [1, 5]
    proxy.set_filter(SegmentFilter(text=TextQuery(r"^cats?\b", regex=True)))
    assert shown(proxy) == [5, 6]
    proxy.set_filter(SegmentFilter())
    assert shown(proxy) == [1, 2, 3, 4, 5, 6]


def test_cells_and_edits_go_to_the_right_segment(proxy: SegmentFilterProxy,
                                                  shown_table: Shown) -> None:
    model = shown_table.model
    edits: list[tuple[int, str]] = []
    model.correctionEdited.connect(lambda row, text: edits.append((row, text)))
    proxy.set_filter(SegmentFilter(statuses=frozenset({"new"})))
    assert proxy.index(1, COL_CORRECTION).data() == "cat-like"
    assert proxy.setData(proxy.index(1, COL_CORRECTION), "cat-like things")
    assert edits == [(4, "cat-like things")]
    model.set_typing(4, "typed", None)  # the row stays shown and shows the change
    assert proxy.index(1, COL_CORRECTION).data() == "typed"
    assert proxy.index(1, COL_STATUS).data() == "draft"


def test_sort_by_hter_by_clicking_the_header_then_back_to_document_order(
        proxy: SegmentFilterProxy, shown_table: Shown, qtbot) -> None:  # type: ignore[no-untyped-def]
    header = shown_table.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(header, COL_HTER))
    first = shown(proxy)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(header, COL_HTER))
    second = shown(proxy)
    # ascending then descending (or the other way, as the style wants); pending last
    assert sorted([first, second]) == [[1, 3, 2, 6, 5, 4], [5, 2, 6, 3, 1, 4]]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(header, COL_INDEX))
    if shown(proxy) != [1, 2, 3, 4, 5, 6]:  # the style started # descending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=_section_centre(header, COL_INDEX))
    assert shown(proxy) == [1, 2, 3, 4, 5, 6]


def _section_centre(header, column: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                  header.height() // 2)


def test_sorting_keeps_the_current_row_and_a_filter_keeps_the_sort(
        proxy: SegmentFilterProxy, shown_table: Shown) -> None:
    table = shown_table.table
    table.setCurrentIndex(proxy.index(2, COL_CORRECTION))  # segment 3
    proxy.sort(COL_HTER, Qt.SortOrder.DescendingOrder)
    assert proxy.mapToSource(table.currentIndex()).row() == 2
    proxy.set_filter(SegmentFilter(hter_min=10.0))
    assert shown(proxy) == [5, 2, 6, 3]


def test_a_long_project_is_filtered_in_slices_first_rows_at_once(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(segment_filter, "SLICE_S", 0.0)  # one block of rows per slice
    many = [SegmentRecord(row, row + 1, None, "mt", None, "text", STATUSES[row % 6], 1,
                          float(row % 100), 0.0, 0.0) for row in range(3000)]
    filtered = SegmentFilterProxy(SegmentTableModel(many))
    counts: list[tuple[int, int, bool]] = []
    filtered.countChanged.connect(lambda *count: counts.append(count))
    with qtbot.waitSignal(filtered.applied, timeout=5000):
        filtered.set_filter(SegmentFilter(statuses=frozenset({"confirmed"})))
        assert 0 < filtered.rowCount() < 1000 and filtered.filtering
    assert filtered.rowCount() == 1000 and not filtered.filtering
    assert counts[0][2] and counts[-1] == (1000, 3000, False)
    assert filtered.source_rows() == [row for row in range(3000) if row % 6 in (1, 3)]


def test_a_source_reset_keeps_the_filter(proxy: SegmentFilterProxy,
                                         shown_table: Shown) -> None:
    proxy.set_filter(SegmentFilter(statuses=frozenset({"new"})))
    shown_table.model.reset(records()[:4])
    assert shown(proxy) == [1]


def test_filter_bar_makes_the_filter_and_shows_the_count(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = FilterBar()
    qtbot.addWidget(bar)
    filters: list[SegmentFilter] = []
    bar.changed.connect(filters.append)
    bar.status.setCurrentIndex(bar.status.findText("Confirmed"))
    assert filters[-1].statuses == frozenset({"confirmed"})
    bar.hter_min.setValue(20.0)
    assert (filters[-1].hter_min, filters[-1].hter_max) == (20.0, None)
    bar.hter_max.setValue(50.0)
    assert filters[-1].hter_max == 50.0
    bar.whole_word.setChecked(True)
    qtbot.keyClicks(bar.text, "cat")
    qtbot.waitUntil(lambda: filters[-1].text is not None)
    assert filters[-1].text == TextQuery("cat", whole_word=True)
    bar.show_count(124, 3000, False)
    assert bar.count.text() == "124 of 3,000 segments"
    bar.clear()
    assert not filters[-1].active


def test_replace_preview_lists_each_change_with_counts(qtbot, seed_project: Path) -> None:  # type: ignore[no-untyped-def]
    session = ReviewSession.open(seed_project)
    try:
        changes = session.replacements("Syria", "Syrie")
    finally:
        session.close()
    preview = ReplacePreview()
    qtbot.addWidget(preview)
    preview.show_changes(changes)
    model = preview.model
    assert model.rowCount() == len(changes) > 3
    matches = sum(change[3] for change in changes)
    assert preview.summary.text() == f"{matches} replacements in {len(changes)} segments"
    first = changes[0]
    assert [model.index(0, column).data() for column in range(4)] == \
        [str(first[0] + 1), first[1], first[2], str(first[3])]
    assert "Syrie" in model.index(0, 2).data(Qt.ItemDataRole.UserRole + 1)  # the diff
    preview.show_changes([])
    assert preview.summary.text() == "Nothing to replace: no segment matches."
