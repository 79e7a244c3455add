"""The Translation memory pane, as a user sees it: after a confirm a similar segment shows
the match with its percentage and its differences marked; Ctrl+1 puts the match's target in
the correction and Ctrl+Z takes it back; a read-only window looks up but inserts nothing; a
memory file added from the Tools menu; the dock's place kept; quick moves show the last
segment's matches."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import select_all_and_delete, type_text

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from reviewer.core.memory import match_score
from reviewer.formats.plaintext import import_plain_text
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow
from reviewer.ui.match_pane import matches_html
from reviewer.ui.theme import DARK, DARK_COLOURS, LIGHT, LIGHT_COLOURS, SYSTEM, apply_theme

CTRL = Qt.KeyboardModifier.ControlModifier
SOURCES = [
    "Der Hund schläft im Garten.",
    "Der Hund schläft im grünen Garten.",
    "Die Katze trinkt Milch.",
    "Der Hund schläft im Haus.",
    "Ganz etwas anderes steht hier.",
]
MTS = [
    "The dog is sleeping in garden.",
    "The dog sleeps in green garden.",
    "Cat drinks the milk.",
    "The dog sleeps in house.",
    "Quite something else is here.",
]
TARGET = "The dog sleeps in the garden."


def make_project(folder: Path) -> Path:
    """Five segments with sources; the first, second and fourth are alike."""
    (folder / "src.txt").write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    (folder / "mt.txt").write_text("\n".join(MTS) + "\n", encoding="utf-8")
    path = folder / "dogs.review"
    ReviewSession.create(path, import_plain_text(folder / "mt.txt",
                                                 source=folder / "src.txt")).close()
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def key(qtbot, which: Qt.Key,  # type: ignore[no-untyped-def]
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A real key press where the keyboard is (window shortcuts included)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, which, modifiers)


def activate(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The window active, the keyboard in the correction."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.focus_correction()


def confirm_first(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Correct segment 1 and confirm it (Ctrl+Enter): the editor moves to segment 2."""
    activate(window, qtbot)
    window.select_row(0)
    edit = window.editor.correction_edit
    select_all_and_delete(edit)
    type_text(edit, TARGET)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: window.editor.position == 1)


def shown(window: MainWindow, qtbot, position: int) -> None:  # type: ignore[no-untyped-def]
    """Wait until the pane shows segment ``position``'s lookup."""
    pane = window.memory.pane
    qtbot.waitUntil(lambda: pane.caption.text().startswith(f"Segment {position + 1}:")
                    and "looking up" not in pane.caption.text(), timeout=5000)


