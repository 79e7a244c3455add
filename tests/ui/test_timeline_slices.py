"""A batch's thousands of revisions reach the timeline a slice per turn of the event loop:
the GUI thread never spends a long turn on them (a replace-all's undo adds one per segment)."""

from __future__ import annotations

from dataclasses import replace

from qt_helpers import select_all_and_delete, type_text

from reviewer.store.project import RevisionRecord
from reviewer.ui.main_window import MainWindow
from reviewer.ui.row_slices import SLICE_ROWS


def _batch(qtbot, window: MainWindow, count: int) -> list[RevisionRecord]:  # type: ignore[no-untyped-def]
    editor = window.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, "A first revision.")
    window.confirm_current()
    qtbot.waitUntil(lambda: not window.session.pending_revisions())  # no late scores to come
    first = window.session.history(0)[-1]
    return [replace(first, id=first.id + n, number=n + 1, text=f"Text {n}")
            for n in range(1, count + 1)]


def test_a_big_batch_reaches_the_timeline_in_slices(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    count = SLICE_ROWS * 3 + 7
    batch = _batch(qtbot, window, count)
    timeline = window.timeline
    before = timeline.model.rowCount()
    slices: list[int] = []
    timeline.model.rowsInserted.connect(lambda _parent, first, last: slices.append(
        last - first + 1))
    timeline.add_revisions(batch)
    assert timeline.model.rowCount() == before and timeline.pending_revisions() == count
    qtbot.waitUntil(lambda: timeline.pending_revisions() == 0)
    assert slices == [SLICE_ROWS, SLICE_ROWS, SLICE_ROWS, 7]
    assert timeline.model.rowCount() == before + count
    assert timeline.model.revision(0).text == f"Text {count}"  # newest first
    assert timeline.proxy.rowCount() == before + count
    assert timeline.count_label.text() == f"{before + count} of {before + count} revisions"


def test_a_single_revision_waits_for_the_batch_before_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    batch = _batch(qtbot, window, SLICE_ROWS + 1)
    timeline = window.timeline
    later = replace(batch[-1], id=batch[-1].id + 1, text="Later")
    timeline.add_revisions(batch)
    timeline.add_revision(later)
    assert timeline.pending_revisions() == 0
    assert [timeline.model.revision(row).text for row in range(2)] == \
        ["Later", f"Text {SLICE_ROWS + 1}"]
