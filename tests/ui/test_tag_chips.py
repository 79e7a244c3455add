"""Inline tags in the window: chips an editor can move, delete whole and insert, never break."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, press, type_text
from tag_project import (
    C1,
    MT_0,
    MT_1,
    MT_2,
    MT_3,
    NOTE_0,
    O1,
    P1,
    Q1,
    SOURCE_0,
    X2,
    X3,
    tagged_project,
)
from test_main_window import revisions_in_db

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reviewer.core.tags import tag_char
from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_CORRECTION, COL_STATUS, TAG_PROBLEMS_ROLE
from reviewer.ui.tag_chips import OBJECT_CHAR, chips_in
from reviewer.ui.tagged_text import TAG_MIME

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return tagged_project(tmp_path)


@pytest.fixture
def window(open_window: Callable[[Path], MainWindow], project: Path) -> MainWindow:
    main = open_window(project)
    main._select_row(0)
    return main


def put_cursor(editor: object, position: int, anchor: int | None = None) -> None:
    assert hasattr(editor, "textCursor") and hasattr(editor, "setTextCursor")
    cursor = editor.textCursor()
    cursor.setPosition(position if anchor is None else anchor)
    if anchor is not None:
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def shown(text: str) -> str:
    """What the editor's document holds for a stored text: one object character a tag."""
    return "".join(OBJECT_CHAR if "\U0010f000" <= char <= "\U0010ffff" else char
                   for char in text)


