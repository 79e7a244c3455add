"""Spelling in the window: underlined while typing, suggestions on right click, the
project dictionary kept in the project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qt_helpers import press, type_text
from tag_project import C1, O1, TAGS_0, X2

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from reviewer.core.lexicon import forget_lexicons
from reviewer.ui.correction_edit import CorrectionEdit
from reviewer.ui.main_window import MainWindow
from reviewer.ui.spelling import ADD_WORD, SpellingSupport
from reviewer.ui.tag_chips import chips_in

SPELL = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def spelling_of(window: MainWindow, qtbot) -> SpellingSupport:  # type: ignore[no-untyped-def]
    """The correction's spelling once its word list is there."""
    spelling = window.editor.correction_edit.spelling
    spelling.use_session(window.session)
    qtbot.waitUntil(lambda: spelling.ready, timeout=20000)
    return spelling


def select_row(window: MainWindow, row: int) -> None:
    """Open segment ``row`` (the window's method lost its underscore in the split)."""
    select = getattr(window, "select_row", None) or getattr(window, "_select_row")  # noqa: B009
    select(row)


def underlined(edit: CorrectionEdit) -> list[str]:
    """The texts a spell-check underline is drawn under, in order."""
    found = []
    block = edit.document().begin()
    while block.isValid():
        for span in block.layout().formats():
            if span.format.underlineStyle() == SPELL:
                found.append(block.text()[span.start:span.start + span.length])
        block = block.next()
    return found


def point_in(edit: CorrectionEdit, word: str) -> QPoint:
    """Viewport coordinates of the middle of ``word``'s last occurrence."""
    start = edit.document().toPlainText().rindex(word)
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start + len(word) // 2)
    return edit.cursorRect(cursor).center()


def test_a_misspelled_word_is_underlined_as_it_is_typed(window: MainWindow, qtbot) -> None:
    spelling = spelling_of(window, qtbot)
    edit = window.editor.correction_edit
    assert underlined(edit) == []  # segment 1 of the seed is spelled well
    window.editor.focus_correction()
    type_text(edit, " teh")
    assert edit.text().endswith(" teh")
    assert underlined(edit) == []  # still being typed: it may become "tehran"
    type_text(edit, ",")
    assert underlined(edit) == ["teh"]
    span = next(span for span in edit.document().begin().layout().formats()
                if span.format.underlineStyle() == SPELL)
    assert span.format.underlineColor().name() == "#d32f2f"
    for _ in range(3):
        press(edit, Qt.Key.Key_Backspace)
    type_text(edit, "he")
    assert edit.text().endswith(" the")
    assert underlined(edit) == []
    type_text(edit, " wrold")
    assert underlined(edit) == []
    press(edit, Qt.Key.Key_Left)  # the cursor leaves the word's end: it is checked
    assert underlined(edit) == ["wrold"]
    type_text(edit, "x")  # typing inside the word: left alone until the cursor leaves
    assert underlined(edit) == []
    press(edit, Qt.Key.Key_Home)
    assert underlined(edit) == ["wrolxd"]
    assert spelling.checker is not None and spelling.checker.language == "en"


def test_underlining_is_no_edit(window: MainWindow, qtbot) -> None:
    """Qt's rehighlight says the document changed; the window must not see typing."""
    edit = window.editor.correction_edit
    edit.set_text("teh wrold")
    typed: list[str] = []
    window.editor.textEdited.connect(lambda _position, text: typed.append(text))
    spelling = spelling_of(window, qtbot)
    assert underlined(edit) == ["teh", "wrold"]
    spelling.highlighter.rehighlight()
    spelling.add_word("wrold")
    assert underlined(edit) == ["teh"]
    assert typed == []


