"""The window on a project of thousands of segments: the table reads its rows a page at a
time, filters ask the project which rows match, the MQM score counts words off the GUI
thread; what the user sees is the same as with every row read at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from qt_helpers import type_text
from tag_project import tagged_project

from PySide6.QtCore import Qt

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.filtering import SegmentFilter, TextQuery, sorted_rows
from reviewer.session import ReviewSession
from reviewer.ui import document_words
from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_CORRECTION, COL_HTER, COL_MT, COL_STATUS
from reviewer.ui.segment_pages import PAGE, PAGES_KEPT
from reviewer.ui.sort_keys import status_rank

COUNT = 3_000
RARE = "zyzzyva"


def mt(position: int) -> str:
    return f"Sentence {position} is about topic {position % 7}."


@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.review"
    segments = [ImportedSegment(mt=mt(position)) for position in range(COUNT)]
    session = ReviewSession.create(path, ImportedDocument(
        segments, Layout(tuple([""] + ["\n"] * COUNT)), "lines"))
    session.edit(0, "Sentence zero.", "tester")  # confirmed
    session.edit(1, "Sentence one.", "tester")
    session.edit(1500, f"A {RARE} in the middle.", "tester")
    session.edit(COUNT - 1, f"The last {RARE}.", "tester", status="edited")
    session.add_annotation(5, "mt", 0, 8, "accuracy/mistranslation", "major", "", "tester")
    session.close()
    return path


@pytest.fixture
def big(big_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "big.review"
    copy.write_bytes(big_template.read_bytes())
    return copy


@pytest.fixture
def paged(open_window: Callable[[Path], MainWindow], big: Path,
          monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    def every_segment(self: ReviewSession) -> list[object]:
        raise AssertionError("the window read every segment at once")

    monkeypatch.setattr(ReviewSession, "segments", every_segment)
    monkeypatch.setattr(document_words, "INLINE_SEGMENTS", 100)  # counted in a thread
    return open_window(big)


def shown(window: MainWindow) -> list[int]:
    return window.filters.proxy.source_rows()


def cell(window: MainWindow, row: int, column: int) -> str:
    return str(window.model.data(window.model.index(row, column)))


def test_the_table_shows_every_row_reading_pages_as_they_are_shown(
        paged: MainWindow, qtbot: QtBot) -> None:
    window = paged
    assert window.table.model().rowCount() == COUNT
    assert window.filters.filter_bar.count.text() == f"{COUNT:,} segments"
    pages = window.model.pages
    assert pages is not None and len(pages._pages) <= 3  # what is shown, not all
    assert window.editor.position == 2  # the first unconfirmed, found by the project
    assert cell(window, 1, COL_STATUS) == "confirmed"
    window.table.scrollToBottom()
    window.select_row(COUNT - 1)
    assert window.editor.position == COUNT - 1
    assert window.model.segment(COUNT - 1).mt == mt(COUNT - 1)
    assert window.editor.text() == f"The last {RARE}."
    assert cell(window, COUNT - 1, COL_STATUS) == "edited"
    for row in range(0, COUNT, 97):  # every page read, only the last ones kept
        assert cell(window, row, COL_MT) == mt(row)
    assert len(pages._pages) <= min(PAGES_KEPT, COUNT // PAGE + 1)


def test_a_confirm_shows_in_its_row_and_in_a_filter(paged: MainWindow, qtbot: QtBot) -> None:
    window = paged
    type_text(window.editor.correction_edit, " Changed")
    qtbot.keyClick(window.editor.correction_edit, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    assert cell(window, 2, COL_STATUS) == "confirmed"
    assert window.editor.position == 3
    window.filters.proxy.set_filter(SegmentFilter(statuses=frozenset({"confirmed"})))
    qtbot.waitUntil(lambda: not window.filters.proxy.filtering)
    assert shown(window) == [0, 1, 2, 1500]


def test_filters_by_status_and_text_over_the_pages_count_typing_as_shown(
        paged: MainWindow, qtbot: QtBot) -> None:
    window = paged
    proxy, bar = window.filters.proxy, window.filters.filter_bar
    window.select_row(40)
    type_text(window.editor.correction_edit, f" {RARE.upper()}")  # typed, not saved
    assert window.model.status(40) == "draft"

    def apply(segment_filter: SegmentFilter) -> list[int]:
        proxy.set_filter(segment_filter)
        qtbot.waitUntil(lambda: not proxy.filtering)
        return shown(window)

    assert apply(SegmentFilter(text=TextQuery(RARE))) == [40, 1500, COUNT - 1]
    assert bar.count.text() == f"3 of {COUNT:,} segments"
    assert apply(SegmentFilter(text=TextQuery(RARE, match_case=True))) == [1500, COUNT - 1]
    assert apply(SegmentFilter(text=TextQuery(RARE, fields=("mt",)))) == []
    assert apply(SegmentFilter(text=TextQuery("sentence 2998 ", fields=("correction",)))) \
        == [2998]  # the MT, not edited
    assert apply(SegmentFilter(statuses=frozenset({"confirmed"}))) == [0, 1, 1500]
    assert apply(SegmentFilter(statuses=frozenset({"draft", "edited"}))) == [40, COUNT - 1]
    assert apply(SegmentFilter(statuses=frozenset({"new"}))) == [
        row for row in range(COUNT) if row not in (0, 1, 40, 1500, COUNT - 1)]
    assert apply(SegmentFilter(statuses=frozenset({"new"}),
                               text=TextQuery(r"topic [3]\.$", regex=True))) == [
        row for row in range(COUNT) if row % 7 == 3 and row not in (0, 1, 40, 1500, COUNT - 1)]
    high = [row for row in (0, 1, 1500) if window.model.hter(row) >= 50]
    assert apply(SegmentFilter(statuses=frozenset({"confirmed"}), hter_min=50.0)) == high
    assert apply(SegmentFilter()) == list(range(COUNT))


def test_the_mqm_document_score_is_counted_off_the_gui_thread(paged: MainWindow,
                                                               qtbot: QtBot) -> None:
    window = paged
    qtbot.waitUntil(lambda: window.annotations.words.words is not None)
    assert window.annotations.words.words == sum(len(mt(row).split()) for row in range(COUNT))
    score = window.session.mqm_score()  # every segment read at once
    assert score.score < 100
    assert window.status.mqm_label.text().startswith(f"MQM {score.score:.1f} ")
    assert f"over {score.ewc} words" in window.status.mqm_label.toolTip()


def test_sorting_asks_the_project_for_the_column_not_every_page(paged: MainWindow,
                                                                 qtbot: QtBot) -> None:
    window = paged
    window.select_row(40)
    type_text(window.editor.correction_edit, " aaa")  # typed, not saved: shown as a draft
    model = window.model
    pages = model.pages
    assert pages is not None
    orders = []
    for column, order in ((COL_STATUS, Qt.SortOrder.AscendingOrder),
                          (COL_CORRECTION, Qt.SortOrder.DescendingOrder),
                          (COL_HTER, Qt.SortOrder.DescendingOrder),
                          (COL_MT, Qt.SortOrder.AscendingOrder)):
        pages._pages.clear()
        window.table.sortByColumn(column, order)
        assert len(pages._pages) <= 3  # the rows in view, not every page
        orders.append((column, order, shown(window)))
    keys = {COL_STATUS: lambda row: status_rank(model.status(row)),
            COL_CORRECTION: model.current_text, COL_HTER: model.hter,
            COL_MT: lambda row: model.segment(row).mt}
    before = list(range(COUNT))
    for column, order, rows in orders:  # ties keep the order shown before
        assert rows == sorted_rows(before, keys[column], order == Qt.SortOrder.DescendingOrder)
        before = rows
    assert window.editor.position == 40 and window.editor.text().endswith(" aaa")


def test_an_xliff_projects_locked_rows_filter_as_shown(
        open_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot: QtBot) -> None:
    window = open_window(tagged_project(tmp_path))
    proxy = window.filters.proxy
    assert window.model.pages is not None and window.model.pages.may_lock

    def apply(segment_filter: SegmentFilter) -> list[int]:
        proxy.set_filter(segment_filter)
        qtbot.waitUntil(lambda: not proxy.filtering)
        return shown(window)

    assert apply(SegmentFilter(statuses=frozenset({"locked"}))) == [2]
    assert apply(SegmentFilter(statuses=frozenset({"new"}))) == [0, 1, 3]
    assert apply(SegmentFilter(statuses=frozenset({"new"}), text=TextQuery("acme"))) == []
    assert apply(SegmentFilter(statuses=frozenset({"locked", "new"}),
                               text=TextQuery("acme"))) == [2]


def test_check_document_reads_only_the_saved_segments(paged: MainWindow) -> None:
    window = paged
    pages = window.model.pages
    assert pages is not None
    pages._pages.clear()
    items = window.qa._saved_segments()
    assert [item[0] for item in items] == [0, 1, 1500, COUNT - 1]
    assert items[-1][1:3] == (f"The last {RARE}.", mt(COUNT - 1))
    assert not pages._pages  # no page read for them
