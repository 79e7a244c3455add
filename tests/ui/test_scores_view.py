"""Scores in the window: the editor's live views of effort, the document's, and Go to segment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, press, select_all_and_delete, type_text
from sacrebleu.metrics import TER

from PySide6.QtCore import Qt

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow

DATA = Path(__file__).parent.parent / "data"


def lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


@pytest.fixture
def referenced(open_window: Callable[[Path], MainWindow], tmp_path: Path) -> MainWindow:
    """A window on a 40-segment project with a reference translation."""
    mts, refs = lines("mt.en.txt"), lines("ref.en.txt")
    segments = [ImportedSegment(mts[i % 3], reference=refs[i % 3]) for i in range(40)]
    path = tmp_path / "referenced.review"
    ReviewSession.create(path, ImportedDocument(
        segments, Layout(("",) + ("\n",) * 40), "lines")).close()
    return open_window(path)


def test_go_to_segment_asks_through_the_interaction(referenced: MainWindow,
                                                    interaction: ScriptedInteraction) -> None:
    interaction.next_integer = 37
    press(referenced, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert interaction.messages[-1] == ("Go to segment", "Segment (1 to 40):")
    assert referenced.editor.position == 36
    assert referenced.table.currentIndex().row() == 36
    interaction.next_integer = None  # cancelled: stays
    referenced.go_to_segment_dialog()
    assert referenced.editor.position == 36


def test_live_and_document_scores_against_the_reference(referenced: MainWindow,
                                                        qtbot) -> None:  # type: ignore[no-untyped-def]
    mt, ref = lines("mt.en.txt")[0], lines("ref.en.txt")[0]
    assert "vs reference TER" in referenced.scores_label.text()
    assert "vs reference: TER" in referenced.editor.scores_label.text()  # saved, unedited
    editor = referenced.editor.correction_edit
    select_all_and_delete(editor)
    type_text(editor, ref)
    qtbot.waitUntil(lambda: "live" in referenced.editor.scores_label.text(), timeout=20000)
    label = referenced.editor.scores_label.text()
    mt_ter = TER().sentence_score(mt, [ref]).score
    assert f"TER {mt_ter:.1f} → <b>0.0</b>" in label  # the correction is the reference
    edits = TER().sentence_score(mt, [ref]).num_edits
    assert "ins," in label and "shift" in label and "chars" in label
    assert f"HTER {100 * edits / len(ref.split()):.1f}" in label

    press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    tip = referenced.scores_label.toolTip()
    assert f"TER edits: {edits} (" in tip
    assert "Against the reference, MT → correction" in tip
    assert "hter: nrefs:1|case:lc|tok:tercom" in tip
    assert " · chars " in referenced.scores_label.text()
