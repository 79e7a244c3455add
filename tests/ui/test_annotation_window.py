"""MQM annotation in the window, from the keyboard: F7 on words of the MT or the
correction, a key for the category and one for the severity, a note; the marks in the
severity's colour, the list, change and delete, undo and redo of each (rows in the
project through the session), reopening, and the MQM score in the status bar."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import press, type_text

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit

from reviewer.core.tags import CLOSE, OPEN, InlineTag, tag_char
from reviewer.session import ReviewSession
from reviewer.ui.annotation_dialog import AnnotationDialog
from reviewer.ui.annotation_marks import background_at, mt_map, shown_map, text_map
from reviewer.ui.main_window import MainWindow
from reviewer.ui.tagged_text import TagView
from reviewer.ui.theme import colours
from reviewer.ui.track_changes import show_track_changes

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def key(qtbot, key: Qt.Key,  # type: ignore[no-untyped-def]
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the keyboard is (menu shortcuts included)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifiers)


def select_words(qtbot, view: QTextEdit, words: int) -> None:  # type: ignore[no-untyped-def]
    """From the start of ``view``: Ctrl+Shift+Right ``words`` times."""
    view.moveCursor(QTextCursor.MoveOperation.Start)
    for _ in range(words):
        qtbot.keyClick(view, Qt.Key.Key_Right, CTRL | SHIFT)


def dialog_of(window: MainWindow, qtbot) -> AnnotationDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.annotations.dialog is not None
                    and window.annotations.dialog.isVisible())
    dialog = window.annotations.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.categories)  # its keyboard
    return dialog


def answer(window: MainWindow, qtbot, category: str, severity: str,  # type: ignore[no-untyped-def]
           note: str = "") -> None:
    """Category key, severity key, the note, Enter: as a user answers the palette."""
    dialog = dialog_of(window, qtbot)
    type_text(dialog.categories, category)
    assert QApplication.focusWidget() is dialog.severities
    type_text(dialog.severities, severity)
    assert QApplication.focusWidget() is dialog.note
    type_text(dialog.note, note)
    press(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def rows(path_or_session: ReviewSession) -> list[tuple[str, int, int, str, str, str]]:
    return [(a.side, a.start, a.end, a.category, a.severity, a.note)
            for a in path_or_session.annotations(0)]


@pytest.fixture
def annotated(open_window: Callable[[Path], MainWindow], seed_project: Path,
              qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window on segment 1 with its first words of its MT annotated as a major
    mistranslation from the keyboard."""
    window = open_window(seed_project)
    qtbot.waitUntil(window.isActiveWindow)
    window.select_row(0)
    key(qtbot, Qt.Key.Key_F7, SHIFT)  # the keyboard in the MT view
    assert QApplication.focusWidget() is window.editor.mt_view
    select_words(qtbot, window.editor.mt_view, 3)  # "Putin: Russian " (the space left out)
    key(qtbot, Qt.Key.Key_F7)
    answer(window, qtbot, "1", "2", "wrong sense")
    return window


