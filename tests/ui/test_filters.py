"""Filters, sorting, find and the replace preview over the segment table."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from qt_helpers import press, type_text

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QMainWindow, QTableView, QVBoxLayout, QWidget

from reviewer.core.filtering import SegmentFilter, TextQuery
from reviewer.session import ReviewSession
from reviewer.store.project import SegmentRecord
from reviewer.ui import segment_filter
from reviewer.ui.editor_pane import EditorPane
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
from reviewer.ui.table_filters import TableFilters, document_offset

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
def shown_table(qtbot: QtBot) -> Shown:
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
        proxy: SegmentFilterProxy, shown_table: Shown, qtbot: QtBot) -> None:
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


def _section_centre(header: QHeaderView, column: int) -> QPoint:
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
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
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


def test_filter_bar_makes_the_filter_and_shows_the_count(qtbot: QtBot) -> None:
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


def test_replace_preview_lists_each_change_with_counts(qtbot: QtBot, seed_project: Path) -> None:
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


class FilteredEditor(QMainWindow):
    """The segment table through the filters, the editor pane loading the current row and
    the find actions with their keys: the window's wiring in a few lines."""

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.model = SegmentTableModel(session.segments(), self)
        self.table = QTableView()
        self.editor = EditorPane()
        self.saved: list[int] = []
        self.filters = TableFilters(self.table, self.model, self.editor,
                                    lambda: self.saved.append(self.editor.position), self)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.filters.panel)
        layout.addWidget(self.editor)
        self.setCentralWidget(central)
        menu = self.menuBar().addMenu("&Edit")
        for text, keys, slot in (("Find", ["Ctrl+F"], self.filters.open_find),
                                 ("Find next", ["F3"], self.filters.find_next),
                                 ("Find previous", ["Shift+F3"], self.filters.find_previous)):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.triggered.connect(slot)
            menu.addAction(action)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.filters.source_row(current)
        if row >= 0:
            self.editor.load(self.model.segment(row), self.model.current_text(row), False)

    def confirm(self, row: int) -> None:
        result = self.session.edit(row, self.model.current_text(row) + " (ok)", "tester",
                                   "confirmed")
        self.model.replace_segment(result.segment)