def test_a_confirmed_segment_is_a_match_for_a_similar_one_with_its_percentage(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    assert window.memory.dock.toggleViewAction() in window.action_table.menus["&View"].actions()
    shown(window, qtbot, 0)
    assert "no match" in window.memory.pane.caption.text()  # an empty memory
    confirm_first(window, qtbot)
    shown(window, qtbot, 1)
    pane = window.memory.pane
    score = match_score(SOURCES[1], SOURCES[0])
    assert 50 <= score < 100
    text = pane.view.toPlainText()
    assert f"1.  {score}%" in text.replace("\xa0", " ")
    assert TARGET in text and "this project, segment 1" in text  # the target, its origin
    assert "1 match" in pane.caption.text() and "Ctrl+1" in pane.caption.text()
    html = pane.view.toHtml()
    assert "underline" in html and "grünen" in text  # the word the match lacks, marked
    assert [m.target for m in pane.matches] == [TARGET]


def test_the_diff_marks_words_only_the_match_has_and_words_only_the_segment_has() -> None:
    from reviewer.core.memory import TmMatch

    html = matches_html([TmMatch(80, "a red house", None, "une maison rouge", "tm.tmx")],
                        "a blue house", use_source=True)
    assert "line-through" in html.split("red")[0].rsplit("<span", 1)[1]  # red: only the match
    assert "underline" in html.split("blue")[0].rsplit("<span", 1)[1]  # blue: only the segment
    assert "80%" in html and "tm.tmx" in html and "une maison rouge" in html


def test_ctrl_1_puts_the_match_in_the_correction_and_ctrl_z_takes_it_back(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    confirm_first(window, qtbot)
    shown(window, qtbot, 1)
    edit = window.editor.correction_edit
    select_all_and_delete(edit)
    type_text(edit, "typed first")
    key(qtbot, Qt.Key.Key_1, CTRL)
    assert window.editor.text() == TARGET
    assert edit.hasFocus()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.editor.text() == "typed first"  # the text before the match, in one step
    key(qtbot, Qt.Key.Key_2, CTRL)  # there is no second match
    assert window.editor.text() == "typed first"
    assert "no match 2" in window.statusBar().currentMessage()


def test_the_pane_follows_a_confirm_and_an_undo(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    window.select_row(3)
    shown(window, qtbot, 3)
    assert not window.memory.pane.matches
    window.select_row(0)
    edit = window.editor.correction_edit
    select_all_and_delete(edit)
    type_text(edit, TARGET)
    window.editing.push_edit(0, TARGET, "confirmed", "Confirm segment 1")  # and stay there
    window.select_row(3)
    shown(window, qtbot, 3)
    assert [m.target for m in window.memory.pane.matches] == [TARGET]
    window.undo_stack.undo()  # the confirm taken back: the memory no longer has it
    qtbot.waitUntil(lambda: window.editor.position == 0)
    window.select_row(3)
    qtbot.waitUntil(lambda: not window.memory.pane.matches
                    and "no match" in window.memory.pane.caption.text(), timeout=5000)


def test_moving_quickly_shows_the_last_segments_matches(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    confirm_first(window, qtbot)
    for row in (2, 4, 1, 2, 3, 4, 2, 3):
        window.select_row(row)
    shown(window, qtbot, 3)
    assert [m.target for m in window.memory.pane.matches] == [TARGET]
    assert window.memory.pane.caption.text().startswith("Segment 4:")


def test_a_read_only_window_looks_up_but_inserts_nothing(
        project: Path, tmp_path: Path, interaction, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = ReviewSession.open(project)
    session.edit(0, TARGET, "anna")
    session.close()
    settings = QSettings(str(tmp_path / "ro.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ReviewSession.open(project, read_only=True), interaction=interaction,
                        settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.select_row(1)
    shown(window, qtbot, 1)
    assert [m.target for m in window.memory.pane.matches] == [TARGET]
    assert "Ctrl+1" not in window.memory.pane.caption.text()
    before = window.editor.text()
    window.action_table.action("tools.insert_match_1").trigger()
    assert window.editor.text() == before
    assert "Read-only" in window.statusBar().currentMessage()
    interaction.next_open = tmp_path / "kennel.tsv"
    window.action_table.action("tools.add_memory").trigger()  # refused before a file is asked
    assert not window.busy and interaction.errors[0][0] == "Translation memory not added"
    window.close()


def test_a_memory_file_added_from_the_tools_menu_gives_matches(
        open_window: Callable[[Path], MainWindow], project: Path, tmp_path: Path,
        interaction, qtbot) -> None:  # type: ignore[no-untyped-def]
    memory = tmp_path / "kennel.tsv"
    memory.write_text("Der Hund schläft im Haus!\tThe dog sleeps in the house!\n",
                      encoding="utf-8")
    window = open_window(project)
    window.select_row(3)
    shown(window, qtbot, 3)
    assert not window.memory.pane.matches
    interaction.next_open = memory
    window.action_table.action("tools.add_memory").trigger()
    qtbot.waitUntil(lambda: not window.busy, timeout=10000)
    assert interaction.errors == []
    assert "Added 1 unit(s) from kennel.tsv" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(window.memory.pane.matches), timeout=5000)
    match = window.memory.pane.matches[0]
    assert match.target == "The dog sleeps in the house!"
    assert "kennel.tsv" in window.memory.pane.view.toPlainText()


def test_the_pane_hidden_stays_hidden_next_time(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project)
    assert window.memory.dock.isVisible()
    window.memory.dock.toggleViewAction().trigger()
    assert not window.memory.dock.isVisible()
    window.close()
    again = open_window(project)
    assert not again.memory.dock.isVisible()


def test_another_look_repaints_the_marks_in_its_colours(
        open_window: Callable[[Path], MainWindow], project: Path, qtbot,
        qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    window = open_window(project)
    confirm_first(window, qtbot)
    shown(window, qtbot, 1)
    try:
        window.theme_actions.actions[DARK].trigger()
        qtbot.waitUntil(lambda: DARK_COLOURS.inserted in window.memory.pane.view.toHtml())
        window.theme_actions.actions[LIGHT].trigger()
        qtbot.waitUntil(lambda: LIGHT_COLOURS.inserted in window.memory.pane.view.toHtml())
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)
        apply_theme(qapp, SYSTEM)
        qapp.setStyleSheet(sheet)


def test_a_project_closes_only_once_its_lookup_has_ended(
        open_window: Callable[[Path], MainWindow], project: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Another project opened, or the window closed, while a lookup reads the project:
    the lookup ends first (a thread reading a closed project crashed the app)."""
    read, close = ReviewSession.matches, ReviewSession.close
    closing = threading.Event()
    failures: list[Exception] = []

    def slow(session: ReviewSession, *args: object, **kwargs: object) -> object:
        closing.wait(1.0)  # a close that does not wait for the lookup comes meanwhile
        try:
            return read(session, *args, **kwargs)  # type: ignore[arg-type]
        except Exception as error:
            failures.append(error)
            raise

    def closed(session: ReviewSession) -> None:
        closing.set()
        close(session)

    (tmp_path / "other").mkdir()
    other = make_project(tmp_path / "other")
    window = open_window(project)
    shown(window, qtbot, 0)
    monkeypatch.setattr(ReviewSession, "matches", slow)
    monkeypatch.setattr(ReviewSession, "close", closed)
    window.select_row(3)  # a lookup reads while another project is opened
    assert window.open_project(other)
    qtbot.waitUntil(lambda: not window.memory._lookups.busy, timeout=5000)
    closing.clear()
    window.select_row(2)  # and while the window closes
    window.close()
    qtbot.wait(1200)  # a lookup left running has read the closed project by now
    assert failures == []