def test_tags_show_as_chips_not_markup_with_the_markup_on_hover(window: MainWindow) -> None:
    editor = window.editor.correction_edit
    assert editor.toPlainText() == shown(MT_0)
    assert "<" not in editor.toPlainText()
    assert window.editor.text() == MT_0  # the stored text comes back exactly
    assert [index for _position, index in chips_in(editor.document())] == [0, 1, 2]
    assert window.editor.source_view.toPlainText() == shown(SOURCE_0)
    assert len(chips_in(window.editor.source_view.document())) == 3
    assert len(chips_in(window.editor.mt_view.document())) == 3

    position = MT_0.index(X2)
    cursor = editor.textCursor()
    cursor.setPosition(position)
    left = editor.cursorRect(cursor)
    cursor.setPosition(position + 1)
    right = editor.cursorRect(cursor)
    middle = QPoint((left.left() + right.left()) // 2, left.center().y())
    tip = editor.tag_tooltip_at(middle)
    assert tip is not None and "&lt;x id=&quot;2&quot; ctype=&quot;lb&quot;/&gt;" in tip
    assert editor.tag_tooltip_at(QPoint(2, left.center().y())) is None  # over text


def test_one_backspace_deletes_a_chip_whole(window: MainWindow, project: Path) -> None:
    editor = window.editor.correction_edit
    put_cursor(editor, MT_0.index(X2) + 1)
    press(editor, Qt.Key.Key_Backspace)
    assert window.editor.text() == MT_0.replace(X2, "")
    press(editor, Qt.Key.Key_Delete)  # the next character is a space: just text
    press(editor, Qt.Key.Key_Return, CTRL)
    saved = revisions_in_db(project)[-1][2]
    assert saved == MT_0.replace(X2 + " ", "")
    assert saved.count(O1) == saved.count(C1) == 1


def test_typing_beside_a_chip_is_text_and_typed_markup_stays_text(window: MainWindow,
                                                                   project: Path) -> None:
    editor = window.editor.correction_edit
    put_cursor(editor, MT_0.index(C1) + 1)
    type_text(editor, "<g>«ё»</g>")
    put_cursor(editor, 0)
    type_text(editor, "→")
    expected = "→" + MT_0.replace(C1, C1 + "<g>«ё»</g>")
    assert window.editor.text() == expected
    window.confirm_current()
    assert revisions_in_db(project)[-1][2] == expected


def test_undo_brings_a_deleted_chip_back(window: MainWindow) -> None:
    editor = window.editor.correction_edit
    put_cursor(editor, MT_0.index(O1) + 1)
    press(editor, Qt.Key.Key_Backspace)
    assert O1 not in window.editor.text()
    press(editor, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == MT_0
    assert [index for _position, index in chips_in(editor.document())] == [0, 1, 2]


def test_copy_and_paste_keep_a_chip(window: MainWindow, project: Path) -> None:
    editor = window.editor.correction_edit
    start = MT_0.index(O1)
    put_cursor(editor, MT_0.index(C1) + 1, anchor=start)
    press(editor, Qt.Key.Key_C, CTRL)
    clipboard = QApplication.clipboard()
    assert clipboard.text() == "<1>Enregistrer</1>"  # other programs get the notation
    assert clipboard.mimeData().hasFormat(TAG_MIME)
    put_cursor(editor, len(MT_0))
    press(editor, Qt.Key.Key_V, CTRL)
    expected = MT_0 + f"{O1}Enregistrer{C1}"
    assert window.editor.text() == expected
    window.confirm_current()
    assert revisions_in_db(project)[-1][2] == expected


def test_cut_and_paste_move_a_chip(window: MainWindow) -> None:
    editor = window.editor.correction_edit
    position = MT_0.index(X2)
    put_cursor(editor, position + 1, anchor=position)
    press(editor, Qt.Key.Key_X, CTRL)
    assert window.editor.text() == MT_0.replace(X2, "")
    put_cursor(editor, len(MT_0) - 1)  # the end, one character shorter
    press(editor, Qt.Key.Key_V, CTRL)
    assert window.editor.text() == MT_0.replace(X2, "") + X2


def test_pasted_private_characters_from_elsewhere_make_no_tags(window: MainWindow) -> None:
    editor = window.editor.correction_edit
    QApplication.clipboard().setText(f"a{tag_char(0)}b{tag_char(7)}c")
    put_cursor(editor, len(MT_0))
    press(editor, Qt.Key.Key_V, CTRL)
    assert window.editor.text() == MT_0 + "abc"

    forged = QMimeData()  # our own format, but naming a tag table this segment lacks
    forged.setData(TAG_MIME, json.dumps({"text": f"x{tag_char(0)}y", "tags": [
        {"n": 9, "k": "code", "name": "ph", "xml": "<ph id='9'/>"}]}).encode())
    forged.setText("x<9/>y")
    editor.insertFromMimeData(forged)
    assert window.editor.text() == MT_0 + "abcxy"


def test_a_chip_copied_from_the_source_pastes_as_the_same_tag(window: MainWindow) -> None:
    view = window.editor.source_view
    position = SOURCE_0.index(X2)
    put_cursor(view, position + 1, anchor=position)
    view.copy()
    editor = window.editor.correction_edit
    put_cursor(editor, 0)
    editor.paste()
    assert window.editor.text() == X2 + MT_0


def test_f8_inserts_the_next_missing_source_tag(window: MainWindow, project: Path) -> None:
    window._select_row(1)
    editor = window.editor.correction_edit
    assert window.editor.text() == MT_1
    put_cursor(editor, len("Ouvrez"), anchor=0)  # a selection: the pair wraps it
    press(editor, Qt.Key.Key_F8)
    assert window.editor.text() == f"{P1}Ouvrez{Q1}" + MT_1[len("Ouvrez"):]
    put_cursor(editor, len(window.editor.text()))
    press(editor, Qt.Key.Key_Comma, CTRL)  # Ctrl+, does the same
    expected = f"{P1}Ouvrez{Q1}" + MT_1[len("Ouvrez"):] + X3
    assert window.editor.text() == expected
    press(editor, Qt.Key.Key_F8)  # nothing is missing any more
    assert window.editor.text() == expected
    window.confirm_current()
    assert revisions_in_db(project)[-1][2] == expected
    assert window.editor.position == 2  # no tag problem: moved on


def test_f8_without_a_selection_inserts_one_tag_at_the_cursor(window: MainWindow) -> None:
    window._select_row(1)
    editor = window.editor.correction_edit
    put_cursor(editor, 0)
    press(editor, Qt.Key.Key_F8)
    assert window.editor.text() == P1 + MT_1
    press(editor, Qt.Key.Key_F8)
    assert window.editor.text() == P1 + Q1 + MT_1
    actions = [action for action in window.menuBar().actions()
               if action.text() == "&Edit"][0].menu().actions()
    insert = [action for action in actions if "tag" in action.text().lower()]
    assert insert and "F8" in [s.toString() for s in insert[0].shortcuts()]


def test_a_broken_tag_warns_on_confirm_and_the_table_keeps_the_warning(
        window: MainWindow, project: Path,
        open_window: Callable[[Path], MainWindow]) -> None:
    editor = window.editor.correction_edit
    assert window.editor.tag_warning.isHidden()
    put_cursor(editor, MT_0.index(X2) + 1)
    press(editor, Qt.Key.Key_Backspace)
    press(editor, Qt.Key.Key_Return, CTRL)

    assert revisions_in_db(project)[-1][2:] == (MT_0.replace(X2, ""), "tester", "confirmed")
    assert window.editor.position == 0  # stays, so the warning is read
    warning = window.editor.tag_warning
    assert warning.isVisible() and "tag ‹2› is missing" in warning.text()  # as chips read
    assert "Segment 1 · confirmed · 1 revision(s)" in window.editor.heading.text()
    status = window.model.index(0, COL_STATUS)
    assert window.model.data(status, Qt.ItemDataRole.DecorationRole) is not None
    assert "tag ‹2› is missing" in window.model.data(status, Qt.ItemDataRole.ToolTipRole)
    assert window.model.data(status, TAG_PROBLEMS_ROLE) == ["tag <2/> is missing"]

    press(editor, Qt.Key.Key_Return, CTRL)  # again: moves on, saved as it is
    assert window.editor.position == 1
    assert window.model.data(status, TAG_PROBLEMS_ROLE) == ["tag <2/> is missing"]
    window.close()

    again = open_window(project)
    status = again.model.index(0, COL_STATUS)
    assert again.model.data(status, TAG_PROBLEMS_ROLE) == ["tag <2/> is missing"]
    assert again.model.data(status, Qt.ItemDataRole.DecorationRole) is not None
    assert again.model.data(again.model.index(3, COL_STATUS),
                            Qt.ItemDataRole.DecorationRole) is None


def test_fixing_the_tags_clears_the_warning(window: MainWindow) -> None:
    editor = window.editor.correction_edit
    put_cursor(editor, MT_0.index(X2) + 1)
    press(editor, Qt.Key.Key_Backspace)
    window.confirm_current()
    assert window.editor.tag_warning.isVisible()
    press(editor, Qt.Key.Key_F8)
    assert window.editor.tag_warning.isHidden()
    window.confirm_current()
    assert window.model.data(window.model.index(0, COL_STATUS), TAG_PROBLEMS_ROLE) == []
    assert window.editor.position == 1


def test_a_locked_segment_is_read_only_and_kept(window: MainWindow, project: Path) -> None:
    window._select_row(2)
    editor = window.editor.correction_edit
    assert editor.isReadOnly()
    assert window.editor.lock_note.isVisible()
    assert "not to be translated" in window.editor.lock_note.text()
    type_text(editor, "xyz")
    assert window.editor.text() == MT_2
    press(editor, Qt.Key.Key_Return, CTRL)
    assert window.editor.position == 3  # moved on, nothing saved
    assert revisions_in_db(project) == []
    flags = window.model.flags(window.model.index(2, COL_CORRECTION))
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert not window.editor.correction_edit.isReadOnly()
    assert window.editor.lock_note.isHidden()


def test_context_lines_show_beside_the_segment(window: MainWindow) -> None:
    context = window.editor.context_view
    assert context.isVisible()
    assert NOTE_0 in context.text() and "btn.save" in context.text()
    assert "<b>Note</b>" in context.text()
    window._select_row(1)
    assert "menu.file" in context.text() and NOTE_0 not in context.text()
    window._select_row(3)
    assert context.isHidden()
    assert window.editor.text() == MT_3


def test_export_dialog_offers_only_what_the_project_can_produce(
        window: MainWindow, tmp_path: Path, interaction: ScriptedInteraction,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str]] = []

    def save_file(title: str, file_filter: str, suggestion: str = "",
                  refuse: object = None) -> Path:
        asked.append((file_filter, suggestion))
        return tmp_path / "out.tsv"

    monkeypatch.setattr(interaction, "save_file", save_file)
    window.export_dialog()
    file_filter, suggestion = asked[0]
    formats = window.session.export_formats()
    offered = file_filter.split(";;")
    assert offered == [f"{label} (*{extension})" for _name, label, extension in
                       sorted(formats, key=lambda item: item[0] != "xliff")]
    assert suggestion.endswith("-corrected.xlf")  # the first type's extension
    assert interaction.errors == []
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8").count("\n") >= 4


def test_export_dialog_of_a_text_project_has_no_markup_formats(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        interaction: ScriptedInteraction, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(seed_project)
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(interaction, "save_file",
                        lambda title, file_filter, suggestion="", refuse=None: asked.append(
                            (file_filter, suggestion)))
    window.export_dialog()
    file_filter, suggestion = asked[0]
    assert "XLIFF" not in file_filter and "TMX" not in file_filter
    assert "All files" not in file_filter
    assert file_filter.split(";;")[0].endswith("(*.txt)") and suggestion.endswith(".txt")


def test_hovering_a_chip_shows_its_markup(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    editor = window.editor.correction_edit
    cursor = editor.textCursor()
    cursor.setPosition(MT_0.index(O1))
    rect = editor.cursorRect(cursor)
    point = QPoint(rect.left() + 5, rect.center().y())
    viewport = editor.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point,
                                                viewport.mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "&lt;g id=&quot;1&quot; ctype=&quot;x-bold&quot;&gt;" in QToolTip.text()
    assert "opening g" in QToolTip.text()


def test_dropping_tagged_text_keeps_its_chips(window: MainWindow) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    editor = window.editor.correction_edit
    position = MT_0.index(O1)
    put_cursor(editor, MT_0.index(C1) + 1, anchor=position)
    dragged = editor.createMimeDataFromSelection()
    put_cursor(editor, 0)
    cursor = editor.textCursor()
    cursor.setPosition(0)
    target = editor.cursorRect(cursor).center()
    viewport = editor.viewport()
    copy = Qt.DropAction.CopyAction
    buttons, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(target, copy, dragged, buttons, none))
    QApplication.sendEvent(viewport, QDragMoveEvent(target, copy, dragged, buttons, none))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(target), copy, dragged, buttons, none))
    assert window.editor.text() == f"{O1}Enregistrer{C1}" + MT_0