@pytest.fixture
def filtered_editor(qtbot: QtBot, seed_project: Path) -> Iterator[FilteredEditor]:
    session = ReviewSession.open(seed_project)
    window = FilteredEditor(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.table.setCurrentIndex(window.filters.index_of(0))
    yield window
    session.close()


def test_filter_by_status_after_confirming_two_shows_two_of_all(
        filtered_editor: FilteredEditor) -> None:
    window = filtered_editor
    bar = window.filters.filter_bar
    assert bar.count.text() == "26 segments"
    window.confirm(3)
    window.confirm(7)
    bar.status.setCurrentIndex(bar.status.findText("Confirmed"))
    assert bar.count.text() == "2 of 26 segments"
    assert window.filters.proxy.source_rows() == [3, 7]
    assert window.editor.position == 3  # the editor's segment was hidden: the first shown
    assert window.saved == [0]  # its typing was kept first
    bar.status.setCurrentIndex(bar.status.findText("Not confirmed"))
    assert bar.count.text() == "24 of 26 segments"


def test_a_text_filter_keeps_the_editor_on_its_segment_without_reloading(
        filtered_editor: FilteredEditor, qtbot: QtBot) -> None:
    window = filtered_editor
    editor = window.editor.correction_edit
    editor.setFocus()
    type_text(editor, " typed")
    window.model.set_typing(0, editor.toPlainText(), None)
    qtbot.keyClicks(window.filters.filter_bar.text, "terrorism")
    press(window.filters.filter_bar.text, Qt.Key.Key_Return)
    rows = window.filters.proxy.source_rows()
    assert 0 in rows and len(rows) < 26
    assert window.filters.source_row(window.table.currentIndex()) == 0
    assert editor.toPlainText().endswith("defeated typed")
    assert window.saved == []  # nothing saved behind the editor's back


def test_a_bad_regex_is_said_in_one_line_and_changes_nothing(
        filtered_editor: FilteredEditor, qtbot: QtBot) -> None:
    bar = filtered_editor.filters.filter_bar
    bar.regex.setChecked(True)
    qtbot.keyClicks(bar.text, "Syria(")
    press(bar.text, Qt.Key.Key_Return)
    assert bar.message.text().startswith("not a valid regular expression")
    assert "\n" not in bar.message.text()
    assert bar.count.text() == "26 segments"


def test_ctrl_f_then_f3_and_shift_f3_move_between_matching_segments(
        filtered_editor: FilteredEditor, qtbot: QtBot) -> None:
    window = filtered_editor
    find_bar = window.filters.find_bar
    editor = window.editor.correction_edit
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert find_bar.isVisible() and find_bar.text.hasFocus()
    qtbot.keyClicks(find_bar.text, "Moscow")
    matching = [row for row in range(26) if "Moscow" in window.model.segment(row).mt]
    assert len(matching) >= 2
    press(find_bar.text, Qt.Key.Key_Return)  # Enter in the bar: the next match
    assert window.editor.position == matching[0]
    cursor = editor.textCursor()
    assert cursor.selectedText() == "Moscow"
    assert editor.toPlainText()[cursor.selectionStart():cursor.selectionEnd()] == "Moscow"
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F3)
    assert window.editor.position == matching[1] or (
        window.editor.position == matching[0] and editor.textCursor().selectionStart()
        > cursor.selectionStart())  # a second Moscow in the same segment comes first
    while window.editor.position != matching[-1]:
        qtbot.keyClick(editor, Qt.Key.Key_F3)
    qtbot.keyClick(editor, Qt.Key.Key_F3)
    while window.editor.position == matching[-1]:  # the rest of the last segment's matches
        qtbot.keyClick(editor, Qt.Key.Key_F3)
    assert window.editor.position == matching[0]  # wrapped round
    assert "wrapped" in find_bar.result.text()
    qtbot.keyClick(editor, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.position == matching[-1]  # back again
    assert editor.textCursor().selectedText() == "Moscow"


def test_find_goes_to_matches_in_the_source_or_mt_only_too_and_says_no_match(
        filtered_editor: FilteredEditor, qtbot: QtBot) -> None:
    window = filtered_editor
    window.model.set_typing(5, "nothing here", None)  # only the MT still says Moscow
    find_bar = window.filters.find_bar
    window.filters.open_find()
    qtbot.keyClicks(find_bar.text, "nothing here")
    press(find_bar.text, Qt.Key.Key_Return)
    assert window.editor.position == 5
    find_bar.text.setText("no such words")
    press(find_bar.text, Qt.Key.Key_Return)
    assert find_bar.result.text() == "No match" and window.editor.position == 5
    press(find_bar.text, Qt.Key.Key_Escape)
    assert not find_bar.isVisible()


def test_find_moves_in_the_order_shown(filtered_editor: FilteredEditor) -> None:
    window = filtered_editor
    window.filters.proxy.sort(COL_INDEX, Qt.SortOrder.DescendingOrder)
    window.filters.find_bar.text.setText("Syria")
    window.filters.find_next()
    last = max(row for row in range(26) if "Syria" in window.model.segment(row).mt)
    assert window.editor.position == last


def test_document_offset_counts_a_chip_as_one_and_astral_characters_as_two() -> None:
    from reviewer.core.tags import tag_char

    assert document_offset("abc", 2) == 2
    assert document_offset(f"a{tag_char(0)}b", 3) == 3
    assert document_offset("a😀b", 3) == 4


def test_filter_by_qa_warnings_the_model_tells(proxy: SegmentFilterProxy,
                                               shown_table: Shown) -> None:
    from reviewer.core.qa import QaWarning

    model = shown_table.model
    model.set_qa(lambda row, text: [QaWarning("double_space", "two spaces", 0, 1)]
                 if row in (1, 2) else [])
    proxy.set_filter(SegmentFilter(warnings=True))
    assert shown(proxy) == [2, 3]
    proxy.set_filter(SegmentFilter(warnings=False))
    assert shown(proxy) == [1, 4, 5, 6]


def test_filter_by_open_comments_the_model_tells(proxy: SegmentFilterProxy,
                                                 shown_table: Shown) -> None:
    model = shown_table.model
    if not hasattr(model, "set_open_comments"):
        pytest.skip("the model does not tell a row's comments yet")
    model.set_open_comments(2, 1)
    model.set_open_comments(4, 2)
    proxy.set_filter(SegmentFilter(comments=True))
    assert shown(proxy) == [3, 5]
    proxy.set_filter(SegmentFilter(comments=False, statuses=frozenset({"new"})))
    assert shown(proxy) == [1]


def test_a_new_project_starts_unfiltered_in_document_order(
        filtered_editor: FilteredEditor) -> None:
    window = filtered_editor
    bar = window.filters.filter_bar
    bar.status.setCurrentIndex(bar.status.findText("Confirmed"))
    window.filters.proxy.sort(COL_HTER, Qt.SortOrder.DescendingOrder)
    window.filters.reset()
    window.model.reset(window.session.segments())
    assert bar.status.currentIndex() == 0 and bar.count.text() == "26 segments"
    assert window.filters.proxy.source_rows() == list(range(26))
    header = window.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == \
        (COL_INDEX, Qt.SortOrder.AscendingOrder)
