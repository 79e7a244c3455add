"""An import's post-edits saved with their scores pending: the window opens at once and
scores them in the background with every core, a batch at a time, with progress."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_document_scores import check_document
from test_import_speed import _document

from PySide6.QtCore import QTimer

from reviewer import session_import
from reviewer.session import ReviewSession
from reviewer.ui import late_batches, late_scores
from reviewer.ui.main_window import MainWindow

BACKGROUND_MS = 120_000


def test_an_import_with_pending_post_edits_is_scored_in_the_background(
        open_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_import, "LATER_MIN", 1)
    monkeypatch.setattr(late_batches, "BATCH_MOST", 50)
    project = tmp_path / "p.review"
    ReviewSession.create(project, _document(900, 8, 0.4, 0.2)).close()
    shown: list[tuple[int, int]] = []  # the progress on the status line
    show = late_scores.LateScores._show_progress

    def progress(self: late_scores.LateScores) -> None:
        shown.append(self._progress)
        show(self)

    monkeypatch.setattr(late_scores.LateScores, "_show_progress", progress)
    before = ReviewSession.open(project, read_only=True)
    pending = before.summary().pending
    before.close()
    assert pending >= late_scores.BULK_MIN
    window = open_window(project)
    assert shown[0] == (0, pending)  # in bulk, not by the one-at-a-time late worker
    assert window.scorer.late_pending() == 0
    stalls: list[float] = []  # the GUI thread answers while the scores are computed
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        stalls.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    qtbot.waitUntil(lambda: window.session.summary().pending == 0, timeout=BACKGROUND_MS)
    timer.stop()
    assert "pending" not in window.scores_label.text()
    assert max(stalls) < 2.0
    session = window.session
    segments = session.segments()
    assert not any(record.pending for record in segments)
    assert [window.model.segment(row).hter for row in range(len(segments))] == \
        [record.hter for record in segments]
    check_document(session, [s.mt for s in segments], [s.text for s in segments],
                   [s.reference for s in segments])
    assert session.verify() == []