def test_no_break_spaces_and_line_separators_survive_the_editor(
        open_window: Callable[[Path], MainWindow], tmp_path: Path) -> None:
    from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
    from reviewer.session import ReviewSession

    texts = ["Prix\u00a0: 10\u00a0€ « ok »", "line one\u2028line two", "plain"]
    path = tmp_path / "spaces.review"
    document = ImportedDocument([ImportedSegment(mt=text) for text in texts],
                                Layout(("", "\n", "\n", "\n")), "lines")
    ReviewSession.create(path, document).close()
    window = open_window(path)
    assert window.editor.text() == texts[0]
    window._move(1)
    assert window.editor.text() == texts[1]
    window._move(1)
    assert revisions_in_db(path) == []  # looking is not editing


def test_history_and_timeline_show_tag_labels_not_private_characters(
        window: MainWindow) -> None:
    window.confirm_current()  # segment 1 confirmed as it is: a revision holding tags
    history = window.history.model
    texts = [history.data(history.index(row, column)) for row in range(history.rowCount())
             for column in range(history.columnCount())]
    timeline = window.timeline.model
    texts += [timeline.data(timeline.index(row, column))
              for row in range(timeline.rowCount()) for column in range(timeline.columnCount())]
    shown_texts = [text for text in texts if isinstance(text, str) and "Enregistrer" in text]
    assert shown_texts, "the revision is listed"
    for text in shown_texts:
        assert not any(tag_char(i) in text for i in range(3))
        assert "‹1" in text and "1›" in text


def test_the_app_quits_cleanly_with_a_tagged_copy_on_the_clipboard(project: Path,
                                                                   tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    child = Path(__file__).with_name("clipboard_child.py")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, str(child), str(project)], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert "<1>Enregistrer</1>" in result.stdout  # other programs got the notation
