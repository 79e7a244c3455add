"""Version compare never runs on the GUI thread: a task with progress works it out while
the window keeps handling its events, and the report shows when it is done."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from qt_helpers import select_all_and_delete, type_text

from PySide6.QtCore import QTimer

from reviewer.core.compare import Comparison, SegmentChange
from reviewer.core.diff import word_diff
from reviewer.core.scoring import Scores
from reviewer.ui.compare_dialogs import SHOWN_CHANGES, VersionCompareDialog, comparison_html
from reviewer.ui.main_window import MainWindow

WORK_S = 0.4  # what a big project's compare takes, at least (20,000 segments: seconds)


def test_version_compare_runs_in_a_task_and_the_window_stays_live(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.label_version("v1")
    editor = window.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, "A changed first segment.")
    window.confirm_current()
    threads: list[threading.Thread] = []
    real = window.session.compare_versions

    def slow(old: str, new: str) -> Comparison:
        threads.append(threading.current_thread())
        time.sleep(WORK_S)  # as long as a big project's compare takes
        return real(old, new)

    monkeypatch.setattr(window.session, "compare_versions", slow)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    dialog = window.compare_versions_dialog()
    assert isinstance(dialog, VersionCompareDialog)
    # back at once: the task runs, its progress dialog keeps the window's keys away
    assert dialog.comparing and window.tasks.busy
    assert "Comparing v1 with" in dialog.report.toPlainText()
    qtbot.waitUntil(lambda: not dialog.comparing, timeout=20000)
    timer.stop()
    assert threads and threads[0] is not threading.main_thread()
    assert len(ticks) >= 5  # the GUI thread ran its timer all along
    assert "1 segment(s) differ" in dialog.report.toPlainText()
    assert not window.tasks.busy


def test_a_compare_that_cannot_be_done_says_why_in_one_line(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot) -> None:
    assert window.label_version("v1")
    window.session.merge(0, window.author())  # v1 has the segments apart
    dialog = window.compare_versions_dialog()
    assert isinstance(dialog, VersionCompareDialog)
    qtbot.waitUntil(lambda: not dialog.comparing, timeout=20000)
    report = dialog.report.toPlainText()
    assert report.startswith("Cannot compare: segments were split or merged")
    assert "\n" not in report


def _comparison(count: int) -> Comparison:
    scores = Scores(10.0, 80.0, 90.0)
    changes = [SegmentChange(n, "old words", "new words", word_diff("old words", "new words"))
               for n in range(count)]
    return Comparison("v1", "current", changes, scores, scores)


def test_a_big_report_shows_its_first_segments_and_says_how_many_more(qapp: Any) -> None:
    report = comparison_html(_comparison(SHOWN_CHANGES + 123))
    assert report.count("<b>Segment ") == SHOWN_CHANGES
    assert f"{SHOWN_CHANGES + 123} segment(s) differ" in report
    assert "and 123 more segment(s) differ" in report
