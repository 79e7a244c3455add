"""Long segments never hold up the window: saved at once, scored in the background."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import press, select_all_and_delete, type_text
from sacrebleu.metrics import TER

from PySide6.QtCore import Qt

from reviewer.cli import main as cli_main
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_HTER
from reviewer.ui.timeline_panel import COL_HTER as COL_TIMELINE_HTER

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_document_scores import assert_scores, corpus_scores  # noqa: E402
from test_pending_scores import pathological  # noqa: E402

BACKGROUND_MS = 90_000  # TER of these texts takes seconds; a loaded machine may be slower


def no_scoring_here(*args: object, **kwargs: object) -> object:
    raise AssertionError("a long text was scored on the GUI thread")


def lines_project(folder: Path, mts: list[str]) -> Path:
    source = folder / "mt.txt"
    source.write_text("\n".join(mts) + "\n", encoding="utf-8")
    project = folder / "p.review"
    assert cli_main(["new", str(project), "--mt", str(source), "--segment", "lines"]) == 0
    return project


def test_confirming_a_long_segment_saves_at_once_then_shows_its_scores(
        open_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    mts = [pathological(400, 10), "the cat sat on the mat ."]
    project = lines_project(tmp_path, mts)
    window = open_window(project)
    monkeypatch.setattr("reviewer.core.bounded.score_segment", no_scoring_here)
    editor = window.editor.correction_edit
    text = pathological(400, 11)  # about 90 words each: seconds of TER
    select_all_and_delete(editor)
    type_text(editor, text)
    start = time.perf_counter()
    press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert time.perf_counter() - start < 1.0  # it used to wait for the scoring process

    assert window.editor.position == 1  # moved on
    session = ReviewSession.open(project, read_only=True)
    assert session.segment(0).text == text and session.segment(0).pending
    session.close()
    hter = window.model.index(0, COL_HTER)
    assert window.model.data(hter) == "…" and window.model.segment(0).pending
    assert window.scores_label.text() == "Document scores pending (1 segment still being scored)"

    qtbot.waitUntil(lambda: not window.model.segment(0).pending, timeout=BACKGROUND_MS)
    expected = TER().sentence_score(mts[0], [text]).score
    assert window.model.data(hter) == f"{expected:.1f}"
    want = corpus_scores(mts, [text, mts[1]])
    assert_scores(window.session.summary().scores, want)
    assert window.scores_label.text().startswith(f"Document HTER {want.hter:.2f} · ")
    timeline = window.timeline.model  # the newest revision, at the top, shows it too
    assert timeline.data(timeline.index(0, COL_TIMELINE_HTER)) == f"{expected:.1f}"


def test_opening_a_project_with_pending_scores_computes_them_in_the_background(
        open_window: Callable[[Path], MainWindow], tmp_path: Path, qtbot,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    mts = ["the cat sat on the mat .", pathological(300, 12), pathological(300, 13)]
    project = lines_project(tmp_path, mts)
    monkeypatch.setattr("reviewer.session.BUDGET_S", 0.0)  # the CLI leaves them pending
    texts = [mts[0], pathological(300, 14), pathological(300, 15)]
    for number in (2, 3):
        assert cli_main(["edit", str(project), str(number), texts[number - 1]]) == 0
    assert "pending (2 segments still being scored)" in capsys.readouterr().out

    monkeypatch.setattr("reviewer.core.bounded.score_segment", no_scoring_here)
    start = time.perf_counter()
    window = open_window(project)
    assert time.perf_counter() - start < 5.0  # opening computes nothing itself
    assert window.model.segment(1).pending and window.model.segment(2).pending
    assert "pending" in window.scores_label.text()

    qtbot.waitUntil(lambda: "pending" not in window.scores_label.text(), timeout=BACKGROUND_MS)
    summary = window.session.summary()
    assert summary.pending == 0
    assert_scores(summary.scores, corpus_scores(mts, texts))
    session = window.session
    for position in (1, 2):
        record = session.segment(position)
        want = TER().sentence_score(mts[position], [texts[position]]).score
        assert not record.pending and record.hter == pytest.approx(want, abs=1e-9)