def test_annotate_mt_words_from_the_keyboard(annotated: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = annotated
    mt = window.model.segment(0).mt
    end = len("Putin: Russian")
    assert mt.startswith("Putin: Russian ")
    assert rows(window.session) == [("mt", 0, end, "accuracy/mistranslation", "major",
                                     "wrong sense")]
    assert window.session.annotations(0)[0].author == "tester"
    # the words are marked in the major colour, the rest not
    major = QColor(colours().severity["major"])
    assert background_at(window.editor.mt_view, 0) == major
    assert background_at(window.editor.mt_view, end - 1) == major
    assert background_at(window.editor.mt_view, end + 1) is None
    panel = window.editor.annotation_panel
    assert panel.list.count() == 1
    assert "Major · Accuracy: mistranslation · MT “" + mt[:end] + "”" in panel.list.item(0).text()
    assert "wrong sense" in panel.list.item(0).text()
    words = len(mt.split())
    segment_score = 100 - 5 * 1000 / words
    assert "MQM annotations (1) · MQM" in panel.heading.text()
    status = window.status.mqm_label.text()
    assert status.startswith("MQM ") and "(document)" in status
    assert f"segment {max(0.0, segment_score):.1f}" in status
    assert f"{window.session.mqm_score().score:.1f}" in status


def test_annotate_the_correction_and_its_mark(annotated: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = annotated
    edit = window.editor.correction_edit
    window.editor.focus_correction()
    qtbot.waitUntil(edit.hasFocus)
    type_text(edit, " Extra")  # typed, not saved: annotating saves it first
    edit.moveCursor(QTextCursor.MoveOperation.End)
    for _ in range(5):
        qtbot.keyClick(edit, Qt.Key.Key_Left, SHIFT)
    key(qtbot, Qt.Key.Key_F7)
    answer(window, qtbot, "6", "1")  # spelling, minor
    text = window.session.segment(0).text
    assert text.endswith(" Extra")
    found = [a for a in window.session.annotations(0) if a.side == "correction"]
    assert [(a.start, a.end, a.category, a.severity) for a in found] == [
        (len(text) - 5, len(text), "fluency/spelling", "minor")]
    assert found[0].revision_id is not None
    minor = QColor(colours().severity["minor"])
    assert background_at(edit, len(text) - 3) == minor
    assert background_at(edit, 0) is None
    assert window.editor.annotation_panel.list.count() == 2


def test_change_and_delete_from_the_list_and_undo_redo_each(
        annotated: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = annotated
    session = window.session
    panel = window.editor.annotation_panel
    first = rows(session)
    annotation_id = session.annotations(0)[0].id
    key(qtbot, Qt.Key.Key_F7, CTRL)  # the annotations list
    assert QApplication.focusWidget() is panel.list
    press(panel.list, Qt.Key.Key_Return)  # change it: style, critical, another note
    dialog = dialog_of(window, qtbot)
    assert dialog.chosen() == ("accuracy/mistranslation", "major", "wrong sense")
    type_text(dialog.categories, "0")
    type_text(dialog.severities, "3")
    dialog.note.clear()
    type_text(dialog.note, "reads badly")
    press(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    changed = rows(session)
    assert changed[0][3:] == ("style", "critical", "reads badly")
    assert background_at(window.editor.mt_view, 0) == QColor(colours().severity["critical"])
    assert "fail" in window.status.mqm_label.text()  # a critical error fails

    panel.focus_list()
    press(panel.list, Qt.Key.Key_Delete)
    assert rows(session) == []
    assert panel.list.count() == 0
    assert background_at(window.editor.mt_view, 0) is None
    assert window.status.mqm_label.text().startswith("MQM 100.0 pass")

    window.undo_stack.undo()  # the delete: back
    assert rows(session) == changed
    window.undo_stack.undo()  # the change: back
    assert rows(session) == first
    assert background_at(window.editor.mt_view, 0) == QColor(colours().severity["major"])
    window.undo_stack.undo()  # the add: deleted
    assert rows(session) == []
    window.undo_stack.redo()
    assert rows(session) == first
    window.undo_stack.redo()
    assert rows(session) == changed
    window.undo_stack.redo()
    assert rows(session) == []
    history = session.annotation_history(annotation_id)
    # every step a revision, none rewritten: add, change, delete, three undos, three redos
    assert [h.deleted for h in history] == [False, False, True] * 3
    assert [h.severity for h in history] == ["major", "critical", "critical", "critical",
                                             "major", "major", "major", "critical",
                                             "critical"]


def test_undo_goes_to_the_segment_it_changes(annotated: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = annotated
    window.select_row(3)
    assert window.editor.position == 3
    window.undo_stack.undo()
    assert window.editor.position == 0
    assert rows(window.session) == []
    assert window.editor.annotation_panel.list.count() == 0


def test_annotations_are_there_after_reopening(
        annotated: MainWindow, open_window: Callable[[Path], MainWindow],
        seed_project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    expected = rows(annotated.session)
    annotated.close()
    again = open_window(seed_project)
    again.select_row(0)
    assert rows(again.session) == expected
    assert again.editor.annotation_panel.list.count() == 1
    assert background_at(again.editor.mt_view, 0) == QColor(colours().severity["major"])
    assert "(document)" in again.status.mqm_label.text()


def test_nothing_selected_says_how(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(window.isActiveWindow)
    window.editor.focus_correction()
    key(qtbot, Qt.Key.Key_F7)
    assert window.annotations.dialog is None
    assert "Select words of the MT" in window.statusBar().currentMessage()


def test_escape_in_the_palette_saves_nothing(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(window.isActiveWindow)
    window.annotations.select_in_mt()
    select_words(qtbot, window.editor.mt_view, 1)
    key(qtbot, Qt.Key.Key_F7)
    dialog = dialog_of(window, qtbot)
    type_text(dialog.categories, "2")
    press(dialog.severities, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.session.annotations() == []
    assert window.undo_stack.count() == 0


def test_maps_count_tags_as_their_notation_and_skip_inserted_words() -> None:
    mapping = mt_map("the cat sat", "the dog sat")
    assert mapping.span(4, 7) == (4, 7)  # "cat", struck through before "dog"
    assert mapping.to_offset(9) == 7  # inside the inserted "dog": no MT character
    assert mapping.span(7, 11) == (11, 15)  # " sat", after the spacer and "dog"
    assert mapping.runs(4, 11) == [(4, 7), (11, 15)]  # marked around "dog", not on it
    assert text_map("ab\U0001F600c").span(3, 4) == (4, 5)  # an emoji is two units
    tags = [InlineTag(1, OPEN, "g", "<g id='1'>"), InlineTag(1, CLOSE, "g", "</g>")]
    stored = f"a {tag_char(0)}b{tag_char(1)}"  # a <1>b</1> in the notation
    chips = text_map(stored, tags)
    assert chips.span(2, 5) == (2, 3)  # "<1>" is the one chip
    assert chips.span(5, 6) == (3, 4)  # "b"
    assert chips.to_offset(3) == 5 and chips.to_offset(5) == 10


def test_reviewer_mode_marks_the_mt_words_among_both_hands_edits(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = TagView()
    qtbot.addWidget(view)
    show_track_changes(view, "the cat sat", "the dog sat", "the dog sat down", [])
    assert view.text().startswith("the cat dog sat")
    mapping = shown_map(view, "the cat sat")
    assert mapping.runs(4, 7) == [(4, 7)]  # "cat", the editor's deletion
    assert mapping.runs(4, 11) == [(4, 7), (11, 15)]  # not "dog", not " down"
    assert mapping.to_offset(9) == 7  # inside "dog"


def test_an_undo_that_cannot_be_saved_leaves_the_annotation_and_the_stack(
        annotated: MainWindow, interaction, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = annotated
    before, index = rows(window.session), window.undo_stack.index()

    def full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(window.session, "delete_annotation", full)
    window.undo_action.trigger()
    assert window.undo_stack.index() == index  # the stack stays where the file is
    assert rows(window.session) == before
    title, message = interaction.errors[-1]
    assert title == "Could not undo" and "disk is full" in message and "\n" not in message
    monkeypatch.undo()
    window.undo_action.trigger()
    assert rows(window.session) == [] and window.undo_stack.index() == index - 1


def test_a_read_only_window_shows_annotations_but_takes_none(
        seed_project: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    writer = ReviewSession.open(seed_project)
    writer.add_annotation(0, "mt", 0, 5, "terminology", "minor", "", "anna")
    writer.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ReviewSession.open(seed_project, read_only=True), settings=settings)
    qtbot.addWidget(window)
    window.select_row(0)
    assert window.editor.annotation_panel.list.count() == 1
    assert background_at(window.editor.mt_view, 0) == QColor(colours().severity["minor"])
    window.annotations.select_in_mt()
    select_words(qtbot, window.editor.mt_view, 1)
    window.annotations.annotate()
    assert window.annotations.dialog is None
    assert "Read-only" in window.statusBar().currentMessage()
    window.annotations.delete_selected()
    assert len(window.session.annotations(0)) == 1
    window.close()
