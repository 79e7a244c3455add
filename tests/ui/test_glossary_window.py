"""The glossary in the window: terms marked on the text searched and listed under the
correction, Ctrl+Shift+G inserting a target (one undo step), Tools → Glossary… adding,
changing, deleting, filtering and importing terms, and a read-only window refusing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, type_text
from test_keyboard import ALT, CTRL, SHIFT, activated, key
from test_keyboard_reach import mnemonic_clashes
from test_theme import _contrast, _restore_look  # noqa: F401 (restores the look)

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from reviewer import session_glossary
from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.glossary import GlossaryIndex
from reviewer.session import ReviewSession
from reviewer.ui.glossary_dialog import GlossaryDialog
from reviewer.ui.glossary_marks import term_background_at
from reviewer.ui.main_window import MainWindow
from reviewer.ui.theme import (
    DARK,
    DARK_COLOURS,
    LIGHT_COLOURS,
    Colours,
    colours,
    dark_palette,
)

# the seed article's first segment (it has no source: terms are looked for in the MT)
FIRST = "Putin: Russian military to act in Syria successful, but terrorism has not been defeated"


def with_terms(project: Path, *terms: tuple[str, str, str, bool]) -> Path:
    """``project`` with ``terms`` (source, target, note, forbidden) in its glossary."""
    session = ReviewSession.open(project)
    for source, target, note, forbidden in terms:
        session.add_glossary_term(source, target, note, forbidden)
    session.close()
    return project


def marked(window: MainWindow, view_name: str, word: str) -> list[QColor | None]:
    """The term background on each character of ``word`` in a view, as painted."""
    view = getattr(window.editor, view_name)
    start = view.toPlainText().index(word)
    return [term_background_at(view, position)
            for position in range(start, start + len(word))]


def term_colour() -> QColor:
    return colours().qcolor("term_background")


@pytest.fixture
def opened(open_window: Callable[[Path], MainWindow], seed_project: Path,
           qtbot) -> Callable[..., MainWindow]:  # type: ignore[no-untyped-def]
    def open_(*terms: tuple[str, str, str, bool]) -> MainWindow:
        window = activated(qtbot, open_window(with_terms(seed_project, *terms)))
        window.select_row(0)
        return window
    return open_


def test_a_term_of_the_mt_is_marked_on_its_characters_and_listed(
        opened: Callable[..., MainWindow]) -> None:
    window = opened(("terrorism", "терроризм", "", False),
                    ("Syria", "Сирия", "the country", False),
                    ("military", "военщина", "", True))
    assert window.editor.mt_view.toPlainText() == FIRST
    assert marked(window, "mt_view", "terrorism") == [term_colour()] * len("terrorism")
    assert marked(window, "mt_view", "Syria") == [term_colour()] * len("Syria")
    assert set(marked(window, "mt_view", "Putin")) == {None}
    assert set(marked(window, "mt_view", " but ")) == {None}
    label = window.glossary.terms_label
    assert label.isVisible()
    assert label.lines() == ["military → военщина (do not use)",
                             "Syria → Сирия — the country", "terrorism → терроризм"]
    window.select_row(1)  # no term there
    assert not label.isVisible()
    assert set(marked(window, "mt_view", window.editor.mt_view.toPlainText()[:10])) == {None}


def test_resting_the_mouse_on_a_term_shows_its_target_and_note(
        opened: Callable[..., MainWindow], qtbot) -> None:  # type: ignore[no-untyped-def]
    window = opened(("Syria", "Сирия", "the country", False))
    view = window.editor.mt_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(FIRST.index("Syria") + 2)
    point = view.cursorRect(cursor).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Syria → Сирия — the country"
    QToolTip.hideText()


def test_a_term_stays_marked_while_the_correction_changes_the_mt_view(
        opened: Callable[..., MainWindow], qtbot) -> None:  # type: ignore[no-untyped-def]
    window = opened(("terrorism", "терроризм", "", False))
    edit = window.editor.correction_edit
    edit.moveCursor(edit.textCursor().MoveOperation.Start)
    type_text(edit, "Mr ")  # the MT view now shows "Mr " inserted before the MT
    qtbot.waitUntil(lambda: window.editor.mt_view.toPlainText().startswith("Mr "))
    assert marked(window, "mt_view", "terrorism") == [term_colour()] * len("terrorism")


def test_a_term_is_marked_among_reviewer_mode_track_changes(
        opened: Callable[..., MainWindow], seed_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    session = ReviewSession.open(seed_project)
    session.edit(0, FIRST.replace("Russian", "very Russian"), "editor")
    session.close()
    window = opened(("Russian military", "российские военные", "", False))
    key(qtbot, window.editor.correction_edit, Qt.Key.Key_R, CTRL | ALT)  # reviewer mode
    assert window.review_mode.active
    window.select_row(0)
    shown = window.editor.mt_view.toPlainText()
    assert "very Russian" in shown  # the editor's insertion is shown, not a term
    assert marked(window, "mt_view", "Russian military") == [term_colour()] * 16
    assert set(marked(window, "mt_view", "very")) == {None}


def test_a_term_of_the_source_is_marked_in_the_source_view(
        open_window: Callable[[Path], MainWindow], tmp_path: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "aligned.review"
    ReviewSession.create(path, ImportedDocument(
        [ImportedSegment("The cat sleeps.", source="Кот спит.")],
        Layout(("", "\n")), "lines")).close()
    window = activated(qtbot, open_window(with_terms(path, ("кот", "cat", "", False))))
    window.select_row(0)
    assert marked(window, "source_view", "Кот") == [term_colour()] * 3
    assert set(marked(window, "mt_view", "cat")) == {None}
    assert window.glossary.terms_label.lines() == ["кот → cat"]
    window.theme_actions.actions[DARK].trigger()  # repainted in the dark look's colour
    assert marked(window, "source_view", "Кот") == [QColor(DARK_COLOURS.term_background)] * 3


def test_ctrl_shift_g_inserts_the_target_and_ctrl_z_takes_only_it_back(
        opened: Callable[..., MainWindow], qtbot) -> None:  # type: ignore[no-untyped-def]
    window = opened(("terrorism", "терроризм", "", False))
    edit = window.editor.correction_edit
    type_text(edit, " —")
    key(qtbot, edit, Qt.Key.Key_G, CTRL | SHIFT)
    assert window.editor.text() == FIRST + " —терроризм"
    key(qtbot, edit, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == FIRST + " —"  # the typing before it is its own step
    key(qtbot, edit, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == FIRST


def test_with_several_terms_a_list_picks_one_by_keyboard_and_esc_inserts_none(
        opened: Callable[..., MainWindow], qtbot) -> None:  # type: ignore[no-untyped-def]
    window = opened(("terrorism", "терроризм", "", False), ("Syria", "Сирия", "", False),
                    ("military", "военщина", "", True))  # forbidden: never offered
    edit = window.editor.correction_edit
    key(qtbot, edit, Qt.Key.Key_G, CTRL | SHIFT)
    picker = window.glossary.picker
    assert isinstance(picker, QMenu)
    qtbot.waitUntil(picker.isVisible)
    assert [a.text() for a in picker.actions()] == ["&1  Syria → Сирия",
                                                   "&2  terrorism → терроризм"]
    key(qtbot, picker, Qt.Key.Key_Down)
    key(qtbot, picker, Qt.Key.Key_Return)
    assert window.editor.text() == FIRST + "терроризм"
    key(qtbot, edit, Qt.Key.Key_G, CTRL | SHIFT)
    picker = window.glossary.picker
    assert picker is not None
    qtbot.waitUntil(picker.isVisible)
    key(qtbot, picker, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not picker.isVisible())
    assert window.editor.text() == FIRST + "терроризм"


def open_dialog(window: MainWindow, qtbot) -> GlossaryDialog:  # type: ignore[no-untyped-def]
    window.action_table.action("glossary.edit").trigger()
    dialog = window.glossary.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_term_added_in_the_dialog_is_marked_and_lands_in_the_project_file(
        opened: Callable[..., MainWindow], seed_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    window = opened()
    assert not window.glossary.terms_label.isVisible()
    dialog = open_dialog(window, qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.filter_edit)
    assert mnemonic_clashes(dialog) == {}
    type_text(dialog.source_edit, "Syria")
    type_text(dialog.target_edit, "Сирия")
    type_text(dialog.note_edit, "the country")
    key(qtbot, dialog.note_edit, Qt.Key.Key_Return)  # Enter adds (nothing is selected)
    assert dialog.model.rowCount() == 1 and dialog.source_edit.text() == ""
    assert marked(window, "mt_view", "Syria") == [term_colour()] * len("Syria")
    assert window.glossary.terms_label.lines() == ["Syria → Сирия — the country"]
    window.close()
    reopened = ReviewSession.open(seed_project)
    assert [(t.source, t.target, t.note, t.forbidden) for t in reopened.glossary()] == \
        [("Syria", "Сирия", "the country", False)]
    reopened.close()


def test_the_dialog_changes_filters_and_deletes_terms(
        opened: Callable[..., MainWindow], interaction: ScriptedInteraction,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    window = opened(("terrorism", "терроризм", "", False), ("Syria", "Сирия", "", False))
    dialog = open_dialog(window, qtbot)
    type_text(dialog.filter_edit, "SYR")
    assert dialog.proxy.rowCount() == 1
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    assert dialog.source_edit.text() == "Syria"
    dialog.target_edit.setText("Сирийская Республика")
    dialog.forbidden_box.setChecked(True)
    key(qtbot, dialog.target_edit, Qt.Key.Key_Return)  # Enter saves the selected term
    assert window.session.glossary()[1].target == "Сирийская Республика"
    assert window.session.glossary()[1].forbidden
    assert "Syria → Сирийская Республика (do not use)" in window.glossary.terms_label.lines()
    interaction.answer = False  # asked, and no
    key(qtbot, dialog.table, Qt.Key.Key_Delete)
    assert len(window.session.glossary()) == 2
    interaction.answer = True
    key(qtbot, dialog.table, Qt.Key.Key_Delete)
    assert [t.source for t in window.session.glossary()] == ["terrorism"]
    assert set(marked(window, "mt_view", "Syria")) == {None}
    dialog.filter_edit.clear()
    assert dialog.proxy.rowCount() == 1
    dialog.source_edit.setText(" ")
    dialog.add_button.click()
    assert interaction.errors[-1] == ("Term not added", "a glossary term needs a source term "
                                      "(a word at least)")


def test_a_csv_glossary_is_imported_from_the_dialog(
        opened: Callable[..., MainWindow], interaction: ScriptedInteraction, tmp_path: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    window = opened()
    dialog = open_dialog(window, qtbot)
    csv = tmp_path / "terms.csv"
    csv.write_text("source,target,note\nterrorism,терроризм,\nSyria,Сирия,country\n",
                   encoding="utf-8")
    interaction.next_open = csv
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not window.busy, timeout=10000)
    assert dialog.model.rowCount() == 2
    assert marked(window, "mt_view", "terrorism") == [term_colour()] * len("terrorism")
    assert "2 term(s) added" in window.statusBar().currentMessage()


def test_a_read_only_window_shows_the_glossary_but_changes_nothing(
        seed_project: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    with_terms(seed_project, ("terrorism", "терроризм", "", False))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    interaction = ScriptedInteraction()
    window = MainWindow(ReviewSession.open(seed_project, read_only=True),
                        interaction=interaction, settings=settings)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    window.select_row(0)
    assert marked(window, "mt_view", "terrorism") == [term_colour()] * len("terrorism")
    window.glossary.insert_term()
    assert window.editor.text() == FIRST
    dialog = open_dialog(window, qtbot)
    assert dialog.model.rowCount() == 1 and "Read-only" in dialog.note.text()
    assert not dialog.add_button.isEnabled() and not dialog.import_button.isEnabled()
    dialog.table.selectRow(0)
    assert not dialog.save_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert window.glossary.add_term("Syria", "Сирия", "", False) is None
    window.glossary.import_file()
    assert [title for title, _message in interaction.errors] == ["Term not added",
                                                                "Glossary not imported"]
    window.close()
    assert len(ReviewSession.open(seed_project, read_only=True).glossary()) == 1


@pytest.mark.parametrize(("look", "text", "base"), [
    (LIGHT_COLOURS, QColor("#000000"), QColor("#ffffff")),
    (DARK_COLOURS, dark_palette().color(QPalette.ColorRole.Text),
     dark_palette().color(QPalette.ColorRole.Base))])
def test_term_marks_keep_text_and_diffs_readable(look: Colours, text: QColor,
                                                 base: QColor) -> None:
    background = look.qcolor("term_background")
    for colour in (text, look.qcolor("deleted"), look.qcolor("inserted")):
        assert _contrast(colour, background) >= 4.5, colour.name()
    assert _contrast(background, base) >= 1.1  # seen on the view's own background
    assert look.term_background not in look.severity.values()  # not an MQM mark


def test_a_big_glossary_is_compiled_off_the_gui_thread_then_marked(
        open_window: Callable[[Path], MainWindow], seed_project: Path, qtbot,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    compiled_in: list[bool] = []  # per compile: on the GUI thread?

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        compiled_in.append(threading.current_thread() is threading.main_thread())
        return GlossaryIndex(*args, **kwargs)

    monkeypatch.setattr(session_glossary, "GlossaryIndex", spy)
    session = ReviewSession.open(seed_project)
    session.add_glossary_term("terrorism", "терроризм")
    for number in range(400):  # more than is compiled on the spot
        session.add_glossary_term(f"filler term {number}", f"термин {number}")
    session.close()
    window = activated(qtbot, open_window(seed_project))
    window.select_row(0)
    qtbot.waitUntil(lambda: marked(window, "mt_view", "terrorism")
                    == [term_colour()] * len("terrorism"), timeout=10_000)
    assert "терроризм" in window.glossary.terms_label.text()
    window.select_row(1)  # compiled once: the next segment's terms come at once
    assert compiled_in == [False]
