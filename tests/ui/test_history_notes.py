"""The history panel and the timeline show the note a split or merge leaves on the first
revision of the segment it makes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewer.ui import history_model, timeline_panel
from reviewer.ui.main_window import MainWindow


def test_a_merged_segment_shows_where_it_came_from(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    merge_first_two(qtbot, window)
    note = window.session.history(0)[0].note
    assert note is not None and note.startswith("merged from segments 1")
    window.select_row(0)
    history = window.history.model
    assert history.rowCount() == 1
    status = history.index(0, history_model.COL_STATUS)
    assert note in status.data()
    assert note in history.data(status, Qt.ItemDataRole.ToolTipRole)
    timeline = window.timeline.model
    row = next(r for r in range(timeline.rowCount()) if timeline.revision(r).note == note)
    cell = timeline.index(row, timeline_panel.COL_STATUS)
    assert note in cell.data() and note in timeline.data(cell, Qt.ItemDataRole.ToolTipRole)


def merge_first_two(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Segment → Merge with next on the first segment, the question answered yes."""
    window.select_row(0)
    window.interaction.answer = True  # type: ignore[attr-defined]
    assert window.split_merge.merge_with_next()
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