def test_suggestions_lead_the_context_menu_and_replace_as_typing(window: MainWindow,
                                                                 qtbot) -> None:
    spelling = spelling_of(window, qtbot)
    edit = window.editor.correction_edit
    before = edit.text()
    window.editor.focus_correction()
    type_text(edit, " teh")
    menu = spelling.context_menu(point_in(edit, "teh"))
    texts = [action.text() for action in menu.actions()]
    assert texts[0] == "the"
    assert ADD_WORD in texts
    assert texts.index(ADD_WORD) < len(texts) - 1  # the editor's own actions follow
    menu.actions()[0].trigger()
    assert edit.text() == before + " the"
    assert underlined(edit) == []
    window.undo_stack.undo()  # typing and the replacement are the window's steps
    assert edit.text() == before
    window.undo_stack.redo()
    assert edit.text() == before + " the"


def test_the_menu_key_offers_the_word_at_the_cursor(window: MainWindow, qtbot) -> None:
    spelling_of(window, qtbot)
    edit = window.editor.correction_edit
    window.editor.focus_correction()
    type_text(edit, " teh")
    edit.moveCursor(QTextCursor.MoveOperation.Left)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0))
    QApplication.sendEvent(edit, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert menu.actions()[0].text() == "the"
    menu.close()


def test_adding_a_word_removes_its_underline_and_stays_in_the_project(
        open_window: Callable[[Path], MainWindow], seed_project: Path, qtbot) -> None:
    window = open_window(seed_project)
    spelling = spelling_of(window, qtbot)
    row = next(row for row, segment in enumerate(window.session.segments())
               if "Valdai" in segment.mt)
    select_row(window, row)
    edit = window.editor.correction_edit
    assert underlined(edit) == ["Valdai"]
    menu = spelling.context_menu(point_in(edit, "Valdai"))
    add = next(action for action in menu.actions() if action.text() == ADD_WORD)
    add.trigger()
    assert underlined(edit) == []
    assert window.session.project_words() == ["Valdai"]
    assert window.undo_stack.count() == 0  # the project's dictionary is no edit of the text
    window.close()
    again = open_window(seed_project)
    spelling_of(again, qtbot)
    select_row(again, row)
    assert underlined(again.editor.correction_edit) == []
    type_text(again.editor.correction_edit, " Valdia")
    assert underlined(again.editor.correction_edit) == ["Valdia"]
    menu = again.editor.correction_edit.spelling.context_menu(
        point_in(again.editor.correction_edit, "Valdia"))
    assert "Valdai" in [action.text() for action in menu.actions()][:5]


def test_chips_stay_chips_beside_underlined_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = CorrectionEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.spelling.use("en", [], None)
    qtbot.waitUntil(lambda: edit.spelling.ready, timeout=20000)
    text = f"Click {O1}Svae{C1} to keep{X2} your chanegs."
    edit.set_text(text, TAGS_0)
    assert underlined(edit) == ["Svae", "chanegs"]
    assert edit.text() == text
    assert [index for _position, index in chips_in(edit.document())] == [0, 1, 2]
    for span in edit.document().begin().layout().formats():
        covered = edit.document().toPlainText()[span.start:span.start + span.length]
        assert "\ufffc" not in covered
    menu = edit.spelling.context_menu(point_in(edit, "Svae"))
    assert menu.actions()[0].text() == "Save"
    assert not next(a for a in menu.actions() if a.text() == ADD_WORD).isEnabled()
    menu.actions()[0].trigger()
    assert edit.text() == f"Click {O1}Save{C1} to keep{X2} your chanegs."
    assert [index for _position, index in chips_in(edit.document())] == [0, 1, 2]
    assert underlined(edit) == ["chanegs"]


def test_the_word_list_loads_in_the_background(qtbot) -> None:  # type: ignore[no-untyped-def]
    forget_lexicons()
    edit = CorrectionEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.set_text("Привет, превет!")
    edit.spelling.use("ru-RU", [], None)
    assert not edit.spelling.ready  # the window goes on while the list loads
    assert underlined(edit) == []
    qtbot.waitUntil(lambda: edit.spelling.ready, timeout=20000)
    assert underlined(edit) == ["превет"]


def test_no_word_list_no_underlines(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = CorrectionEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.spelling.use("ja", [], None)
    assert edit.spelling.ready
    edit.set_text("teh wrold")
    assert underlined(edit) == []
    menu = edit.spelling.context_menu(point_in(edit, "teh"))
    assert ADD_WORD not in [action.text() for action in menu.actions()]
